// Budgets for tests, written as the grid a lead would type and read by the real reader.
import { readBudget } from '../../shared/budget-reader.js';
import { CODE_LABELS_IT } from '../../shared/labels.js';
import type { Budget } from '../../shared/model.js';
import { formatEuro, fromCents } from '../../shared/money.js';

const eu = (cents: bigint) => formatEuro(fromCents(cents));

/** A cost line: its amount in cents, optionally split into a funded and a cofinanced share. */
export type LineSpec = bigint | null | { funded: bigint; cofinanced: bigint };

export interface BudgetSpec {
  A: LineSpec;
  coord?: LineSpec; // absent or null: "€ ....."
  B: LineSpec;
  C: LineSpec;
  D: LineSpec;
  E: LineSpec;
  contribution: bigint;
  /** Cofinancer rows: [entity, monetary cents | null, in-kind cents | null]. */
  cofinancers: [string, bigint | null, bigint | null][];
  /** Total, cofinancing and the table totals default to what the rows and lines add up to. */
  total?: bigint;
  cofinancing?: bigint;
}

export function amountOfSpec(l: LineSpec): bigint {
  if (l === null) return 0n;
  return typeof l === 'bigint' ? l : l.funded + l.cofinanced;
}

function cell(l: LineSpec): string {
  if (l === null) return '€ .....';
  if (typeof l === 'bigint') return eu(l);
  return `${eu(l.funded)} (finanziamento) ${eu(l.cofinanced)} (cof) ${eu(l.funded + l.cofinanced)} (Totale)`;
}

function gridOf(s: BudgetSpec): string[][] {
  const lines = amountOfSpec(s.A) + amountOfSpec(s.B) + amountOfSpec(s.C) + amountOfSpec(s.D) + amountOfSpec(s.E);
  const total = s.total ?? lines;
  const monetary = s.cofinancers.reduce((a, [, m]) => a + (m ?? 0n), 0n);
  const inKind = s.cofinancers.reduce((a, [, , k]) => a + (k ?? 0n), 0n);
  const cofinancing = s.cofinancing ?? total - s.contribution;
  return [
    ['PIANO DEI CONTI DEL PROGETTO'],
    ['Voce di costo', 'Importo'],
    [CODE_LABELS_IT.A, cell(s.A)],
    [CODE_LABELS_IT.A_coord, cell(s.coord ?? null)],
    [CODE_LABELS_IT.B, cell(s.B)],
    [CODE_LABELS_IT.C, cell(s.C)],
    [CODE_LABELS_IT.D, cell(s.D)],
    [CODE_LABELS_IT.E, cell(s.E)],
    ['TOTALE', eu(total)],
    [CODE_LABELS_IT.CONTRIBUTION, eu(s.contribution)],
    [CODE_LABELS_IT.COFINANCING, eu(cofinancing)],
    [],
    ['ENTE', 'COFINANZIAMENTO MONETARIO', 'COFINANZIAMENTO VALORIZZAZIONE ECONOMICA'],
    ...s.cofinancers.map(([e, m, k]) => [e, m === null ? '-----' : eu(m), k === null ? '-----' : eu(k)]),
    ['TOTALE', eu(monetary), eu(inKind)],
  ];
}

export function budgetOf(s: BudgetSpec): Budget {
  return readBudget(gridOf(s));
}
