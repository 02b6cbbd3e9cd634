// The check block of a budget tab: one row per check, below the tables and apart from the cost
// lines, reading "Controllo | Valore | Limite | Esito". The verdict is the rule's own formula
// (shared/rules, shared/replan/post-award-rules.ts); "Valore" is the figure the rule judges and "Limite" what it
// is held to, rounded to the cent the way the rule's finding states it (a floor up, a ceiling
// down). Which side of the comparison the rule's measure is, is all this file adds.
import { a1, type BudgetTabLayout } from '../../shared/budget-layout.js';
import { lineOf, type Budget, type CellRef, type LineCode } from '../../shared/model.js';
import { Money } from '../../shared/money.js';
import type { Profile } from '../../shared/profile.js';
import { replanFrame } from '../../shared/replan/frame.js';
import { POST_AWARD_RULES } from '../../shared/replan/post-award-rules.js';
import { RULES } from '../../shared/rules/index.js';
import type { FormulaRefs } from '../../shared/rules/rule.js';
import { ruleName, type Lang } from './finding-text.js';
import { engineMeasure } from './measures.js';

type Op = '=' | '<=' | '>=';
interface Sides {
  value: LineCode | 'measure';
  limit: LineCode | 'measure';
  op: Op;
}

/** Which figure each rule compares with which. A rule not listed shows its measure as the value. */
const SIDES: Record<string, Sides> = {
  'lines-sum': { value: 'measure', limit: 'TOTAL', op: '=' },
  'funding-split': { value: 'measure', limit: 'TOTAL', op: '=' },
  'cofinancing-min': { value: 'COFINANCING', limit: 'measure', op: '>=' },
  'coordination-max': { value: 'A_coord', limit: 'measure', op: '<=' },
  'coordination-within-personnel': { value: 'A_coord', limit: 'measure', op: '<=' },
  'contribution-max': { value: 'CONTRIBUTION', limit: 'measure', op: '<=' },
  'cofinancing-table-sum': { value: 'measure', limit: 'COFINANCING', op: '=' },
  'coordination-max-after-award': { value: 'A_coord', limit: 'measure', op: '<=' },
  'cofinancing-min-after-award': { value: 'COFINANCING', limit: 'measure', op: '>=' },
};
const sidesOf = (ruleId: string): Sides => SIDES[ruleId] ?? { value: 'measure', limit: 'measure', op: '=' };

/** How the limit is found, in words, under the check's name. */
function limitWords(ruleId: string, p: Profile, lang: Lang): string | null {
  const it = lang === 'it';
  switch (ruleId) {
    case 'lines-sum':
      return it ? 'A + B + C + D + E = TOTALE' : 'A + B + C + D + E = TOTAL';
    case 'funding-split':
      return it ? 'CONTRIBUTO + COFINANZIAMENTO = TOTALE' : 'CONTRIBUTION + COFINANCING = TOTAL';
    case 'cofinancing-min':
      return it ? `almeno il ${p.cofinancingMinPct}% del TOTALE, per eccesso al centesimo` : `at least ${p.cofinancingMinPct}% of TOTAL, rounded up to the cent`;
    case 'coordination-max':
      return it ? `al più il ${p.coordinationMaxPct}% del TOTALE, per difetto al centesimo` : `at most ${p.coordinationMaxPct}% of TOTAL, rounded down to the cent`;
    case 'coordination-within-personnel':
      return it ? 'al più la voce A' : 'at most line A';
    case 'contribution-max':
      return it ? 'al più il massimale del bando' : "at most the call's cap";
    case 'cofinancing-table-sum':
      return it ? 'le righe degli enti = COFINANZIAMENTO' : 'the rows of the entities = COFINANCING';
    case 'coordination-max-after-award':
      return it
        ? `con un assegnato inferiore al richiesto: al più il ${p.coordinationMaxPct}% di assegnato + cofinanziamento`
        : `with an award below the request: at most ${p.coordinationMaxPct}% of award + cofinancing`;
    case 'cofinancing-min-after-award':
      return it
        ? `con un assegnato inferiore al richiesto: almeno il ${p.cofinancingMinPct}% di assegnato + cofinanziamento`
        : `with an award below the request: at least ${p.cofinancingMinPct}% of award + cofinancing`;
    default:
      return null;
  }
}

export const VERDICTS: Record<Lang, { ok: string; ko: string; warn: string }> = {
  it: { ok: 'OK', ko: 'NON OK', warn: 'AVVISO' },
  en: { ok: 'OK', ko: 'NOT OK', warn: 'WARNING' },
};
/** Shown where a check has no figure (a line not stated, no re-planning due). */
const NO_FIGURE = '—';

export interface PlacedCheck {
  ruleId: string;
  label: string;
  /** The line whose cell turns red or yellow with the verdict (the figure the rule judges). */
  line: LineCode | null;
  valueCell: CellRef;
  limitCell: CellRef;
  verdictCell: CellRef;
  valueFormula: string;
  limitFormula: string;
  verdictFormula: string;
  /** What the verdict shows when the rule fails: an error's or a warning's word. */
  failSeverity: 'error' | 'warning';
}

/**
 * The A1 references rules write formulas with, for the layout's cells (or another column's,
 * then without the award: the re-planned column is the budget at the award).
 */
export function formulaRefs(layout: BudgetTabLayout, profile: Profile, line?: (code: LineCode) => CellRef | null): FormulaRefs {
  const cell = line ?? ((code: LineCode) => layout.lineCells[code] ?? null);
  const header = layout.cofinRows ? layout.cofinRows.first - 1 : layout.cofinTotalRow - 1;
  const range = (col: number) => `${a1({ row: header, col })}:${a1({ row: layout.cofinTotalRow - 1, col })}`;
  return {
    line: (code) => {
      const c = cell(code);
      return c ? a1(c) : null;
    },
    cofinMonetary: line ? null : range(1),
    cofinInKind: line ? null : range(2),
    profile,
    assigned: line ? null : a1(layout.assignedCell),
  };
}

interface Spec {
  ruleId: string;
  /** TRUE when the rule holds. */
  formula: string;
  /** The figure compared (a post-award one is "" when no re-planning is due). */
  measure: string | null;
  severity: 'error' | 'warning';
}

/** The catalogue's rules that write a formula, then the post-award ones (when the refs have an award cell). */
export function checkSpecs(refs: FormulaRefs): Spec[] {
  const specs: Spec[] = [];
  for (const rule of [...RULES, ...POST_AWARD_RULES]) {
    const formula = rule.formula?.(refs) ?? null;
    if (formula === null) continue;
    specs.push({ ruleId: rule.id, formula, measure: rule.measure?.(refs) ?? null, severity: rule.severity === 'warning' ? 'warning' : 'error' });
  }
  return specs;
}

const ROUNDING: Record<Op, string | null> = { '>=': 'ROUNDUP', '<=': 'ROUNDDOWN', '=': null };

function sideFormula(side: LineCode | 'measure', spec: Spec, refs: FormulaRefs, round: string | null): string {
  if (side !== 'measure') {
    const ref = refs.line(side);
    return ref ? `IF(COUNT(${ref})=1,${ref},"${NO_FIGURE}")` : `"${NO_FIGURE}"`;
  }
  if (spec.measure === null) return `"${NO_FIGURE}"`;
  // A post-award measure is "" when no re-planning is due.
  const m = spec.measure;
  const shown = round ? `${round}(${m},2)` : m;
  return spec.measure.startsWith('IF(') ? `IF(ISNUMBER(${m}),${shown},"${NO_FIGURE}")` : shown;
}

/** Rows of checks from `firstRow` (columns A-D), each a formula; returns where each went. */
export function placeChecks(specs: readonly Spec[], refs: FormulaRefs, firstRow: number, lang: Lang): PlacedCheck[] {
  const v = VERDICTS[lang];
  return specs.map((spec, i) => {
    const row = firstRow + i;
    const sides = sidesOf(spec.ruleId);
    const valueFormula = sideFormula(sides.value, spec, refs, null);
    const limitFormula = sideFormula(sides.limit, spec, refs, ROUNDING[sides.op]);
    const fail = spec.severity === 'error' ? v.ko : v.warn;
    // A floor missed by less than the tolerance holds as an error rule but is a warning (rounding):
    // the figure below the exact floor while the rule holds.
    const valueRef = sides.value !== 'measure' ? refs.line(sides.value) : null;
    const near = spec.severity === 'error' && sides.op === '>=' && sides.limit === 'measure' && valueRef && spec.measure
      ? `AND(COUNT(${valueRef})=1,N(${valueRef})<${spec.measure})`
      : null;
    const holds = near ? `IF(${near},"${v.warn}","${v.ok}")` : `"${v.ok}"`;
    const line = sides.value !== 'measure' ? sides.value : sides.limit !== 'measure' ? sides.limit : null;
    return {
      ruleId: spec.ruleId,
      label: ruleName(spec.ruleId, lang),
      line,
      valueCell: { row, col: 1 },
      limitCell: { row, col: 2 },
      verdictCell: { row, col: 3 },
      valueFormula,
      limitFormula,
      verdictFormula: `IF(${spec.formula},${holds},"${fail}")`,
      failSeverity: spec.severity,
    };
  });
}

/** The check's name with how its limit is found beneath it. */
export function checkLabel(check: PlacedCheck, profile: Profile, lang: Lang): string {
  const words = limitWords(check.ruleId, profile, lang);
  return words ? `${check.label}\n(${words})` : check.label;
}

/**
 * The engine's own figures for a check's two cells, as the formulas must show them: a line's
 * stated amount, the rule's measure, the limit rounded as the rule states it.
 */
export function engineSides(ruleId: string, budget: Budget, profile: Profile): { value: number | string; limit: number | string } {
  const sides = sidesOf(ruleId);
  const side = (s: LineCode | 'measure', op: Op | null): number | string => {
    if (s !== 'measure') {
      const amount = lineOf(budget, s)?.amount ?? null;
      return amount === null ? NO_FIGURE : Number(amount);
    }
    const m = measureOf(ruleId, budget, profile);
    if (m === null) return NO_FIGURE;
    const rounded = op === '>=' ? m.toDecimalPlaces(2, Money.ROUND_UP) : op === '<=' ? m.toDecimalPlaces(2, Money.ROUND_DOWN) : m.toDecimalPlaces(6);
    // Number() of an exact decimal string: the file stores numbers as doubles.
    return Number(rounded.toString());
  };
  return { value: side(sides.value, null), limit: side(sides.limit, sides.op === '=' ? null : sides.op) };
}

/** The rule's measure computed by the engine, post-award ones from the re-planned frame. */
function measureOf(ruleId: string, budget: Budget, profile: Profile): Money | null {
  if (ruleId === 'coordination-max-after-award' || ruleId === 'cofinancing-min-after-award') {
    const frame = replanFrame(budget, profile, budget.assigned?.amount ?? null);
    if (frame.status !== 'needed') return null;
    return new Money(ruleId === 'coordination-max-after-award' ? frame.coordinationCeiling.exact : frame.cofinancingFloor.exact);
  }
  return engineMeasure(ruleId, budget, profile);
}
