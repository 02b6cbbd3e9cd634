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

function digits(s: string): number {
  return (s.match(/\d/g) ?? []).length;
}

export function splitContact(raw: string): Contact {
  // mailto targets are emails even when the visible text is not.
  const targets = [...raw.matchAll(/mailto:([^"')\s>]+)/gi)].map((m) => m[1]!);
  let text = visibleText(raw);
  const isEmail = (t: string) => /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/.test(t);
  const emails = [...new Set([...(text.match(EMAIL) ?? []), ...targets.filter(isEmail)])];
  text = text.replace(EMAIL, ' ');
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
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:–—-]+|(?<![\s,;:–—-])[\s,;:–—-]+$/g, '')
    .trim();
  return { name, email: [...new Set(emails)].join('; '), phone: phones.join('; ') };
}
