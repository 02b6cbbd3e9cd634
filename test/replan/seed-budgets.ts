// The seven budgets of the seed annex, read through the same reader the pipeline uses.
// Test-side only: the pipeline has its own splitter; here we just cut each budget block out.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readBudget, type Grid } from '../../shared/budget-reader.js';
import type { Budget } from '../../shared/model.js';

const SEED = fileURLToPath(new URL('../../seeds/sub-allegato-2-ats-val-padana-2020.md', import.meta.url));

const FURNITURE = new Set([
  'Conciliazione Vita-Lavoro', 'Sistema Socio Sanitario', 'Regione Lombardia', 'ATS Val Padana', 'Regione', 'Lombardia',
]);

function isFurniture(line: string): boolean {
  const t = line.trim();
  return FURNITURE.has(t) || /^\d{1,3}$/.test(t);
}

export interface SeedProject {
  id: string;
  /** "Assegnato € ..." of the project's header, as the annex writes it. */
  assignedRaw: string;
  budget: Budget;
  /** The grid the budget was read from, for tests that write a proposal back into it. */
  grid: string[][];
}

export function seedProjects(): SeedProject[] {
  const lines = readFileSync(SEED, 'utf8').split(/\r?\n/);
  const out: SeedProject[] = [];
  let id: string | null = null;
  let assignedRaw: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const sub = /^Sub-Allegato (2\.\d)\s*$/.exec(line.trim());
    if (sub) id = sub[1]!;
    const as = /^Assegnato (.*)$/.exec(line.trim());
    if (as) assignedRaw = as[1]!.trim();
    if (/^(<b>)?Voce di costo/.test(line) && id && assignedRaw) {
      const grid: string[][] = [];
      for (let j = i; j < lines.length && !/Torna a elenco/.test(lines[j]!); j++) {
        if (isFurniture(lines[j]!)) continue;
        grid.push(lines[j]!.split('\t'));
      }
      out.push({ id, assignedRaw, budget: readBudget(grid as Grid), grid });
      id = null;
      assignedRaw = null;
    }
  }
  return out;
}
