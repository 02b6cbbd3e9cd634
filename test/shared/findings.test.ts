// The findings catalogue: `expected` is always what the rule requires and `actual` what the
// budget says, for every rule, on budgets made at random (fast-check) and read from a grid as a
// sheet or an annex gives them; the schema refuses what the catalogue does not know; figures
// and reasons read alike in both languages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAmount, type CellValue } from '../../shared/amounts.js';
import { readBudget } from '../../shared/budget-reader.js';
import { checkBudget } from '../../shared/check-budget.js';
import { amountIs, euro, makeFinding, reasonOf, renderFigure, renderFinding, termIs, textIs, UNREADABLE_REASONS } from '../../shared/findings/index.js';
import { Finding, lineOf, type Budget, type LineCode } from '../../shared/model.js';
import { Money, sum } from '../../shared/money.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { ANNEX_LABELS } from '../fixtures/seed.js';

const P = DEFAULT_PROFILE;
type Code = keyof typeof ANNEX_LABELS;
const CODES = Object.keys(ANNEX_LABELS) as Code[];

/** Cents as the annex writes them: "€ 1.234,56", "€ -50,00". */
const written = (cents: number) => {
  const m = new Money(cents).dividedBy(100);
  return `€ ${m.isNegative() ? '-' : ''}${euro(m.abs(), 'it').slice(2)}`;
};

interface Drawn {
  lines: Record<Code, number>;
  cofin: [number, number][];
  totals: [number, number];
  assigned: number | null;
  /** A line whose cell says no amount, or something that is not one. */
  spoiled: { code: Code; text: string } | null;
  entities: string[];
  partners: string[];
}

// Cofinancers and partners with near misses among them, for the partner rule.
const ENTITIES = ['Comune di Sale', 'Comune di Lodi', 'Coop. Il Ponte', 'Fondazione Boni', 'Pasticceria Bonetti', 'Comune di Viadana'];
const PARTNERS = ['Comune di Salò', 'Comune di Lodi Vecchio', 'Cooperativa Sociale Il Ponte Onlus', 'RSA Boni', 'Unione dei Comuni di Viadana'];
const NOT_AMOUNTS = ['€ -----', 'non richiesto', 'circa 5.000', 'vedi allegato', '€ 5.000 (forse)'];

/** Figures near each other, so that sums and thresholds break as often as they hold. */
const cents = fc.integer({ min: 0, max: 6_000_000 });
const drawn: fc.Arbitrary<Drawn> = fc.record({
  lines: fc.record(Object.fromEntries(CODES.map((c) => [c, c === 'A' ? fc.integer({ min: -50_000, max: 6_000_000 }) : cents])) as Record<Code, typeof cents>),
  cofin: fc.array(fc.tuple(cents, cents), { minLength: 0, maxLength: 4 }),
  totals: fc.tuple(cents, cents),
  assigned: fc.option(cents, { nil: null }),
  spoiled: fc.option(fc.record({ code: fc.constantFrom(...CODES), text: fc.constantFrom(...NOT_AMOUNTS) }), { nil: null, freq: 3 }),
  entities: fc.array(fc.constantFrom(...ENTITIES), { minLength: 4, maxLength: 4 }),
  partners: fc.subarray(PARTNERS, { minLength: 1 }),
});

function gridOf(d: Drawn): CellValue[][] {
  return [
    ['Voce di costo', 'Importo'],
    ...CODES.map((c) => [ANNEX_LABELS[c], d.spoiled?.code === c ? d.spoiled.text : written(d.lines[c])]),
    ...(d.assigned === null ? [] : [['Contributo assegnato', written(d.assigned)]]),
    [],
    ['ENTE', 'COFINANZIAMENTO MONETARIO', 'COFINANZIAMENTO VALORIZZAZIONE ECONOMICA'],
    ...d.cofin.map(([m, k], i) => [d.entities[i]!, written(m), written(k)]),
    ['TOTALE', written(d.totals[0]), written(d.totals[1])],
  ];
}

// A line not stated counts as zero in a sum; a rule that needs it stated does not judge without it.
const stated = (b: Budget, code: LineCode) => new Money(lineOf(b, code)?.amount ?? '0');
const pctOf = (base: Money, pct: string) => base.times(pct).dividedBy(100);
const amount = (value: Money, op: '=' | '<=' | '>=' = '=') => amountIs(value.toFixed(Math.max(2, value.decimalPlaces())), op);

/** What each rule requires, and what the budget says, computed here from the budget alone. */
function requirement(f: Finding, b: Budget, grid: CellValue[][], partners: readonly string[]): { expected: unknown; actual: unknown } | null {
  const cell = f.at[0] && 'row' in f.at[0] ? String(grid[f.at[0].row]?.[f.at[0].col] ?? '') : null;
  switch (f.rule) {
    case 'budget-incomplete': {
      // The rule asks for a funding line this budget does not state (its budget is there).
      expect(f.data.kind).not.toBe('no-budget');
      const line = f.data.kind === 'no-budget' ? 'TOTAL' : f.data.line;
      expect(lineOf(b, line)?.status ?? 'not-stated').toBe('not-stated');
      return { expected: termIs(`stated:${line}`), actual: null };
    }
    case 'amount-unreadable':
      return { expected: termIs('amount-or-placeholder'), actual: textIs(cell!) };
    case 'cofinancer-is-partner': {
      // A partner of the alliance: the closest one when some resembles the cofinancer.
      const close = f.expected?.kind === 'text' && partners.includes(f.expected.value);
      return { expected: close ? f.expected : termIs('a-partner'), actual: textIs(cell!) };
    }
    case 'lines-sum':
      return { expected: amount(sum((['A', 'B', 'C', 'D', 'E'] as const).map((c) => stated(b, c)))), actual: amount(stated(b, 'TOTAL')) };
    case 'funding-split':
      return { expected: amount(stated(b, 'CONTRIBUTION').plus(stated(b, 'COFINANCING'))), actual: amount(stated(b, 'TOTAL')) };
    case 'cofinancing-min':
      return { expected: amount(pctOf(stated(b, 'TOTAL'), P.cofinancingMinPct), '>='), actual: amount(stated(b, 'COFINANCING')) };
    case 'coordination-max':
      return { expected: amount(pctOf(stated(b, 'TOTAL'), P.coordinationMaxPct), '<='), actual: amount(stated(b, 'A_coord')) };
    case 'coordination-within-personnel':
      return { expected: amount(stated(b, 'A'), '<='), actual: amount(stated(b, 'A_coord')) };
    case 'contribution-max':
      return { expected: amount(new Money(P.contributionMax), '<='), actual: amount(stated(b, 'CONTRIBUTION')) };
    case 'assigned-within-requested':
      return { expected: amount(stated(b, 'CONTRIBUTION'), '<='), actual: amount(new Money(b.assigned!.amount!)) };
    case 'amount-negative':
      return { expected: amount(new Money(0), '>='), actual: amount(new Money(f.data.amount)) };
    case 'cofinancing-table-sum': {
      if (f.data.kind === 'parts') {
        const parts = stated(b, 'COFIN_MONETARY_TOTAL').plus(stated(b, 'COFIN_IN_KIND_TOTAL'));
        return { expected: amount(parts), actual: amount(stated(b, 'COFINANCING')) };
      }
      const column = f.data.column;
      const rows = sum(b.cofinancers.map((c) => (c[column] === null ? null : new Money(c[column]!))));
      const code = column === 'monetary' ? 'COFIN_MONETARY_TOTAL' : 'COFIN_IN_KIND_TOTAL';
      return { expected: amount(rows), actual: amount(stated(b, code)) };
    }
    case 'coordination-max-after-award':
    case 'cofinancing-min-after-award': {
      const newTotal = new Money(b.assigned!.amount!).plus(stated(b, 'COFINANCING'));
      return f.rule === 'coordination-max-after-award'
        ? { expected: amount(pctOf(newTotal, P.coordinationMaxPct), '<='), actual: amount(stated(b, 'A_coord')) }
        : { expected: amount(pctOf(newTotal, P.cofinancingMinPct), '>='), actual: amount(stated(b, 'COFINANCING')) };
    }
    default:
      return null;
  }
}

/** The finding's actual figure breaks its expected one: otherwise it would not be a finding. */
function breaks(f: Finding): boolean {
  if (f.expected?.kind !== 'amount' || f.actual?.kind !== 'amount') return true;
  const [want, got] = [new Money(f.expected.value), new Money(f.actual.value)];
  return f.expected.op === '=' ? !got.equals(want) : f.expected.op === '<=' ? got.gt(want) : got.lt(want);
}

describe('expected is what the rule requires, actual what the budget says', () => {
  it('for every rule, on budgets drawn at random', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(drawn, (d) => {
        const grid = gridOf(d);
        const budget = readBudget(grid);
        const partners = d.partners.map((name, i) => ({ seq: i + 1, name, type: '', role: '', referent: '', email: '', phone: '', line: i + 1 }));
        const { findings } = checkBudget(budget, P, { partners });
        for (const f of findings) {
          expect(Finding.safeParse(f).success).toBe(true);
          expect(breaks(f)).toBe(true);
          const want = requirement(f, budget, grid, d.partners);
          if (want === null) continue;
          seen.add(f.rule);
          expect({ rule: f.rule, expected: f.expected, actual: f.actual }).toEqual({ rule: f.rule, ...want });
        }
      }),
      { numRuns: 400, seed: 20261130 },
    );
    // The draw reaches every numeric rule (a property that never ran would prove nothing).
    expect([...seen].sort()).toEqual([
      'amount-negative', 'amount-unreadable', 'assigned-within-requested', 'budget-incomplete', 'cofinancer-is-partner',
      'cofinancing-min', 'cofinancing-min-after-award', 'cofinancing-table-sum', 'contribution-max', 'coordination-max',
      'coordination-max-after-award', 'coordination-within-personnel', 'funding-split', 'lines-sum',
    ]);
  });

  it('on the seed annex\'s 2.5, whose cofinancing falls half a cent short', () => {
    const b = readBudget(gridOf({
      lines: { A: 2_000_000, A_coord: 855_000, B: 0, C: 3_714_285, D: 0, E: 0, TOTAL: 5_714_285, CONTRIBUTION: 4_000_000, COFINANCING: 1_714_285 },
      cofin: [[1_714_285, 0]], totals: [1_714_285, 0], assigned: null, spoiled: null, entities: ['Comune di Cremona'], partners: ['Comune di Cremona'],
    }));
    const [f] = checkBudget(b, P).findings.filter((x) => x.rule === 'cofinancing-min');
    expect(f).toMatchObject({ severity: 'warning', expected: amountIs('17142.855', '>='), actual: amountIs('17142.85') });
    expect(renderFigure(f!.expected, 'it')).toBe('≥ € 17.142,855');
    expect(renderFigure(f!.actual, 'en')).toBe('€ 17,142.85');
  });
});

describe('the Finding schema', () => {
  const good = makeFinding({ rule: 'lines-sum', severity: 'error', data: { declared: '10.00', computed: '12.00' }, at: [{ line: 3 }] });

  it('takes a finding of the catalogue, with its message rendered from its data', () => {
    expect(Finding.parse(good)).toEqual(good);
    expect(good.message.it).toBe('La somma delle voci A-E (€ 12,00) non corrisponde al TOTALE dichiarato (€ 10,00).');
  });

  it('refuses a rule id outside the catalogue, data of another rule, and a float for an amount', () => {
    expect(Finding.safeParse({ ...good, rule: 'lines-summ' }).success).toBe(false);
    expect(Finding.safeParse({ ...good, rule: 'funding-split' }).success).toBe(false);
    expect(Finding.safeParse({ ...good, data: { declared: 10, computed: '12.00' } }).success).toBe(false);
    expect(Finding.safeParse({ ...good, expected: { kind: 'amount', op: '=', value: '1e3' } }).success).toBe(false);
  });
});

describe('figures and reasons in each language', () => {
  it('formats amounts, bounds, numbers, quotations and terms', () => {
    expect(renderFigure(amountIs('4827', '<='), 'it')).toBe('≤ € 4.827,00');
    expect(renderFigure(amountIs('4827', '<='), 'en')).toBe('≤ € 4,827.00');
    expect(renderFigure(amountIs('-1234567.5'), 'it')).toBe('€ -1.234.567,50');
    expect(renderFigure({ kind: 'number', op: '=', value: '72.5' }, 'it')).toBe('72,5');
    expect(renderFigure({ kind: 'text', value: 'Comune di Sale' }, 'en')).toBe('«Comune di Sale»');
    expect(renderFigure({ kind: 'term', terms: ['column:type', 'column:referent'] }, 'en')).toBe('type column, referent and contacts column');
    expect(renderFigure(null, 'it')).toBeNull();
  });

  it('words every reason the amount reader gives, from the reader\'s own readings', () => {
    const reasonFor = (cell: string) => {
      const r = readAmount(cell);
      if (r.kind !== 'unreadable') throw new Error(`"${cell}" was read`);
      return reasonOf(r.reason);
    };
    expect(reasonFor('€ 5.000 circa')).toBe('free-text');
    expect(reasonFor('vedi allegato')).toBe('not-an-amount');
    expect(reasonFor('€ 5.000 (forse)')).toBe('unknown-annotation');
    expect(reasonFor('€ 1.000 (finanziamento) € 2.000 (finanziamento)')).toBe('same-share-twice');
    expect(reasonOf('something no reader says')).toBe('other');
    for (const reason of UNREADABLE_REASONS) {
      const f = makeFinding({ rule: 'amount-unreadable', severity: 'error', data: { text: 'x', reason }, at: [] });
      expect(f.message.it).not.toMatch(/\(\)|undefined/);
      expect(renderFinding(f, 'en').message).toMatch(/^Unreadable amount: "x" \(.+\)\.$/);
    }
  });
});
