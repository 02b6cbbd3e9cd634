// The one place the workbook reads a finding's words and figures and a rule's name: the findings
// model is being reworked (typed facts, words rendered in shared/findings), and a change in how
// findings are worded is a change here only (findingWords can become shared/findings'
// renderFinding in one line once it has landed).
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
  return { message: f.message[lang], expected: figureText(f.expected, lang), actual: figureText(f.actual, lang) };
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

const OPS: Record<string, string> = { '<=': '≤ ', '>=': '≥ ', '=': '' };

/** A decimal with the language's separators, every digit kept ("8571.4275" -> "8.571,4275"). */
export function localNumber(plain: string, lang: Lang): string {
  const [int, frac] = plain.replace(/^-/, '').split('.');
  const [group, point] = lang === 'it' ? ['.', ','] : [',', '.'];
  let grouped = '';
  for (let i = 0; i < int!.length; i++) grouped += (i > 0 && (int!.length - i) % 3 === 0 ? group : '') + int![i];
  return `${plain.startsWith('-') ? '-' : ''}${grouped}${frac === undefined ? '' : point + frac}`;
}

/**
 * A finding's expected or actual figure as a reader of that language writes it, from either
 * shape the model has had: a plain string ("<= 8571.4275") or a typed figure
 * ({ kind: 'amount', op: '<=', value: '8571.4275' }).
 */
function figureText(figure: unknown, lang: Lang): string | null {
  if (figure === null || figure === undefined) return null;
  if (typeof figure === 'string') {
    const m = /^(<=|>=|=)?\s*(-?\d+(?:\.\d+)?)$/.exec(figure.trim());
    return m ? `${OPS[m[1] ?? '=']}${localNumber(m[2]!, lang)}` : figure;
  }
  const f = figure as { kind?: string; op?: string; value?: string; terms?: string[] };
  if ((f.kind === 'amount' || f.kind === 'number') && typeof f.value === 'string') {
    return `${OPS[f.op ?? '='] ?? ''}${f.kind === 'amount' ? '€ ' : ''}${localNumber(f.value, lang)}`;
  }
  // Text a finding quotes (a title, a name) is the annex's, in guillemets as the messages quote it.
  if (f.kind === 'text' && typeof f.value === 'string') return `«${f.value}»`;
  // Terms ("stated:TOTAL") are worded by the findings' renderer; until it is used here, none.
  return null;
}
