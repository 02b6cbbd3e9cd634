// Proposing a re-planned budget ("rimodulazione") once the grant awarded is known.
//
// THE MODEL: which part of a line the grant pays and which part the partners pay.
// The annex mostly states a line's amount only, so the split is inferred this way:
//  1. Cofinancing is a set of commitments by named partners (the cofinancing table). Those
//     amounts never change, so COFINANZIAMENTO stays as declared (unless the lead sets another
//     figure, which must still equal what the partners committed), CONTRIBUTO becomes the grant
//     awarded, and TOTALE becomes awarded + cofinancing. The budget shrinks by exactly
//     (requested - awarded) when cofinancing is unchanged.
//  2. A line can only shrink by its part that is not known to be cofinanced. Known to be
//     cofinanced is (a) the cofinanced share a split line states ("€ 8.000,00 (cof)"), and
//     (b) for line A, the in-kind cofinancing ("valorizzazione"): it is valued staff time, the
//     call books it among personnel costs, so line A keeps at least min(in-kind total, A),
//     less any cofinancing that split lines B-E already state (a euro is not booked twice).
//     Monetary cofinancing is not tied to a line by the annex, so it ties none here.
//  3. The cut is shared among lines in proportion to that shrinkable part (for a line with
//     nothing known to be cofinanced, that is its whole amount). Strategies change the order:
//     'keep-vouchers' takes the cut from A, B, C, E first and from D only for what is left;
//     'keep-coordination' does not shrink the coordination sub-line unless the new ceiling
//     forces it, and keeps line A at least as large as the coordination it holds.
//  4. Coordination is a "di cui" of line A, not a cost line: it follows A in proportion (or
//     stays, under 'keep-coordination'), and is then capped at the coordination ceiling of the
//     new total and at A. Capping it does not shrink A: when A is partners' staff time, the
//     hours stay and are simply no longer booked as coordination. It never goes below its own
//     stated cofinanced share; if that share is above the ceiling, no re-planning exists.
//  5. Amounts are cut in integer cents; the rounding remainder goes to the lines with the
//     largest fractional remainders (largest-remainder method), so A-E add up to the new
//     TOTALE to the cent. The result is checked by the same rule engine as any budget.
import { validate } from '../engine.js';
import { formatEuro, fromCents, money, Money, sum, toCents, toPlain, ZERO } from '../money.js';
import { COST_CODES, type AmountString, type Budget, type BudgetLine, type CellRef, type Finding, type LineCode } from '../model.js';
import type { Profile } from '../profile.js';
import { keepStated, stated, statedAt } from '../rules/amounts-of.js';
import { RULES, type RuleContext } from '../rules/index.js';
import { frameValues, replanFrame, type FrameValues, type NeededFrame, type Reason, type ReplanFrame, type ReplanOptions } from './frame.js';
import { POST_AWARD_RULES } from './post-award-rules.js';

export const REPLAN_STRATEGIES = ['proportional', 'keep-vouchers', 'keep-coordination'] as const;
export type ReplanStrategy = (typeof REPLAN_STRATEGIES)[number];

export interface ProposeOptions extends ReplanOptions {
  strategy?: ReplanStrategy;
  /** What the rules know beyond the budget (partners, links, the assigned cell): the original project's. */
  context?: Pick<RuleContext, 'partners' | 'links' | 'assigned'>;
  /**
   * Which findings on the re-planned budget the result lists: all (the default), or only the
   * errors, which alone decide whether the proposal stands; the rules that can only warn are
   * then not run (a caller that keeps no warning need not pay for them).
   */
  findings?: 'all' | 'errors';
  /**
   * The frame already made for this budget, profile and award (and the cofinancing option), as
   * checkBudget gives it: it is not made again.
   */
  frame?: ReplanFrame;
}

export interface LineChange {
  code: LineCode;
  label: string;
  /** The cell of the declared amount; adapters write `after` beside it. */
  cell: CellRef;
  before: AmountString | null;
  after: AmountString | null;
  /** after - before; null when either is not stated. */
  delta: AmountString | null;
  reason: Reason;
}

export interface ProposalDraft {
  /** Same shape and cells as the declared budget, with re-planned amounts. */
  budget: Budget;
  changes: LineChange[];
  findings: Finding[];
}

export type ReplanResult =
  | { ok: true; needed: false; frame: Extract<ReplanFrame, { status: 'no-award' | 'not-needed' }> }
  | ({ ok: true; needed: true; frame: NeededFrame; strategy: ReplanStrategy; notes: Reason[] } & ProposalDraft)
  | { ok: false; frame: ReplanFrame; reasons: Reason[]; draft: ProposalDraft | null };

type CostCode = (typeof COST_CODES)[number];

const LABEL_IT: Record<CostCode, string> = { A: 'A (personale)', B: 'B (beni)', C: 'C (servizi)', D: 'D (voucher)', E: 'E (spese generali)' };
const LABEL_EN: Record<CostCode, string> = { A: 'A (personnel)', B: 'B (goods)', C: 'C (services)', D: 'D (vouchers)', E: 'E (overheads)' };

const eu = (m: Money) => formatEuro(m);
const en = (m: Money) => formatEuro(m, { lang: 'en' });
const minM = (a: Money, b: Money) => (a.lte(b) ? a : b);
const maxM = (a: Money, b: Money) => (a.gte(b) ? a : b);

interface Slot {
  code: CostCode;
  line: BudgetLine | undefined;
  amount: Money; // 0 when not stated
  floor: Money; // the part known to be cofinanced
  floorWhy: 'none' | 'split' | 'in-kind' | 'coordination';
  cut: Money;
}

export function proposeReplan(
  budget: Budget,
  profile: Profile,
  awarded: AmountString | null | undefined,
  options: ProposeOptions = {},
): ReplanResult {
  const strategy: ReplanStrategy = options.strategy ?? 'proportional';
  const frame = options.frame ?? replanFrame(budget, profile, awarded, options);
  if (frame.status === 'no-award' || frame.status === 'not-needed') return { ok: true, needed: false, frame };
  if (frame.status === 'incomplete') return { ok: false, frame, reasons: frame.reasons, draft: null };

  // The frame's figures as it computed them, not parsed back from its strings.
  const values = frameValues(frame);
  const pre = preconditions(budget, frame, values);
  if (pre.length > 0) return { ok: false, frame, reasons: pre, draft: null };

  const { cut, ceilingCents: ceiling } = values;
  const coord = stated(budget, 'A_coord');
  const coordFloor = coord?.line.cofinanced ? money(coord.line.cofinanced) : ZERO;

  const reasons: Reason[] = [];
  if (coord && coordFloor.gt(ceiling)) {
    reasons.push({
      it: `Il coordinamento non può scendere al ${profile.coordinationMaxPct}% del nuovo totale (${eu(ceiling)}) senza intaccare la quota cofinanziata che vi è imputata (${eu(coordFloor)}).`,
      en: `Coordination cannot come down to ${profile.coordinationMaxPct}% of the new total (${en(ceiling)}) without going below the cofinanced share booked on it (${en(coordFloor)}).`,
    });
  }

  const slots = costSlots(budget, values, coordFloor);
  const slotA = slots[0]!;
  const notes: Reason[] = [];
  const keepCoord = strategy === 'keep-coordination' && coord !== undefined && holdCoordination(slots, slotA, minM(coord.value, ceiling), cut, notes);

  const room = sum(slots.map((s) => s.amount.minus(s.floor)));
  if (room.lt(cut)) reasons.push(tooLittleRoom(slots, cut, room));
  if (reasons.length > 0) return { ok: false, frame, reasons, draft: null };

  shareTheCut(slots, cut, strategy);
  const slotD = slots.find((s) => s.code === 'D')!;
  if (strategy === 'keep-vouchers' && !slotD.cut.isZero()) {
    notes.push({
      it: `Anche la voce D è stata ridotta (${eu(slotD.cut)}): le altre voci non bastavano.`,
      en: `Line D was cut too (${en(slotD.cut)}): the other lines were not enough.`,
    });
  }

  const coordination = coord ? coordinationAfter(coord.value, slotA, { ceiling, coordFloor, keepCoord, pct: profile.coordinationMaxPct }) : null;
  const coordWhy = coordination?.why ?? { it: 'Non indicato: invariato.', en: 'Not stated: unchanged.' };

  const after = new Map<LineCode, Money | null>();
  for (const s of slots) if (s.line) after.set(s.code, s.line.amount === null ? null : s.amount.minus(s.cut));
  if (coord) after.set('A_coord', coordination?.amount ?? null);
  after.set('TOTAL', values.newTotal);
  after.set('CONTRIBUTION', values.awarded);
  after.set('COFINANCING', values.cofinancing);

  const proposed = rewrite(budget, after);
  const changes = changesOf(budget, proposed, (code, before, now) =>
    reasonFor(code, before, now, { slots, strategy, frame, values, coordWhy }),
  );
  const draft: ProposalDraft = { budget: proposed, changes, findings: proposalFindings(budget, proposed, profile, options) };
  const errors = draft.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    return {
      ok: false,
      frame,
      reasons: errors.map((f) => ({
        it: `Anche rimodulato, il piano viola una regola (${f.rule}): ${f.message.it}`,
        en: `Even re-planned, the budget breaks a rule (${f.rule}): ${f.message.en}`,
      })),
      draft,
    };
  }
  return { ok: true, needed: true, frame, strategy, notes, ...draft };
}

/** A cost line's amount and the part of it a cut may not touch (known to be cofinanced). */
function costSlots(budget: Budget, values: FrameValues, coordFloor: Money): Slot[] {
  const inKind = inKindTotal(budget);
  // Each line's stated cofinanced share, read once: line A's floor needs the others' too.
  const lines = COST_CODES.map((code) => stated(budget, code));
  const shares = lines.map((s) => (s?.line.cofinanced ? money(s.line.cofinanced) : null));
  return COST_CODES.map((code, i) => {
    const s = lines[i];
    const amount = s?.value ?? ZERO;
    let floor = shares[i] ?? ZERO;
    let floorWhy: Slot['floorWhy'] = floor.isZero() ? 'none' : 'split';
    if (code === 'A') {
      // A euro of cofinancing is booked once: in-kind already stated on other lines' splits
      // cannot also be assumed to sit in A.
      const elsewhere = sum(shares.filter((_, j) => COST_CODES[j] !== 'A'));
      const booked = maxM(ZERO, minM(minM(inKind, amount), values.cofinancing.minus(elsewhere)));
      if (booked.gt(floor)) [floor, floorWhy] = [booked, 'in-kind'];
      if (coordFloor.gt(floor)) [floor, floorWhy] = [minM(coordFloor, amount), 'coordination'];
    }
    return { code, line: s?.line, amount, floor: minM(floor, amount), floorWhy, cut: ZERO };
  });
}

/**
 * "Keep coordination": line A may not fall below the coordination it holds (up to the new
 * ceiling), when the other lines can absorb the cut; otherwise a note says why it is not kept.
 */
function holdCoordination(slots: Slot[], slotA: Slot, coordinationKept: Money, cut: Money, notes: Reason[]): boolean {
  const raised = maxM(slotA.floor, minM(coordinationKept, slotA.amount));
  const room = sum(slots.map((s) => (s === slotA ? slotA.amount.minus(raised) : s.amount.minus(s.floor))));
  if (room.gte(cut)) {
    if (raised.gt(slotA.floor)) [slotA.floor, slotA.floorWhy] = [raised, 'coordination'];
    return true;
  }
  notes.push({
    it: 'Il coordinamento non si può mantenere: le altre voci non bastano ad assorbire il taglio.',
    en: 'Coordination cannot be kept: the other lines cannot absorb the cut.',
  });
  return false;
}

function tooLittleRoom(slots: readonly Slot[], cut: Money, room: Money): Reason {
  const held = slots.filter((s) => !s.floor.isZero());
  return {
    it: `Il taglio necessario (${eu(cut)}) supera la parte delle voci non coperta da cofinanziamento (${eu(room)})${held.length ? `; restano cofinanziate: ${held.map((s) => `${LABEL_IT[s.code]} ${eu(s.floor)}`).join(', ')}` : ''}. Nessuna rimodulazione rispetta le regole senza ridurre il cofinanziamento dichiarato dai partner.`,
    en: `The cut needed (${en(cut)}) exceeds the part of the lines not covered by cofinancing (${en(room)})${held.length ? `; cofinanced and kept: ${held.map((s) => `${LABEL_EN[s.code]} ${en(s.floor)}`).join(', ')}` : ''}. No re-planning meets the rules without reducing the cofinancing the partners declared.`,
  };
}

/** The cut shared among the lines, tier by tier: a tier is touched only when the one before is spent. */
function shareTheCut(slots: readonly Slot[], cut: Money, strategy: ReplanStrategy): void {
  const tiers: CostCode[][] = strategy === 'keep-vouchers' ? [['A', 'B', 'C', 'E'], ['D']] : [['A', 'B', 'C', 'D', 'E']];
  let left = toCents(cut);
  for (const tier of tiers) {
    const members = slots.filter((s) => tier.includes(s.code));
    const caps = members.map((s) => toCents(s.amount.minus(s.floor)));
    const take = minBig(left, caps.reduce((a, b) => a + b, 0n));
    const shares = largestRemainder(take, caps);
    members.forEach((s, i) => (s.cut = fromCents(shares[i]!)));
    left -= take;
  }
}

/** Coordination follows A, then meets the new ceiling; with the reason it ends where it does. */
function coordinationAfter(
  declared: Money,
  slotA: Slot,
  limits: { ceiling: Money; coordFloor: Money; keepCoord: boolean; pct: string | number },
): { amount: Money; why: Reason } {
  const { ceiling, coordFloor, keepCoord, pct } = limits;
  const aAfter = slotA.amount.minus(slotA.cut);
  const target = keepCoord || slotA.amount.isZero()
    ? declared
    : declared.times(aAfter).dividedBy(slotA.amount).toDecimalPlaces(2, Money.ROUND_HALF_UP);
  const amount = maxM(minM(minM(target, ceiling), aAfter), minM(coordFloor, declared));
  if (amount.equals(declared)) {
    const why = keepCoord
      ? { it: 'Invariato: strategia "mantieni il coordinamento".', en: 'Unchanged: "keep coordination" strategy.' }
      : { it: 'Invariato: la voce A non è stata ridotta.', en: 'Unchanged: line A was not cut.' };
    return { amount, why };
  }
  if (amount.equals(ceiling) && target.gt(ceiling)) {
    return { amount, why: { it: `Ridotto al ${pct}% del nuovo totale (${eu(ceiling)}).`, en: `Reduced to ${pct}% of the new total (${en(ceiling)}).` } };
  }
  if (amount.equals(aAfter) && target.gt(aAfter)) {
    return { amount, why: { it: 'Ridotto all\'importo della voce A, di cui fa parte.', en: 'Reduced to line A, which it is part of.' } };
  }
  return { amount, why: { it: 'Ridotto in proporzione alla voce A.', en: 'Reduced in proportion to line A.' } };
}

const EVERY_RULE = [...RULES, ...POST_AWARD_RULES];
// A rule reports at its own severity or below (cofinancing-min lowers a rounding to a warning):
// only the rules of severity error can find errors.
const ERROR_RULES = EVERY_RULE.filter((r) => r.severity === 'error');

/** The re-planned budget judged by every rule, the post-award ones included (or for its errors only). */
function proposalFindings(budget: Budget, proposed: Budget, profile: Profile, options: ProposeOptions): Finding[] {
  const ctx: RuleContext = {
    budget: proposed,
    profile,
    partners: options.context?.partners,
    links: options.context?.links,
    assigned:
      options.context?.assigned ?? (budget.assigned ? { amount: budget.assigned.amount, at: budget.assigned.cell } : null),
  };
  if (options.findings === 'errors') return validate(ctx, ERROR_RULES).filter((f) => f.severity === 'error');
  return validate(ctx, EVERY_RULE);
}

// The lines a cut is computed from: each must be readable and not negative.
const CHECKED_FIRST = [...COST_CODES, 'A_coord'] as const;

/** What must hold in the declared budget for a cut to be computed from it at all. */
function preconditions(budget: Budget, frame: NeededFrame, values: FrameValues): Reason[] {
  const out: Reason[] = [];
  for (const code of CHECKED_FIRST) {
    const line = budget.lines.find((l) => l.code === code);
    if (line?.status === 'unreadable') {
      out.push({
        it: `La voce ${code} non è leggibile ("${line.raw}"): correggerla prima di rimodulare.`,
        en: `Line ${code} cannot be read ("${line.raw}"): fix it before re-planning.`,
      });
    } else if (line?.amount && stated(budget, code)!.value.isNegative()) {
      out.push({ it: `La voce ${code} è negativa.`, en: `Line ${code} is negative.` });
    }
  }
  const total = values.total;
  const lines = sum(COST_CODES.map((c) => stated(budget, c)?.value));
  if (!lines.equals(total)) {
    out.push({
      it: `Le voci A-E (${eu(lines)}) non sommano al TOTALE dichiarato (${eu(total)}): correggere il piano prima di rimodularlo.`,
      en: `Lines A-E (${en(lines)}) do not add up to the declared TOTAL (${en(total)}): fix the budget before re-planning it.`,
    });
  }
  const split = values.requested.plus(values.cofinancingDeclared);
  if (!split.equals(total)) {
    out.push({
      it: `Contributo più cofinanziamento (${eu(split)}) non fanno il TOTALE (${eu(total)}): correggere il piano prima di rimodularlo.`,
      en: `Contribution plus cofinancing (${en(split)}) is not the TOTAL (${en(total)}): fix the budget before re-planning it.`,
    });
  }
  const cofin = values.cofinancing;
  const committed = committedCofinancing(budget);
  if (!cofin.equals(values.cofinancingDeclared) && committed !== null && !cofin.equals(committed)) {
    out.push(
      cofin.lt(committed)
        ? {
            it: `Il nuovo cofinanziamento (${eu(cofin)}) scenderebbe sotto quanto impegnato dai partner (${eu(committed)}): gli impegni dei partner non si riducono.`,
            en: `The new cofinancing (${en(cofin)}) would fall below what the partners committed (${en(committed)}): partners' commitments are not reduced.`,
          }
        : {
            it: `Il nuovo cofinanziamento (${eu(cofin)}) supera gli impegni della tabella dei cofinanziatori (${eu(committed)}): indicare prima chi copre la differenza.`,
            en: `The new cofinancing (${en(cofin)}) exceeds the commitments in the cofinancing table (${en(committed)}): first record who covers the difference.`,
          },
    );
  }
  for (const m of frame.misfits) {
    if (m.rule !== 'cofinancing-min-after-award') continue;
    out.push({
      it: `Il cofinanziamento (${eu(money(m.amount))}) sarebbe sotto il minimo del nuovo totale (${eu(money(m.limit.cents))}).`,
      en: `Cofinancing (${en(money(m.amount))}) would be below the minimum of the new total (${en(money(m.limit.cents))}).`,
    });
  }
  if (values.cut.isNegative()) {
    out.push({
      it: `Il nuovo totale (${eu(values.newTotal)}) supera quello dichiarato: la rimodulazione propone solo riduzioni.`,
      en: `The new total (${en(values.newTotal)}) exceeds the declared one: re-planning only proposes reductions.`,
    });
  }
  return out;
}

/** In-kind cofinancing: the declared total of the table, else the sum of its rows. */
function inKindTotal(budget: Budget): Money {
  const declared = stated(budget, 'COFIN_IN_KIND_TOTAL');
  if (declared) return declared.value;
  return sum(budget.cofinancers.map((c) => (c.inKind === null ? null : money(c.inKind))));
}

/** What the partners committed, or null when the budget has no cofinancing table. */
function committedCofinancing(budget: Budget): Money | null {
  const m = stated(budget, 'COFIN_MONETARY_TOTAL');
  const k = stated(budget, 'COFIN_IN_KIND_TOTAL');
  if (m && k) return m.value.plus(k.value);
  if (budget.cofinancers.length === 0) return null;
  // Row by row, monetary then in kind (no pair of amounts made for each row).
  let total = ZERO;
  for (const c of budget.cofinancers) {
    if (c.monetary !== null) total = total.plus(money(c.monetary));
    if (c.inKind !== null) total = total.plus(money(c.inKind));
  }
  return total;
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/**
 * Share `total` cents among weights in proportion, in whole cents, the remainder going one cent
 * at a time to the largest fractional parts (ties to the earlier line). No share exceeds its
 * weight when total <= sum of weights, because a share only gets a cent it had a fraction of.
 */
export function largestRemainder(total: bigint, weights: readonly bigint[]): bigint[] {
  const whole = weights.reduce((a, b) => a + b, 0n);
  if (whole === 0n || total === 0n) return weights.map(() => 0n);
  const shares = weights.map((w) => (total * w) / whole);
  const rems = weights.map((w, i) => ({ i, r: (total * w) % whole }));
  let left = total - shares.reduce((a, b) => a + b, 0n);
  rems.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  for (const { i } of rems) {
    if (left === 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares;
}

/** The declared budget with new amounts on the given lines; everything else as declared. */
function rewrite(budget: Budget, after: Map<LineCode, Money | null>): Budget {
  // What each new amount is worth, as in hand: the proposal's changes and rules do not parse them back.
  const values: (Money | undefined)[] = [];
  const lines = budget.lines.map((l, i): BudgetLine => {
    const now = after.get(l.code);
    const declared = statedAt(budget.lines, i)?.value;
    if (now === undefined || now === null || (declared !== undefined && declared.equals(now))) {
      values.push(declared);
      return copyOf(l);
    }
    const reduction = declared === undefined ? ZERO : declared.minus(now);
    let funded = l.funded;
    const cofinanced = l.cofinanced;
    if (cofinanced !== null && funded !== null) funded = toPlain(now.minus(money(cofinanced)));
    else if (funded !== null) funded = toPlain(maxM(ZERO, money(funded).minus(reduction)));
    const raw =
      funded !== null && cofinanced !== null
        ? `${eu(money(funded))} (finanziamento) ${eu(money(cofinanced))} (cofinanziamento) ${eu(now)} (Totale)`
        : eu(now);
    // Only an amount to the cent parses back to the very value it was printed from; and a zero's
    // plain form drops the sign of a negative zero.
    values.push(!now.isZero() && now.decimalPlaces() <= 2 ? now : undefined);
    // A breakdown of the old amount ("di cui: ...") no longer describes the new one.
    return { ...l, status: 'stated', amount: toPlain(now), funded, cofinanced, details: [], raw };
  });
  keepStated(lines, values);
  // The annex's merged row holds A and its coordination in one cell: keep that cell readable.
  const a = lines.find((l) => l.code === 'A');
  const c = lines.find((l) => l.code === 'A_coord');
  if (a && c && a.cell.row === c.cell.row && a.cell.col === c.cell.col) {
    const orig = budget.lines.find((l) => l.code === 'A')!;
    const origC = budget.lines.find((l) => l.code === 'A_coord')!;
    if (a.amount !== orig.amount || c.amount !== origC.amount) {
      const part = (l: BudgetLine) => {
        const value = statedAt(lines, lines.indexOf(l))?.value;
        return value === undefined ? '€ .....' : eu(value);
      };
      a.raw = c.raw = `${part(a)} ${part(c)}`;
    }
  }
  return {
    lines,
    cofinancers: budget.cofinancers.map((x) => ({ ...x })),
    assigned: budget.assigned ? { ...budget.assigned } : null,
    problems: budget.problems.map((p) => ({ ...p })),
    span: budget.span ? [budget.span[0], budget.span[1]] : null,
  };
}

/** A line as declared, copied (its breakdown too). */
function copyOf(l: BudgetLine): BudgetLine {
  return { ...l, details: l.details.map((d) => ({ ...d })) };
}

const LISTED: readonly LineCode[] = ['A', 'A_coord', 'B', 'C', 'D', 'E', 'TOTAL', 'CONTRIBUTION', 'COFINANCING'];

function changesOf(
  before: Budget,
  after: Budget,
  why: (code: LineCode, before: BudgetLine, now: BudgetLine) => Reason,
): LineChange[] {
  // A loop, not flatMap: Node 20's flatMap costs microseconds for a handful of short arrays.
  const changes: LineChange[] = [];
  for (const code of LISTED) {
    const b = before.lines.find((l) => l.code === code);
    const n = after.lines.find((l) => l.code === code);
    if (!b || !n) continue;
    const delta = b.amount !== null && n.amount !== null ? toPlain(stated(after, code)!.value.minus(stated(before, code)!.value)) : null;
    changes.push({ code, label: b.label, cell: b.cell, before: b.amount, after: n.amount, delta, reason: why(code, b, n) });
  }
  return changes;
}

function reasonFor(
  code: LineCode,
  before: BudgetLine,
  now: BudgetLine,
  k: { slots: Slot[]; strategy: ReplanStrategy; frame: NeededFrame; values: FrameValues; coordWhy: Reason },
): Reason {
  const { frame } = k;
  switch (code) {
    case 'TOTAL':
      return {
        it: `Contributo assegnato (${eu(k.values.awarded)}) più cofinanziamento (${eu(k.values.cofinancing)}).`,
        en: `Grant awarded (${en(k.values.awarded)}) plus cofinancing (${en(k.values.cofinancing)}).`,
      };
    case 'CONTRIBUTION':
      return { it: 'Pari al contributo assegnato.', en: 'Equal to the grant awarded.' };
    case 'COFINANCING':
      return frame.cofinancing === frame.cofinancingDeclared
        ? { it: 'Invariato: gli impegni dei partner non cambiano.', en: "Unchanged: the partners' commitments stay as declared." }
        : { it: 'Come indicato dal capofila, pari agli impegni dei partner.', en: "As set by the lead, equal to the partners' commitments." };
    case 'A_coord':
      return k.coordWhy;
    default: {
      const slot = k.slots.find((s) => s.code === code)!;
      if (before.amount === null) return { it: 'Non indicata: invariata.', en: 'Not stated: unchanged.' };
      if (slot.amount.isZero()) return { it: 'A zero: invariata.', en: 'Zero: unchanged.' };
      const dropped = before.details.length > 0 && now.details.length === 0;
      const tail = dropped
        ? { it: ' Il dettaglio ("di cui") va ripartito di nuovo.', en: ' Its breakdown ("di cui") must be shared out again.' }
        : { it: '', en: '' };
      const kept: Reason =
        slot.floorWhy === 'none'
          ? { it: '', en: '' }
          : slot.floorWhy === 'in-kind'
            ? { it: ` Resta la valorizzazione imputata al personale (${eu(slot.floor)}).`, en: ` The in-kind share booked on personnel (${en(slot.floor)}) stays.` }
            : slot.floorWhy === 'coordination'
              ? { it: ` Resta il coordinamento che contiene (${eu(slot.floor)}).`, en: ` The coordination it holds (${en(slot.floor)}) stays.` }
              : { it: ` Resta la quota cofinanziata (${eu(slot.floor)}).`, en: ` The cofinanced share (${en(slot.floor)}) stays.` };
      if (!slot.cut.isZero()) {
        const last = k.strategy === 'keep-vouchers' && code === 'D';
        return {
          it: `${last ? 'Ridotta per ultima' : 'Ridotta'} di ${eu(slot.cut)} in proporzione alla parte non cofinanziata.${kept.it}${tail.it}`,
          en: `${last ? 'Cut last, by' : 'Cut by'} ${en(slot.cut)} in proportion to its part not cofinanced.${kept.en}${tail.en}`,
        };
      }
      if (k.strategy === 'keep-vouchers' && code === 'D') {
        return { it: 'Invariata: i voucher si riducono per ultimi.', en: 'Unchanged: vouchers are cut last.' };
      }
      if (slot.floor.gte(slot.amount)) {
        const why =
          slot.floorWhy === 'in-kind'
            ? { it: 'coperta dal cofinanziamento in valorizzazione, imputato al personale', en: 'covered by in-kind cofinancing, booked on personnel' }
            : slot.floorWhy === 'coordination'
              ? { it: 'contiene il coordinamento da mantenere', en: 'holds the coordination to keep' }
              : { it: 'interamente cofinanziata', en: 'fully cofinanced' };
        return { it: `Invariata: ${why.it}.`, en: `Unchanged: ${why.en}.` };
      }
      return { it: 'Invariata.', en: 'Unchanged.' };
    }
  }
}
