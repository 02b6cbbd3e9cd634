// Findings the pipeline itself raises about the document (the budget rules live in shared/).
// Same shape as the core's: stable id, severity, Italian and English message, source lines.
import type { Finding, Severity } from '../../shared/model.js';

export const PIPELINE_RULES = {
  'toc-mismatch': { it: 'Indice coerente con i progetti', en: 'Table of contents matches the projects' },
  'header-field-missing': { it: 'Intestazione del progetto completa', en: 'Project header complete' },
  'table-row-unreadable': { it: 'Riga di tabella leggibile', en: 'Table row readable' },
  'partners-missing': { it: 'Tabella dei partner presente', en: 'Partner table present' },
  'interventions-missing': { it: 'Tipologie di intervento indicate', en: 'Intervention types stated' },
  'project-id-duplicate': { it: 'Numero di progetto univoco', en: 'Project number unique' },
  'encoding-guessed': { it: 'Codifica del file', en: 'File encoding' },
  'shares-sum': { it: 'Le quote delle voci sommano a contributo e cofinanziamento', en: "Lines' funding shares add up to contribution and cofinancing" },
  'ranking-mismatch': { it: 'Graduatoria coerente con i progetti', en: 'Ranking matches the projects' },
} as const;

export type PipelineRule = keyof typeof PIPELINE_RULES;

export function pipelineFinding(
  rule: PipelineRule,
  severity: Severity,
  it: string,
  en: string,
  lines: readonly number[],
  extra: { expected?: string | null; actual?: string | null } = {},
): Finding {
  return {
    rule,
    severity,
    message: { it, en },
    expected: extra.expected ?? null,
    actual: extra.actual ?? null,
    at: [...new Set(lines)].filter((l) => l > 0).map((line) => ({ line })),
  };
}
