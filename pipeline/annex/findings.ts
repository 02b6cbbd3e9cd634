// Findings the pipeline itself raises about the document (the budget rules live in shared/).
// The same catalogue as the core's (shared/findings): a rule id, a severity, the facts, and the
// source lines; their text is rendered from the facts there, never written here.
import type { Figure, RuleData } from '../../shared/findings/data.js';
import { makeFinding } from '../../shared/findings/make.js';
import type { FindingOf, Severity } from '../../shared/model.js';

export const PIPELINE_RULES = {
  'toc-mismatch': { it: 'Indice coerente con i progetti', en: 'Table of contents matches the projects' },
  'header-field-missing': { it: 'Intestazione del progetto completa', en: 'Project header complete' },
  'table-row-unreadable': { it: 'Riga di tabella leggibile', en: 'Table row readable' },
  'partners-missing': { it: 'Tabella dei partner presente', en: 'Partner table present' },
  'interventions-missing': { it: 'Tipologie di intervento indicate', en: 'Intervention types stated' },
  'project-id-duplicate': { it: 'Numero di progetto univoco', en: 'Project number unique' },
  'encoding-guessed': { it: 'Codifica del file', en: 'File encoding' },
  'pages-without-text': { it: 'Testo su ogni pagina', en: 'Text on every page' },
  'shares-sum': { it: 'Le quote delle voci sommano a contributo e cofinanziamento', en: "Lines' funding shares add up to contribution and cofinancing" },
  'ranking-mismatch': { it: 'Graduatoria coerente con i progetti', en: 'Ranking matches the projects' },
} as const;

export type PipelineRule = keyof typeof PIPELINE_RULES;

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
