// What a rule is: an id, a default severity, bilingual text, a check over a budget, and,
// where a spreadsheet can express it, the formula that gives the same verdict in a cell.
import type { Budget, Finding, LineCode, Partner, Position, Severity } from '../model.js';
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
}

export interface Rule {
  id: string;
  severity: Severity;
  title: { it: string; en: string };
  check(ctx: RuleContext): Finding[];
  /** A formula that is TRUE when the rule holds, or null when the cells it needs are absent. */
  formula?(refs: FormulaRefs): string | null;
  /** The quantity the check compares, as a numeric formula (the engine's own computed figure). */
  measure?(refs: FormulaRefs): string | null;
}

export function finding(
  rule: Pick<Rule, 'id' | 'severity'>,
  it: string,
  en: string,
  at: Position[],
  extra: { expected?: string | null; actual?: string | null; severity?: Severity } = {},
): Finding {
  return {
    rule: rule.id,
    severity: extra.severity ?? rule.severity,
    message: { it, en },
    expected: extra.expected ?? null,
    actual: extra.actual ?? null,
    at,
  };
}
