// Names of the rules that are not in the budget catalogue (the budget rules carry their own
// titles in shared/rules): the document's own checks, and the outputs' notes. One place, for
// every output that names a rule.
import type { Lang } from './render.js';

export const DOCUMENT_RULE_NAMES = {
  'toc-mismatch': { it: 'Indice concorde con le schede', en: 'Contents agree with the projects' },
  'header-field-missing': { it: 'Intestazione completa', en: 'Header complete' },
  'table-row-unreadable': { it: 'Righe di tabella leggibili', en: 'Table rows readable' },
  'partners-missing': { it: 'Elenco dei partner presente', en: 'Partner list present' },
  'interventions-missing': { it: 'Tipologie di intervento indicate', en: 'Intervention types stated' },
  'project-id-duplicate': { it: 'Numero di progetto univoco', en: 'Project number unique' },
  'encoding-guessed': { it: 'Codifica del file riconosciuta', en: 'File encoding recognised' },
  'pages-without-text': { it: 'Testo su ogni pagina', en: 'Text on every page' },
  'shares-sum': { it: 'Quote di contributo e cofinanziamento coerenti', en: 'Funding shares add up' },
  'ranking-mismatch': { it: 'Graduatoria concorde con le schede', en: 'Ranking agrees with the projects' },
} as const satisfies Record<string, Record<Lang, string>>;

export const OUTPUT_RULE_NAMES = {
  'cell-too-long': { it: 'Testo entro il limite di una cella', en: "Text within a cell's limit" },
  'findings-capped': { it: 'Rilievi oltre il limite per regola', en: 'Findings over the limit per rule' },
} as const satisfies Record<string, Record<Lang, string>>;
