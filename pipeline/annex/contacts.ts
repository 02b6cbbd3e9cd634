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
const EMAIL = /(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
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

export function splitContact(raw: string): Contact {
  // Every email, written or a mailto target, has an "@": a cell without one (a name and a
  // phone, as most are) is not searched for either.
  const emails = new Set<string>();
  let text = visibleText(raw);
  if (text.includes('@')) {
    // One pass both collects the emails and takes them out of the text.
    text = text.replace(EMAIL, (m) => {
      emails.add(m);
      return ' ';
    });
  }
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
  const name = text
    .replace(LABELS, ' ')
    // Brackets the contacts stood in, now empty: "Paolo Riva (PEC …)".
    .replace(/\(\s?[,;:]?\s?\)|\[\s?[,;:]?\s?\]/g, ' ')
    .replace(/(?<!\s)\s*[,;]\s*(?=[,;]|$)/g, '')
    .replace(/(\s[-–—]\s*)+(?=[-–—]|$)/g, ' ')
    // Runs of spaces to one: a lone plain space is left where it is rather than replaced by itself.
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .replace(/^[\s,;:–—-]+|(?<![\s,;:–—-])[\s,;:–—-]+$/g, '')
    .trim();
  return { name, email: [...emails].join('; '), phone: phones.join('; ') };
}
