// The re-planned frame: what the call's thresholds become once the grant actually awarded
// replaces the contribution requested, and which declared figures stop fitting them.
// Pure domain code: the pipeline and the add-on both call it.
import { formatEuro, money, Money, toPlain } from '../money.js';
import type { AmountString, CellRef, Finding, LineCode } from '../model.js';
import type { Profile } from '../profile.js';
import { stated } from '../rules/amounts-of.js';
import type { Budget } from '../model.js';

export type Reason = Finding['message'];

/** A threshold as the rule computes it (exact) and the nearest compliant amount in cents. */
export interface Limit {
  /** Exact decimal: 30% of 37181.25 is "11154.375". */
  exact: string;
  /** The compliant cent: rounded up for a floor, down for a ceiling. */
  cents: AmountString;
}

export type PostAwardRuleId = 'coordination-max-after-award' | 'cofinancing-min-after-award';

/** A declared figure that keeps fitting the old total but not the re-planned one. */
export interface Misfit {
  rule: PostAwardRuleId;
  code: LineCode;
  amount: AmountString;
  limit: Limit;
  /** The cells involved: the figure first, then the total it is measured against. */
  cells: CellRef[];
}

export interface ReplanOptions {
  /**
   * The cofinancing total the lead wants after the award. Default: the declared one, unchanged,
   * because every euro of it is a partner's commitment.
   */
  cofinancing?: AmountString | null;
}

interface Figures {
  requested: AmountString;
  awarded: AmountString;
  /** Declared TOTALE. */
  total: AmountString;
  /** Declared COFINANZIAMENTO. */
  cofinancingDeclared: AmountString;
  /** COFINANZIAMENTO after the award: the declared one unless the lead said otherwise. */
  cofinancing: AmountString;
  /** awarded + cofinancing. */
  newTotal: AmountString;
  /** How much the budget shrinks: declared TOTALE - new total. */
  cut: AmountString;
  cofinancingFloor: Limit;
  coordinationCeiling: Limit;
}

export type ReplanFrame =
  | { status: 'no-award' }
  | { status: 'incomplete'; reasons: Reason[] }
  | ({ status: 'not-needed'; reason: Reason } & Figures)
  | ({ status: 'needed'; misfits: Misfit[] } & Figures);

export type NeededFrame = Extract<ReplanFrame, { status: 'needed' }>;

// A hundredth, to take a percentage by multiplying: exact like the division by 100 (the product of
// a cent amount and a percentage is far inside the 40 digits), without its long division.
const HUNDREDTH = new Money('0.01');

/**
 * pct of base, exact, and the compliant cent in the given direction; with the exact value as a
 * Money, for the comparisons (its plain form read back would be the same value, parsed again).
 */
function limitOf(base: Money, pct: string, direction: 'floor' | 'ceiling'): { limit: Limit; value: Money; cents: Money } {
  const value = base.times(pct).times(HUNDREDTH);
  const cents = value.toDecimalPlaces(2, direction === 'floor' ? Money.ROUND_UP : Money.ROUND_DOWN);
  return { limit: { exact: value.toFixed(Math.max(2, value.decimalPlaces())), cents: toPlain(cents) }, value, cents };
}

const AMOUNT = /^-?\d+\.\d{2}$/;

/**
 * The frame of a re-planning to the grant awarded. `awarded` is the decree's figure as a plain
 * decimal ("20038.40"); null means no award is known yet, and then there is nothing to frame.
 */
export function replanFrame(
  budget: Budget,
  profile: Profile,
  awarded: AmountString | null | undefined,
  options: ReplanOptions = {},
): ReplanFrame {
  if (awarded === null || awarded === undefined) return { status: 'no-award' };
  const override = options.cofinancing ?? null;
  // The award is parsed once, for its checks and for the figures (only a plain amount is).
  const award = AMOUNT.test(awarded) ? money(awarded) : null;
  const reasons = figureProblems(awarded, award, override);
  missingTotals(budget, reasons);
  const total = stated(budget, 'TOTAL');
  const contribution = stated(budget, 'CONTRIBUTION');
  const cofin = stated(budget, 'COFINANCING');
  if (reasons.length > 0 || !award || !total || !contribution || !cofin) return { status: 'incomplete', reasons };

  const cofinancing = override === null ? cofin.value : money(override);
  const newTotal = award.plus(cofinancing);
  const cut = total.value.minus(newTotal);
  const floor = limitOf(newTotal, profile.cofinancingMinPct, 'floor');
  const ceiling = limitOf(newTotal, profile.coordinationMaxPct, 'ceiling');
  const figures: Figures = {
    requested: toPlain(contribution.value),
    awarded: toPlain(award),
    total: toPlain(total.value),
    cofinancingDeclared: toPlain(cofin.value),
    cofinancing: toPlain(cofinancing),
    newTotal: toPlain(newTotal),
    cut: toPlain(cut),
    cofinancingFloor: floor.limit,
    coordinationCeiling: ceiling.limit,
  };
  const values: FrameValues = {
    requested: contribution.value, awarded: award, total: total.value, cofinancingDeclared: cofin.value, cofinancing, newTotal, cut,
    ceilingCents: ceiling.cents,
  };
  let frame: ReplanFrame;
  if (award.gte(contribution.value) && cofinancing.equals(cofin.value)) {
    frame = { status: 'not-needed', reason: notNeeded(award, contribution.value), ...figures };
  } else {
    const misfits = misfitsAfterAward(budget, profile, figures, { total, cofin, cofinancing, floor: floor.value, ceiling: ceiling.value });
    frame = { status: 'needed', misfits, ...figures };
  }
  valuesOf.set(frame, values);
  return frame;
}

/**
 * A framed budget's figures as Money, as the frame computed them: the proposal works with them,
 * and they are not parsed back from the frame's plain strings. Each is a cent amount (made of
 * amounts read to the cent), so its plain string parsed again would be the same value.
 */
export interface FrameValues {
  requested: Money;
  awarded: Money;
  total: Money;
  cofinancingDeclared: Money;
  cofinancing: Money;
  newTotal: Money;
  cut: Money;
  /** The coordination ceiling's compliant cent. */
  ceilingCents: Money;
}

const valuesOf = new WeakMap<ReplanFrame, FrameValues>();

/** The figures of a frame as Money: kept from its making, or read from its strings (a frame made elsewhere). */
export function frameValues(frame: Figures & ReplanFrame): FrameValues {
  return (
    valuesOf.get(frame) ?? {
      requested: money(frame.requested),
      awarded: money(frame.awarded),
      total: money(frame.total),
      cofinancingDeclared: money(frame.cofinancingDeclared),
      cofinancing: money(frame.cofinancing),
      newTotal: money(frame.newTotal),
      cut: money(frame.cut),
      ceilingCents: money(frame.coordinationCeiling.cents),
    }
  );
}

/** The award, and the cofinancing given in its place, must be plain amounts, not below zero. */
function figureProblems(awarded: string, award: Money | null, override: string | null): Reason[] {
  const reasons: Reason[] = [];
  if (award === null) {
    reasons.push({
      it: `Il contributo assegnato "${awarded}" non è un importo.`,
      en: `The awarded grant "${awarded}" is not an amount.`,
    });
  } else if (award.isNegative()) {
    reasons.push({
      it: `Il contributo assegnato (${formatEuro(award)}) è negativo.`,
      en: `The awarded grant (${formatEuro(award, { lang: 'en' })}) is negative.`,
    });
  }
  if (override !== null && (!AMOUNT.test(override) || money(override).isNegative())) {
    reasons.push({
      it: `Il nuovo cofinanziamento "${override}" non è un importo valido.`,
      en: `The new cofinancing "${override}" is not a valid amount.`,
    });
  }
  return reasons;
}

// The totals a re-planning needs, with their names in the reasons (made once, not per budget).
const TOTALS: readonly [LineCode, string, string][] = [
  ['TOTAL', 'TOTALE', 'TOTAL'],
  ['CONTRIBUTION', 'CONTRIBUTO RICHIESTO', 'REQUESTED CONTRIBUTION'],
  ['COFINANCING', 'COFINANZIAMENTO', 'COFINANCING'],
];

/** TOTALE, CONTRIBUTO RICHIESTO and COFINANZIAMENTO, each a reason (added to `reasons`) when it is not stated. */
function missingTotals(budget: Budget, reasons: Reason[]): void {
  for (const [code, it, en] of TOTALS) {
    if (!stated(budget, code)) reasons.push({ it: `Senza ${it} non si può rimodulare il piano.`, en: `Without the ${en} the budget cannot be re-planned.` });
  }
}

/** Why an award at or above the request needs no re-planning. */
function notNeeded(award: Money, requested: Money): Reason {
  return award.equals(requested)
    ? {
        it: 'Il contributo assegnato è pari al richiesto: non serve rimodulare.',
        en: 'The grant awarded equals the request: no re-planning is needed.',
      }
    : {
        it: `Il contributo assegnato (${formatEuro(award)}) supera il richiesto (${formatEuro(requested)}): non si rimodula verso l'alto, vale il richiesto.`,
        en: `The grant awarded (${formatEuro(award, { lang: 'en' })}) exceeds the request (${formatEuro(requested, { lang: 'en' })}): budgets are not re-planned upwards, the request stands.`,
      };
}

type Stated = NonNullable<ReturnType<typeof stated>>;

/** Same comparisons as coordination-max and cofinancing-min, only against the new total. */
function misfitsAfterAward(
  budget: Budget,
  profile: Profile,
  figures: Figures,
  { total, cofin, cofinancing, floor, ceiling }: { total: Stated; cofin: Stated; cofinancing: Money; floor: Money; ceiling: Money },
): Misfit[] {
  const misfits: Misfit[] = [];
  const coord = stated(budget, 'A_coord');
  if (coord && coord.value.gt(ceiling)) {
    misfits.push({
      rule: 'coordination-max-after-award',
      code: 'A_coord',
      amount: toPlain(coord.value),
      limit: figures.coordinationCeiling,
      cells: [coord.line.cell, total.line.cell],
    });
  }
  const shortfall = floor.minus(cofinancing);
  if (shortfall.gte(new Money(profile.roundingTolerance))) {
    misfits.push({
      rule: 'cofinancing-min-after-award',
      code: 'COFINANCING',
      amount: toPlain(cofinancing),
      limit: figures.cofinancingFloor,
      cells: [cofin.line.cell, total.line.cell],
    });
  }
  return misfits;
}
