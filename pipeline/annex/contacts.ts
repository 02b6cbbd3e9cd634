// A contact as annexes write it in one breath: "Annamaria Pecchini, 0376 283079,
// a.pecchini@borgovirgilio.gov.it", "Dott. MARCO ZANINI - tel. 0376.234201 - zanini@...",
// "Sara Posatini Tel 348 011 2317 sara.posatini@...". Split into name, email and phone.
import { visibleText } from '../../shared/text.js';

export interface Contact {
  name: string;
  email: string;
  phone: string;
}

// Each pattern here runs over text of any length: a run that could start a match starts it only at
// its first character (the look-behinds), so no run is scanned again from each of its characters.
const EMAIL = /(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/y;
// Italian numbers: 2-5 digit prefix, then groups split by space, dot, slash or dash.
const PHONE = /(?:\+\s?39[\s.]?)?\(?\d{2,5}\)?(?:[\s./-]{0,2}\d{2,}){0,5}/g;
const LABELS = /\b(?:tel(?:efono)?|cell(?:ulare)?|e-?mail|mail|fax|mob|pec|posta elettronica(?: certificata)?)\b\.?\s*:?/gi;

const MAILTO = /mailto:([^"')\s>]+)/gi;

function digits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) n++;
  }
  return n;
}

function isEmail(t: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/.test(t);
}

// A character an email's name part may hold: a run of them before an "@" is where one starts.
function inLocalPart(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) ||
    c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x27 || c === 0x2d
  );
}

/**
 * The text with each email (as EMAIL finds them, left to right) replaced by a space, the emails
 * added to `emails`. Every email holds an "@" and starts where the run of name characters before
 * it starts, so the pattern is tried there only, not at every character of the text.
 */
function takeEmails(text: string, emails: Set<string>): string {
  let out = '';
  let from = 0; // where the global search would resume: the end of the last email
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && inLocalPart(text.charCodeAt(start - 1))) start--;
    // No name before this "@", or a name the last email ran into: no email starts there.
    if (start === at || start < from) continue;
    EMAIL.lastIndex = start;
    const m = EMAIL.exec(text);
    if (m === null) continue;
    emails.add(m[0]);
    out += `${text.slice(from, start)} `;
    from = EMAIL.lastIndex;
    at = from - 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

// What is left of the text once the contacts are out, tidied. Each cleaner is run only on a text
// holding a character every one of its matches holds (most names have no bracket, no comma and
// no dash): a text without one is what the cleaner would give back unchanged.
function nameOf(text: string): string {
  let t = text.replace(LABELS, ' ');
  // Brackets the contacts stood in, now empty: "Paolo Riva (PEC …)".
  if (t.includes('(') || t.includes('[')) t = t.replace(/\(\s?[,;:]?\s?\)|\[\s?[,;:]?\s?\]/g, ' ');
  if (t.includes(',') || t.includes(';')) t = t.replace(/(?<!\s)\s*[,;]\s*(?=[,;]|$)/g, '');
  if (/[-–—]/.test(t)) t = t.replace(/(\s[-–—]\s*)+(?=[-–—]|$)/g, ' ');
  return (
    t
      // Runs of spaces to one: a lone plain space is left where it is rather than replaced by itself.
      .replace(/\s{2,}|[^\S ]/g, ' ')
      .replace(/^[\s,;:–—-]+|(?<![\s,;:–—-])[\s,;:–—-]+$/g, '')
      .trim()
  );
}

/** A contact from its text; `visible` is visibleText(raw), given by a caller that has it (a table row keeps its cells'). */
export function splitContact(raw: string, visible: string = visibleText(raw)): Contact {
  // Every email, written or a mailto target, has an "@": a cell without one (a name and a
  // phone, as most are) is not searched for either.
  const emails = new Set<string>();
  let text = visible;
  if (text.includes('@')) text = takeEmails(text, emails);
  // mailto targets are emails even when the visible text is not.
  if (raw.includes('@')) for (const m of raw.matchAll(MAILTO)) if (isEmail(m[1]!)) emails.add(m[1]!);
  const phones: string[] = [];
  text = text.replace(PHONE, (m) => {
    const t = m.trim().replace(/(?<![\s./-])[\s./-]+$/, '');
    if (digits(t) >= 6) {
      phones.push(t);
      return ' ';
    }
    return m;
  });
  const name = nameOf(text);
  return { name, email: [...emails].join('; '), phone: phones.join('; ') };
}
