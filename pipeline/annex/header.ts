// Project header lines: "Sub-Allegato 2.1", "Progetto Borgo Virgilio", "Punti 59",
// "Assegnato € 34.800,00", "PROGETTO: ...", "Ente capofila: ...", "ALLEANZA LOCALE DI
// CONCILIAZIONE: ...", "REFERENTE DI PROGETTO: ...", in any order and any emphasis.
import { readAmount } from '../../shared/amounts.js';
import { toPlain } from '../../shared/money.js';
import { foldedChar, foldText, visibleText } from '../../shared/text.js';
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
  /** After a project's number, the text its line goes on with ("Progetto n. 4 – Titolo"). */
  rest?: string;
}

/** Fields whose value is free text, which a converter may wrap onto the next line. */
const WRAPPING_FIELDS: ReadonlySet<HeaderField> = new Set(['title', 'leadEntity', 'alliance', 'referent']);

/** A line's text as a header field is read from: visible, its heading marks and emphasis off. */
function headerText(raw: string): string {
  return headerTextOf(visibleText(raw));
}

/** headerText of a line whose visible text is known (a document keeps its lines'). */
export function headerTextOf(visible: string): string {
  return stripEmphasisEdges(visible.charCodeAt(0) === 0x23 ? visible.replace(/^#+\s*/, '') : visible);
}

const EDGE = /[*_\s]/;

// Emphasis marks and spaces off both ends. Every prose line of the annex is a candidate header
// line: a scan from each end stops at once, where a regex for the trailing run would try at
// every space of a long line.
function stripEmphasisEdges(text: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && isEdge(text.charCodeAt(from))) from++;
  while (to > from && isEdge(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

// ASCII answered by its code (most line ends are letters or stops), other characters by EDGE.
function isEdge(code: number): boolean {
  if (code < 0x80) return code === 0x2a || code === 0x5f || code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return EDGE.test(String.fromCharCode(code));
}

/**
 * The words a header label opens with, as every test below reads labels (FIELDS, labelField,
 * headerLabelOnly), as prefixes: a converter may run a label into its value ("Punti59"), and
 * FIELDS takes "NProgetto 4" and "Suballegato 2.1". Each of those tests asks opensLikeLabel
 * first, so no label opens otherwise: mayStateHeader rests on these lists to pass over prose.
 */
export const LABEL_OPENINGS = [
  'sub', 'allegato', 'scheda', 'progetto', 'cod', 'nr', 'numero', 'nom', 'nprogetto', 'ndel', 'titolo', 'denominazione',
  'ente', 'soggetto', 'comune', 'organizzazione', 'capofila', 'proponente', 'alleanza', 'referente', 'contatti',
  'recapiti', 'punti', 'punteggio', 'assegnato', 'concesso', 'riconosciuto', 'importo', 'quota', 'contributo',
  'finanziamento',
];
/** Openings that only open a label as words of their own ("N. 4", "ID12", "Del contributo"), not "Nella", "Idea", "Della". */
export const WORD_OPENINGS = ['n', 'id', 'del'];
const OPENING = new RegExp(`(?:${LABEL_OPENINGS.join('|')}|(?:${WORD_OPENINGS.join('|')})(?![a-z]))`, 'iy');
const LONGEST_OPENING = Math.max(...[...LABEL_OPENINGS, ...WORD_OPENINGS].map((w) => w.length));
/** The first two letters of each opening of two letters or more, as pairCode gives them. */
const OPENING_PAIRS = new Set([...LABEL_OPENINGS, ...WORD_OPENINGS].filter((w) => w.length >= 2).map((w) => pairCode(w.charCodeAt(0), w.charCodeAt(1))));
/** Openings of one letter, which a character other than a letter must follow ("N. 4"). */
const ONE_LETTER_OPENINGS = new Set(WORD_OPENINGS.filter((w) => w.length === 1).map((w) => w.charCodeAt(0)));

function pairCode(first: number, second: number): number {
  return first * 0x80 + second;
}

// Before its first word a folded label drops every ASCII character but letters, digits, "%" and
// "'" (spaces, punctuation, heading and emphasis marks, the dots of "N."). A backquote, which
// folds to an apostrophe, is passed over too: that can only make the answer yes more often.
function droppedBeforeWord(code: number): boolean {
  return code < 0x80 && !isAsciiWordChar(code);
}

function isAsciiWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || isAsciiLetter(code) || code === 0x25 || code === 0x27;
}

/** Whether `text` from `from` on may open with a header label's word (folded or not). */
export function opensLikeLabel(text: string, from = 0): boolean {
  let at = from;
  while (at < text.length && droppedBeforeWord(text.charCodeAt(at))) at++;
  if (at === text.length) return false;
  const end = Math.min(text.length, at + LONGEST_OPENING + 1);
  if (!mayOpenAt(text, at) && asciiWordUpTo(text, at, end)) return false;
  for (let i = at; i < end; i++) if (text.charCodeAt(i) >= 0x80) return foldedOpensLikeLabel(text, at);
  OPENING.lastIndex = at;
  return OPENING.test(text);
}

// Most prose opens with a word no opening begins like ("Il", "La", "Nel"): its first two
// characters tell, before the search for every opening (and before a word beyond ASCII is
// folded). Read as ASCII: a character beyond it makes no pair and says nothing here.
function mayOpenAt(text: string, at: number): boolean {
  const first = text.charCodeAt(at) | 0x20;
  const second = at + 1 < text.length ? text.charCodeAt(at + 1) : 0x20;
  return isAsciiLetter(second) ? OPENING_PAIRS.has(pairCode(first, second | 0x20)) : ONE_LETTER_OPENINGS.has(first);
}

// Whether the word at `at` is ASCII as far as it is read (to `end`): then it folds to itself in
// lower case, and its first two characters are the fold's. A character beyond ASCII in it may be
// one beyond the fold's table, which makes the answer yes whatever the word's opening.
function asciiWordUpTo(text: string, at: number, end: number): boolean {
  for (let i = at; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return false;
    if (!isAsciiWordChar(code) && code !== 0x60) return true;
  }
  return true;
}

function isAsciiLetter(code: number): boolean {
  return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
}

// A word with characters beyond ASCII ("Tìtolo", "€ 500,00", "– Titolo") is folded character by
// character as foldText folds it (a dot parts words, as in labelField).
function foldedOpensLikeLabel(text: string, from: number): boolean {
  let head = '';
  for (let i = from; i < text.length && head.length <= LONGEST_OPENING; i++) {
    const folded = foldedChar(text[i]!);
    // Beyond the fold's table only the general fold could tell: the answer is then yes.
    if (folded === undefined) return true;
    if (folded === ' ' || folded === '.') {
      if (head !== '') break;
    } else head += folded;
  }
  OPENING.lastIndex = 0;
  return OPENING.test(head);
}

/** The longest label before a colon: "Label: value". */
const MAX_LABEL = 60;
/** The longest line whose label has no colon after it ("Ente capofila Comune di Lodi"). */
const MAX_UNCOLONED_LINE = 200;

// Where a label may open besides a line's start: after the dashes, bars and semicolons
// headerFieldsOfLine cuts a line at (every cut ends with a space, none is longer than three).
const PIECE_CUTS = [' – ', ' — ', ' - ', '| ', '; '];
const LONGEST_CUT = 3;
// Markup a second cleaning (fieldOfLabel cleans the label it is given) could still remove.
const MARKUP_LEFT = /[<&[*_]/;

/**
 * Whether a line (or a table cell) may state a header field or a label at all: whether some
 * place a label can open at (the line's start, a bold label's start, the start of a piece of a
 * line with a colon) opens with a label's word. When it may not, every header test of the line
 * (headerFieldOf, headerFieldsOfLine, headerFieldWithoutColon, headerLabelOnly, a row's pairs)
 * finds nothing: most of an annex is prose, which this passes over at the cost of one cleaning.
 */
export function mayStateHeader(raw: string, text = headerText(raw)): boolean {
  // Labels read from the line's start lie within its first MAX_UNCOLONED_LINE characters; those
  // of the line's pieces within MAX_LABEL characters before a colon. Only there can markup a
  // second cleaning takes off bring a label's word to a label's start.
  if (opensLikeLabel(text) || MARKUP_LEFT.test(text.length > MAX_UNCOLONED_LINE ? text.slice(0, MAX_UNCOLONED_LINE) : text)) return true;
  const bold = boldLabel(raw);
  if (bold) {
    const label = visibleText(bold.label);
    if (MARKUP_LEFT.test(label) || opensLikeLabel(label)) return true;
  }
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    const before = text.slice(Math.max(0, colon - MAX_LABEL - LONGEST_CUT), colon);
    if (MARKUP_LEFT.test(before)) return true;
    for (const cut of PIECE_CUTS) {
      for (let at = before.indexOf(cut); at >= 0; at = before.indexOf(cut, at + 1)) if (opensLikeLabel(before, at + cut.length)) return true;
    }
  }
  return false;
}

// dotAll (s): "." crosses a line separator (U+2028), so a value never backtracks into the spaces.
// Header lines whose label and value need no separator (the seed's own: "Sub-Allegato 2.1",
// "Punti 59", "Assegnato € 34.800,00"), and the numbers other templates give a project
// ("Progetto n. 4", "Progetto 2.1", "ID 12", "N. progetto 7").
const FIELDS: { field: HeaderField; re: RegExp }[] = [
  { field: 'id', re: /^(?:sub[\s-]*)?allegato\s*(?:n\.?\s*)?(\d+(?:\.\d+)+)\s*(?:[-–:]\s*.*)?$/is },
  { field: 'id', re: /^(?:scheda\s+(?:di\s+)?)?progetto\s+(?:(?:n\.?|n°|nr\.?|numero)\s*)?(\d{1,4}(?:\.\d{1,4})*)\s*(?:[-–—:]\s*(.*))?$/is },
  { field: 'id', re: /^(?:id|codice|cod\.)(?:\s+progetto)?\s*(?:[:.]\s*)?(\d{1,6}(?:\.\d{1,4})*)$/i },
  { field: 'id', re: /^(?:n\.?|n°|nr\.?|numero)\s*(?:del\s+)?progetto\s*(?:[:.]\s*)?(\d{1,4}(?:\.\d{1,4})*)$/i },
  { field: 'title', re: /^(?:titolo(?:\s+(?:del\s+)?progetto)?|progetto)\s*:\s*(.+)$/is },
  { field: 'leadEntity', re: /^(?:ente|soggetto)\s+capofila\s*:\s*(.+)$/is },
  { field: 'alliance', re: /^alleanza(?:\s+locale)?(?:\s+(?:di|per\s+la)\s+conciliazione)?\s*:\s*(.+)$/is },
  { field: 'referent', re: /^referente(?:\s+(?:di|del)\s+progetto)?\s*:\s*(.+)$/is },
  { field: 'score', re: /^punt(?:i|eggio)(?:\s+(?:attribuito|totale|finale|complessivo|ottenuto|assegnato))?\s*(?::\s*)?(\d{1,3}(?:[.,]\d+)?)\s*(?:(?:\/|su)\s*\d+|punti)?$/i },
  { field: 'assigned', re: /^(?:(?:contributo|importo|finanziamento)(?:\s+(?:regionale|ats))?\s+)?(?:assegnato|concesso|riconosciuto)\s*:?\s*(.+)$/is },
];

/**
 * The field a label names, the label alone ("Ente capofila", "Titolo del progetto", "Punteggio
 * attribuito", "Contributo concesso"): the names agencies give the fields of a project's header.
 * "Progetto" alone is the title's label, or the number's when its value is a number.
 */
export function fieldOfLabel(label: string): HeaderField | null {
  const visible = visibleText(label);
  if (visible.length > 80) return null;
  // Dots of abbreviations ("N. progetto") and a note in brackets ("Referente (nome, e-mail)") go.
  const f = foldText(visible.replace(NOTE_IN_BRACKETS, '')).replace(DOTS, ' ').replace(SPACES, ' ').trim();
  if (f === '' || f.length > 60 || !opensLikeLabel(f)) return null;
  for (const { field, re } of LABEL_NAMES) if (re.test(f)) return field;
  return null;
}

// Made once, here (a pattern written inside a function is a new object on every call, and
// labels are asked of many cells and lines).
const NOTE_IN_BRACKETS = / ?\([^()]*\)$/;
const DOTS = /\./g;
const SPACES = /\s+/g;
/** The names agencies give each field, folded, in the order they are tried. */
const LABEL_NAMES: readonly { field: HeaderField; re: RegExp }[] = [
  { field: 'id', re: /^(sub ?allegato|allegato)( n)?$|^(id|codice|numero|n|n°|nr)( del)? progetto$|^(id|codice) progetto$|^progetto (n|n°|nr|numero)$|^id$|^scheda( progetto)?( n)?$/ },
  { field: 'title', re: /^(titolo|denominazione|nome)( del| dell'?| della)? ?(progetto|intervento|iniziativa|proposta( progettuale)?)$|^titolo$|^progetto$/ },
  { field: 'leadEntity', re: /^((ente|soggetto|comune|organizzazione) )?(capofila|proponente)( (del progetto|dell'?alleanza|di progetto|del partenariato|della rete))?$|^(ente|soggetto) capofila (proponente|e proponente)$/ },
  { field: 'alliance', re: /^(denominazione|nome)( dell'?| della)? ?alleanza( locale| territoriale)?( (di|per la) conciliazione)?$|^alleanza( (locale|territoriale))?( (di|per la) conciliazione)?( vita lavoro)?$/ },
  { field: 'referent', re: /^(nominativo )?referente( (di|del|per il|dell') ?progetto)?( (tecnico|operativo))?( (e|e relativi) (contatti|recapiti))?$|^(contatti|recapiti)( del)?( referente)?$/ },
  // A score is a number whatever the label goes on to say ("Punteggio attribuito dal nucleo").
  { field: 'score', re: /^punt(i|eggio)( [a-z0-9' ]{1,50})?$/ },
  { field: 'assigned', re: /^(assegnato|concesso)$|^(importo |quota )?(del )?(contributo|finanziamento|importo)( (regionale|ats|pubblico))? (assegnato|concesso|riconosciuto|ammesso|finanziato|approvato)( (dalla |da )?(ats|regione))?$|^importo (assegnato|concesso|finanziato|ammesso)$/ },
];

const ID_VALUE = /^(?:n\.?\s*|n°\s*|nr\.?\s*)?(\d{1,6}(?:\.\d{1,4})*)$/i;
/** A project code of letters and digits ("ALC-12", "BG/2022/07"), under a label that says it is one. */
const CODE_VALUE = /^(?=[^\d]{0,12}\d)[A-Z0-9][A-Z0-9._/-]{0,15}$/i;
const SCORE_VALUE = /^(\d{1,3}(?:[.,]\d+)?)\s*(?:(?:\/|su)\s*\d{1,3}|punti)?$/i;

/** A label's value as a header hit, when it is one: a number for the number, an amount for the grant. */
export function hitOfPair(label: string, rawValue: string, line: number): HeaderHit | null {
  let field = fieldOfLabel(label);
  if (field === null) return null;
  const value = headerText(rawValue);
  if (value === '' || !/[\p{L}\p{N}]/u.test(value) || fieldOfLabel(value) !== null) return null;
  if (!/\p{L}{3}|\d/u.test(value)) return null;
  if (field === 'title' && /^progetto\b/i.test(headerText(label)) && ID_VALUE.test(value)) field = 'id';
  switch (field) {
    case 'id': {
      const m = ID_VALUE.exec(value);
      if (m) return { field, value: m[1]!, line };
      return /^(id|codice|cod)\b/i.test(headerText(label)) && CODE_VALUE.test(value) ? { field, value, line } : null;
    }
    case 'score': {
      const m = SCORE_VALUE.exec(value);
      return m ? { field, value: m[1]!, line } : null;
    }
    case 'assigned': {
      // The amount may be followed by itself in words: "€ 30.000,00 (trentamila/00)".
      const amount = value.replace(/ ?\([^()]*\)$/, '');
      const r = readAmount(amount);
      return r.kind === 'amount' || r.kind === 'placeholder' ? { field, value: amount, line } : null;
    }
    case 'referent':
      return value.length <= 400 ? { field, value, line } : null;
    default:
      // A title, a lead entity or an alliance is never only an e-mail or a phone number.
      return value.length <= 400 && !isContactOnly(value) ? { field, value, line } : null;
  }
}

/**
 * A table of contents' line: its text, then a leader of dots up to the page number. Every prose
 * line is asked: plain substring searches, where a regex of alternatives tries each of them at
 * every character.
 */
export function hasDotLeader(text: string): boolean {
  return text.includes('....') || text.includes('. . . . ') || text.includes('……') || text.includes('_____');
}

/** The first character of a bold label's opening mark, past spaces and heading marks. */
const BOLD_START = /^\s*(?:#+\s*)?[*_<]/;
const BOLD_OPEN: Record<string, string> = { '**': '**', __: '__', '<b>': '</b>', '<strong>': '</strong>' };

/** mayStateHeader of a table cell whose visible text the row holds. */
export function cellMayStateHeader(raw: string, visible: string): boolean {
  return mayStateHeader(raw, headerTextOf(visible));
}

/** "**Capofila** Comune di …", "<b>Titolo:</b> …": a label in bold, its value after it. */
function boldLabel(raw: string): { label: string; value: string } | null {
  // Asked of every line: most open with no mark at all, which this tells without copying them.
  if (!BOLD_START.test(raw)) return null;
  const trimmed = raw.trim();
  const text = trimmed.charCodeAt(0) === 0x23 ? trimmed.replace(HEADING_MARKS, '') : trimmed;
  const open = BOLD_MARK.exec(text);
  if (!open) return null;
  const mark = open[1]!;
  const closing = BOLD_OPEN[mark.toLowerCase()]!;
  // Only a tag needs the line in lower case to find its end: a mark is found as it is, where no
  // character of the line changes length in lower case ("İ" does).
  const tag = mark.startsWith('<') || text.includes('\u0130');
  const close = (tag ? text.toLowerCase() : text).indexOf(closing, mark.length);
  if (close < 0 || close > 80) return null;
  const value = text.slice(close + closing.length).trim().replace(VALUE_OPENING, '');
  if (value === '') return null;
  const label = text.slice(mark.length, close).trim();
  return { label: label.endsWith(':') ? label.slice(0, -1) : label, value };
}

// Made once (a pattern written inside a function is a new object on every call).
const HEADING_MARKS = /^#+\s*/;
const BOLD_MARK = /^(\*\*|__|<b>|<strong>)/i;
const VALUE_OPENING = /^[:–-]\s*/;

/**
 * The header field a line states, if any. "Progetto <name>" (no colon) is the short name the
 * ATS gives a project; it only counts right after the annex number, where it cannot be prose.
 */
export function headerFieldOf(raw: string, line: number, afterId: boolean, known?: string): HeaderHit | null {
  // Table rows are never header lines: decided before cleaning, which costs more on long rows.
  if (raw.includes('\t')) return null;
  const text = known ?? headerText(raw);
  if (text === '' || hasDotLeader(text)) return null;
  const labelled = opensLikeLabel(text);
  for (const { field, re } of labelled ? FIELDS : []) {
    const m = re.exec(text);
    if (!m) continue;
    const value = stripEmphasisEdges(m[1]!);
    if (field === 'assigned') {
      const r = readAmount(value);
      if (r.kind !== 'amount' && r.kind !== 'placeholder') continue;
    }
    if ((field === 'title' || field === 'leadEntity' || field === 'alliance') && isContactOnly(value)) continue;
    const rest = field === 'id' && m[2] ? stripEmphasisEdges(m[2]) : '';
    return rest !== '' && /\p{L}{3}/u.test(rest) ? { field, value, line, rest } : { field, value, line };
  }
  // "Label: value" with any of the names agencies give a field (the label is short).
  const colon = text.indexOf(':');
  if (colon > 0 && colon <= MAX_LABEL) {
    const hit = hitOfPair(text.slice(0, colon), text.slice(colon + 1), line);
    if (hit) return hit;
  }
  const bold = boldLabel(raw);
  if (bold) {
    const hit = hitOfPair(bold.label, bold.value, line);
    if (hit) return hit;
  }
  if (afterId && labelled) {
    const m = /^progetto\s+([^:\s][^:]{0,79})$/i.exec(text);
    if (m) return { field: 'shortName', value: m[1]!.trim(), line };
  }
  return null;
}

/**
 * A label and its value with nothing between them ("Ente capofila Comune di Lodi"), as a PDF
 * gives a bold label whose colon the template left out: only where a header is already being
 * read, and only when the value opens as a name or a figure does ("Ente capofila del progetto
 * è …" is prose).
 */
export function headerFieldWithoutColon(raw: string, line: number, known?: string): HeaderHit | null {
  if (raw.includes('\t')) return null;
  const text = known ?? headerText(raw);
  if (text.length > MAX_UNCOLONED_LINE || text.includes(':') || hasDotLeader(text)) return null;
  const words = text.split(' ');
  for (let n = Math.min(6, words.length - 1); n >= 1; n--) {
    const label = words.slice(0, n).join(' ');
    if (fieldOfLabel(label) === null) continue;
    const value = words.slice(n).join(' ');
    if (!/^[\p{Lu}\d€«"“'(#]/u.test(value)) return null;
    return hitOfPair(label, value, line);
  }
  return null;
}

/**
 * The header fields one line states in a row ("Punti: 72 – Contributo assegnato: € 30.000,00",
 * "Capofila: Comune di Lodi | Referente: Anna Neri – tel. 0371 1"): the line is cut at its
 * dashes, bars and semicolons; each piece that opens with a label starts a field, the others go
 * on with the field before (a referent's phone). Two fields at least, or none.
 */
export function headerFieldsOfLine(raw: string, line: number, known?: string): HeaderHit[] {
  if (raw.includes('\t') || raw.length > 600) return [];
  const text = known ?? headerText(raw);
  if (text.indexOf(':') < 0 || hasDotLeader(text)) return [];
  const pieces = text.split(/ [–—|;-] | ?[|;] /);
  if (pieces.length < 2) return [];
  const hits: HeaderHit[] = [];
  const seps = [...text.matchAll(/ [–—|;-] | ?[|;] /g)].map((m) => m[0]);
  pieces.forEach((piece, i) => {
    const colon = piece.indexOf(':');
    const hit = colon > 0 && colon <= MAX_LABEL ? hitOfPair(piece.slice(0, colon), piece.slice(colon + 1), line) : null;
    const previous = hits[hits.length - 1];
    if (hit && !hits.some((h) => h.field === hit.field)) hits.push(hit);
    else if (previous && i > 0) previous.value = `${previous.value}${seps[i - 1]}${piece}`;
    else hits.length = 0;
  });
  // A value that grew over later pieces is read again as a whole (a grant is one amount).
  return hits.length >= 2 && hits.every((h) => hitOfPair(labelFor(h.field), h.value, line) !== null) ? hits : [];
}

function labelFor(field: HeaderField): string {
  return { id: 'ID', shortName: 'Progetto', title: 'Titolo', leadEntity: 'Capofila', alliance: 'Alleanza', referent: 'Referente', score: 'Punti', assigned: 'Assegnato' }[field];
}

/**
 * The header fields a table row states: label and value side by side ("Capofila" | "Comune di
 * …"), one or two pairs to a row, or a cell that is a header line of its own ("Punti 59").
 * Every filled cell must be part of a field, or the row is no header's (a partner whose role is
 * "Capofila", a budget line). `visible` (each cell's visible text) and `may` (whether each may
 * state a field: cellMayStateHeader) are the caller's when it already has them.
 */
export function headerFieldsOfRow(
  cells: readonly string[],
  line: number,
  visible: readonly string[] = cells.map(visibleText),
  may: (cell: number) => boolean = (i) => visible[i] !== '' && cellMayStateHeader(cells[i]!, visible[i]!),
): HeaderHit[] {
  // Every hit below opens with a label in a cell that may state one (a label by position, or
  // each filled cell in turn): a row is mostly told by its first cells, its others not asked.
  // Asked of the cells as they are, which every reader cleans: not of trimmed copies.
  const at = filledCells(visible);
  if (at.length === 0 || at.length > 6) return [];
  const filled = at.map((i) => cells[i]!.trim());
  // Pairs by position in a table of two or four columns: a label whose value cell is empty says
  // nothing ("Contributo" | ""), which does not make the row any less a header's.
  if (cells.length >= 4 && cells.length % 2 === 0 && cells.length <= 8) {
    const byPosition: HeaderHit[] = [];
    let header = true;
    for (let i = 0; i < cells.length && header; i += 2) {
      const label = visible[i]!;
      const value = visible[i + 1]!;
      if (label === '' && value === '') continue;
      const hit = label !== '' && value !== '' && may(i) ? hitOfPair(cells[i]!, cells[i + 1]!, line) : null;
      if (hit) byPosition.push(hit);
      else if (value !== '' || label === '' || label.length > 60 || /\d/.test(label)) header = false;
    }
    if (header && byPosition.length > 0) return referentOnce(byPosition);
  }
  const hits: HeaderHit[] = [];
  for (let i = 0; i < filled.length; ) {
    // A cell that may state no field is neither a pair's label nor a field of its own: the row
    // is no header's ("1. Comune di Lodi" | "Ente locale", a partner's row).
    if (!may(at[i]!)) return [];
    const pair = i + 1 < filled.length ? hitOfPair(filled[i]!, filled[i + 1]!, line) : null;
    if (pair) {
      hits.push(pair);
      i += 2;
      continue;
    }
    // A cell's header text is that of its visible text, which the row holds.
    const own = headerFieldOf(filled[i]!, line, false, headerTextOf(visible[at[i]!]!));
    if (!own) return [];
    hits.push(own);
    i++;
  }
  return hits;
}

/** The places of a row's filled cells (a loop: flatMap, with an array for each cell, costs more than the rest of a row's test). */
function filledCells(visible: readonly string[]): number[] {
  const at: number[] = [];
  for (let i = 0; i < visible.length; i++) if (visible[i] !== '') at.push(i);
  return at;
}

/**
 * A row that names the referent and then the referent's contacts ("Referente" | name |
 * "Recapiti" | phone and e-mail) states one referent: the contacts go on after the name.
 */
function referentOnce(hits: HeaderHit[]): HeaderHit[] {
  const first = hits.find((h) => h.field === 'referent');
  if (!first) return hits;
  const more = hits.filter((h) => h.field === 'referent' && h !== first);
  if (more.length > 0) first.value = [first.value, ...more.map((h) => h.value)].join(' – ');
  return hits.filter((h) => !more.includes(h));
}

export function buildHeader(hits: readonly HeaderHit[], fallbackId: string, firstLine: number): Header & { shortName: string } {
  const first = (f: HeaderField) => hits.find((h) => h.field === f && !h.continues);
  const lines: Record<string, number> = {};
  for (const h of hits) if (!(h.field in lines) && !h.continues) lines[h.field] = h.line;
  if (!('title' in lines) && first('id')?.rest) lines.title = first('id')!.line;
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
    // Without a title of its own, the one its number's line gives ("Progetto n. 4 – Titolo").
    title: first('title')?.value ?? first('id')?.rest ?? '',
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

const CONTACT_SEPARATORS = /[\s,;–—|]+/;
const CONTACT_BRACKETS = /^[(<[]+|(?<![)>\].])[)>\].]+$/g;
const PHONE_LIKE = /^\+?[\d/().-]{3,}$/;
const DIGITS = /\d/g;
const AREA_CODE = /^\(?\d{2}\)?$/;
const CONTACT_LABEL = /^(tel|telefono|cell|cellulare|mob|fax|e-?mail|mail|email|pec)\.?:?$/i;

/**
 * Text that can only be the rest of a contact: emails, phone numbers and their labels ("tel.",
 * "e-mail:"), nothing else.
 */
export function isContactOnly(raw: string, text = headerText(raw)): boolean {
  if (text === '' || text.length > 120) return false;
  let found = false;
  const rest = text
    .split(CONTACT_SEPARATORS)
    .filter((w) => {
      if (w === '' || w === '-') return false;
      if (EMAIL_ONLY.test(w.replace(CONTACT_BRACKETS, ''))) return (found = true), false;
      if (PHONE_LIKE.test(w) && (w.match(DIGITS) ?? []).length >= 3) return (found = true), false;
      // A phone's area code set apart ("02 88451234").
      if (AREA_CODE.test(w)) return false;
      return !CONTACT_LABEL.test(w);
    });
  return found && rest.length === 0;
}

/**
 * Does `next` (the line right under a header field) carry on that field's value? A converter
 * wraps a long title or contact: the rest is a contact for the referent, or it starts in lower
 * case, or it stands between the field and another header field (`beforeField`).
 */
export function continuesHeaderValue(hit: HeaderHit, next: string, beforeField: boolean, known?: string): boolean {
  if (!WRAPPING_FIELDS.has(hit.field) || next.includes('\t')) return false;
  const text = known ?? headerText(next);
  if (text === '' || text.length > 160 || /^#/.test(next.trim())) return false;
  if (hit.field === 'referent' && isContactOnly(next, text)) return true;
  if (beforeField) return true;
  return /^\p{Ll}/u.test(text) && !/[.!?;:]$/.test(hit.value);
}

/**
 * A header label standing alone on its line, its value elsewhere: converters that read a
 * justified block ("Sub-Allegato        2.1") as two columns write the labels, then the values.
 */
export function headerLabelOnly(raw: string, text = headerText(raw)): HeaderField | null {
  // "Titolo del progetto:" alone, its value on the next line.
  // Not "PROGETTO:" alone: that is as often the end of a "REFERENTE DI PROGETTO:" a converter
  // broke into words.
  if (text.length <= 60 && text.endsWith(':') && !/^progetto\s*:$/i.test(text)) {
    const field = fieldOfLabel(text.slice(0, -1));
    if (field) return field;
  }
  if (text.length <= 45 && !text.includes(':') && !/^progetto$/i.test(text)) {
    const field = fieldOfLabel(text);
    if (field && field !== 'id') return field;
  }
  if (text.length > 30 || !opensLikeLabel(text)) return null;
  if (/^(?:sub[\s-]*)?allegato(?:\s*n\.?)?$/i.test(text)) return 'id';
  if (/^progetto$/i.test(text)) return 'shortName';
  if (/^punt(?:i|eggio)$/i.test(text)) return 'score';
  if (/^(?:contributo\s+|importo\s+)?assegnato$/i.test(text)) return 'assigned';
  return null;
}

