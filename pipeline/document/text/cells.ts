// Text with one table cell per line or paragraph, as converters write a table when they keep no
// layout: pdftotext without -layout (a cell is a block of lines between blank lines, and empty
// cells vanish), LibreOffice "save as text" (a cell per line, an empty cell an empty line),
// mammoth's markdown (a cell per paragraph, empty cells dropped). The rows cannot be seen; what
// can be rebuilt is rebuilt from what the cells say:
//  - a table whose header the readers know (partners, table of contents) and whose rows are
//    numbered ("1. Comune di ...", "2.1"): a row runs from one number to the next;
//  - a table of amounts (budget, cofinancing, breakdowns): a label followed by its amounts is a
//    row; its header is the run of short cells before the first row.
// Whatever is not rebuilt stays text, and the readers report what they then miss (no partner
// table, an incomplete budget) as findings of the project.
import { readAmount } from '../../../shared/amounts.js';
import { budgetCodesOf, cofinColumnOf, isAmountHeader, isBudgetHeading, isEntityHeader, isTotalLabel, shareColumnOf } from '../../../shared/labels.js';
import { foldText, visibleText } from '../../../shared/text.js';
import { findFurniture } from '../../annex/furniture.js';
import { fieldOfLabel, hitOfPair } from '../../annex/header.js';
import { findPagination } from '../../annex/pages.js';
import { isAmountCell, joinWrapped } from './stream.js';

export type CellMode = 'lines' | 'paragraphs' | 'blocks';

interface Unit {
  text: string;
  /** 0-based lines the unit occupies (an empty cell in 'lines' mode: its empty line). */
  lines: number[];
  /** Its first and last lines' text (in 'blocks' mode). */
  first?: string;
  last?: string;
  /** Whether it states a value (isValue), kept once asked: the table readers ask it of the cells ahead again and again. */
  value?: boolean;
}

export interface CellRow {
  /** 0-based lines of the row, first = where it starts. */
  lines: number[];
  cells: string[];
  table: number;
}

/** A unit (a cell) that states a value, asked once per unit and kept on it. */
function isValue(unit: Unit): boolean {
  return (unit.value ??= statesValue(unit.text));
}

/** A cell that states a value: an amount, or what is written where none is ("-----", "non richiesto"). */
function statesValue(text: string): boolean {
  // An amount with its note is short: a long text is not read as one.
  if (text.length > 400) return false;
  const t = visibleText(text);
  if (t === '') return false;
  if (isAmountCell(t)) return true;
  const kind = readAmount(t).kind;
  return kind === 'placeholder' || kind === 'split';
}

const NUMBERED = /^\(?\d{1,3}(?:\.\d{1,3})*(?:\s?[.)°])?(?:\s|$)/;
/** A cell that is only a row's number. */
const BARE = /^\(?\d{1,3}(?:\.\d{1,3})*[.)°]?$/;
const ENUMERATED = /^(?:\(?\d{1,3}(?:\.\d{1,3})*\s?[.)°]|\(?[A-Za-z]\s?[.)])\s/;

function isNumbered(text: string): boolean {
  return NUMBERED.test(visibleText(text));
}

/** The number a numbered cell opens with: "2.1" -> [2, 1], "10. Connecthub" -> [10]. */
function numberOf(text: string): number[] | null {
  const m = /^\(?(\d{1,3}(?:\.\d{1,3})*)/.exec(visibleText(text));
  return m && isNumbered(text) ? m[1]!.split('.').map(Number) : null;
}

/** Does `next` number the row after the one `prev` numbers? */
function follows(prev: readonly number[], next: readonly number[]): boolean {
  return prev.length === next.length && prev.every((p, i) => (i < prev.length - 1 ? p === next[i] : next[i] === p + 1));
}

const PARTNER_NAME = /\b(nome|denominazione|ente|enti|partner|soggetto|organizzazione|ragione sociale)\b/;
const PARTNER_OTHER = /\b(referente|referenti|contatt[oi]|riferimento|tipologia|tipo|natura|forma giuridica|categoria|ruolo|funzione)\b/;

/** A header cell of a table the readers know by its header. */
function headerWord(text: string): boolean {
  const f = foldText(text);
  return f !== '' && f.length <= 80 && (PARTNER_NAME.test(f) || PARTNER_OTHER.test(f) || /titolo|capofila|^pag\b|^pagina$/.test(f));
}

/** A header cell of a table of amounts: a column of amounts, a share, a total. */
function amountHeaderPart(text: string): boolean {
  const t = visibleText(text);
  return isAmountHeader(t) || cofinColumnOf(t) !== null || isTotalLabel(t) || AMOUNT_COLUMN.test(foldText(t));
}

/** Words that head a column of amounts (folded). */
const AMOUNT_COLUMN = /^(?:co ?finanziament[oi]|contribut[oi]|finanziament[oi]|fondi|importo|quota|totale)\b/;

/** An amount with its euro sign inside a label's text. */
const AMOUNT_INSIDE = /\s(€ ?\d{1,3}(?:\.\d{3})*(?:,\d{2})?(?=\s|$)|\d{1,3}(?:\.\d{3})*,\d{2} ?€$)/;

/** Opens the header of a table of amounts. */
function opensAmountHeader(text: string): boolean {
  const t = visibleText(text);
  return isBudgetHeading(t) || isEntityHeader(t);
}

/** How the converter put cells: told from blank lines and line lengths. */
export function cellMode(texts: readonly string[]): CellMode {
  const nonBlank = texts.filter((t) => t.trim() !== '');
  if (nonBlank.length === 0) return 'lines';
  const lengths = nonBlank.map((t) => t.length).sort((a, b) => a - b);
  const p95 = lengths[Math.floor(lengths.length * 0.95)]!;
  // Paragraphs wrapped at the page's width, each block ended by a blank line: blocks of lines
  // (pdftotext). A text with a cell per line and few blank lines is LibreOffice's, even where
  // every paragraph is short enough to pass for a wrapped line.
  const blank = texts.length - nonBlank.length;
  if (p95 <= 130 && nonBlank.length >= 20 && blank >= texts.length * 0.15) return 'blocks';
  // A blank line after nearly every line: paragraphs (markdown).
  let blankAfter = 0;
  for (let i = 0; i + 1 < texts.length; i++) if (texts[i]!.trim() !== '' && texts[i + 1]!.trim() === '') blankAfter++;
  return blankAfter >= nonBlank.length * 0.6 ? 'paragraphs' : 'lines';
}


/** Does the line `text` plainly go on with `next` (a sentence or note cut by the line's end)? */
function unfinished(text: string, next: string): boolean {
  return /^[\p{Ll})\],;.]/u.test(next) || cutShort(text);
}

/** Does the line stop where no text ends (an open bracket, a comma, a short word)? */
function cutShort(text: string): boolean {
  const open = (text.match(/\(/g) ?? []).length > (text.match(/\)/g) ?? []).length;
  return open || /[,;:(–-]$/.test(text) || /(^|\s)\p{Ll}{1,3}$/u.test(text);
}

/** The cells of the text, in order; `skip` lines (page numbers, furniture) are not cells. */
function unitsOf(texts: readonly string[], mode: CellMode, skip: ReadonlySet<number>): Unit[] {
  const units: Unit[] = [];
  if (mode !== 'blocks') {
    let open: Unit | null = null; // a paragraph whose line ended in a hard break ("  ")
    texts.forEach((t, i) => {
      if (skip.has(i)) return;
      if (t.trim() === '') {
        open = null;
        if (mode === 'lines') units.push({ text: '', lines: [i] });
        return;
      }
      if (open) {
        open.text = joinWrapped(open.text, t.trim(), texts[open.lines[open.lines.length - 1]!]!.trim());
        open.lines.push(i);
      } else units.push({ text: t.trim(), lines: [i] });
      const last: Unit = open ?? units[units.length - 1]!;
      open = mode === 'paragraphs' && / {2}$/.test(t) ? last : null;
    });
    return units;
  }
  let current: Unit | null = null;
  let prevValue = false;
  // The last unit, when it is an amount whose last line plainly does not end there: a blank
  // line pdftotext put inside its cell does not end it.
  let dangling: Unit | null = null;
  // The next line with text after line i.
  const following = (i: number) => {
    for (let j = i + 1; j < texts.length; j++) if (!skip.has(j) && texts[j]!.trim() !== '') return texts[j]!.trim();
    return '';
  };
  texts.forEach((t, i) => {
    if (skip.has(i)) return;
    const text = t.trim();
    if (text === '') {
      const unit = current as Unit | null;
      if (unit && statesValue(unit.first!) && cutShort(unit.last!)) dangling = unit;
      current = null;
      return;
    }
    if (!current && dangling && /^\p{Ll}/u.test(text)) current = dangling;
    dangling = null;
    const open = current as Unit | null;
    const value = statesValue(text);
    // A block holds several cells where one ends in an amount or a new one opens with a number,
    // a letter or a header: a run of known header words after a heading ("Enti partner
    // dell'Alleanza", then "NOME DELL'ENTE", "TIPOLOGIA"). One header word alone is a cell's own
    // text ("Associazione di / categoria datoriale", "5. Auser ... / Partner istituzionale").
    // The rules look at the unit's first or last line only, however long it has grown.
    const header = open !== null && headerWord(text) && headerWord(following(i)) && !isNumbered(open.first!);
    // An amount's note may wrap too: the line after it goes on when the amount's line plainly
    // does not end there (an open parenthesis, a comma, a short word) or it starts in lower case.
    const wrapsValue = prevValue && open !== null && !value && unfinished(open.last!, text);
    // A lead-in ending in a colon ("... la seguente tabella:") is not the cell after it.
    const leadIn = open !== null && /:$/.test(open.last!) && text.length <= 60;
    // A header table's label opens a cell (pdftotext sets "Progetto n. 1" and "Titolo del
    // progetto" in one block when they stand close).
    const label = open !== null && fieldOfLabel(text) !== null;
    const cut = (value || prevValue || header || leadIn || label || ENUMERATED.test(text) || opensAmountHeader(text) || isAmountHeader(text)) && !wrapsValue;
    prevValue = value && !wrapsValue;
    if (open && !cut) {
      open.text = joinWrapped(open.text, text, open.last);
      open.lines.push(i);
      open.last = text;
      return;
    }
    current = { text, lines: [i], first: text, last: text };
    units.push(current);
  });
  return units.flatMap(splitAmountsUnit);
}

/**
 * pdftotext sets amounts of neighbouring columns in one block where they stand close
 * ("25.000,00 € 15.000,00 €"): one unit per amount, the first keeping the block's lines.
 */
function splitAmountsUnit(unit: Unit): Unit[] {
  const parts = amountsOf(unit.text);
  if (parts.length < 2) return [unit];
  return parts.map((text, i) => ({ text, lines: i === 0 ? unit.lines : [], first: text, last: text }));
}

/** The amounts a text is made of, written alike ("1.000,00 €", "€ 1.000,00", "1.000,00"), or none. */
function amountsOf(text: string): string[] {
  const t = text.trim();
  const re = /€$/.test(t) && !/^€/.test(t) ? SUFFIXED : /^€/.test(t) ? PREFIXED : BARE_AMOUNT;
  const parts = t.match(re) ?? [];
  return parts.join(' ') === t.replace(/\s+/g, ' ') && parts.length >= 2 ? parts : [];
}

// Each starts where a number starts (not inside one), so that no digit is tried twice.
const SUFFIXED = /(?<![\d.,+-])[-+]?\d{1,3}(?:\.\d{3})*,\d{2} ?€/g;
const PREFIXED = /€ ?[-+]?\d{1,3}(?:\.\d{3})*,\d{2}/g;
const BARE_AMOUNT = /(?<![\d.,+-])[-+]?\d{1,3}(?:\.\d{3})*,\d{2}/g;

interface Parsed {
  rows: { units: Unit[]; cells: string[] }[];
  /** First unit after the table. */
  next: number;
  /** A numbered table's cells per row; its rows may be short of them (cells run together). */
  width?: number;
}

/**
 * A table known by its header and numbered rows: header cells from `at`, then rows that open
 * with a number. In 'lines' mode every row has as many cells as the widest (empty cells are
 * kept); otherwise a row runs to the next number.
 */
function numberedTable(units: readonly Unit[], at: number, mode: CellMode): Parsed | null {
  let h = at;
  while (h < units.length && h - at < 6 && !isNumbered(units[h]!.text) && !isValue(units[h]!) && units[h]!.text.length <= 80) {
    if (units[h]!.text === '' && mode !== 'lines') break;
    h++;
  }
  let header = units.slice(at, h);
  if (header.length < 2 || h >= units.length || !isNumbered(units[h]!.text)) return null;
  const f = header.map((u) => foldText(u.text));
  const partners = PARTNER_NAME.test(f.join(' ')) && f.some((c) => PARTNER_OTHER.test(c));
  const toc = f.some((c) => /titolo|progetto/.test(c)) && f.some((c) => /capofila|^pag\b|pagina/.test(c));
  if (!partners && !toc) return null;
  // Rows: from each numbered cell to the one with the next number, of at most `most` cells.
  // A row's number stands alone in its cell or opens its text, alike in every row: a heading
  // numbered next ("3. TIPOLOGIA DI INTERVENTO" after rows "1", "2") is not a row.
  const bareAt = (u: number) => BARE.test(visibleText(units[u]!.text));
  const parse = (most: number) => {
    const groups: Unit[][] = [];
    let u = h;
    let number = numberOf(units[h]!.text);
    while (u < units.length && number && bareAt(u) === bareAt(h)) {
      const group = [units[u]!];
      u++;
      let next: number[] | null = null;
      while (u < units.length && group.length < most) {
        const t = units[u]!.text;
        next = numberOf(t);
        if (next && follows(number, next)) break;
        next = null;
        if (t.length > 250 || (mode !== 'lines' && t === '')) break;
        group.push(units[u]!);
        u++;
      }
      groups.push(group);
      if (!next && u < units.length) {
        const candidate = numberOf(units[u]!.text);
        if (candidate && follows(number, candidate)) next = candidate;
      }
      number = next;
    }
    return { groups, u };
  };
  // One cell per line, every row as many lines as the header has: the rows' numbers stand that
  // many lines apart, whatever other numbers the rows hold (a ranking's position, then the
  // project's number: "1", "2", ..., "2", "1", ...).
  if (mode === 'lines') {
    const strided = strideRows(units, h);
    if (strided) return strided;
  }
  // The rows say how many columns there are (the cells from one number to the next), and the
  // header is as many cells before the first row, where the run of header words began later
  // ("Posizione", "ID", then "Titolo").
  {
    const sizes = parse(12).groups.slice(0, -1).map((g) => g.length);
    const w = sizes[0];
    const before = w !== undefined && sizes.every((x) => x === w) && w > header.length ? units.slice(Math.max(0, h - w), h) : [];
    if (before.length === w && before.every((x) => x.text !== '' && x.text.length <= 40 && !isValue(x) && !isNumbered(x.text))) header = before;
  }
  const first = parse(header.length + 1);
  if (first.groups.length === 0) return null;
  // A row has as many cells as the fullest row before the last (which may run on into the text
  // after the table; converters drop empty cells or run two into one, never add one); the
  // header as many (a heading before it is not one of its cells) or one fewer (an empty corner
  // cell the converter dropped).
  const sized = first.groups.length > 1 ? first.groups.slice(0, -1) : first.groups;
  const usual = Math.max(...sized.map((g) => g.length));
  if (header.length > usual) header = header.slice(header.length - usual);
  const parsed = parse(usual);
  const { groups } = parsed;
  let { u } = parsed;
  // The last row may run on into the text after the table where a cell of it ran into the next.
  const last = groups[groups.length - 1]!;
  if (mode !== 'lines' && groups.filter((g) => g.length === usual).length >= 2) {
    // Where every full row has its e-mail address in one column and the last row has it in an
    // earlier one, two of its cells ran together and what follows that cell is not the row's.
    const emailAt = (g: Unit[]) => g.findIndex((x) => x.text.includes('@'));
    const columns = new Set(groups.slice(0, -1).filter((g) => g.length === usual).map(emailAt));
    const at = emailAt(last);
    const column = columns.size === 1 ? [...columns][0]! : -1;
    const cut = at >= 0 && at < column && at + 1 < last.length ? at + 1 : -1;
    if (cut > 0) {
      u = units.indexOf(last[cut]!);
      last.splice(cut);
    }
  }
  // Rows whose number is a cell of its own (a table of contents) have a header with an empty
  // corner the converter dropped; a header short of a cell otherwise ran two into one.
  const bare = groups.every((g) => BARE.test(visibleText(g[0]!.text)));
  const headerTexts = bare ? splitNumberHeader(header.map((x) => x.text), usual) : splitHeader(header.map((x) => x.text), usual);
  const width = Math.max(usual, headerTexts.length);
  const pad = (cells: string[], front: boolean) => {
    const missing = width - cells.length;
    if (missing <= 0) return cells;
    const blanks = new Array<string>(missing).fill('');
    return front ? [...blanks, ...cells] : [...cells, ...blanks];
  };
  const rows = [{ units: header, cells: pad(headerTexts, true) }];
  // One cell per line keeps every cell; blocks may have run two into one (splitRunTogether).
  for (const g of groups) rows.push({ units: g, cells: mode === 'lines' ? pad(g.map((x) => x.text), false) : g.map((x) => x.text) });
  return { rows, next: u, width };
}

/**
 * Rows of a one-cell-per-line table whose header (the run of short cells right before the first
 * row, `h`) has k cells and whose rows' first cells are 1, 2, 3 ... k lines apart.
 */
function strideRows(units: readonly Unit[], h: number): Parsed | null {
  let run = 0;
  while (run < 10 && h - run - 1 >= 0 && isHeaderCell(units[h - run - 1]!)) run++;
  const numberAt = (u: number) => (u < units.length && BARE.test(visibleText(units[u]!.text)) ? numberOf(units[u]!.text) : null);
  // Only where a row opens with two numbers (elsewhere the plain reading does as well).
  if (numberAt(h + 1) === null) return null;
  for (let k = run; k >= 3; k--) {
    let r = 0;
    for (let prev = numberAt(h); prev; r++) {
      const next = numberAt(h + (r + 1) * k);
      if (!next || !follows(prev, next) || h + (r + 2) * k > units.length) {
        r++;
        break;
      }
      prev = next;
    }
    if (r < 2 || h + r * k > units.length) continue;
    const header = units.slice(h - k, h);
    const rows: Parsed['rows'] = [{ units: header, cells: header.map((x) => x.text) }];
    for (let i = 0; i < r; i++) {
      const group = units.slice(h + i * k, h + (i + 1) * k);
      rows.push({ units: group, cells: group.map((x) => x.text) });
    }
    return { rows, next: h + r * k, width: k };
  }
  return null;
}

function isHeaderCell(unit: Unit): boolean {
  return unit.text !== '' && unit.text.length <= 40 && !isValue(unit) && !BARE.test(visibleText(unit.text));
}

/** The header of a row-number column run into the next one ("N. Denominazione"), cut off. */
function splitNumberHeader(cells: readonly string[], width: number): string[] {
  const m = cells.length < width ? /^(n\.|n°|nr\.|num\.|pos\.) +(\S.*)$/i.exec(cells[0] ?? '') : null;
  return m ? [m[1]!, m[2]!, ...cells.slice(1)] : [...cells];
}

/**
 * pdftotext runs two header cells into one block when they stand close ("TIPOLOGIA REFERENTE"):
 * a header short of the rows' cells gets back a cell made of two header words.
 */
function splitHeader(cells: readonly string[], width: number, isPart: (text: string) => boolean = headerWord): string[] {
  const out = [...cells];
  for (let changed = true; out.length < width && changed; ) {
    changed = false;
    for (let i = out.length - 1; i >= 0 && !changed; i--) {
      const cut = cutHeaderCell(out[i]!, isPart);
      if (cut) {
        out.splice(i, 1, ...cut);
        changed = true;
      }
    }
  }
  return out;
}

/** A header cell cut in two header cells, the second starting with a capital as cells do. */
function cutHeaderCell(text: string, isPart: (text: string) => boolean): [string, string] | null {
  const words = text.split(' ');
  for (let w = 1; w < words.length; w++) {
    const left = words.slice(0, w).join(' ');
    const right = words.slice(w).join(' ');
    if (/^\p{Lu}/u.test(right) && isPart(left) && isPart(right)) return [left, right];
    // Two shares of a line, however written ("di cui contributo di cui cofinanziamento").
    if (shareColumnOf(left) !== null && shareColumnOf(right) !== null && shareColumnOf(left) !== shareColumnOf(right)) return [left, right];
  }
  return null;
}

/**
 * A table of amounts from unit `at` (its header, if any, starts there): rows are a label and
 * the values after it.
 */
function amountTable(units: readonly Unit[], at: number, mode: CellMode): Parsed | null {
  // The first row: a label followed by a value.
  let first = at;
  while (first < units.length && first - at <= 8) {
    const u = units[first]!;
    if (u.text !== '' && !isValue(u) && units[first + 1]) {
      const next = nextFilled(units, first + 1, mode);
      if (next !== undefined && isValue(next)) break;
    }
    first++;
  }
  if (first >= units.length || first - at > 8) return null;
  // Columns: a label and the most values the first rows give it.
  let width = 2;
  for (let u = first, rows = 0; u < units.length && rows < 4; rows++) {
    let v = u + 1;
    while (v < units.length && isValue(units[v]!)) v++;
    width = Math.max(width, v - u);
    if (v === u + 1) break;
    u = v;
  }
  // The header: from a cell that opens one (Voce di costo, Ente), else the short cells right
  // before the first row, as many as there are columns.
  let from = -1;
  for (let h = first - 1; h >= at && from < 0; h--) if (opensAmountHeader(units[h]!.text)) from = h;
  if (from < 0) {
    from = first;
    while (from > at && first - from < width && units[from - 1]!.text.length <= 60 && units[from - 1]!.text !== '') from--;
  }
  const header = units.slice(from, first).filter((u) => mode === 'lines' || u.text !== '');
  if (header.length > 2 * width || header.some((u) => u.text.length > 80 || isValue(u))) return null;
  const rows: Parsed['rows'] = [];
  // pdftotext runs two header cells into one where they stand close ("CO-FINANZIAMENTO TOTALE").
  const headerTexts = mode === 'lines' || header.length >= width ? header.map((x) => x.text) : splitHeader(header.map((x) => x.text), width, amountHeaderPart);
  // Header rows: the first `width` cells, then the rest under the last columns.
  if (header.length > 0) {
    for (let i = 0; i < headerTexts.length; i += width) {
      const part = header.slice(i, i + width);
      const cells = headerTexts.slice(i, i + width);
      rows.push({ units: part, cells: i === 0 ? [...cells, ...new Array<string>(width - cells.length).fill('')] : [...new Array<string>(width - cells.length).fill(''), ...cells] });
    }
  }
  let u = first;
  if (mode === 'lines') {
    // Every cell is there, empty ones too: rows of `width` lines while they read as rows.
    while (u + width <= units.length) {
      const group = units.slice(u, u + width);
      const [label, ...rest] = group;
      const labelOk = label!.text === '' ? rest.some((x) => isValue(x)) : !isValue(label!) && label!.text.length <= 250;
      // Inside the table a bare whole number is an amount too ("0" under "Importo"): every cell
      // is on its line, so it cannot be a label's wrapped end.
      const inTable = (x: Unit) => x.text === '' || isValue(x) || (rows.length > 1 && /^\d{1,7}$/.test(x.text));
      if (!labelOk || !rest.every(inTable) || opensAmountHeader(label!.text)) break;
      if (rest.every((x) => x.text === '') && label!.text !== '' && !groupHasValue(u + width)) break;
      rows.push({ units: group, cells: group.map((x) => x.text) });
      u += width;
    }
  } else {
    while (u < units.length) {
      const label = units[u]!;
      if (isValue(label) || label.text.length > 250 || opensAmountHeader(label.text)) break;
      let v = u + 1;
      while (v < units.length && v - u < width && isValue(units[v]!)) v++;
      const values = units.slice(u + 1, v);
      // A label without its amount is a row only where the table goes on after it.
      if (values.length === 0 && (budgetCodesOf(label.text).length === 0 || !continues(v))) break;
      const cells = [label.text, ...values.map((x) => x.text)];
      // A label and the amount beside it on one line of pdftotext's, the label's wrapped end
      // after it ("Sostegno ... estate € 29.000,00" / "2020"): the amount is the row's first.
      const inner = cells.length < width ? AMOUNT_INSIDE.exec(label.text) : null;
      if (inner && /\p{L}/u.test(label.text.slice(0, inner.index))) {
        const rest = [label.text.slice(0, inner.index), label.text.slice(inner.index + inner[0].length)].map((x) => x.trim()).filter(Boolean);
        cells.splice(0, 1, rest.join(' '), inner[1]!);
      }
      rows.push({ units: [label, ...values], cells: [...cells, ...new Array<string>(width - cells.length).fill('')] });
      u = v;
    }
  }
  if (rows.length - (header.length > 0 ? 1 : 0) < 2) return null;
  return { rows, next: u };

  // In 'lines' mode: does the row of `width` cells at `v` hold a value?
  function groupHasValue(v: number): boolean {
    const group = units.slice(v, v + width);
    return group.length === width && !isValue(group[0]!) && group.slice(1).some((x) => isValue(x));
  }

  // Does a row with values start at unit `v`?
  function continues(v: number): boolean {
    const label = units[v];
    if (!label || label.text === '' || isValue(label)) return false;
    const next = nextFilled(units, v + 1, mode);
    return next !== undefined && isValue(next);
  }
}

/** Header cells of the columns that hold a partner's contacts (an e-mail or a phone number). */
const CONTACT_HEADER = /\b(contatt[oi]|e ?mail|telefono|tel|recapit[oi])\b/;
const CONTACT = /@|\d{2,4}[\s./-]?\d{5,}|\d{3}[\s./-]\d{3}/;

/**
 * A table of partners without row numbers, one cell per line (every cell there, empty ones as
 * empty lines): its header is a run of known header words, its rows as many lines as it has
 * columns. The run may take in the first row's first cell ("Capofila" is a header word too):
 * the header is the longest start of the run under which every row has an e-mail or a phone
 * number in its contact columns and nowhere else.
 */
function headedTable(units: readonly Unit[], at: number, mode: CellMode): Parsed | null {
  let run = 0;
  while (at + run < units.length && run < 10 && headerWord(units[at + run]!.text)) run++;
  for (let k = run; k >= 3; k--) {
    const header = units.slice(at, at + k);
    const contacts = header.flatMap((h, j) => (CONTACT_HEADER.test(foldText(h.text)) ? [j] : []));
    if (contacts.length === 0) continue;
    const rows: Parsed['rows'] = [{ units: header, cells: header.map((h) => h.text) }];
    let u = at + k;
    while (u + k <= units.length) {
      let group = units.slice(u, u + k);
      let cells = group.map((g) => g.text);
      // pdftotext runs two cells into one block where they stand close ("Impresa sociale
      // Partner"): a cell ending with what the next column holds in the rows above is two.
      const run = mode === 'blocks' ? runTogether(cells, rows.slice(1).slice(-50).map((r) => r.cells)) : null;
      if (run) {
        group = units.slice(u, u + k - 1);
        cells = run;
      }
      const ok = contacts.every((j) => CONTACT.test(cells[j]!)) && cells.every((c, j) => contacts.includes(j) || !c.includes('@')) && cells[0] !== '';
      if (!ok) break;
      rows.push({ units: group, cells });
      u += group.length;
    }
    if (rows.length >= 2) return { rows, next: u };
  }
  return null;
}

/** `cells` with the first cell that ends with a value of the next column (in `above`) cut in two, the last cell dropped. */
function runTogether(cells: readonly string[], above: readonly string[][]): string[] | null {
  for (let j = 0; j + 1 < cells.length; j++) {
    const known = new Set(above.map((r) => foldText(r[j + 1] ?? '')).filter((x) => x !== ''));
    const words = cells[j]!.split(' ');
    for (let w = 1; w < words.length; w++) {
      if (!known.has(foldText(words.slice(w).join(' ')))) continue;
      return [...cells.slice(0, j), words.slice(0, w).join(' '), words.slice(w).join(' '), ...cells.slice(j + 1, -1)];
    }
  }
  return null;
}

/**
 * A two-column table of a project's header fields ("Titolo del progetto" | "Famiglie al
 * centro", "Punteggio attribuito" | "72/100"), its cells one after the other: a run of labels
 * the header reader knows, each followed by a value it would take for that field.
 */
function pairTable(units: readonly Unit[], at: number): Parsed | null {
  const rows: Parsed['rows'] = [];
  let u = at;
  while (u + 1 < units.length && fieldOfLabel(units[u]!.text) !== null && hitOfPair(units[u]!.text, units[u + 1]!.text, 0) !== null) {
    rows.push({ units: [units[u]!, units[u + 1]!], cells: [units[u]!.text, units[u + 1]!.text] });
    u += 2;
  }
  return rows.length >= 2 ? { rows, next: u } : null;
}

/** What a checklist's tick column holds: a mark, yes or no, a box, or its header. */
const TICK_CELL = /^(?:x|s[iì]|no|s[iì]\s?\/\s?no|[☒☐☑✓✔■□]|\[[xX ]?\])$/i;

function isTick(text: string): boolean {
  return TICK_CELL.test(visibleText(text));
}

/**
 * A checklist table (intervention types): a label, then its tick cell. One cell per line keeps
 * an empty tick as an empty line; pdftotext drops it, so there a label may follow a label,
 * where a tick comes further on or the label is lettered ("e) ...").
 */
function tickTable(units: readonly Unit[], at: number, mode: CellMode): Parsed | null {
  const rows: Parsed['rows'] = [];
  const isLabel = (x: Unit | undefined) => x !== undefined && x.text !== '' && !isTick(x.text) && !isValue(x) && x.text.length <= 250;
  let u = at;
  let ticks = 0;
  while (isLabel(units[u])) {
    // A checklist shows a tick within its first rows (else paragraphs and blank lines would be
    // scanned from every paragraph).
    if (rows.length >= 3 && ticks === 0) return null;
    const label = units[u]!;
    const next = units[u + 1];
    if (next && (isTick(next.text) || (mode === 'lines' && next.text === ''))) {
      rows.push({ units: [label, next], cells: [label.text, next.text] });
      if (next.text !== '') ticks++;
      u += 2;
    } else if (mode !== 'lines' && rows.length > 0 && (/^\(?[a-z]\s?[.)]\s/i.test(label.text) || isTick(units[u + 2]?.text ?? ''))) {
      rows.push({ units: [label], cells: [label.text, ''] });
      u++;
    } else break;
  }
  if (rows.length < 3 || ticks === 0) return null;
  return { rows, next: u };
}

function nextFilled(units: readonly Unit[], from: number, mode: CellMode): Unit | undefined {
  if (mode === 'lines') return units[from];
  for (let i = from; i < units.length; i++) if (units[i]!.text !== '') return units[i];
  return undefined;
}

export interface CellTables {
  mode: CellMode;
  rows: CellRow[];
}

/**
 * The table rows that can be rebuilt from a one-cell-per-line text. `skip` lines (0-based) are
 * page numbers and furniture, which are not cells and do not end a table.
 */
export function cellTables(texts: readonly string[], skip: ReadonlySet<number>): CellTables {
  return readCellTables(texts, skip);
}

function readCellTables(texts: readonly string[], skip: ReadonlySet<number>): CellTables {
  const mode = cellMode(texts);
  const units = unitsOf(texts, mode, skip);
  const rows: CellRow[] = [];
  let table = 0;
  const numbered: { rows: Parsed['rows']; width: number; header: string[] }[] = [];
  const numberOnly = (i: number) => i < units.length && /^\d{1,3}$/.test(units[i]!.text);
  for (let u = 0; u < units.length; ) {
    const text = units[u]!.text;
    // Three or more numbers one per line are a row of a table (a calendar's months), not page
    // numbers, which never follow each other.
    if (numberOnly(u) && numberOnly(u + 1) && numberOnly(u + 2)) {
      let v = u;
      while (numberOnly(v)) v++;
      const run = units.slice(u, v);
      rows.push({ lines: run.flatMap((x) => x.lines), cells: run.map((x) => x.text), table: ++table });
      u = v;
      continue;
    }
    let parsed: Parsed | null = null;
    if (fieldOfLabel(text) !== null) parsed = pairTable(units, u);
    if (!parsed && text !== '' && !isTick(text)) parsed = tickTable(units, u, mode);
    if (!parsed && headerWord(text)) parsed = numberedTable(units, u, mode);
    if (!parsed && mode !== 'paragraphs' && headerWord(text)) parsed = headedTable(units, u, mode);
    if (!parsed && text !== '' && !isValue(units[u]!)) parsed = amountTable(units, u, mode);
    if (!parsed) {
      u++;
      continue;
    }
    table++;
    for (const r of parsed.rows) {
      const lines = r.units.flatMap((x) => x.lines).sort((a, b) => a - b);
      if (lines.length > 0) rows.push({ lines, cells: r.cells, table });
    }
    if (parsed.width !== undefined) numbered.push({ rows: parsed.rows.slice(1), width: parsed.width, header: parsed.rows[0]!.cells });
    u = Math.max(parsed.next, u + 1);
  }
  splitRunTogether(numbered);
  return { mode, rows };
}

/**
 * Rows of numbered tables short of cells: pdftotext ran two cells into one block where they
 * stand close on the page ("Partner attuativo Ente locale", "PRIVATO NO PROFIT CRISTINA
 * CIRELLI ..."). A cell is cut where a part of it is a value that fills a cell of its own in a
 * full row of such a table anywhere in the document (the types and roles every table repeats);
 * what cannot be cut so is left short, for the readers to report. Rows are changed in place.
 */
function splitRunTogether(tables: readonly { rows: Parsed['rows']; width: number; header: string[] }[]): void {
  const known = new Set<string>();
  for (const t of tables) {
    for (const r of t.rows) {
      if (r.cells.length !== t.width) continue;
      for (const c of r.cells.slice(1)) if (c.length <= 40 && c.split(' ').length <= 5) known.add(foldText(c));
    }
  }
  for (const t of tables) {
    for (const r of t.rows) {
      cutContacts(r.cells, t.width, t.header);
      while (r.cells.length < t.width) {
        const cut = cutKnown(r.cells, known) ?? cutAtCapital(r.cells);
        if (!cut) break;
        r.cells.splice(cut.at, 1, cut.left, cut.right);
      }
      if (r.cells.length < t.width) r.cells.push(...new Array<string>(t.width - r.cells.length).fill(''));
    }
  }
}

const EMAIL = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

/**
 * A referent, an e-mail address and a phone number run into one cell, under a header that has
 * a column for the e-mail (and one for the phone after it): cut at the address. In place.
 */
function cutContacts(cells: string[], width: number, header: readonly string[]): void {
  const email = header.findIndex((h) => /\be ?mail\b|\bposta\b/.test(foldText(h)));
  if (email < 0 || cells.length >= width) return;
  for (let at = 1; at < cells.length; at++) {
    const m = EMAIL.exec(cells[at]!);
    if (!m) continue;
    const parts = [cells[at]!.slice(0, m.index).trim(), m[0], cells[at]!.slice(m.index + m[0].length).trim()];
    const pieces = parts.filter((p, i) => p !== '' || i === 1);
    if (pieces.length < 2 || cells.length - 1 + pieces.length > width) return;
    cells.splice(at, 1, ...pieces);
    return;
  }
}

/**
 * Where nothing is known: a one-word cell run into a capitalised one ("Capofila Ente pubblico"),
 * the only capital inside the text, cut there (a cell's text opens with a capital). Not a name
 * with capitals inside ("Comune di Bergamo": more than one word before the capital).
 */
function cutAtCapital(cells: readonly string[]): { at: number; left: string; right: string } | null {
  for (let at = 1; at < cells.length; at++) {
    const words = cells[at]!.split(' ');
    const inner = words.flatMap((w, i) => (i > 0 && /^\p{Lu}/u.test(w) ? [i] : []));
    if (words.length >= 3 && inner.length === 1 && inner[0] === 1 && /^\p{Lu}\p{Ll}/u.test(words[0]!) && !cells[at]!.includes('@')) {
      return { at, left: words[0]!, right: words.slice(1).join(' ') };
    }
  }
  return null;
}

/** The first cell (after the row's number) one of whose ends is a known value, cut there. */
function cutKnown(cells: readonly string[], known: ReadonlySet<string>): { at: number; left: string; right: string } | null {
  for (let at = 1; at < cells.length; at++) {
    const words = cells[at]!.split(' ');
    // The longest known start, else the longest known end.
    for (let w = words.length - 1; w >= 1; w--) {
      const left = words.slice(0, w).join(' ');
      if (known.has(foldText(left))) return { at, left, right: words.slice(w).join(' ') };
    }
    for (let w = 1; w < words.length; w++) {
      const right = words.slice(w).join(' ');
      if (known.has(foldText(right))) return { at, left: words.slice(0, w).join(' '), right };
    }
  }
  return null;
}

/**
 * A cell of a table header the readers know: repeated in every project, it looks like page
 * furniture to a count of repeated lines, but it is not.
 */
function headerCell(text: string): boolean {
  const t = visibleText(text);
  return headerWord(t) || fieldOfLabel(t) !== null || opensAmountHeader(t) || isAmountHeader(t) || cofinColumnOf(t) !== null || isTotalLabel(t);
}

/**
 * Page numbers a few lines apart are not pages: 1, 2, 3 ... each a handful of lines after the
 * one before are the numbers of a table's rows (a partner table's "N." column, one cell per
 * line). A run of three or more such numbers is dropped (1-based lines, in order).
 */
function notRowNumbers(lines: readonly number[], texts: readonly string[]): number[] {
  const close = (a: number, b: number) => b - a <= ROW_SPAN;
  // Two numbers a few lines apart whose step leads to the next number again (1 at line 45, 2 at
  // 51, 3 at 57) are rows even where the third was not taken for a page number.
  const number = (line: number) => Number(/^\s*(\d{1,3})\s*$/.exec(texts[line - 1] ?? '')?.[1] ?? NaN);
  const stepsOn = (a: number, b: number) => close(a, b) && number(b + (b - a)) === number(b) + 1;
  return lines.filter((n, i) => {
    const before = i > 0 && close(lines[i - 1]!, n);
    const after = i + 1 < lines.length && close(n, lines[i + 1]!);
    const twoBefore = before && i > 1 && close(lines[i - 2]!, lines[i - 1]!);
    const twoAfter = after && i + 2 < lines.length && close(lines[i + 1]!, lines[i + 2]!);
    const steps = (after && stepsOn(n, lines[i + 1]!)) || (before && stepsOn(lines[i - 1]!, n));
    return !((before && after) || twoBefore || twoAfter || steps);
  });
}

/** The most lines a table row takes with one cell per line; a page holds more. */
const ROW_SPAN = 15;

/**
 * Lines (0-based) that are not cells: page numbers (`numbers`, 1-based lines; found in the text
 * when not given) and the furniture a count of repeated lines finds, less table header cells.
 */
export function textSkips(
  texts: readonly string[],
  numbers?: ReadonlySet<number>,
  mode = cellMode(texts),
): Set<number> {
  // Neighbours: the lines around, over blank lines except where a blank line is an empty cell.
  const near = (i: number, step: number) => {
    let j = i + step;
    while (mode !== 'lines' && j >= 0 && j < texts.length && texts[j]!.trim() === '') j += step;
    return j;
  };
  // A number next to another number is a table's cell (a calendar's months), not a page's.
  const lone = (n: number) => ![near(n - 1, -1), near(n - 1, 1)].some((i) => /^\s*\d{1,4}\s*$/.test(texts[i] ?? ''));
  // A number right after a header label or a budget line's label is its value ("Punteggio
  // attribuito", "72/100"; "B. Costo di acquisto ...", "0").
  const labelled = (n: number) => {
    const before = texts[near(n - 1, -1)] ?? '';
    return fieldOfLabel(before) !== null || budgetCodesOf(before).length > 0;
  };
  const pageLines = numbers ?? new Set(notRowNumbers([...findPagination(texts).numberLines.keys()].filter((n) => lone(n) && !labelled(n)), texts));
  const skip = new Set([...pageLines].map((n) => n - 1));
  // Table cells repeat too (a partner type, a budget line's label, a cell wrapped the same way
  // each time): furniture is what stands in runs of three or more different repeated lines (a
  // letterhead), and the same lines where fewer of them are left; never what the readers read as
  // a table header or a budget line.
  const furniture = new Set<number>();
  for (const n of findFurniture(texts, pageLines).lines) {
    const t = texts[n - 1]!;
    if (!headerCell(t) && budgetCodesOf(t).length === 0) furniture.add(n - 1);
  }
  const key = (i: number) => texts[i]!.trim().replace(/\s+/g, ' ').toLowerCase();
  const known = new Set<string>();
  const seen = new Set<number>();
  for (const i of [...furniture].sort((a, b) => a - b)) {
    if (seen.has(i)) continue;
    const run = [i];
    for (let j = near(i, 1); furniture.has(j); j = near(j, 1)) run.push(j);
    run.forEach((j) => seen.add(j));
    const keys = new Set(run.map(key));
    if (keys.size >= 3) for (const k of keys) known.add(k);
  }
  // A partner's e-mail recurs where the same partner is in several projects' tables: a line
  // holding an address is furniture only where it recurs as a letterhead does, on most pages.
  const count = new Map<string, number>();
  for (const i of furniture) count.set(key(i), (count.get(key(i)) ?? 0) + 1);
  const letterhead = (i: number) => !texts[i]!.includes('@') || count.get(key(i))! >= 5;
  for (const i of furniture) if (known.has(key(i)) && letterhead(i)) skip.add(i);
  return skip;
}
