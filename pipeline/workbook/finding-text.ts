// The one place the workbook reads a finding's words and figures (worded by shared/findings,
// as every output's) and a rule's name.
import { renderFinding } from '../../shared/findings/render.js';
import type { Finding } from '../../shared/model.js';
import { POST_AWARD_RULES, replanNeeded } from '../../shared/replan/post-award-rules.js';
import { RULES } from '../../shared/rules/index.js';

export type Lang = 'it' | 'en';

export interface FindingWords {
  message: string;
  expected: string | null;
  actual: string | null;
}

/** The finding's message, expected and actual figures, in the language asked for. */
export function findingWords(f: Finding, lang: Lang): FindingWords {
  return renderFinding(f, lang);
}

export function findingMessage(f: Finding, lang: Lang): string {
  return findingWords(f, lang).message;
}

/** Names of the rules that are not in the budget catalogue (they have no title of their own). */
const OTHER_NAMES: Record<string, { it: string; en: string }> = {
  'toc-mismatch': { it: "Indice concorde con le schede", en: 'Contents agree with the projects' },
  'header-field-missing': { it: "Intestazione completa", en: 'Header complete' },
  'table-row-unreadable': { it: 'Righe di tabella leggibili', en: 'Table rows readable' },
  'partners-missing': { it: 'Elenco dei partner presente', en: 'Partner list present' },
  'interventions-missing': { it: 'Tipologie di intervento indicate', en: 'Intervention types stated' },
  'project-id-duplicate': { it: 'Numero di progetto univoco', en: 'Project number unique' },
  'encoding-guessed': { it: 'Codifica del file riconosciuta', en: 'File encoding recognised' },
  'pages-without-text': { it: 'Testo su ogni pagina', en: 'Text on every page' },
  'shares-sum': { it: 'Quote di contributo e cofinanziamento coerenti', en: 'Funding shares add up' },
  'ranking-mismatch': { it: 'Graduatoria concorde con le schede', en: 'Ranking agrees with the projects' },
  'cell-too-long': { it: 'Testo entro il limite di una cella', en: "Text within a cell's limit" },
  'findings-capped': { it: 'Rilievi oltre il limite per regola', en: 'Findings over the limit per rule' },
};

const NAMES = new Map<string, { it: string; en: string }>([
  ...Object.entries(OTHER_NAMES),
  ...[...RULES, ...POST_AWARD_RULES, replanNeeded].map((r) => [r.id, r.title] as const),
]);

/** A rule's name in the language asked for; the id itself for a rule nobody named. */
export function ruleName(id: string, lang: Lang): string {
  return NAMES.get(id)?.[lang] ?? id;
}

/** A decimal with the language's separators, every digit kept ("8571.4275" -> "8.571,4275"). */
export function localNumber(plain: string, lang: Lang): string {
  const [int, frac] = plain.replace(/^-/, '').split('.');
  const [group, point] = lang === 'it' ? ['.', ','] : [',', '.'];
  let grouped = '';
  for (let i = 0; i < int!.length; i++) grouped += (i > 0 && (int!.length - i) % 3 === 0 ? group : '') + int![i];
  return `${plain.startsWith('-') ? '-' : ''}${grouped}${frac === undefined ? '' : point + frac}`;
}
