// Checking one project's budget: link cofinancers to partners, then run every rule.
// The pipeline and the add-on both call this, so both give the same verdicts.
import { validate } from './engine.js';
import type { Budget, Finding, Partner, Position } from './model.js';
import { linkPartner, type PartnerLink } from './partner-match.js';
import type { Profile } from './profile.js';

export interface BudgetCheck {
  links: PartnerLink[];
  findings: Finding[];
}

export function checkBudget(
  budget: Budget,
  profile: Profile,
  known: { partners?: readonly Partner[]; assigned?: { amount: string | null; at: Position } | null } = {},
): BudgetCheck {
  const partners = known.partners ?? [];
  const links = budget.cofinancers.map((c) => linkPartner(c.entity, partners, profile));
  const assigned =
    known.assigned ?? (budget.assigned ? { amount: budget.assigned.amount, at: budget.assigned.cell } : null);
  const findings = validate({ budget, profile, partners, links, assigned });
  return { links, findings };
}
