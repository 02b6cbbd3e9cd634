// Reading euro amounts the way Italian annexes and budget sheets write them.
// One cell can hold a plain amount, a placeholder for "not stated", several amounts split by
// funding source ("€ 5.000,00 (finanziamento) € 9.142,85 (cof) € 14.142,85 (Totale)"), or junk.
import { fromSheetNumber, money, Money, sum } from './money.js';
import { visibleText } from './text.js';

export type SplitRole = 'total' | 'funded' | 'cofinanced';

export type AmountReading =
  | { kind: 'empty' }
  | { kind: 'placeholder'; text: string }
  | { kind: 'amount'; value: Money }
  | {
      kind: 'split';
      value: Money;
      total: Money | null;
      funded: Money | null;
      cofinanced: Money | null;
      details: { value: Money; note: string }[];
    }
  | { kind: 'multi'; items: (Money | null)[] }
  | { kind: 'unreadable'; reason: string };

export type CellValue = string | number | boolean | Date | null | undefined;

/**
 * Ten thousand billion euro: no amount beyond it is read, whatever the profile says (a double
 * still holds every cent below it, so a spreadsheet never shows such a figure rounded or as
 * Infinity). The profile's maxPlausibleAmount, far lower, is applied where budgets are read.
 */
export const MAX_READABLE_AMOUNT = '10000000000000.00';
const CEILING = new Money(MAX_READABLE_AMOUNT);
const NEGATIVE_CEILING = CEILING.negated();
const beyondReason = 'an amount beyond any plausible grant';

/** Whether the reading states an amount larger (in absolute value) than `max`. */
export function beyond(value: Money, max: Money): boolean {
  // Compared with the limit on the value's own side of zero: no absolute value is made for
  // each amount read, and the ceiling's negation is made once.
  if (!value.isNegative()) return value.greaterThan(max);
  return value.lessThan(max === CEILING ? NEGATIVE_CEILING : max.negated());
}

// A number must not run on into more digits ("12,3,4", "1.2345,00", "12,345,67"): without the
// final lookahead those read as two amounts (a "multi" of 12.30 and 4) instead of junk.
// Thousands may also be set apart by a space ("12 500,00", as many templates print them; a
// no-break or narrow space is a space by then): three digits after each space, never more.
const NUMBER =
  String.raw`-?\s?(?:\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,3}(?:'\d{3})+(?:,\d{1,2})?|\d{1,3}(?: \d{3})+(?:,\d{1,2})?|\d+,\d{1,2}|\d+\.\d{1,2}(?!\d)|\d+)(?![.,']?\d)`;
// A dash of any width ("-", "–", "—") is "nothing here", as "-----" always was.
const PLACEHOLDER = String.raw`[-–—]{1,}|\.{2,}|_{2,}|non\s+richiest[oa]|non\s+previst[oa]|n\.\s?d\.|n\/d|nessuno|\/`;
// An item: optional € before, a number or placeholder, optional € after, optional "(note)".
const ITEM = new RegExp(
  String.raw`(€|eur\b|euro\b)?\s*(?:(${NUMBER})|(${PLACEHOLDER}))\s*(€|eur\b|euro\b)?(?:\s*\(([^()]*)\))?`,
  'iy',
);
const DI_CUI = /di\s+cui\s*:?/iy;
const SEPARATOR = /[\s;+,]+/y;
const WORD = /[^\s€(]+|\([^()]*\)|\(/y;

function parseNumber(text: string): Money | null {
  let s = text.replace(/\s+/g, '');
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  if (s.includes(',')) {
    s = s.replace(/[.']/g, '').replace(',', '.');
  } else if (/^\d{1,3}([.']\d{3})+$/.test(s)) {
    s = s.replace(/[.']/g, '');
  }
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const v = money(s);
  return negative ? v.negated() : v;
}

function roleOf(note: string): SplitRole | null {
  const n = note.trim().toLowerCase();
  if (/^tot/.test(n)) return 'total';
  if (/^co-?fin|^cof\b|^cof/.test(n)) return 'cofinanced';
  if (/^fin|^contrib|^ats\b/.test(n)) return 'funded';
  return null;
}

interface Item {
  value: Money | null; // null: a placeholder
  note: string | null;
  role: SplitRole | null;
  inBreakdown: boolean;
  trailing: string[];
}

/**
 * Read one cell. Never throws: anything it cannot read is reported as unreadable. `visible` is
 * a text cell's visible text (visibleText of it) when the caller has it.
 */
export function readAmount(cell: CellValue, visible?: string): AmountReading {
  if (cell === null || cell === undefined) return { kind: 'empty' };
  if (typeof cell === 'number') {
    const v = fromSheetNumber(cell);
    if (v && beyond(v, CEILING)) return { kind: 'unreadable', reason: beyondReason };
    return v ? { kind: 'amount', value: v } : { kind: 'unreadable', reason: 'not a finite number' };
  }
  if (typeof cell === 'boolean' || cell instanceof Date) {
    return { kind: 'unreadable', reason: 'not an amount' };
  }
  return readText(visible ?? visibleText(String(cell)));
}

function readText(text: string): AmountReading {
  if (text === '') return { kind: 'empty' };
  if (/^€$/.test(text)) return { kind: 'placeholder', text };
  return readOneFigure(text) ?? readItems(text);
}

// Most amount cells are one figure, a euro sign at either end or none ("€ 13.378,00",
// "2.500,00 €", "1500"): forms readItems reads as that one item, read here without its loop.
// Its whole part (points between thousands) and its cents are taken apart by the pattern itself.
const THOUSANDS_POINTS = /\./g;
const ONE_FIGURE = /^(?:€ ?)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?(?: ?€)?$/;

/** readItems' reading of a text that is one figure in a common form, or null for any other text. */
export function readOneFigure(text: string): AmountReading | null {
  const m = ONE_FIGURE.exec(text);
  if (m === null) return null;
  // The plain form parseNumber makes of it: the whole part without its points, the cents after a point.
  const whole = m[1]!.replace(THOUSANDS_POINTS, '');
  const value = money(m[2] === undefined ? whole : `${whole}.${m[2]}`);
  return beyond(value, CEILING) ? { kind: 'unreadable', reason: beyondReason } : { kind: 'amount', value };
}

/** The reading of a text cell: its items (amounts and placeholders), their notes and what is between them. */
export function readItems(text: string): AmountReading {
  const items: Item[] = [];
  let pos = 0;
  let breakdown = false;
  let freeText = false;
  while (pos < text.length) {
    SEPARATOR.lastIndex = pos;
    if (SEPARATOR.test(text)) {
      pos = SEPARATOR.lastIndex;
      continue;
    }
    DI_CUI.lastIndex = pos;
    if (DI_CUI.test(text)) {
      breakdown = true;
      pos = DI_CUI.lastIndex;
      continue;
    }
    ITEM.lastIndex = pos;
    const m = ITEM.exec(text);
    if (m && m[0].trim() !== '' && (m[2] !== undefined || m[3] !== undefined)) {
      const note = m[5] ?? null;
      const role = note === null ? null : roleOf(note);
      const value = m[2] !== undefined ? parseNumber(m[2]) : null;
      if (m[2] !== undefined && value === null) return { kind: 'unreadable', reason: `bad number "${m[2]}"` };
      if (value !== null && beyond(value, CEILING)) return { kind: 'unreadable', reason: beyondReason };
      if (role) breakdown = false;
      items.push({ value, note, role, inBreakdown: breakdown, trailing: [] });
      pos = ITEM.lastIndex;
      continue;
    }
    WORD.lastIndex = pos;
    const w = WORD.exec(text);
    const word = w ? w[0] : text.slice(pos, pos + 1);
    pos = w ? WORD.lastIndex : pos + 1;
    const last = items[items.length - 1];
    if (breakdown && last?.inBreakdown) last.trailing.push(word);
    else if (/^€$/.test(word)) continue;
    else freeText = true;
  }
  return resolve(items, freeText, text);
}

function resolve(items: Item[], freeText: boolean, text: string): AmountReading {
  if (items.length === 0) return { kind: 'unreadable', reason: `no amount in "${clip(text)}"` };
  if (freeText) return { kind: 'unreadable', reason: `text that is not an amount in "${clip(text)}"` };
  const annotated = items.some((i) => i.role !== null);
  if (!annotated) {
    const plain = items.filter((i) => !i.inBreakdown);
    if (items.length === 1) {
      const only = items[0]!;
      if (only.note !== null) return { kind: 'unreadable', reason: `unknown annotation "(${only.note})"` };
      return only.value === null ? { kind: 'placeholder', text } : { kind: 'amount', value: only.value };
    }
    if (plain.length === items.length && items.every((i) => i.note === null)) {
      return { kind: 'multi', items: items.map((i) => i.value) };
    }
    return { kind: 'unreadable', reason: `several amounts without a funding source in "${clip(text)}"` };
  }
  const byRole: Record<SplitRole, Money | null> = { total: null, funded: null, cofinanced: null };
  const unassigned: Item[] = [];
  const details: { value: Money; note: string }[] = [];
  for (const item of items) {
    if (item.role) {
      if (byRole[item.role] !== null) return { kind: 'unreadable', reason: `two "${item.role}" amounts` };
      byRole[item.role] = item.value;
    } else if (item.inBreakdown) {
      if (item.value) details.push({ value: item.value, note: item.trailing.join(' ').replace(/(?<![;,.])[;,.]+$/, '') });
    } else unassigned.push(item);
  }
  if (unassigned.length > 1) return { kind: 'unreadable', reason: 'more than one amount without a funding source' };
  if (unassigned.length === 1) {
    const missing = (['funded', 'cofinanced', 'total'] as const).filter((r) => byRole[r] === null);
    if (missing.length !== 1 && !(missing.length === 2 && missing.includes('total'))) {
      return { kind: 'unreadable', reason: 'cannot tell which funding source an amount belongs to' };
    }
    byRole[missing.find((r) => r !== 'total') ?? 'total'] = unassigned[0]!.value;
  }
  const value =
    byRole.total ?? (byRole.funded || byRole.cofinanced ? sum([byRole.funded, byRole.cofinanced]) : null);
  if (value === null) return { kind: 'placeholder', text };
  return { kind: 'split', value, ...byRole, details };
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** The amount a reading states, or null when it states none (empty, placeholder, unreadable). */
export function statedValue(r: AmountReading): Money | null {
  if (r.kind === 'amount' || r.kind === 'split') return r.value;
  return null;
}
