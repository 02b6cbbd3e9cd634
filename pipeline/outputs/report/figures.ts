// The figures the report shows for a project, computed once from its record with exact money:
// the amounts of the header and the budget, and the cofinancing and coordination shares of the
// total at the request (declared TOTALE) and at the award (grant awarded + cofinancing, the
// re-planning's new total, against which the declared coordination is measured as the rules do).
import { lineOf, type LineCode } from '../../../shared/model.js';
import { money, shareOf, type Money } from '../../../shared/money.js';
import type { ProjectRecord } from '../../records.js';

export interface Share {
  /** Percentage rounded half-up to two decimals: what the report prints. */
  pct: Money;
  /** The exact percentage as a float, for drawing. */
  exact: number;
  /** The percentage to six decimals: the sort key, so that 29.99999% sorts below 30%. */
  key: string;
}

export interface ProjectFigures {
  requested: Money | null;
  assigned: Money | null;
  total: Money | null;
  cofinancing: Money | null;
  coordination: Money | null;
  /** Grant awarded + cofinancing, as the re-planning computes it. */
  newTotal: Money | null;
  cofinRequest: Share | null;
  cofinAward: Share | null;
  coordRequest: Share | null;
  coordAward: Share | null;
  counts: { error: number; warning: number; info: number };
}

const amountOf = (s: string | null | undefined): Money | null => (s === null || s === undefined ? null : money(s));

function declaredAmount(p: ProjectRecord, code: LineCode): Money | null {
  return amountOf(lineOf(p.budget, code)?.amount);
}

function share(part: Money | null, whole: Money | null): Share | null {
  if (part === null || whole === null || whole.isZero() || whole.isNegative()) return null;
  const pct = shareOf(part, whole)!;
  const exact = part.times(100).dividedBy(whole);
  return { pct, exact: exact.toNumber(), key: exact.toDecimalPlaces(6).toFixed(6) };
}

export function figuresOf(p: ProjectRecord): ProjectFigures {
  const total = declaredAmount(p, 'TOTAL');
  const cofinancing = declaredAmount(p, 'COFINANCING');
  const coordination = declaredAmount(p, 'A_coord');
  const assigned = amountOf(p.header.assigned);
  const newTotal = amountOf(p.replan?.newTotal) ?? (assigned !== null && cofinancing !== null ? assigned.plus(cofinancing) : null);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of p.findings) counts[f.severity]++;
  return {
    requested: declaredAmount(p, 'CONTRIBUTION'),
    assigned,
    total,
    cofinancing,
    coordination,
    newTotal,
    cofinRequest: share(cofinancing, total),
    cofinAward: share(cofinancing, newTotal),
    coordRequest: share(coordination, total),
    coordAward: share(coordination, newTotal),
    counts,
  };
}

/** "30,00" / "30.00": a percentage as the report prints it (the sign where it is printed). */
export function formatPct(pct: Money, lang: 'it' | 'en'): string {
  const s = pct.toFixed(2);
  return lang === 'it' ? s.replace('.', ',') : s;
}

/** A profile percentage ("30", "12.5") in the reader's form. */
export function formatThreshold(pct: string, lang: 'it' | 'en'): string {
  return lang === 'it' ? pct.replace('.', ',') : pct;
}
