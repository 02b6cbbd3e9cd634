// List markers (word/numbering.xml). Word does not write a list item's bullet or number into
// its text: the paragraph names a list (numId) and a level, and the marker is made when the page
// is laid out ("•", "1.", "a)"). The readers see the page as printed, where a list item starts
// with its marker (it is how they tell a list item from a running header repeated on pages), so
// the markers are rebuilt here, counting items in document order.
import { parseWordXml } from './xml.js';

interface Level {
  format: string;
  text: string;
  start: number;
}

/** A bullet drawn from a symbol font (Symbol, Wingdings) is a private-use character: shown as "•". */
function bulletOf(text: string): string {
  const t = text.trim();
  if (t === '' || /[\uE000-\uF8FF]/u.test(t)) return '•';
  return t;
}

function letters(n: number, base: number): string {
  // a..z, then aa..zz (Word repeats the letter).
  if (n < 1) return String(n);
  const letter = String.fromCharCode(base + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n < 1 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ];
  let out = '';
  for (const [v, s] of table) while (n >= v) {
    out += s;
    n -= v;
  }
  return out;
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter': return letters(n, 97);
    case 'upperLetter': return letters(n, 65);
    case 'lowerRoman': return roman(n);
    case 'upperRoman': return roman(n).toUpperCase();
    case 'decimalZero': return n < 10 ? `0${n}` : String(n);
    case 'none': return '';
    default: return String(n); // decimal, and the formats we do not spell (ordinal words ...)
  }
}

export interface Numbering {
  /** The marker of the next item of list `numId` at level `level` ('' for none), counting it. */
  next(numId: string, level: number): string;
}

export const NO_NUMBERING: Numbering = { next: () => '' };

const MAX_LEVEL = 8;

export function readNumbering(xml: string, file: string): Numbering {
  const abstracts = new Map<string, Level[]>();
  const nums = new Map<string, { abstract: string; starts: Map<number, number> }>();
  let abstract: Level[] | null = null;
  let level: Level | null = null;
  let num: { abstract: string; starts: Map<number, number> } | null = null;
  let override: number | null = null;
  parseWordXml(xml, 'word/numbering.xml', file, new Set(['pPr', 'rPr']), {
    open(el, parents) {
      const parent = parents[parents.length - 1];
      switch (el.name) {
        case 'abstractNum':
          abstract = [];
          abstracts.set(el.attr('abstractNumId') ?? '', abstract);
          return;
        case 'lvl': {
          const ilvl = Number.parseInt(el.attr('ilvl') ?? '0', 10);
          level = { format: 'decimal', text: '', start: 1 };
          if (parent === 'abstractNum' && abstract && ilvl >= 0 && ilvl <= MAX_LEVEL) abstract[ilvl] = level;
          return;
        }
        case 'start':
          if (level && parent === 'lvl') level.start = Number.parseInt(el.attr('val') ?? '1', 10) || 0;
          return;
        case 'numFmt':
          if (level && parent === 'lvl') level.format = el.attr('val') ?? 'decimal';
          return;
        case 'lvlText':
          if (level && parent === 'lvl') level.text = el.attr('val') ?? '';
          return;
        case 'num':
          num = { abstract: '', starts: new Map() };
          nums.set(el.attr('numId') ?? '', num);
          return;
        case 'abstractNumId':
          if (num && parent === 'num') num.abstract = el.attr('val') ?? '';
          return;
        case 'lvlOverride':
          override = Number.parseInt(el.attr('ilvl') ?? '0', 10);
          return;
        case 'startOverride':
          if (num && override !== null) num.starts.set(override, Number.parseInt(el.attr('val') ?? '1', 10) || 0);
          return;
      }
    },
    close(name) {
      if (name === 'abstractNum') abstract = null;
      else if (name === 'lvl') level = null;
      else if (name === 'num') num = null;
      else if (name === 'lvlOverride') override = null;
    },
    text() {},
  });

  const counters = new Map<string, number[]>();
  return {
    next(numId, ilvl) {
      const n = nums.get(numId);
      const levels = n ? abstracts.get(n.abstract) : undefined;
      if (!n || !levels) return '';
      const at = Math.max(0, Math.min(MAX_LEVEL, ilvl));
      const lvl = levels[at];
      if (!lvl) return '';
      const startOf = (k: number) => n.starts.get(k) ?? levels[k]?.start ?? 1;
      let count = counters.get(numId);
      if (!count) counters.set(numId, (count = []));
      count[at] = (count[at] ?? startOf(at) - 1) + 1;
      // A higher-level item restarts the levels below it.
      count.length = at + 1;
      if (lvl.format === 'bullet') return bulletOf(lvl.text);
      return lvl.text.replace(/%([1-9])/g, (_, d: string) => {
        const k = Number(d) - 1;
        return formatNumber(count![k] ?? startOf(k), levels[k]?.format ?? 'decimal');
      }).trim();
    },
  };
}
