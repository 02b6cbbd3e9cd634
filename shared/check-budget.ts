// Checking one project's budget: link cofinancers to partners, then run every rule, the
// post-award ones included (they stay silent without an award below the request).
// The pipeline, the workbook and the add-on all call this, so all give the same verdicts.
import { validate } from './engine.js';
import { RULES } from './rules/index.js';
import { frameOf, POST_AWARD_RULES } from './replan/post-award-rules.js';
import type { ReplanFrame } from './replan/frame.js';
import type { Budget, Finding, Partner, Position } from './model.js';
import { linkPartner, type PartnerLink } from './partner-match.js';
import type { Profile } from './profile.js';

export interface BudgetCheck {
  links: PartnerLink[];
  findings: Finding[];
  /** The re-planning frame at the grant assigned, as the post-award rules judged it. */
  frame: ReplanFrame;
}

// The whole catalogue, once (not spread again for every budget).
const EVERY_RULE = [...RULES, ...POST_AWARD_RULES];

export function checkBudget(
  budget: Budget,
  profile: Profile,
  known: { partners?: readonly Partner[]; assigned?: { amount: string | null; at: Position } | null } = {},
): BudgetCheck {
  const partners = known.partners ?? [];
  const links = budget.cofinancers.map((c) => linkPartner(c.entity, partners, profile));
  const assigned =
    known.assigned ?? (budget.assigned ? { amount: budget.assigned.amount, at: budget.assigned.cell } : null);
  const ctx = { budget, profile, partners, links, assigned };
  const findings = validate(ctx, EVERY_RULE);
  return { links, findings, frame: frameOf(ctx) };
}
