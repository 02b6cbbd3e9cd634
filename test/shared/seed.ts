// Test helper: the seed annex as plain lines, and simple cuts of it (budget grids, partner
// tables) made the way a person would make them by hand, independent of pipeline/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Partner } from '../../shared/model.js';
import { visibleText } from '../../shared/text.js';

const SEED = fileURLToPath(new URL('../../seeds/sub-allegato-2-ats-val-padana-2020.md', import.meta.url));

export const seedLines: readonly string[] = readFileSync(SEED, 'utf8').split('\n');

export const PROJECT_IDS = ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7'] as const;

// The furniture this annex repeats on every page, and bare page numbers. Good enough for a
// test that only needs the budget and partner tables.
const FURNITURE = new Set([
  'Conciliazione Vita-Lavoro', 'Sistema Socio Sanitario', 'Regione Lombardia', 'Regione', 'Lombardia', 'ATS Val Padana',
]);
export function isFurniture(line: string): boolean {
  const t = line.trim();
  return FURNITURE.has(t) || /^\d{1,3}$/.test(t);
}

const firstCell = (line: string) => visibleText(line.split('\t')[0] ?? '');

/** Line index (0-based) of the seven "Voce di costo" headings, in project order. */
export function budgetStarts(): number[] {
  return seedLines.flatMap((l, i) => (firstCell(l) === 'Voce di costo' ? [i] : []));
}

export interface SeedGrid {
  project: (typeof PROJECT_IDS)[number];
  /** 0-based seed line of each grid row. */
  sourceLine: number[];
  grid: string[][];
}

/** Each budget from its "Voce di costo" row to the cofinancing table's TOTALE row (the second TOTALE). */
export function seedBudgetGrids(): SeedGrid[] {
  return budgetStarts().map((start, k) => {
    let totals = 0;
    let end = start;
    for (; end < seedLines.length; end++) {
      if (firstCell(seedLines[end]!) === 'TOTALE' && ++totals === 2) break;
    }
    const sourceLine: number[] = [];
    const grid: string[][] = [];
    for (let i = start; i <= end; i++) {
      if (isFurniture(seedLines[i]!)) continue;
      sourceLine.push(i);
      grid.push(seedLines[i]!.split('\t'));
    }
    return { project: PROJECT_IDS[k]!, sourceLine, grid };
  });
}

/** The partner table of each project ("NOME DELL'ENTE" header, then "1. name<TAB>type<TAB>referent" rows). */
export function seedPartners(): Partner[][] {
  const heads = seedLines.flatMap((l, i) => (/^NOME DELL'ENTE\t/.test(l) ? [i] : []));
  return heads.map((h) => {
    const partners: Partner[] = [];
    for (let i = h + 1; i < seedLines.length; i++) {
      const l = seedLines[i]!;
      if (l.trim() === '' || isFurniture(l)) continue;
      const m = /^(\d+)\.\s+([^\t]*)\t([^\t]*)\t?(.*)$/.exec(l);
      if (!m) break;
      partners.push({
        seq: Number(m[1]), name: m[2]!.trim(), type: m[3]!.trim(), role: '', referent: m[4]!.trim(), email: '', phone: '', line: i + 1,
      });
    }
    return partners;
  });
}
