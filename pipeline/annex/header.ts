// Project header lines: "Sub-Allegato 2.1", "Progetto Borgo Virgilio", "Punti 59",
// "Assegnato € 34.800,00", "PROGETTO: ...", "Ente capofila: ...", "ALLEANZA LOCALE DI
// CONCILIAZIONE: ...", "REFERENTE DI PROGETTO: ...", in any order and any emphasis.
import { readAmount } from '../../shared/amounts.js';
import { toPlain } from '../../shared/money.js';
import { visibleText } from '../../shared/text.js';
import type { Header } from '../records.js';
import { splitContact } from './contacts.js';

export type HeaderField = 'id' | 'shortName' | 'title' | 'leadEntity' | 'alliance' | 'referent' | 'score' | 'assigned';

export interface HeaderHit {
  field: HeaderField;
  value: string;
  line: number;
  /**
   * A line that only carries on the value of the hit before it (a title or a contact wrapped
   * onto the next line): its text is already in that hit's value; it is kept so that the line
   * counts as part of the header.
   */
  continues?: true;
}

/** Fields whose value is free text, which a converter may wrap onto the next line. */
export const WRAPPING_FIELDS: ReadonlySet<HeaderField> = new Set(['title', 'leadEntity', 'alliance', 'referent']);

export function headerText(raw: string): string {
  return stripEmphasisEdges(visibleText(raw).replace(/^#+\s*/, ''));
}

const EDGE = /[*_\s]/;

// Emphasis marks and spaces off both ends. Every prose line of the annex is a candidate header
// line: a scan from each end stops at once, where a regex for the trailing run would try at
// every space of a long line.
function stripEmphasisEdges(text: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && EDGE.test(text[from]!)) from++;
  while (to > from && EDGE.test(text[to - 1]!)) to--;
  return text.slice(from, to);
}

// dotAll (s): "." crosses a line separator (U+2028), so a value never backtracks into the spaces.
const FIELDS: { field: HeaderField; re: RegExp }[] = [
  { field: 'id', re: /^(?:sub[\s-]*)?allegato\s*(?:n\.?\s*)?(\d+(?:\.\d+)+)\s*(?:[-–:]\s*.*)?$/is },
  { field: 'title', re: /^(?:titolo(?:\s+(?:del\s+)?progetto)?|progetto)\s*:\s*(.+)$/is },
  { field: 'leadEntity', re: /^(?:ente|soggetto)\s+capofila\s*:\s*(.+)$/is },
  { field: 'alliance', re: /^alleanza(?:\s+locale)?(?:\s+(?:di|per\s+la)\s+conciliazione)?\s*:\s*(.+)$/is },
  { field: 'referent', re: /^referente(?:\s+(?:di|del)\s+progetto)?\s*:\s*(.+)$/is },
  { field: 'score', re: /^punt(?:i|eggio)\s*(?::\s*)?(\d{1,3}(?:[.,]\d+)?)\s*(?:\/\s*\d+)?$/i },
  { field: 'assigned', re: /^(?:contributo\s+|importo\s+)?assegnato\s*:?\s*(.+)$/is },
];

/**
 * The header field a line states, if any. "Progetto <name>" (no colon) is the short name the
 * ATS gives a project; it only counts right after the annex number, where it cannot be prose.
 */
export function headerFieldOf(raw: string, line: number, afterId: boolean): HeaderHit | null {
  // Table rows are never header lines: decided before cleaning, which costs more on long rows.
  if (raw.includes('\t')) return null;
  const text = headerText(raw);
  if (text === '') return null;
  for (const { field, re } of FIELDS) {
    const m = re.exec(text);
    if (!m) continue;
    const value = stripEmphasisEdges(m[1]!);
    if (field === 'assigned') {
      const r = readAmount(value);
      if (r.kind !== 'amount' && r.kind !== 'placeholder') continue;
    }
    return { field, value, line };
  }
  if (afterId) {
    const m = /^progetto\s+([^:\s][^:]{0,79})$/i.exec(text);
    if (m) return { field: 'shortName', value: m[1]!.trim(), line };
  }
  return null;
}

export function buildHeader(hits: readonly HeaderHit[], fallbackId: string, firstLine: number): Header & { shortName: string } {
  const first = (f: HeaderField) => hits.find((h) => h.field === f && !h.continues);
  const lines: Record<string, number> = {};
  for (const h of hits) if (!(h.field in lines) && !h.continues) lines[h.field] = h.line;
  const referentHit = first('referent');
  const contact = referentHit ? splitContact(referentHit.value) : { name: '', email: '', phone: '' };
  if (referentHit) {
    if (contact.email) lines.referentEmail = referentHit.line;
    if (contact.phone) lines.referentPhone = referentHit.line;
  }
  const scoreHit = first('score');
  const assignedHit = first('assigned');
  const assignedReading = assignedHit ? readAmount(assignedHit.value) : null;
  return {
    id: first('id')?.value ?? fallbackId,
    shortName: first('shortName')?.value ?? '',
    title: first('title')?.value ?? '',
    leadEntity: first('leadEntity')?.value ?? '',
    alliance: first('alliance')?.value ?? '',
    referent: contact.name,
    referentEmail: contact.email,
    referentPhone: contact.phone,
    score: scoreHit ? Number(scoreHit.value.replace(',', '.')) : null,
    assigned: assignedReading?.kind === 'amount' ? toPlain(assignedReading.value) : null,
    lines,
    line: firstLine,
  };
}

const EMAIL_ONLY = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

/**
 * Text that can only be the rest of a contact: emails, phone numbers and their labels ("tel.",
 * "e-mail:"), nothing else.
 */
export function isContactOnly(raw: string): boolean {
  const text = headerText(raw);
  if (text === '' || text.length > 120) return false;
  let found = false;
  const rest = text
    .split(/[\s,;–—|]+/)
    .filter((w) => {
      if (w === '' || w === '-') return false;
      if (EMAIL_ONLY.test(w.replace(/^[(<\[]+|(?<![)>\].])[)>\].]+$/g, ''))) return (found = true), false;
      if (/^\+?[\d/().-]{3,}$/.test(w) && (w.match(/\d/g) ?? []).length >= 3) return (found = true), false;
      return !/^(tel|telefono|cell|cellulare|mob|fax|e-?mail|mail|email)\.?:?$/i.test(w);
    });
  return found && rest.length === 0;
}

/**
 * Does `next` (the line right under a header field) carry on that field's value? A converter
 * wraps a long title or contact: the rest is a contact for the referent, or it starts in lower
 * case, or it stands between the field and another header field (`beforeField`).
 */
export function continuesHeaderValue(hit: HeaderHit, next: string, beforeField: boolean): boolean {
  if (!WRAPPING_FIELDS.has(hit.field) || next.includes('\t')) return false;
  const text = headerText(next);
  if (text === '' || text.length > 160 || /^#/.test(next.trim())) return false;
  if (hit.field === 'referent' && isContactOnly(next)) return true;
  if (beforeField) return true;
  return /^\p{Ll}/u.test(text) && !/[.!?;:]$/.test(hit.value);
}

/**
 * A header label standing alone on its line, its value elsewhere: converters that read a
 * justified block ("Sub-Allegato        2.1") as two columns write the labels, then the values.
 */
export function headerLabelOnly(raw: string): 'id' | 'shortName' | 'score' | 'assigned' | null {
  const text = headerText(raw);
  if (text.length > 30) return null;
  if (/^(?:sub[\s-]*)?allegato(?:\s*n\.?)?$/i.test(text)) return 'id';
  if (/^progetto$/i.test(text)) return 'shortName';
  if (/^punt(?:i|eggio)$/i.test(text)) return 'score';
  if (/^(?:contributo\s+|importo\s+)?assegnato$/i.test(text)) return 'assigned';
  return null;
}

