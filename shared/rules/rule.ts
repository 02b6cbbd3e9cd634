// What a rule is: an id, a default severity, bilingual title, a check over a budget, and,
// where a spreadsheet can express it, the formula that gives the same verdict in a cell.
import type { Budget, Finding, LineCode, Partner, Position, RuleId, Severity } from '../model.js';
import type { Profile } from '../profile.js';
import type { PartnerLink } from '../partner-match.js';

export interface RuleContext {
  budget: Budget;
  profile: Profile;
  /** The grant awarded, where known (annex header or the tab's own "Assegnato" row). */
  assigned?: { amount: string | null; at: Position } | null;
  partners?: readonly Partner[];
  links?: readonly PartnerLink[];
}

/** A1 references of a budget's cells, for rules that can write themselves as formulas. */
export interface FormulaRefs {
  line(code: LineCode): string | null;
  cofinMonetary: string | null; // a range such as B20:B30
  cofinInKind: string | null;
  profile: Profile;
  /** The cell of the grant awarded, where the sheet has one (post-award rules need it). */
  assigned?: string | null;
}

export interface Rule {
  id: RuleId;
  severity: Severity;
  title: { it: string; en: string };
  check(ctx: RuleContext): Finding[];
  /** A formula that is TRUE when the rule holds, or null when the cells it needs are absent. */
  formula?(refs: FormulaRefs): string | null;
  /** The quantity the check compares, as a numeric formula (the engine's own computed figure). */
  measure?(refs: FormulaRefs): string | null;
}
