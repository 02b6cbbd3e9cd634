// Cell and label text as people and converters write it: HTML tags, markdown emphasis,
// accents, odd spaces. Matching works on a normalised form; records keep the original.

const ENTITIES: Record<string, string> = {
  '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&nbsp;': ' ',
};

// Readers clean the same text many times over (the same cell by several label tests). Nothing
// here remembers: an annex's document keeps each line's and table cell's cleaned and folded text
// by position (pipeline/annex/document.ts and tables.ts, with visibleText and foldVisible below),
// and a reader that asks again of the same text keeps its own answer.

// A line needs cleaning when it has markup, a space other than " ", two spaces in a row or a space
// at an end. Without markup or such a space, only the plain space is left to look for: searching
// for it is cheaper than the regex of alternatives, which tries each of them at every character.
const MARKUP_OR_SPACE = /[<&[*_\u00a0\u2007\u202f\t\n\r\v\f\u1680\u2000-\u200a\u2028\u2029\u205f\u3000\ufeff]/;
const NEEDS_CLEANING = /[<&[*_\u00a0\u2007\u202f\t\n\r]|\s\s|^\s|\s$/;

function needsCleaning(raw: string): boolean {
  if (MARKUP_OR_SPACE.test(raw)) return NEEDS_CLEANING.test(raw);
  return raw.includes('  ') || raw.charCodeAt(0) === 0x20 || raw.charCodeAt(raw.length - 1) === 0x20;
}

// Runs of spaces to collapse, less the single plain spaces that are already what a run becomes:
// between words they are nearly every run, and a replacement that matches them costs the most
// (the lookahead turns a single space down before the loop over the run is entered).
const SPACE_RUNS = /[^\S ]\s*| (?=\s)\s+/g;
// Emphasis marks next to text, matched where a mark stands (sticky): see withoutEmphasis.
const EMPHASIS_AT = /(\*{1,3}|_{2,3})(?=\S)|(?<=\S)(\*{1,3}|_{2,3})/y;

/**
 * The text without the emphasis marks next to text: what a global replace of EMPHASIS_AT's
 * pattern removes, tried at each "*" and "_" in turn, as the global replace tries each place a
 * match can open. A line has few marks among much text (a bold label, then prose): indexOf finds
 * them several times faster than the regex engine, which steps through every character.
 */
function withoutEmphasis(text: string): string {
  let out = '';
  let kept = 0; // text before `kept` is settled: copied to `out` or removed
  let star = text.indexOf('*');
  let under = text.indexOf('_');
  while (star >= 0 || under >= 0) {
    const at = under < 0 || (star >= 0 && star < under) ? star : under;
    EMPHASIS_AT.lastIndex = at;
    // Marks the removed ones covered are passed over, as the global replace goes on after them.
    let next = at + 1;
    if (EMPHASIS_AT.test(text)) {
      out += text.slice(kept, at);
      kept = next = EMPHASIS_AT.lastIndex;
    }
    if (star >= 0 && star < next) star = text.indexOf('*', next);
    if (under >= 0 && under < next) under = text.indexOf('_', next);
  }
  return kept === 0 ? text : out + text.slice(kept);
}

/** Visible text of a cell: tags, markdown emphasis and link syntax removed, spaces collapsed. */
export function visibleText(raw: string): string {
  // Most cells are plain text: skip the markup passes for them (the reader runs this per cell).
  if (!needsCleaning(raw)) return raw;
  let s = raw;
  // Each pass only has work when its marker is present; none of them adds another pass's marker.
  if (s.includes('<')) {
    s = s
      // A tag ends before the next "<", a link's text before the next link: no bracket is
      // scanned again from every "<" of a line of them.
      .replace(/<a\b[^<>]*>((?:(?!<\/?a\b).)*)<\/a>/gi, '$1')
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(/<\/?[a-z][^<>]*>/gi, '');
  }
  if (s.includes('&')) s = s.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (e) => ENTITIES[e] ?? e);
  if (s.includes('[')) s = s.replace(/\[([^[\]]*)\]\((?:mailto:)?[^()]*\)/g, '$1');
  if (s.includes('*') || s.includes('_')) s = withoutEmphasis(s).replace(/\*\*/g, '');
  // A space other than the plain one (a no-break space too) is a run of its own to SPACE_RUNS:
  // it becomes a plain space with the others.
  return s.replace(SPACE_RUNS, ' ').trim();
}

/** Lower case, no accents, punctuation as spaces: the form label matchers compare. */
export function foldText(raw: string): string {
  return foldVisible(visibleText(raw));
}

/** foldText of a line or cell whose visible text is known (visibleText(raw) given). */
export function foldVisible(visible: string): string {
  if (ASCII.test(visible)) return foldPlain(visible);
  // Italian text stays within the tables: each of its other characters is replaced by what it
  // folds to, in one native pass, and NFD is left for the rest.
  if (!OUTSIDE_TABLES.test(visible)) return foldPlain(visible.replace(NON_ASCII, (ch) => FOLDED_CHAR.get(ch)!));
  return foldAscii(visible.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
}

const ASCII = /^[\x00-\x7f]*$/;
const NON_ASCII = /[^\x00-\x7f]/g;

// Runs of characters the fold drops ([^a-z0-9%€'.]+), less the single plain spaces, which are
// left as they are (see SPACE_RUNS).
const DROPPED_RUNS = / [^a-z0-9%€'.]+|[^a-z0-9%€'. ][^a-z0-9%€'.]*/g;

// Lower case, punctuation runs as one space, for text whose accents are gone.
function foldAscii(text: string): string {
  return foldPlain(text.replace(/[’‘´]/g, "'"));
}

// foldAscii of text without ’, ‘ and ´: ASCII text, or text whose other characters the table
// folded (it folds those three to "'"). Only a backquote is left to turn into an apostrophe, and
// most labels have none: a search for it is cheaper than a regex pass over every label.
function foldPlain(text: string): string {
  const lower = text.toLowerCase();
  return (lower.includes('`') ? lower.replace(/`/g, "'") : lower)
    // Leaves only single spaces between kept characters: no further collapsing needed.
    .replace(DROPPED_RUNS, ' ')
    .trim();
}

// What each character of Latin-1, Latin Extended-A, general punctuation up to the currency
// signs (dashes, curly quotes, €) and the combining accents folds to on its own, worked out by
// the general fold (NFD) itself so the two cannot disagree: a kept character, a space, or nothing.
const LATIN_END = 0x180;
const TABLE_RANGES: [number, number][] = [[0, LATIN_END - 1], [0x300, 0x36f], [0x2000, 0x20af]];
const OUTSIDE_TABLES = /[^\u0000-\u017f\u0300-\u036f\u2000-\u20af]/;
const FOLDED_CHAR = new Map<string, string>();
for (const [from, to] of TABLE_RANGES) {
  for (let c = from; c <= to; c++) {
    const ch = String.fromCharCode(c);
    // "a?a" keeps a kept character between the a's, turns any other into "a a", drops accents.
    const folded = foldAscii(`a${ch}a`.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
    FOLDED_CHAR.set(ch, folded === 'aa' ? '' : folded[1] === ' ' ? ' ' : folded[1]!);
  }
}

/**
 * What one character folds to on its own, as foldText folds it: a kept character, a space, or
 * nothing (an accent); undefined beyond the table, where only the general fold can tell.
 */
export function foldedChar(ch: string): string | undefined {
  return FOLDED_CHAR.get(ch);
}

// Keyed by the caller's word or list itself: callers pass constants (bounded all the same).
const foldedWordPatterns = new Map<string | readonly string[], RegExp>();

/**
 * Each letter of `word` as any character that folds to it, accents allowed after it (they fold to
 * nothing); no other character folds to a letter or digit. The match is sought from the letter
 * fewest characters fold to (the "v" of "intervento": only "V" and "v"), the letters before it
 * checked behind it: a regex that opens with a class of twenty accented i's tries that class at
 * every character of a line, three times slower on an annex's prose.
 */
function foldedWordPattern(word: string): string {
  const classes = [...word].map((letter) => {
    let chars = '';
    for (const [ch, folded] of FOLDED_CHAR) if (folded === letter) chars += ch;
    return { chars, pattern: `[${chars.replace(/[\\\]^-]/g, '\\$&')}]` };
  });
  const pivot = classes.reduce((best, c, i) => (c.chars.length < classes[best]!.chars.length ? i : best), 0);
  const accents = '[\\u0300-\\u036f]*';
  const through = (from: number, to: number) => classes.slice(from, to).map((c) => c.pattern).join(accents);
  const after = pivot + 1 < classes.length ? `${accents}${through(pivot + 1, classes.length)}` : '';
  return `${classes[pivot]!.pattern}(?<=${through(0, pivot + 1)})${after}`;
}

function foldedWordsPattern(words: string | readonly string[]): RegExp {
  let pattern = foldedWordPatterns.get(words);
  if (pattern === undefined) {
    pattern = new RegExp((typeof words === 'string' ? [words] : words).map(foldedWordPattern).join('|'));
    if (foldedWordPatterns.size >= 100) foldedWordPatterns.clear();
    foldedWordPatterns.set(words, pattern);
  }
  return pattern;
}

// Markup that visibleText removes, which may join letters apart in the raw line ("inter**vent**").
// Without it, visibleText only changes spaces, and spaces never join two letters.
const MARKUP = /[<&[*_]/;

/**
 * Whether foldText(raw) contains any of `words` (lower-case letters and digits), without folding
 * the line when it need not be: looking for rare words among long paragraphs is then a regex scan.
 */
export function foldedIncludes(raw: string, words: string | readonly string[]): boolean {
  const text = MARKUP.test(raw) ? visibleText(raw) : raw;
  return OUTSIDE_TABLES.test(text) ? foldedHas(foldText(raw), words) : foldedWordsPattern(words).test(text);
}

/**
 * foldedIncludes of a line whose visible text and fold are known (a document keeps its lines'):
 * `folded` is asked only of text beyond the fold's tables, where no pattern can tell.
 */
export function visibleIncludesFolded(visible: string, folded: () => string, words: string | readonly string[]): boolean {
  return OUTSIDE_TABLES.test(visible) ? foldedHas(folded(), words) : foldedWordsPattern(words).test(visible);
}

function foldedHas(folded: string, words: string | readonly string[]): boolean {
  return typeof words === 'string' ? folded.includes(words) : words.some((w) => folded.includes(w));
}
