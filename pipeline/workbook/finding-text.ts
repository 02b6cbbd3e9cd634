// The one place the workbook reads a finding's words and figures (worded by shared/findings,
// as every output's) and a rule's name.
import { DOCUMENT_RULE_NAMES, OUTPUT_RULE_NAMES } from '../../shared/findings/names.js';
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

const NAMES = new Map<string, { it: string; en: string }>([
  ...Object.entries({ ...DOCUMENT_RULE_NAMES, ...OUTPUT_RULE_NAMES }),
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
