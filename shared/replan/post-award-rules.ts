// Findings about the future: figures that are fine at the requested contribution but break a
// rule of the call once the budget is re-planned to the grant awarded. They are rules like the
// others (same Rule and Finding shapes), so an adapter can run them with the catalogue:
//   validate(ctx, [...RULES, ...POST_AWARD_RULES])
// They stay silent until an award is known and is below the request.
import type { Finding } from '../model.js';
import { amountIs, makeFinding } from '../findings/make.js';
import type { FormulaRefs, Rule, RuleContext } from '../rules/rule.js';
import { replanFrame, type Misfit, type PostAwardRuleId, type ReplanFrame } from './frame.js';

// Warnings, not errors: the declared budget itself breaks nothing; it is the re-planned one
// that would, and the lead has not written it yet.
const SEVERITY = 'warning' as const;

// Every post-award rule of one validation judges the same frame: it is framed once per context
// (a context is made for one validation and not changed while the rules run).
const frames = new WeakMap<RuleContext, ReplanFrame>();

/** The frame the post-award rules judge a context by (made once per context). */
export function frameOf(ctx: RuleContext): ReplanFrame {
  let frame = frames.get(ctx);
  if (frame === undefined) {
    frame = replanFrame(ctx.budget, ctx.profile, ctx.assigned?.amount ?? null);
    frames.set(ctx, frame);
  }
  return frame;
}

function misfitsOf(ctx: RuleContext, rule: PostAwardRuleId) {
  const frame = frameOf(ctx);
  if (frame.status !== 'needed') return null;
  const misfits = frame.misfits.filter((m) => m.rule === rule);
  return misfits.length === 0 ? null : { frame, misfits };
}

function atOf(ctx: RuleContext, m: Misfit): Finding['at'] {
  return ctx.assigned ? [...m.cells, ctx.assigned.at] : [...m.cells];
}

/**
 * The frame's comparisons as spreadsheet formulas (replanFrame: an award below the request,
 * with TOTALE, CONTRIBUTO and COFINANZIAMENTO stated, re-plans to award + cofinancing).
 */
function postAwardRefs(refs: FormulaRefs) {
  const [a, t, c, f] = [refs.assigned ?? null, refs.line('TOTAL'), refs.line('CONTRIBUTION'), refs.line('COFINANCING')];
  if (!a || !t || !c || !f) return null;
  return {
    a,
    f,
    needed: `AND(COUNT(${a},${t},${c},${f})=4,N(${a})>=0,N(${a})<N(${c}))`,
    share: (pct: string) => `ROUND((N(${a})+N(${f}))*${pct}/100,6)`,
  };
}

const coordinationMaxAfterAward: Rule = {
  id: 'coordination-max-after-award',
  severity: SEVERITY,
  title: {
    it: "Coordinamento entro il massimo dopo l'assegnazione",
    en: 'Coordination within the maximum after the award',
  },
  check(ctx) {
    const hit = misfitsOf(ctx, 'coordination-max-after-award');
    if (!hit) return [];
    const { frame, misfits } = hit;
    const pct = String(ctx.profile.coordinationMaxPct);
    return misfits.map((m) =>
      makeFinding({
        rule: 'coordination-max-after-award', severity: this.severity,
        data: { awarded: frame.awarded, newTotal: frame.newTotal, coordination: m.amount, pct, ceiling: m.limit.exact },
        at: atOf(ctx, m), expected: amountIs(m.limit.exact, '<='), actual: amountIs(m.amount),
      }),
    );
  },
  formula(refs) {
    const p = postAwardRefs(refs);
    const k = refs.line('A_coord');
    if (!p || !k) return null;
    return `IF(${p.needed},IF(COUNT(${k})<1,TRUE,N(${k})<=${p.share(refs.profile.coordinationMaxPct)}),TRUE)`;
  },
  /** The ceiling at the award, or "" when no re-planning is due. */
  measure(refs) {
    const p = postAwardRefs(refs);
    return p ? `IF(${p.needed},${p.share(refs.profile.coordinationMaxPct)},"")` : null;
  },
};

export const cofinancingMinAfterAward: Rule = {
  id: 'cofinancing-min-after-award',
  severity: SEVERITY,
  title: {
    it: "Cofinanziamento almeno al minimo dopo l'assegnazione",
    en: 'Cofinancing at least the minimum after the award',
  },
  check(ctx) {
    const hit = misfitsOf(ctx, 'cofinancing-min-after-award');
    if (!hit) return [];
    const { frame, misfits } = hit;
    const pct = String(ctx.profile.cofinancingMinPct);
    return misfits.map((m) =>
      makeFinding({
        rule: 'cofinancing-min-after-award', severity: this.severity,
        data: { newTotal: frame.newTotal, cofinancing: m.amount, pct, floor: m.limit.exact },
        at: atOf(ctx, m), expected: amountIs(m.limit.exact, '>='), actual: amountIs(m.amount),
      }),
    );
  },
  formula(refs) {
    const p = postAwardRefs(refs);
    if (!p) return null;
    // A shortfall under the tolerance is rounding, as in the frame.
    return `IF(${p.needed},ROUND((N(${p.a})+N(${p.f}))*${refs.profile.cofinancingMinPct}/100-N(${p.f}),6)<${refs.profile.roundingTolerance},TRUE)`;
  },
  /** The floor at the award, or "" when no re-planning is due. */
  measure(refs) {
    const p = postAwardRefs(refs);
    return p ? `IF(${p.needed},${p.share(refs.profile.cofinancingMinPct)},"")` : null;
  },
};

/** The budget must be re-planned at all: informational, one per project with a cut award. */
export const replanNeeded: Rule = {
  id: 'replan-needed',
  severity: 'info',
  title: { it: 'Piano da rimodulare', en: 'Budget to re-plan' },
  check(ctx) {
    const frame = frameOf(ctx);
    if (frame.status !== 'needed') return [];
    const contribution = ctx.budget.lines.find((l) => l.code === 'CONTRIBUTION');
    return [
      makeFinding({
        rule: 'replan-needed', severity: this.severity,
        data: { awarded: frame.awarded, requested: frame.requested, total: frame.total, newTotal: frame.newTotal },
        at: [...(contribution ? [contribution.cell] : []), ...(ctx.assigned ? [ctx.assigned.at] : [])],
        expected: amountIs(frame.newTotal), actual: amountIs(frame.total),
      }),
    ];
  },
};

/** The rules that break at the awarded amount (replan-needed, being informational, is apart). */
export const POST_AWARD_RULES: readonly Rule[] = [coordinationMaxAfterAward, cofinancingMinAfterAward];

export function postAwardFindings(ctx: RuleContext): Finding[] {
  return POST_AWARD_RULES.flatMap((r) => r.check(ctx));
}
