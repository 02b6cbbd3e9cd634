// Profile driver: the budget validator (readBudget + checkBudget) on an n-row grid, repeated.
// Usage (through bench/profile.ts): budget.ts [rows=10000] [runs=100]
import { readBudget } from '../../shared/budget-reader.js';
import { checkBudget } from '../../shared/check-budget.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { budgetGrid } from '../budget-grids.js';

const rows = Number(process.argv[2] ?? 10000);
const runs = Number(process.argv[3] ?? 100);
const grid = budgetGrid(rows);
for (let i = 0; i < runs; i++) checkBudget(readBudget(grid), DEFAULT_PROFILE);
