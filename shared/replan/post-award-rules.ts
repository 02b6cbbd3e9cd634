// Findings about the future: figures that are fine at the requested contribution but break a
// rule of the call once the budget is re-planned to the grant awarded. They are rules like the
// others (same Rule and Finding shapes), so an adapter can run them with the catalogue:
//   validate(ctx, [...RULES, ...POST_AWARD_RULES])
// They stay silent until an award is known and is below the request.
import type { Finding } from '../model.js';
import { formatEuro, money } from '../money.js';
import { finding, type Rule, type RuleContext } from '../rules/rule.js';
import { replanFrame, type Misfit, type PostAwardRuleId } from './frame.js';

// Warnings, not errors: the declared budget itself breaks nothing; it is the re-planned one
// that would, and the lead has not written it yet.
const SEVERITY = 'warning' as const;

function misfitsOf(ctx: RuleContext, rule: PostAwardRuleId) {
  const frame = replanFrame(ctx.budget, ctx.profile, ctx.assigned?.amount ?? null);
  if (frame.status !== 'needed') return null;
  const misfits = frame.misfits.filter((m) => m.rule === rule);
  return misfits.length === 0 ? null : { frame, misfits };
}

function atOf(ctx: RuleContext, m: Misfit): Finding['at'] {
  return ctx.assigned ? [...m.cells, ctx.assigned.at] : [...m.cells];
}

export const coordinationMaxAfterAward: Rule = {
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
    const pct = ctx.profile.coordinationMaxPct;
    return misfits.map((m) => {
      const [coord, ceiling] = [money(m.amount), money(m.limit.cents)];
      const [award, total] = [money(frame.awarded), money(frame.newTotal)];
      return finding(
        this,
        `Con il contributo assegnato (${formatEuro(award)}) il totale rimodulato è ${formatEuro(total)}: il coordinamento (${formatEuro(coord)}) supera il ${pct}% del nuovo totale (${formatEuro(ceiling)}) e va ridotto.`,
        `With the grant awarded (${formatEuro(award, { lang: 'en' })}) the re-planned total is ${formatEuro(total, { lang: 'en' })}: coordination (${formatEuro(coord, { lang: 'en' })}) exceeds ${pct}% of the new total (${formatEuro(ceiling, { lang: 'en' })}) and must be reduced.`,
        atOf(ctx, m),
        { expected: `<= ${m.limit.exact}`, actual: m.amount },
      );
    });
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
    const pct = ctx.profile.cofinancingMinPct;
    return misfits.map((m) => {
      const [cofin, floor, total] = [money(m.amount), money(m.limit.cents), money(frame.newTotal)];
      return finding(
        this,
        `Con il totale rimodulato di ${formatEuro(total)} il cofinanziamento (${formatEuro(cofin)}) è sotto il ${pct}%: servono almeno ${formatEuro(floor)}.`,
        `With the re-planned total of ${formatEuro(total, { lang: 'en' })} cofinancing (${formatEuro(cofin, { lang: 'en' })}) is below ${pct}%: at least ${formatEuro(floor, { lang: 'en' })} is needed.`,
        atOf(ctx, m),
        { expected: `>= ${m.limit.exact}`, actual: m.amount },
      );
    });
  },
};

/** The budget must be re-planned at all: informational, one per project with a cut award. */
export const replanNeeded: Rule = {
  id: 'replan-needed',
  severity: 'info',
  title: { it: 'Piano da rimodulare', en: 'Budget to re-plan' },
  check(ctx) {
    const frame = replanFrame(ctx.budget, ctx.profile, ctx.assigned?.amount ?? null);
    if (frame.status !== 'needed') return [];
    const contribution = ctx.budget.lines.find((l) => l.code === 'CONTRIBUTION');
    const [award, requested, total] = [money(frame.awarded), money(frame.requested), money(frame.newTotal)];
    return [
      finding(
        this,
        `Assegnati ${formatEuro(award)} su ${formatEuro(requested)} richiesti: il piano va rimodulato a un totale di ${formatEuro(total)}.`,
        `${formatEuro(award, { lang: 'en' })} awarded of ${formatEuro(requested, { lang: 'en' })} requested: the budget must be re-planned to a total of ${formatEuro(total, { lang: 'en' })}.`,
        [...(contribution ? [contribution.cell] : []), ...(ctx.assigned ? [ctx.assigned.at] : [])],
        { expected: frame.newTotal, actual: frame.total },
      ),
    ];
  },
};

/** The rules that break at the awarded amount (replan-needed, being informational, is apart). */
export const POST_AWARD_RULES: readonly Rule[] = [coordinationMaxAfterAward, cofinancingMinAfterAward];

export function postAwardFindings(ctx: RuleContext): Finding[] {
  return POST_AWARD_RULES.flatMap((r) => r.check(ctx));
}
