import type { Budget, Finding } from '../model.js';
import { money, sum, toPlain, type Money } from '../money.js';
import { amountIs, makeFinding } from '../findings/make.js';
import { stated } from './amounts-of.js';
import type { Rule } from './rule.js';

type Cofinancer = Budget['cofinancers'][number];

// The two columns of the table, each with its declared total (made once: the rule runs per budget).
const COLUMNS = [
  { code: 'COFIN_MONETARY_TOTAL', column: 'monetary', amount: (c: Cofinancer) => c.monetary, cell: (c: Cofinancer) => c.monetaryCell },
  { code: 'COFIN_IN_KIND_TOTAL', column: 'inKind', amount: (c: Cofinancer) => c.inKind, cell: (c: Cofinancer) => c.inKindCell },
] as const;

/** The sum of one column's stated amounts (an amount not stated adds nothing). */
function columnSum(cofinancers: readonly Cofinancer[], amount: (c: Cofinancer) => string | null): Money {
  return sum(cofinancers.map((c) => {
    const v = amount(c);
    return v === null ? null : money(v);
  }));
}

export const cofinancingTableSum: Rule = {
  id: 'cofinancing-table-sum',
  severity: 'error',
  title: { it: 'La tabella del cofinanziamento quadra', en: 'The cofinancing table adds up' },
  check({ budget }) {
    const out: Finding[] = [];
    for (const col of COLUMNS) {
      const total = stated(budget, col.code);
      if (!total) continue;
      const computed = columnSum(budget.cofinancers, col.amount);
      if (computed.equals(total.value)) continue;
      out.push(
        makeFinding({
          rule: 'cofinancing-table-sum', severity: this.severity,
          data: { kind: 'column', column: col.column, declared: toPlain(total.value), computed: toPlain(computed) },
          at: [total.line.cell, ...budget.cofinancers.map(col.cell)],
          expected: amountIs(toPlain(computed)), actual: amountIs(toPlain(total.value)),
        }),
      );
    }
    const cofinancing = stated(budget, 'COFINANCING');
    const m = stated(budget, 'COFIN_MONETARY_TOTAL');
    const k = stated(budget, 'COFIN_IN_KIND_TOTAL');
    if (cofinancing && m && k && !m.value.plus(k.value).equals(cofinancing.value)) {
      const both = m.value.plus(k.value);
      out.push(
        makeFinding({
          rule: 'cofinancing-table-sum', severity: this.severity,
          data: { kind: 'parts', monetary: toPlain(m.value), inKind: toPlain(k.value), cofinancing: toPlain(cofinancing.value) },
          at: [cofinancing.line.cell, m.line.cell, k.line.cell],
          expected: amountIs(toPlain(both)), actual: amountIs(toPlain(cofinancing.value)),
        }),
      );
    }
    return out;
  },
  formula(refs) {
    const [m, k, f] = [refs.line('COFIN_MONETARY_TOTAL'), refs.line('COFIN_IN_KIND_TOTAL'), refs.line('COFINANCING')];
    if (!m || !k || !f) return null;
    // Each part judges only when its declared figures are numbers, as check() does (OR, not IF:
    // every argument is plain arithmetic, so evaluating all of them is harmless).
    const parts = [`OR(COUNT(${m},${k},${f})<3,ROUND(N(${m})+N(${k}),2)=ROUND(N(${f}),2))`];
    if (refs.cofinMonetary) parts.push(`OR(COUNT(${m})<1,ROUND(SUM(${refs.cofinMonetary}),2)=ROUND(N(${m}),2))`);
    if (refs.cofinInKind) parts.push(`OR(COUNT(${k})<1,ROUND(SUM(${refs.cofinInKind}),2)=ROUND(N(${k}),2))`);
    return parts.length === 1 ? parts[0]! : `AND(${parts.join(',')})`;
  },
  measure(refs) {
    const ranges = [refs.cofinMonetary, refs.cofinInKind].filter((r): r is string => r !== null);
    return ranges.length === 0 ? null : `ROUND(${ranges.map((r) => `SUM(${r})`).join('+')},2)`;
  },
};
