// Profile driver: the core (readAnnex) on the seed, or on k copies of its projects, repeated.
// Usage (through bench/profile.ts): core.ts [copies=1] [runs=30]
import { annexCopies } from '../annex-copies.js';
import { readAnnex } from '../../pipeline/annex/read-annex.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';

const copies = Number(process.argv[2] ?? 1);
const runs = Number(process.argv[3] ?? 30);
const bytes = new TextEncoder().encode(annexCopies(copies));
// Each run a first read, as the bench times it: nothing read is remembered after its document.
for (let i = 0; i < runs; i++) readAnnex(bytes, 'seed.md', DEFAULT_PROFILE);
