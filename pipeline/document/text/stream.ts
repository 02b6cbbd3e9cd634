// Tables in text laid out in character columns (pdftotext -layout and the like): "stream" tables
// as Camelot and Tabula call them, found from alignment alone. A line is cut into chunks where
// two or more spaces separate its text; a run of lines with two or more chunks that line up is a
// table. Converters do not keep one column grid for a whole table (a long cell pushes the next
// ones right, a page's second half may be placed a few characters off), so each line's chunks
// are placed by their order when the line fills every column, and by the columns of the nearest
// full line when it does not.
//
// A cell wrapped over lines is one cell. A line continues the row above when it states no
// amount and each of its chunks goes on a cell of that row whose last line is full: the first
// word would not have fitted there (a producer wraps only then). In a table whose rows are
// numbered, a line that does not open with the next number continues the row above.

import { fieldOfLabel } from '../../annex/header.js';

export interface Chunk {
  start: number;
  end: number;
  text: string;
}

export interface StreamRow {
  /** 0-based indexes of the lines the row occupies (first = where the row starts). */
  lines: number[];
  cells: string[];
}

export interface StreamTable {
  rows: StreamRow[];
  columns: number;
  /** 0..1: share of chunks that fell in one column without being cut or joined. */
  accuracy: number;
}

/** Runs of text separated by two or more spaces. */
export function chunksOf(line: string): Chunk[] {
  const out: Chunk[] = [];
  const re = /\S+(?:[ \u00a0]\S+)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

/**
 * A cell that opens with an amount ("€ 1.500,00", "500,00 €", "12.000", "0€", "€ 34.000,00 (di
 * cui ...)"), or holds the dashes or dots put where one goes. A bare number is not one: it may
 * be a phone number's tail, a year, a page; nor is text that mentions an amount further on
 * (the wrapped lines of a long description).
 */
export function isAmountCell(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  if (/^€/.test(t)) return true;
  if (/^[-–—.\s]{3,}$/.test(t) || /^[–—]$/.test(t)) return true;
  // Thousands grouped by dots, or by spaces with the cents after them ("18 000,00": a phone
  // number has spaces too, never a comma).
  const number = /^\(?[-+]?(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+,\d{2}|\d+,\d+|\d+)\)?\s*(€)?/.exec(t);
  if (!number) return false;
  return number[2] !== undefined || /[.,]/.test(number[1]!);
}

/** "1.", "12)", "2.1 ", "3 -": a numbered row opens this way. */
const NUMBERED = /^\(?\d{1,3}(?:\.\d{1,3})*(?:\s?[.)°])?(?:\s|$)/;
/** A checklist's tick cell. */
const TICK = /^(?:x|s[iì]|no|[☒☐☑✓✔■□])$/i;
/** A cell that is only a row's number ("3.1", "12."). */
const BARE_NUMBER = /^\(?\d{1,3}(?:\.\d{1,3})*[.)°]?$/;
/** "A.", "b)": a lettered line (list or budget code). */
const LETTERED = /^\(?[A-Za-z]\s?[.)]\s/;

function firstWord(text: string): string {
  return /^\S+/.exec(text.trim())?.[0] ?? '';
}

// Advance widths of a sans-serif face (Helvetica, Arial, Liberation Sans: 1/1000 em). A text
// converter keeps the characters, not their widths: whether a line was full is judged on these,
// since a line of capitals fills a column in fewer characters than one of small letters.
const WIDTHS: Record<string, number> = {
  a: 556, b: 556, c: 500, d: 556, e: 556, f: 278, g: 556, h: 556, i: 222, j: 222, k: 500, l: 222, m: 833,
  n: 556, o: 556, p: 556, q: 556, r: 333, s: 500, t: 278, u: 556, v: 500, w: 722, x: 500, y: 500, z: 500,
  A: 667, B: 667, C: 722, D: 722, E: 667, F: 611, G: 778, H: 722, I: 278, J: 500, K: 667, L: 556, M: 833,
  N: 722, O: 778, P: 667, Q: 778, R: 722, S: 667, T: 611, U: 722, V: 667, W: 944, X: 667, Y: 667, Z: 611,
  ' ': 278, '.': 278, ',': 278, ':': 278, ';': 278, '!': 278, '/': 278, "'": 191, '’': 222, '-': 333, '–': 556,
  '—': 1000, '(': 333, ')': 333, '[': 278, ']': 278, '@': 1015, '%': 889, '&': 667, '"': 355, '“': 333, '”': 333,
  '*': 389, '+': 584, '=': 584, '_': 556, '#': 556, '€': 556,
};

/** Estimated width of a text, in thousandths of the type size. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const known = WIDTHS[ch];
    if (known !== undefined) w += known;
    else {
      // Accented letters are as wide as their base letter.
      const base = ch.normalize('NFD')[0]!;
      w += WIDTHS[base] ?? 556;
    }
  }
  return w;
}

interface Placed {
  /** Text per column (several chunks of one line in a column are joined). */
  cells: string[];
  clean: number;
  chunks: number;
  /** Where each column starts on this line, when the line tells them all. */
  starts: number[] | null;
}

/**
 * Where a chunk that runs over a column start would be cut: at a single space near that start,
 * never between a currency sign and its number. Where another line nearby starts a chunk at one
 * of the spaces, that space is the column's edge there (converters shift a stretch of a table by
 * a few characters).
 */
function cutPoint(chunk: Chunk, columnStart: number, seen: (at: number) => number): number | null {
  let best: number | null = null;
  let bestScore = Infinity;
  // Amounts written "12.000,00 €" keep their sign after the number, "€ 12.000,00" before it:
  // the cut never parts a number from its sign.
  const suffixed = /\d\s?[€$£]$/.test(chunk.text) && !/^[€$£]/.test(chunk.text);
  for (let i = 0; i < chunk.text.length; i++) {
    if (chunk.text[i] !== ' ') continue;
    const at = chunk.start + i + 1; // where the right part starts
    if (at < columnStart - 8 || at > columnStart + 3) continue;
    if (suffixed ? /^[€$£]/.test(chunk.text.slice(i + 1)) : /[€$£]$/.test(chunk.text.slice(0, i))) continue;
    // Nor a phone number from its prefix ("031 252111").
    if (/(?:^|\s)(?:0\d{1,3}|3\d{2})$/.test(chunk.text.slice(0, i)) && /^\d{5,8}\b/.test(chunk.text.slice(i + 1))) continue;
    // Lines away of the nearest line with a chunk starting there, then a cell's capital start
    // (a cell's text opens in capitals more often than a word inside it), then distance.
    const lower = /^\p{Ll}[^\s@]*(?:\s|$)/u.test(chunk.text.slice(i + 1)) ? 10 : 0;
    const score = seen(at) * 100 + lower + Math.abs(at - columnStart);
    if (score < bestScore) {
      best = at;
      bestScore = score;
    }
  }
  return best;
}

/** A chunk that is a label followed by an amount ("Comune di Codogno 4.500,00 €"), cut in two. */
function amountTail(chunk: Chunk): { label: Chunk; amount: Chunk } | null {
  const m = /\s((?:€\s?)?[-+]?\d[\d.,]*(?:\s?€)?)$/.exec(chunk.text);
  if (!m || !isAmountCell(m[1]!)) return null;
  const labelText = chunk.text.slice(0, m.index);
  if (!/\p{L}/u.test(labelText) || isAmountCell(labelText)) return null;
  const at = chunk.start + m.index + 1;
  return { label: { start: chunk.start, end: chunk.start + m.index, text: labelText }, amount: { start: at, end: chunk.end, text: m[1]! } };
}

/**
 * Place a line's chunks in `k` columns, by order or by the column starts of a reference line.
 * `seen(x)` says how many lines away the nearest other line starts a chunk at x (99 if none).
 */
function place(chunks: readonly Chunk[], k: number, reference: readonly number[] | null, seen: (x: number) => number): Placed {
  const cells = new Array<string>(k).fill('');
  if (chunks.length === k || !reference) {
    chunks.forEach((c, i) => {
      const at = Math.min(i, k - 1);
      cells[at] = cells[at] ? `${cells[at]} ${c.text}` : c.text;
    });
    return { cells, clean: chunks.length === k ? chunks.length : 0, chunks: chunks.length, starts: chunks.length === k ? chunks.map((c) => c.start) : null };
  }
  const starts = reference;
  const columnAt = (x: number) => {
    let col = 0;
    for (let j = 1; j < starts.length; j++) if (x >= starts[j]! - 2) col = j;
    return col;
  };
  let clean = 0;
  const own: (number | null)[] = new Array<number | null>(k).fill(null);
  const put = (col: number, text: string, at: number) => {
    cells[col] = cells[col] ? `${cells[col]} ${text}` : text;
    own[col] ??= at;
  };
  for (const chunk of chunks) {
    let rest: Chunk = chunk;
    let col = columnAt(rest.start);
    let cut = false;
    for (;;) {
      const next = starts[col + 1];
      if (next !== undefined && rest.end > next) {
        const at = cutPoint(rest, next, seen);
        if (at !== null) {
          put(col, rest.text.slice(0, at - rest.start - 1), rest.start);
          rest = { start: at, end: rest.end, text: rest.text.slice(at - rest.start) };
          col++;
          cut = true;
          continue;
        }
      }
      // A label and its amount one space apart, the amount left of its column (pdftotext sets
      // a long label's amount after it, wherever the column starts): cut before the amount.
      const split = next !== undefined && rest.end > next ? amountTail(rest) : null;
      if (split) {
        put(col, split.label.text, split.label.start);
        rest = split.amount;
        col++;
        cut = true;
        continue;
      }
      put(col, rest.text, rest.start);
      break;
    }
    if (!cut) clean++;
  }
  const told = own.every((x) => x !== null) ? (own as number[]) : null;
  return { cells, clean, chunks: chunks.length, starts: told };
}

/** A line this close to the widest of its column is full. */
const FULL = 0.93;

interface Building {
  lines: number[];
  cells: string[];
  /** The last line's text in each cell: what a wrapped word would have followed. */
  last: string[];
}

/** A cell and the next line of it; `last` is the cell's last line (what is looked at). */
export function joinWrapped(cell: string, more: string, last = cell.slice(-2)): string {
  if (cell === '') return more;
  // A word hyphenated at the end of a line goes on without a space ("psico-" + "fisico").
  if (/\p{L}-$/u.test(last.slice(-2)) && /^\p{Ll}/u.test(more)) return cell + more;
  return `${cell} ${more}`;
}

/**
 * Rows of a block of lines (0-based indexes into `texts`, in order). `k` columns; the longest
 * text any line puts in a column is what "full" is measured against.
 *
 * Producers set a cell's lines at the top of its row (Chromium) or in its middle (LibreOffice
 * Writer centres them: a wrapped cell's first line comes before the line that opens the row).
 * A table is read as centred when a line holds only the start of a cell of an inner column and
 * the next line opens a new cell in the first column.
 */
function rowsOf(block: readonly number[], placed: Map<number, Placed>, k: number): StreamRow[] {
  const widths = new Array<number>(k).fill(0);
  for (const i of block) placed.get(i)!.cells.forEach((c, j) => (widths[j] = Math.max(widths[j]!, textWidth(c))));
  const numbered = block.filter((i) => NUMBERED.test(placed.get(i)!.cells[0] ?? '')).length >= 2;
  // Widths are estimates: a word that would have come within a few percent of the widest line
  // is taken not to have fitted.
  const fits = (last: string, j: number, text: string) => textWidth(`${last} ${firstWord(text)}`) <= FULL * widths[j]!;
  const cellsOf = (i: number) => placed.get(i)!.cells;
  return centred(block, cellsOf, fits, numbered) ? centredRows(block, cellsOf, k, fits, numbered) : topRows(block, cellsOf, fits, numbered);
}

type Fits = (last: string, column: number, text: string) => boolean;

/** Rows whose cells start on the row's first line (the line-by-line reading). */
function topRows(block: readonly number[], cellsOf: (i: number) => string[], fits: Fits, numbered: boolean): StreamRow[] {
  const rows: Building[] = [];
  let seenNumber = false;
  for (const i of block) {
    const cells = cellsOf(i);
    const row = rows[rows.length - 1];
    const first = cells[0] ?? '';
    const opensNumber = NUMBERED.test(first);
    let continues = false;
    // A row opens with a header table's label ("Punti" under "Referente"), or with a letter
    // and something in another column ("B. Costo di ..." and its "0").
    // A line that fills every one of four or more columns, a capital first, is a row: every
    // cell of a row wrapping at once is rare where the first column is not numbered.
    const full = cells.length >= 4 && cells.every((c) => c !== '') && /^\p{Lu}/u.test(first);
    const opensRow = full || fieldOfLabel(first) !== null || (LETTERED.test(first) && cells.slice(1).some((c) => c !== ''));
    if (row && !cells.some(isAmountCell) && !opensRow) {
      if (numbered && seenNumber) continues = !opensNumber;
      else if (!opensNumber && !(LETTERED.test(first) && fits(row.last[0]!, 0, first))) {
        // Each filled column continues a filled cell whose last line is full; a tick ("X",
        // "SI", "NO") never goes on from the one above it.
        let wrapped = 0;
        let fresh = 0;
        cells.forEach((c, j) => {
          if (c === '') return;
          if (row.cells[j] === '' || TICK.test(c)) fresh++;
          else if (!fits(row.last[j]!, j, c)) wrapped++;
          else fresh++;
        });
        continues = wrapped > 0 && fresh === 0;
      }
    }
    if (opensNumber) seenNumber = true;
    if (continues && row) {
      row.lines.push(i);
      cells.forEach((c, j) => {
        if (c === '') return;
        row.cells[j] = joinWrapped(row.cells[j]!, c, row.last[j]);
        row.last[j] = c;
      });
    } else {
      rows.push({ lines: [i], cells: [...cells], last: [...cells] });
    }
  }
  return rows.map((r) => ({ lines: r.lines, cells: r.cells }));
}

/** Does the first column's text on a line open a new cell, after `last` (that column's text before)? */
function opensCell(last: string | null, text: string, fits: Fits, numbered: boolean): boolean {
  if (last === null) return true;
  if (NUMBERED.test(text)) return true;
  if (isAmountCell(text)) return true;
  if (numbered) return false;
  if (LETTERED.test(text) && fits(last, 0, text)) return true;
  return fits(last, 0, text);
}

/** A line with only the start of an inner column's cell, then a line that opens a row. */
function centred(block: readonly number[], cellsOf: (i: number) => string[], fits: Fits, numbered: boolean): boolean {
  const lastIn: (string | null)[] = [];
  let lastFirst: string | null = null;
  for (let x = 0; x + 1 < block.length; x++) {
    const cells = cellsOf(block[x]!);
    const next = cellsOf(block[x + 1]!);
    const inner = cells.map((c, j) => ({ c, j })).filter(({ c, j }) => j > 0 && c !== '');
    // The header of a table whose rows open with a number of their own ("3.1", "Titolo
    // progetto", ...) leaves the corner above the numbers empty: that is not a centred cell.
    const corner = x === 0 && numbered && BARE_NUMBER.test(next[0] ?? '');
    if (cells[0] === '' && inner.length > 0 && next[0] !== '' && !corner) {
      const opens = opensCell(lastFirst, next[0]!, fits, numbered);
      // The inner text does not go on from the cell above it, and is not an amount...
      if (opens && inner.some(({ c, j }) => !isAmountCell(c) && (lastIn[j] == null || fits(lastIn[j]!, j, c)))) return true;
      // ...or an amount stands between two lines of one first-column cell (set in its middle).
      if (!opens && lastFirst !== null && x > 0 && cellsOf(block[x - 1]!)[0] !== '' && inner.some(({ c }) => isAmountCell(c))) return true;
    }
    cells.forEach((c, j) => {
      if (c !== '') lastIn[j] = c;
    });
    if (cells[0] !== '') lastFirst = cells[0]!;
  }
  return false;
}

interface Anchor {
  /** Block positions of the first column's cell. */
  first: number;
  last: number;
  parts: { at: number; text: string }[][];
}

/**
 * Rows of a table whose cells are centred in their rows: the first column's cells say where
 * rows are (a numbered cell opens one; in a numbered table a cell without a number goes to the
 * nearer number), and every other text goes to the row whose first cell it stands beside, else
 * to the row whose middle is nearer; between two rows at the same distance, to the one above
 * when it carries on that row's cell (the line above it was full).
 */
function centredRows(block: readonly number[], cellsOf: (i: number) => string[], k: number, fits: Fits, numbered: boolean): StreamRow[] {
  const anchors: Anchor[] = [];
  const make = (at: number, text: string): Anchor => {
    const parts: Anchor['parts'] = Array.from({ length: k }, () => []);
    parts[0]!.push({ at, text });
    return { first: at, last: at, parts };
  };
  // The first column: numbered cells (or cells that open by their own reading) anchor rows.
  const loose: { at: number; text: string }[] = [];
  let lastFirst: string | null = null;
  let seenNumber = false;
  // Columns where the current first cell's lines, or the lines between them, hold an amount: a
  // first-column text on a line with an amount in one of them starts another row.
  let valued = new Set<number>();
  const amountsAt = (at: number) => new Set(cellsOf(block[at]!).flatMap((c, j) => (j > 0 && isAmountCell(c) ? [j] : [])));
  block.forEach((i, at) => {
    const text = cellsOf(i)[0] ?? '';
    const amounts = amountsAt(at);
    if (text === '') {
      for (const j of amounts) valued.add(j);
      return;
    }
    const again = [...amounts].some((j) => valued.has(j));
    if (numbered && NUMBERED.test(text)) {
      anchors.push(make(at, text));
      seenNumber = true;
      valued = new Set(amounts);
    } else if (numbered && seenNumber) loose.push({ at, text });
    else if (again || opensCell(lastFirst, text, fits, false)) {
      anchors.push(make(at, text));
      valued = new Set(amounts);
    } else {
      for (const j of amounts) valued.add(j);
      const a = anchors[anchors.length - 1]!;
      a.parts[0]!.push({ at, text });
      a.last = at;
    }
    lastFirst = text;
  });
  if (anchors.length === 0) return [];
  const centre = (a: Anchor) => (a.first + a.last) / 2;
  // Which row a text at `at` goes to; `carries` says whether it carries on the text above it in its column.
  const rowFor = (at: number, carries: boolean, inside: boolean): number => {
    let after = anchors.findIndex((a) => a.first > at);
    if (after < 0) after = anchors.length;
    const before = after - 1;
    if (before >= 0 && at <= anchors[before]!.last && inside) return before;
    if (before < 0) return 0;
    if (after >= anchors.length) return before;
    const up = at - centre(anchors[before]!);
    const down = centre(anchors[after]!) - at;
    if (up < down) return before;
    if (down < up) return after;
    return carries ? before : after;
  };
  // First column text without a number of its own (numbered tables), then the other columns.
  // A first-column text without a number goes with the row above when it carries on the text
  // above it (that line was full), else with the nearer numbered line (the next on a tie).
  let above: { at: number; text: string; row: number } | null = null;
  const numberedAt = anchors.map((a, r) => ({ at: a.first, text: a.parts[0]![0]!.text, row: r }));
  let n = 0;
  for (const part of loose) {
    while (n < numberedAt.length && numberedAt[n]!.at < part.at) {
      if (!above || numberedAt[n]!.at > above.at) above = numberedAt[n]!;
      n++;
    }
    let row: number;
    if (above && !fits(above.text, 0, part.text)) row = above.row;
    else {
      const before = n - 1;
      const after = n < numberedAt.length ? n : -1;
      if (before < 0) row = 0;
      else if (after < 0) row = numberedAt[before]!.row;
      else row = part.at - numberedAt[before]!.at < numberedAt[after]!.at - part.at ? numberedAt[before]!.row : numberedAt[after]!.row;
    }
    anchors[row]!.parts[0]!.push(part);
    above = { ...part, row };
  }
  for (const a of anchors) {
    a.parts[0]!.sort((x, y) => x.at - y.at);
    a.first = a.parts[0]![0]!.at;
    a.last = a.parts[0]![a.parts[0]!.length - 1]!.at;
  }
  const extra: Anchor[] = [];
  for (let j = 1; j < k; j++) {
    let above: { text: string } | null = null;
    block.forEach((i, at) => {
      const text = cellsOf(i)[j] ?? '';
      if (text === '') return;
      const carries = above !== null && !isAmountCell(text) && !fits(above.text, j, text);
      const r = rowFor(at, carries, true);
      const row = anchors[r]!;
      const inside = at >= row.first && at <= row.last;
      // An amount beside no first cell, where that row already has its own: a row of its own.
      if (!inside && isAmountCell(text) && row.parts[j]!.some((p) => p.at >= row.first && p.at <= row.last)) {
        const own: Anchor = { first: at, last: at, parts: Array.from({ length: k }, () => []) };
        own.parts[j]!.push({ at, text });
        extra.push(own);
      } else row.parts[j]!.push({ at, text });
      above = { text };
    });
  }
  const all = [...anchors, ...extra].map((a) => {
    const ats = a.parts.flatMap((p) => p.map((x) => x.at));
    const anchorAt = a.parts[0]!.length > 0 ? a.first : Math.min(...ats);
    const cells = a.parts.map((p, j) => {
      const sorted = [...p].sort((x, y) => x.at - y.at);
      // A row's number stands first, wherever the centring put it.
      if (j === 0 && numbered) sorted.sort((x, y) => Number(NUMBERED.test(y.text)) - Number(NUMBERED.test(x.text)));
      let text = '';
      let last = '';
      for (const x of sorted) {
        text = joinWrapped(text, x.text, last);
        last = x.text;
      }
      return text;
    });
    const lines = [...new Set([anchorAt, ...ats])].sort((x, y) => x - y);
    return { anchorAt, cells, lines };
  });
  all.sort((x, y) => x.anchorAt - y.anchorAt);
  return all.map((r) => ({
    lines: [block[r.anchorAt]!, ...r.lines.filter((x) => x !== r.anchorAt).map((x) => block[x]!)],
    cells: r.cells,
  }));
}

/** Lines whose chunks start at the same places (within two characters). */
function aligned(a: readonly Chunk[], b: readonly Chunk[]): boolean {
  return a.length === b.length && a.every((c, i) => Math.abs(c.start - b[i]!.start) <= 2);
}

/**
 * Prose laid out in two or more columns is not a table: its "cells" are paragraphs that wrap
 * over several lines in every column, and nothing in it is an amount. (A table with long texts
 * still has a short column: numbers, names, labels.)
 */
function looksLikeProse(rows: readonly StreamRow[], k: number): boolean {
  if (rows.some((r) => r.cells.some(isAmountCell))) return false;
  const lines = rows.reduce((n, r) => n + r.lines.length, 0);
  if (lines / rows.length < 2) return false;
  for (let c = 0; c < k; c++) {
    const cells = rows.map((r) => r.cells[c] ?? '').filter((x) => x !== '');
    const mean = cells.reduce((n, x) => n + x.length, 0) / Math.max(1, cells.length);
    if (mean < 60) return false;
  }
  return true;
}

export interface StreamInput {
  /** Line texts (form feeds removed). */
  texts: readonly string[];
  /** Lines that neither end a table nor belong to one (furniture, page numbers). */
  skip: (i: number) => boolean;
  /** Page of each line, or null. */
  page: (i: number) => number | null;
}

/**
 * The tables of a document. A blank line ends a table, except where the table reaches the foot
 * of its page and goes on at the top of the next one in as many columns.
 */
export function streamTables({ texts, skip, page }: StreamInput): StreamTable[] {
  const chunks = texts.map((t) => chunksOf(t));
  // A justified line (a paragraph's line ended by a line break, stretched to the margin) has
  // wide gaps between single words: it is one run of text, not cells. Two words far apart are
  // not enough to say so: a wrapped row's last line is often a word under the first column and
  // a word (an e-mail address) under the last one.
  const margin = rightMargin(chunks);
  const left = leftMargin(chunks);
  chunks.forEach((c, i) => {
    const end = c[c.length - 1]?.end ?? 0;
    const gaps = c.slice(1).map((x, g) => x.start - c[g]!.end);
    // Justification stretches the spaces a little; a table's header spreads its words far apart.
    const even = (gaps.length < 2 || Math.max(...gaps) <= 2 * Math.min(...gaps) + 2) && Math.max(...gaps) <= 10;
    const spans = c.length >= 3 && Math.abs(c[0]!.start - left) <= 1 && end >= margin - 4 && end <= margin + 6;
    if (spans && even && c.every((x) => !x.text.includes(' '))) {
      chunks[i] = [{ start: c[0]!.start, end: c[c.length - 1]!.end, text: c.map((x) => x.text).join(' ') }];
    }
  });
  // The header of a row-number column one space from the next one ("N. Ente", three or more
  // chunks on the line): two header cells.
  chunks.forEach((c, i) => {
    const m = c.length >= 3 ? /^(N\.|N°|Nr\.) (?=\S)/.exec(c[0]!.text) : null;
    if (!m) return;
    const first = c[0]!;
    const at = first.start + m[0].length;
    chunks[i] = [{ start: first.start, end: first.start + m[1]!.length, text: m[1]! }, { start: at, end: first.end, text: first.text.slice(m[0].length) }, ...c.slice(1)];
  });
  const blank = (i: number) => chunks[i]!.length === 0;
  const out: StreamTable[] = [];
  const n = texts.length;
  // The next line that counts, after i (furniture and page numbers skipped).
  const nextCounted = (i: number) => {
    let j = i + 1;
    while (j < n && skip(j)) j++;
    return j;
  };
  let i = 0;
  while (i < n) {
    if (skip(i) || chunks[i]!.length < 2) {
      i++;
      continue;
    }
    const block: number[] = [...linesBefore(i), i];
    let j = nextCounted(i);
    let lastMulti = i;
    while (j < n) {
      const crossing = page(j) !== null && page(j) !== page(block[block.length - 1]!);
      if (blank(j) || crossing) {
        // Blank lines (and furniture) to the next text: only a page break lets the table go on,
        // into a table of as many columns at the top of the next page.
        let k = j;
        while (k < n && (skip(k) || blank(k))) k++;
        const crosses = k < n && page(k) !== null && page(k) !== page(block[block.length - 1]!);
        if (!crosses) break;
        if (goesOn(block, chunks[k]!)) {
          j = k;
          block.push(j);
          lastMulti = j;
          j = nextCounted(j);
          continue;
        }
        // A cell wrapped over the page break: lines in an inner column, then the table again.
        const carried = carriedOver(block, k);
        if (carried.length === 0) break;
        block.push(...carried);
        j = nextCounted(carried[carried.length - 1]!);
        continue;
      }
      const c = chunks[j]!;
      if (c.length >= 2) {
        block.push(j);
        lastMulti = j;
      } else if (within(c[0]!, chunks[lastMulti]!) || within(c[0]!, reference(block, lastMulti))) block.push(j);
      else break;
      j = nextCounted(j);
    }
    const table = tableOf(block, chunks, page);
    if (table) {
      out.push(table);
      i = table.rows[table.rows.length - 1]!.lines.at(-1)! + 1;
    } else i = block[block.length - 1]! + 1;
  }
  return out;

  // Lines right above a table's first line with only an inner column's text: the top of a cell
  // centred in the first row (a header wrapped over three lines, the middle one the row's).
  function linesBefore(i: number): number[] {
    const first = chunks[i]!;
    const out: number[] = [];
    for (let m = i - 1; m >= 0 && out.length < 2; m--) {
      if (skip(m)) continue;
      const c = chunks[m]!;
      if (c.length !== 1 || page(m) !== page(i)) break;
      const inner = first.slice(1).some((x) => Math.abs(x.start - c[0]!.start) <= 2);
      if (!inner || c[0]!.start <= first[0]!.start + 4) break;
      out.unshift(m);
    }
    return out;
  }

  // Does a line at the top of a page go on with the table of the page before? It has as many
  // chunks as the table has columns, or fewer (cells run together) each starting near one of
  // the columns of the table's last full line. Pages are not placed alike: a column may start
  // twenty characters off on the next page.
  function goesOn(block: readonly number[], line: readonly Chunk[]): boolean {
    const k = Math.max(columnCount(block, chunks, true), ...block.map((b) => chunks[b]!.length));
    if (line.length < 2 || line.length > k) return false;
    if (line.length === k) return true;
    const full = [...block].reverse().find((b) => chunks[b]!.length === k);
    if (full === undefined) return false;
    const starts = chunks[full]!.map((c) => c.start);
    return line.every((c) => starts.some((x) => Math.abs(x - c.start) <= 8));
  }

  // Lines at the top of a page that finish a cell of the page before: one chunk each, in a
  // column right of the first (so not a heading or a paragraph), up to a line that goes on with
  // the table. None when that line does not come within a few lines.
  function carriedOver(block: readonly number[], from: number): number[] {
    const left = Math.min(...block.map((b) => chunks[b]![0]?.start ?? Infinity));
    const out: number[] = [];
    // The first column's last text on the page before, and the widest the column holds.
    const firsts = block.map((b) => chunks[b]!).filter((c) => c.length > 0 && Math.abs(c[0]!.start - left) <= 2).map((c) => c[0]!.text);
    const widest = Math.max(0, ...firsts.map(textWidth));
    for (let m = from; m < n && out.length <= 4; m = nextCounted(m)) {
      const c = chunks[m]!;
      if (c.length === 1 && c[0]!.start > left + 4) {
        out.push(m);
        continue;
      }
      // The first column's cell wrapped: its last line was full.
      const lastFirst = firsts[firsts.length - 1];
      if (out.length === 0 && c.length === 1 && Math.abs(c[0]!.start - left) <= 2 && lastFirst !== undefined && textWidth(`${lastFirst} ${firstWord(c[0]!.text)}`) > FULL * widest) {
        out.push(m);
        continue;
      }
      if (out.length > 0 && c.length >= 2 && goesOn(block, c)) return [...out, m];
      return [];
    }
    return [];
  }

  // The columns a line is measured against: the last line of the block with the most chunks
  // that starts at the block's left edge (a centred row's line may hold only inner columns).
  function reference(block: readonly number[], lastMulti: number): Chunk[] {
    const left = Math.min(...block.map((b) => chunks[b]![0]?.start ?? Infinity));
    let best: Chunk[] | null = null;
    for (let x = block.length - 1; x >= 0 && x >= block.length - 12; x--) {
      const c = chunks[block[x]!]!;
      if (c.length >= 2 && Math.abs(c[0]!.start - left) <= 2 && (!best || c.length > best.length)) best = c;
    }
    return best ?? chunks[lastMulti]!;
  }

  // A single chunk lies within a row's columns: it starts inside them and does not run over the
  // next column's start (a line of prose after a table spans them).
  function within(chunk: Chunk, row: readonly Chunk[]): boolean {
    const left = row[0]!.start;
    // Left of every column the block has used so far: the first column's cell of a row whose
    // other cells stand on the lines around it (a centred row).
    if (chunk.start < left - 2) return chunk.end <= left - 2 && chunk.end - chunk.start <= 40;
    for (let c = 0; c < row.length; c++) {
      const from = c === 0 ? left - 2 : row[c]!.start - 2;
      const to = row[c + 1]?.start ?? Infinity;
      if (chunk.start >= from && chunk.start < to) return chunk.end <= to + 1;
    }
    return false;
  }
}

/** Where paragraphs start: the start most long lines of running text share. */
function leftMargin(chunks: readonly Chunk[][]): number {
  const counts = new Map<number, number>();
  for (const c of chunks) if (c.length === 1 && c[0]!.end - c[0]!.start >= 50) counts.set(c[0]!.start, (counts.get(c[0]!.start) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/**
 * Where a paragraph's full lines end: the upper quartile of the ends of long lines of running
 * text (a paragraph's last line ends short; a proportional font makes full lines end a few
 * characters apart).
 */
function rightMargin(chunks: readonly Chunk[][]): number {
  const ends = chunks.filter((c) => c.length === 1 && c[0]!.end - c[0]!.start >= 50).map((c) => c[0]!.end).sort((a, b) => a - b);
  return ends.length === 0 ? -100 : ends[Math.floor(ends.length * 0.75)]!;
}

/**
 * Columns of a block: the most chunks that two lines of it put at the same places (a cell the
 * converter ran into the next one leaves a line with fewer, a wrapped cell one with fewer still).
 * Without two such lines, `loose` takes the most chunks any line has, else there is no table.
 */
function columnCount(block: readonly number[], chunks: readonly Chunk[][], loose = false): number {
  const byCount = new Map<number, number[]>();
  for (const i of block) {
    const c = chunks[i]!.length;
    if (c < 2) continue;
    const list = byCount.get(c);
    if (list) list.push(i);
    else byCount.set(c, [i]);
  }
  const counts = [...byCount.keys()].sort((a, b) => b - a);
  // A header line whose column starts hold every chunk of at least two other lines tells more
  // columns than rows that ran two cells together one space apart (on every row, or on all
  // rows alike).
  const told = counts[0] !== undefined && counts[0] >= 3 && !loose ? headerColumns(block, chunks, byCount.get(counts[0])!) : 0;
  for (const c of counts) {
    const lines = byCount.get(c)!;
    if (lines.some((i, x) => x > 0 && aligned(chunks[lines[x - 1]!]!, chunks[i]!))) return Math.max(c, told);
  }
  if (loose) return counts[0] ?? 0;
  return told;
}

function headerColumns(block: readonly number[], chunks: readonly Chunk[][], widest: readonly number[]): number {
  // The first few such lines are the header, if any is (bounded: a long table has many).
  for (const h of widest.slice(0, 3)) {
    const starts = chunks[h]!.map((c) => c.start);
    const within = block.filter((i) => i !== h && chunks[i]!.length >= 2 && chunks[i]!.every((c) => starts.some((x) => Math.abs(x - c.start) <= 2)));
    if (within.length >= 2) return starts.length;
  }
  return 0;
}

function tableOf(block: readonly number[], chunks: readonly Chunk[][], page: (i: number) => number | null): StreamTable | null {
  const multi = block.filter((i) => chunks[i]!.length >= 2);
  if (multi.length < 2) return null;
  const k = columnCount(block, chunks);
  if (k < 2) return null;
  const full = multi.filter((i) => chunks[i]!.length === k);
  const placed = new Map<number, Placed>();
  const startsAt = new Map<number, number[]>();
  block.forEach((i, order) => {
    for (const c of chunks[i]!) {
      const list = startsAt.get(c.start);
      if (list) list.push(order);
      else startsAt.set(c.start, [order]);
    }
  });
  // Lines are placed in order; one that does not fill every column takes the column starts of
  // the last line that told them all (the first full line below, before any did).
  let told: { starts: number[]; page: number | null } | null = null;
  block.forEach((i, order) => {
    let reference: number[] | null = null;
    if (chunks[i]!.length !== k) {
      // The line that told them last on this page, else the first full line below on this page
      // (pages are placed apart), else whatever told them last.
      const below = full.find((f) => f > i && page(f) === page(i));
      reference = told && told.page === page(i) ? told.starts : below !== undefined ? chunks[below]!.map((c) => c.start) : told?.starts ?? chunks[full[0]!]!.map((c) => c.start);
    }
    const seen = (x: number) => Math.min(99, ...(startsAt.get(x) ?? []).filter((o) => o !== order).map((o) => Math.abs(o - order)));
    const p = place(chunks[i]!, k, reference, seen);
    placed.set(i, p);
    if (p.starts) told = { starts: p.starts, page: page(i) };
  });
  let rows = rowsOf(block, placed, k);
  // Single-column lines after the last full row that start rows of their own are text after the
  // table, not part of it.
  while (rows.length > 0) {
    const last = rows[rows.length - 1]!;
    if (last.lines.some((l) => chunks[l]!.length >= 2)) break;
    rows = rows.slice(0, -1);
  }
  if (rows.length < 2 || looksLikeProse(rows, k)) return null;
  const used = new Set(rows.flatMap((r) => r.lines));
  let clean = 0;
  let total = 0;
  for (const i of used) {
    clean += placed.get(i)!.clean;
    total += placed.get(i)!.chunks;
  }
  return { rows, columns: k, accuracy: total === 0 ? 1 : clean / total };
}
