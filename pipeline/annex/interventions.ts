// The intervention types a-f a project ticks. The call's list comes with letters ("a)",
// "a.") or without, as lines or as a table; the tick is an "X" (or a check mark) before or after
// the label, a box (☒/☐, [x]/[ ]), a "SI"/"NO", or a cell of its own in an "X" or "SI/NO"
// column. The list's own instructions ("barrare con una X") are never ticks.
import { foldedIncludes, foldText, visibleIncludesFolded, visibleText } from '../../shared/text.js';
import { INTERVENTION_CODES, type Intervention } from '../records.js';
import type { AnnexDocument } from './document.js';
import { foldedCells, type TableRow } from './tables.js';

type Code = (typeof INTERVENTION_CODES)[number];

// What each type is about, for lists that come without letters or in another order.
const KEYWORDS: Record<Code, RegExp> = {
  a: /caregiver|care giver/,
  b: /pre e post scuola|chiusura scolastica/,
  c: /salva ?tempo/,
  d: /consulenza/,
  e: /autonom|liberi professionisti/,
  f: /tempi e (degli )?orari|orari/,
};

const ANCHOR = /tipologi[ae] (di |dell ?)?intervent/;
/** A heading that names the list by itself ("Interventi previsti", "3. Interventi"). */
const HEADING_ANCHOR = /^(\d{1,2}[.)]? )?(gli )?interventi( (previsti|proposti|attivati|progettuali|del progetto))?:?$/;
// Boxes and marks as fonts give them: Unicode's, and Wingdings' in the private use area that a
// PDF of a Word form keeps (U+F0FE ☑, U+F0FD ☒, U+F078 ✗, U+F0A8/U+F06F/U+F071 ☐).
const BOX = /^\s*(?:[☐☑☒□■✓✔✗✘☓⊠⌧❑◻▢\uF0FE\uF0FD\uF078\uF0A8\uF06F\uF071]|\[\s?[xX✓✔]?\s?\])/;
const LIST_ITEM = /^\s*(?:[-*+•▪◦]\s+|\(?[a-f]\s*[).]\s|\d+\s*[.)]\s|[☐☑☒□■✓✔✗✘☓⊠⌧❑◻▢\uF0FE\uF0FD\uF078\uF0A8\uF06F\uF071]\s*|\[\s?[xX✓✔]?\s?\]\s*)/i;
const LETTER = /^\s*(?:[-*+•▪◦]\s+)?\(?([a-f])\s*[).]\s*/i;
const TICK = /(^|[\s*_(])(?:X|✓|✔|☒|☑|⊠|■|\[[xX]\])(?=$|[\s*_)])/;
/** A box or mark before the label: ticked or not. */
const LEADING_ON = /^\s*(?:[-*+•▪◦]\s+)?(?:[☒☑■✓✔✗✘☓⊠⌧\uF0FE\uF0FD\uF078]|\[\s?[xX✓✔]\s?\]|\(\s?[xX]\s?\))\s*/;
const LEADING_OFF = /^\s*(?:[-*+•▪◦]\s+)?(?:[☐□❑◻▢\uF0A8\uF06F\uF071]|\[\s?\]|\(\s?\))\s*/;
/** "SI"/"NO" closing the label ("Servizi salva tempo: SI", "… – NO"). */
const TRAILING_YES_NO = /(?:^|[\s:–—-])(s[iì]|no)\s*$/i;
/** The list's own instructions: how to tick, not a tick. */
const INSTRUCTION = /\b(barrare|barra|indicare|selezionare|contrassegnare|spuntare|segnare|crocettare|apporre|evidenziare)\b/i;

export interface InterventionList {
  items: Intervention[];
  lines: number[];
  anchorLine: number | null;
}

/** Ticks written in a cell of their own. */
const CELL_ON = /^(?:x|s[iì]|yes|✓|✔|✗|✘|☓|☒|☑|⊠|⌧|■|\uF0FE|\uF0FD|\uF078|\[\s?[x✓✔]\s?\]|v)$/i;
const CELL_OFF = /^(?:no|☐|□|❑|◻|▢|\uF0A8|\uF06F|\uF071|\[\s?\]|-|–|—)?$/i;

/** What an intervention table's header row says its columns are. */
interface MarkColumns {
  yes: number;
  no: number;
  mark: number;
}

function markColumnsOf(row: TableRow): MarkColumns | null {
  const f = foldedCells(row).map((c) => c.replace(/\s+/g, ' ').trim());
  const yes = f.findIndex((c) => /^s[iì]$/.test(c));
  const no = f.findIndex((c) => c === 'no');
  const mark = f.findIndex((c, i) => i > 0 && /^(s[iì] ?\/? ?no|x|selezione|selezionare|prevista|previsto|previste|barrare|scelta|attivata|attivato|si no)$/.test(c));
  if (yes < 0 && no < 0 && mark < 0) return null;
  // The other cells name the column of types ("Tipologia di intervento", "Tipologia", or nothing).
  const others = f.filter((_, i) => i !== yes && i !== no && i !== mark);
  if (!others.every((c) => c === '' || /tipolog|intervent|servizi|descrizione|voce/.test(c))) return null;
  return { yes, no, mark };
}

interface Item {
  letter: Code | null;
  label: string;
  /** True or false when the item says so; null when nothing marks it. */
  selected: boolean;
}

// Each pass of cleanLabel is run only when what it removes is there: most labels have no mark,
// no emphasis, no run of spaces and no closing colon or dash, and each pass would copy them.
const MARK_CHAR = /[X✓✔☒☑⊠■☐□[]/;
const SPACE_TO_COLLAPSE = /\s\s|[^\S ]/;
const CLOSING_PUNCTUATION = new Set([':', '–', '—', '-']);

function cleanLabel(text: string): string {
  let s = text;
  if (MARK_CHAR.test(s)) s = s.replace(/(^|\s)(?:X|✓|✔|☒|☑|⊠|■|☐|□|\[[xX ]?\])(?=\s|$)/g, ' ');
  if (s.includes('*') || s.includes('_')) s = s.replace(/[*_]+/g, ' ');
  if (SPACE_TO_COLLAPSE.test(s)) s = s.replace(/\s+/g, ' ');
  if (CLOSING_PUNCTUATION.has(s.charAt(s.length - 1))) s = s.replace(/ ?[:–—-]$/, '');
  return s.trim();
}

/** An item of a list written as a line: `raw` and its visible text (visibleText(raw)). */
function lineItem(raw: string, visible: string): Item {
  let text = visible;
  let state: boolean | null = null;
  const on = LEADING_ON.exec(text);
  const off = on ? null : LEADING_OFF.exec(text);
  if (on || off) {
    state = on !== null;
    text = text.slice((on ?? off)![0].length);
  }
  const letter = LETTER.exec(text);
  // The letter is where LETTER matched, at the start: cut off, not searched for again.
  let label = (letter ? text.slice(letter[0].length) : text).replace(/^\s*[-*+•▪◦]\s*/, '');
  if (state === null) {
    const yn = TRAILING_YES_NO.exec(label);
    if (yn && label.length - yn[0].length > 3) {
      state = /^s/i.test(yn[1]!);
      label = label.slice(0, yn.index);
    }
  }
  const selected = state ?? (TICK.test(raw.includes('<') ? raw.replace(/<[^<>]+>/g, ' ') : raw) || TICK.test(text));
  return { letter: letter ? (letter[1]!.toLowerCase() as Code) : null, label: cleanLabel(label), selected };
}

/** The item of line `n` and of the lines that carry it on (a label wrapped, a tick on the next line). */
function itemOfLines(doc: AnnexDocument, n: number, more: readonly number[] | undefined): Item {
  if (more === undefined) return lineItem(doc.text(n), doc.visible(n));
  const raw = [n, ...more].map((l) => doc.text(l)).join(' ');
  return lineItem(raw, visibleText(raw));
}

/**
 * An item's type: its letter, else the type its label names, else its place in the list; the
 * first not taken already. The label is searched only when the letter is missing or taken.
 */
function codeOf(item: Item, position: number, used: ReadonlySet<Code>): Code | undefined {
  if (item.letter !== null && !used.has(item.letter)) return item.letter;
  const named = codeByKeyword(item.label);
  if (named !== null && !used.has(named)) return named;
  const byPosition = INTERVENTION_CODES[position];
  return byPosition !== undefined && !used.has(byPosition) ? byPosition : undefined;
}

/** A row of an intervention table: the type in one cell, its tick in another (or in the same). */
function rowItem(row: TableRow, cols: MarkColumns | null): Item | null {
  const cells = row.visible;
  const isMark = (i: number) => cols !== null && (i === cols.yes || i === cols.no || i === cols.mark);
  const labelAt = cells.findIndex((c, i) => !isMark(i) && /\p{L}{3}/u.test(c) && !CELL_ON.test(c) && !/^no$/i.test(c));
  if (labelAt < 0) return null;
  const item = lineItem(row.cells[labelAt]!, cells[labelAt]!);
  const rest = cells.map((c, i) => ({ c: c.trim(), i })).filter(({ i }) => i !== labelAt);
  let state: boolean | null = null;
  if (cols && (cols.yes >= 0 || cols.no >= 0)) {
    const yes = cols.yes >= 0 ? cells[cols.yes]?.trim() ?? '' : '';
    const no = cols.no >= 0 ? cells[cols.no]?.trim() ?? '' : '';
    if (yes !== '' && CELL_ON.test(yes)) state = true;
    else if (no !== '' && CELL_ON.test(no)) state = false;
  }
  if (state === null) {
    const marks = rest.filter(({ c, i }) => (cols?.mark === undefined || cols.mark < 0 || i === cols.mark) && c !== '');
    if (marks.some(({ c }) => CELL_ON.test(c))) state = true;
    else if (rest.every(({ c }) => CELL_OFF.test(c))) state = rest.length > 0 ? false : null;
  }
  return { ...item, selected: state ?? item.selected };
}

const TICK_ONLY = /^[\s*_]*(?:X|✓|✔|☒|☑|■|\[[xX]\])[\s*_]*$/;

/**
 * Does `next` carry on the list item `item`? A tick alone on the next line is the item's; so is
 * a line that goes on in lower case with no list mark of its own (a label wrapped by the
 * converter) when the item is lettered or the line names no type.
 */
function carriesOn(doc: AnnexDocument, item: number, next: number): boolean {
  const visible = doc.visible(next);
  if (TICK_ONLY.test(visible)) return true;
  if (LIST_ITEM.test(doc.text(next)) || BOX.test(visible)) return false;
  const text = visible.replace(/^(?:X|✓|✔|☒|☑|■)\s+/, '');
  if (!/^\p{Ll}/u.test(text) || text.length > 160) return false;
  return LETTER.test(doc.visible(item).replace(LEADING_ON, '').replace(LEADING_OFF, '')) || codeByKeyword(text) === null;
}

// A word every match of some keyword holds: a label with none of them names no type, and most
// list items of a project are not the types, so they are not folded.
const KEY_WORDS = ['care', 'scuola', 'scolastica', 'salva', 'consulenza', 'autonom', 'professionisti', 'orari'];

function codeByKeyword(label: string): Code | null {
  if (!foldedIncludes(label, KEY_WORDS)) return null;
  const f = foldText(label);
  const hits = INTERVENTION_CODES.filter((c) => KEYWORDS[c].test(f));
  return hits.length === 1 ? hits[0]! : null;
}

// Folding every line to look for the prompt is the costly part of the search: only lines that
// fold to hold its key word are folded.
/** The first line of from..to that `stands` and is the list's prompt, or -1. */
function anchorLine(doc: AnnexDocument, from: number, to: number, stands: (n: number) => boolean): number {
  let n = 0;
  // One way to the fold for the whole search, of the line being looked at: none made per line.
  const foldedLine = () => doc.folded(n);
  for (n = from; n <= to; n++) {
    if (!stands(n) || !visibleIncludesFolded(doc.visible(n), foldedLine, 'intervent')) continue;
    const folded = doc.folded(n);
    if (ANCHOR.test(folded) || HEADING_ANCHOR.test(folded)) return n;
  }
  return -1;
}

/** A line that may stand in the list: a list item, a box, or a label naming a type. */
function looksLikeItem(doc: AnnexDocument, n: number): boolean {
  const text = doc.text(n);
  if (LIST_ITEM.test(text) || BOX.test(doc.visible(n))) return true;
  const row = doc.tables.rowAt.get(n);
  if (row) return row.visible.some((v) => codeByKeyword(v) !== null);
  return codeByKeyword(doc.visible(n)) !== null;
}

function isInstruction(t: string): boolean {
  return t.length <= 240 && INSTRUCTION.test(t) && codeByKeyword(t) === null;
}

export function readInterventions(doc: AnnexDocument, from: number, to: number, claimed: ReadonlySet<number>): InterventionList | null {
  // The lines that may stand in the list. A row written over several lines (HTML) is one
  // candidate, on its first line. Lines are asked as the search goes: the list is near its
  // prompt, and the lines after it are not looked at.
  const stands = (n: number) => {
    if (!doc.isContent(n) || claimed.has(n)) return false;
    const row = doc.tables.rowAt.get(n);
    return !row || row.line === n;
  };
  // The list follows the call's prompt; without the prompt, a run of list lines naming the types.
  const found = anchorLine(doc, from, to, stands);
  const anchor = found >= 0 ? found : null;
  let candidates: number[] = [];
  // Lines that carry on an item (its label wrapped, or its tick put on the next line).
  const more = new Map<number, number[]>();
  // Lines of the list that are not items: its table's header row, its instructions.
  const furniture: number[] = [];
  let cols: MarkColumns | null = null;
  if (anchor !== null) {
    const anchorRow = doc.tables.rowAt.get(anchor);
    if (anchorRow) cols = markColumnsOf(anchorRow);
    for (let n = anchor + 1; n <= to; n++) {
      if (!stands(n)) continue;
      // A bullet a converter set on a line of its own (a column of bullets before the items).
      if (!/[\p{L}\p{N}]/u.test(doc.visible(n))) continue;
      const row = doc.tables.rowAt.get(n);
      if (candidates.length === 0 && row && !cols) {
        const header = markColumnsOf(row);
        if (header) {
          cols = header;
          furniture.push(...row.lines);
          continue;
        }
      }
      const item = looksLikeItem(doc, n);
      const last = candidates[candidates.length - 1];
      if (last !== undefined && !item && !row && !doc.tables.rowAt.has(last) && carriesOn(doc, last, n)) {
        more.set(last, [...(more.get(last) ?? []), n]);
        continue;
      }
      if (!item && !row && isInstruction(doc.visible(n)) && candidates.length < INTERVENTION_CODES.length) {
        furniture.push(n);
        continue;
      }
      if (candidates.length >= INTERVENTION_CODES.length) break;
      if (!item) break;
      candidates.push(n);
    }
  } else {
    const content: number[] = [];
    for (let n = from; n <= to; n++) if (stands(n)) content.push(n);
    // Runs overlap: each line is judged once, however many runs it falls in.
    // A table row (its markup a line of its own in HTML) is judged by its first cell.
    const opening = (n: number) => {
      const row = doc.tables.rowAt.get(n);
      return row && row.cells.length > 0 ? row.visible[0]! : doc.visible(n);
    };
    const isItem = content.map((n) => LIST_ITEM.test(opening(n)) || BOX.test(opening(n)));
    const namesType: (boolean | undefined)[] = [];
    const named = (j: number) => (namesType[j] ??= codeByKeyword(lineItem(doc.text(content[j]!), doc.visible(content[j]!)).label) !== null);
    for (let i = 0; i < content.length; i++) {
      const run: number[] = [];
      let namedInRun = 0;
      for (let j = i; j < content.length && run.length < 6 && isItem[j]; j++) {
        run.push(content[j]!);
        if (named(j)) namedInRun++;
      }
      if (namedInRun >= 4) {
        candidates = run;
        break;
      }
    }
  }
  if (candidates.length === 0) return null;
  const items: Intervention[] = [];
  const used = new Set<Code>();
  const linesOf = new Map<number, number[]>();
  candidates.forEach((n, position) => {
    const row = doc.tables.rowAt.get(n);
    const item = row ? rowItem(row, cols) : itemOfLines(doc, n, more.get(n));
    if (!item) return;
    const code = codeOf(item, position, used);
    if (!code) return;
    used.add(code);
    items.push({ code, label: item.label, selected: item.selected, line: n });
    linesOf.set(n, row ? row.lines : [n, ...(more.get(n) ?? [])]);
  });
  items.sort((a, b) => a.code.localeCompare(b.code));
  // An anchor that is the table's own header row ("Tipologia di intervento | X") is the list's.
  const anchorRow = anchor !== null ? doc.tables.rowAt.get(anchor) : undefined;
  if (anchorRow) furniture.push(...anchorRow.lines);
  // Appended in a loop, not by flatMap (in Node 20 dearer than the rest of this return).
  const lines = [...furniture];
  for (const i of items) lines.push(...(linesOf.get(i.line) ?? [i.line]));
  return { items, lines, anchorLine: anchor };
}
