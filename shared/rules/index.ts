// The rule catalogue: every rule the engine runs, in the order findings are reported.
import { amountNegative } from './amount-negative.js';
import { amountUnreadable } from './amount-unreadable.js';
import { assignedWithinRequested } from './assigned-within-requested.js';
import { budgetIncomplete } from './budget-incomplete.js';
import { cofinancerIsPartner } from './cofinancer-is-partner.js';
import { cofinancingMin } from './cofinancing-min.js';
import { cofinancingTableSum } from './cofinancing-table-sum.js';
import { contributionMax } from './contribution-max.js';
import { coordinationMax } from './coordination-max.js';
import { coordinationWithinPersonnel } from './coordination-within-personnel.js';
import { fundingSplit } from './funding-split.js';
import { lineSplitSum } from './line-split-sum.js';
import { linesSum } from './lines-sum.js';
import { rowUnreadable } from './row-unreadable.js';
import type { Rule } from './rule.js';

export const RULES: readonly Rule[] = [
  budgetIncomplete,
  linesSum,
  fundingSplit,
  cofinancingMin,
  coordinationMax,
  coordinationWithinPersonnel,
  contributionMax,
  cofinancingTableSum,
  lineSplitSum,
  cofinancerIsPartner,
  assignedWithinRequested,
  amountNegative,
  amountUnreadable,
  rowUnreadable,
];

export type { Rule, RuleContext, FormulaRefs } from './rule.js';
