// Making a finding: its facts in, its text rendered once from them (render.ts), so the message
// can never say something the data does not.
import type { Finding, FindingOf, Position, RuleId, Severity } from '../model.js';
import type { Figure, RuleData } from './data.js';
import { renderMessages } from './render.js';

export interface FindingFacts<R extends RuleId> {
  rule: R;
  severity: Severity;
  data: RuleData<R>;
  /** What the rule requires. */
  expected?: Figure | null;
  /** What the annex or the sheet says. */
  actual?: Figure | null;
  at: Position[];
}

export function makeFinding<R extends RuleId>(facts: FindingFacts<R>): FindingOf<R> {
  const f = {
    rule: facts.rule,
    severity: facts.severity,
    data: facts.data,
    expected: facts.expected ?? null,
    actual: facts.actual ?? null,
    at: facts.at,
    message: { it: '', en: '' },
  } as FindingOf<R>;
  f.message = renderMessages(f as Finding);
  return f;
}

export { amountIs, numberIs, termIs, textIs } from './data.js';
