// Findings the pipeline itself raises about the document (the budget rules live in shared/).
// The same catalogue as the core's (shared/findings): a rule id, a severity, the facts, and the
// source lines; their text is rendered from the facts there, never written here.
import type { Figure, RuleData } from '../../shared/findings/data.js';
import { makeFinding } from '../../shared/findings/make.js';
import type { DOCUMENT_RULE_NAMES } from '../../shared/findings/names.js';
import type { FindingOf, Severity } from '../../shared/model.js';

export type PipelineRule = keyof typeof DOCUMENT_RULE_NAMES;

export function pipelineFinding<R extends PipelineRule>(
  rule: R,
  severity: Severity,
  data: RuleData<R>,
  lines: readonly number[],
  figures: { expected?: Figure | null; actual?: Figure | null } = {},
): FindingOf<R> {
  const at = [...new Set(lines)].filter((l) => l > 0).map((line) => ({ line }));
  return makeFinding({ rule, severity, data, at, ...figures });
}
