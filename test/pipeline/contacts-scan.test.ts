// splitContact finds emails from their "@" and phone numbers from the characters that can open
// one, rather than trying its patterns at every character: on random contact-like text it must
// give what the global patterns gave (the reference below is the former code, verbatim).
import { describe, expect, it } from 'vitest';
import { splitContact } from '../../pipeline/annex/contacts.js';
import { visibleText } from '../../shared/text.js';

const EMAIL = /(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const PHONE = /(?:\+\s?39[\s.]?)?\(?\d{2,5}\)?(?:[\s./-]{0,2}\d{2,}){0,5}/g;
const LABELS = /\b(?:tel(?:efono)?|cell(?:ulare)?|e-?mail|mail|fax|mob|pec|posta elettronica(?: certificata)?)\b\.?\s*:?/gi;

// The name as the former chain of cleaners made it, every one run on every text.
function referenceName(text: string): string {
  return text
    .replace(LABELS, ' ')
    .replace(/\(\s?[,;:]?\s?\)|\[\s?[,;:]?\s?\]/g, ' ')
    .replace(/(?<!\s)\s*[,;]\s*(?=[,;]|$)/g, '')
    .replace(/(\s[-–—]\s*)+(?=[-–—]|$)/g, ' ')
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .replace(/^[\s,;:–—-]+|(?<![\s,;:–—-])[\s,;:–—-]+$/g, '')
    .trim();
}

function digits(s: string): number {
  return s.replace(/\D/g, '').length;
}

function reference(text: string): { text: string; emails: string[]; phones: string[] } {
  const emails: string[] = [];
  const phones: string[] = [];
  let t = text.replace(EMAIL, (m) => {
    emails.push(m);
    return ' ';
  });
  t = t.replace(PHONE, (m) => {
    const p = m.trim().replace(/(?<![\s./-])[\s./-]+$/, '');
    if (digits(p) >= 6) {
      phones.push(p);
      return ' ';
    }
    return m;
  });
  return { text: t, emails, phones };
}

// A small deterministic generator (no dependency): the same strings on every run.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['a', 'B', 'z', '0', '3', '7', '9', '@', '.', '-', '_', '+', "'", '%', '(', ')', ' ', '/', ',', ';',
  'it', 'com', '39', '+39 ', '0376', ' 283079', 'x@y.it', 'tel. ', 'è', '@@', '..', '[', ']', ':', '–', '—', ' - ',
  '\u00a0', '\t', 'PEC', 'mail'];

describe('splitContact: emails, phones and name as the global patterns and every cleaner made them', () => {
  it('on 20,000 random contact-like texts', () => {
    const next = rng(20261130);
    for (let n = 0; n < 20_000; n++) {
      let raw = '';
      const len = 1 + Math.floor(next() * 24);
      for (let i = 0; i < len; i++) raw += PIECES[Math.floor(next() * PIECES.length)];
      const want = reference(visibleText(raw));
      const got = splitContact(raw);
      expect(got.email, raw).toBe([...new Set(want.emails)].join('; '));
      expect(got.phone, raw).toBe(want.phones.join('; '));
      expect(got.name, raw).toBe(referenceName(want.text));
    }
  });
});
