// Annexes derived from the seed for the fuzz suite: a mutation plan (an arbitrary of fast-check)
// applied to a window of the seed's lines, then to its bytes. Plans are plain data, so a failing
// input is reproduced from the seed and its index, and printed in full by the test.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SEED_FILE = join(ROOT, 'seeds/sub-allegato-2-ats-val-padana-2020.md');
export const SEED_TEXT = readFileSync(SEED_FILE, 'utf8');
export const SEED_LINES = SEED_TEXT.split('\n');

/** 0-based line indexes where a project starts ("Sub-Allegato 2.n"), and the preamble's end. */
const PROJECT_STARTS = SEED_LINES.flatMap((l, i) => (/^Sub-Allegato \d+\.\d+\s*$/.test(l) ? [i] : []));

export type LineOp =
  | { op: 'delete'; at: number; count: number }
  | { op: 'duplicate'; at: number; count: number; to: number }
  | { op: 'swap'; a: number; b: number }
  | { op: 'amount'; at: number; how: number; junk: string }
  | { op: 'label'; at: number; how: number; junk: string }
  | { op: 'untab'; at: number; count: number }
  | { op: 'furniture'; at: number; which: number }
  | { op: 'crlf' };

export interface Plan {
  /** Which projects of the seed: all of them, or a window of one or two after the preamble. */
  window: { first: number; count: number } | 'all';
  lines: LineOp[];
  latin1: boolean;
  controls: { at: number; byte: number }[];
  /** Cut the file at this fraction of its bytes. */
  cut: number | null;
}

const FURNITURE = ['Regione Lombardia', 'ATS Val Padana', 'Conciliazione Vita-Lavoro', 'Sistema Socio Sanitario', '57', '<b>Pag. 3 di 9</b>', '---'];

// Positions are fractions of the current length, so that a plan stays meaningful after edits.
const frac = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const junk = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('€', '.', ',', '-----', '(Totale)', '(cof)', 'di cui', 'O', 'l', '1.2.3', "'", '\u00a0', '<b>', '|', '\t'),
);

const lineOp: fc.Arbitrary<LineOp> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: frac, count: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: frac, count: fc.integer({ min: 1, max: 30 }), to: frac }),
  fc.record({ op: fc.constant('swap' as const), a: frac, b: frac }),
  fc.record({ op: fc.constant('amount' as const), at: frac, how: fc.nat(5), junk }),
  fc.record({ op: fc.constant('label' as const), at: frac, how: fc.nat(3), junk }),
  fc.record({ op: fc.constant('untab' as const), at: frac, count: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('furniture' as const), at: frac, which: fc.nat(FURNITURE.length - 1) }),
  fc.constant({ op: 'crlf' as const }),
);

export const planArb: fc.Arbitrary<Plan> = fc.record({
  window: fc.oneof(
    { weight: 1, arbitrary: fc.constant<Plan['window']>('all') },
    {
      weight: 40,
      arbitrary: fc.record<{ first: number; count: number }>({
        first: fc.nat(PROJECT_STARTS.length - 1),
        count: fc.oneof({ weight: 3, arbitrary: fc.constant<number>(1) }, { weight: 1, arbitrary: fc.constant<number>(2) }),
      }),
    },
  ),
  lines: fc.array(lineOp, { minLength: 1, maxLength: 6 }),
  latin1: fc.nat(3).map((n) => n === 0),
  controls: fc.oneof(
    { weight: 4, arbitrary: fc.constant<{ at: number; byte: number }[]>([]) },
    { weight: 1, arbitrary: fc.array(fc.record({ at: frac, byte: fc.constantFrom(0, 1, 2, 7, 8, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f) }), { maxLength: 5 }) },
  ),
  cut: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: frac }),
});

function windowLines(w: Plan['window']): string[] {
  if (w === 'all') return [...SEED_LINES];
  const preamble = SEED_LINES.slice(0, PROJECT_STARTS[0]);
  const from = PROJECT_STARTS[w.first]!;
  const to = PROJECT_STARTS[w.first + w.count] ?? SEED_LINES.length;
  return [...preamble, ...SEED_LINES.slice(from, to)];
}

const idx = (f: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(f * n)));

/** The next line at or after `from` that matches, wrapping round; -1 when none does. */
function findLine(lines: string[], from: number, test: (l: string) => boolean): number {
  for (let k = 0; k < lines.length; k++) {
    const i = (from + k) % lines.length;
    if (test(lines[i]!)) return i;
  }
  return -1;
}

function applyLineOp(lines: string[], op: LineOp): string[] {
  const n = lines.length;
  if (n === 0) return lines;
  switch (op.op) {
    case 'delete': {
      const at = idx(op.at, n);
      return [...lines.slice(0, at), ...lines.slice(at + op.count)];
    }
    case 'duplicate': {
      const at = idx(op.at, n);
      const block = lines.slice(at, at + op.count);
      const to = idx(op.to, n);
      return [...lines.slice(0, to), ...block, ...lines.slice(to)];
    }
    case 'swap': {
      const a = idx(op.a, n);
      const b = idx(op.b, n);
      const out = [...lines];
      [out[a], out[b]] = [out[b]!, out[a]!];
      return out;
    }
    case 'amount': {
      const at = findLine(lines, idx(op.at, n), (l) => /€|\d,\d\d/.test(l));
      if (at < 0) return lines;
      const l = lines[at]!;
      const m = /\d[\d.,]*/.exec(l) ?? { index: l.indexOf('€'), 0: '€' };
      const start = m.index;
      const end = start + m[0].length;
      const variants = [
        l.slice(0, start) + op.junk + l.slice(end), // the number replaced by junk
        l.slice(0, start) + m[0].replace(/,/g, '.') + l.slice(end), // decimal comma as a dot
        l.slice(0, start) + m[0] + op.junk + m[0] + l.slice(end), // two numbers run together
        l.slice(0, start) + '-' + m[0] + l.slice(end), // negative
        l.slice(0, start) + m[0].replace(/\d/g, (d) => (d === '0' ? 'O' : d === '1' ? 'l' : d)) + l.slice(end), // OCR
        l.slice(0, start) + '9'.repeat(40) + l.slice(end), // huge
      ];
      const out = [...lines];
      out[at] = variants[op.how % variants.length]!;
      return out;
    }
    case 'label': {
      const at = findLine(lines, idx(op.at, n), (l) => l.includes('\t') || /:\s/.test(l));
      if (at < 0) return lines;
      const l = lines[at]!;
      const cut = l.includes('\t') ? l.indexOf('\t') : l.indexOf(':');
      const label = l.slice(0, cut);
      const variants = [
        op.junk + l.slice(cut),
        label.toUpperCase().split('').reverse().join('') + l.slice(cut),
        label.slice(0, Math.floor(label.length / 2)) + op.junk + l.slice(cut),
        l.slice(cut + 1) + '\t' + label, // label moved to the end
      ];
      const out = [...lines];
      out[at] = variants[op.how % variants.length]!;
      return out;
    }
    case 'untab': {
      const at = findLine(lines, idx(op.at, n), (l) => l.includes('\t'));
      if (at < 0) return lines;
      return lines.map((l, i) => (i >= at && i < at + op.count ? l.replace(/\t/g, ' ') : l));
    }
    case 'furniture': {
      const at = findLine(lines, idx(op.at, n), (l) => l.includes('\t'));
      const where = at < 0 ? idx(op.at, n) : at + 1;
      return [...lines.slice(0, where), FURNITURE[op.which]!, ...lines.slice(where)];
    }
    case 'crlf':
      return lines.map((l) => l + '\r');
  }
}

// Windows-1252 for the 0x80-0x9F block; other characters above 0xFF become "?".
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function encodeCp1252(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const high = CP1252_HIGH.indexOf(ch);
    if (high >= 0 && !(c >= 0x80 && c <= 0x9f)) out.push(0x80 + high);
    else if (c <= 0xff) out.push(c);
    else out.push(0x3f);
  }
  return Uint8Array.from(out);
}

export function applyPlan(plan: Plan): Uint8Array {
  let lines = windowLines(plan.window);
  for (const op of plan.lines) lines = applyLineOp(lines, op);
  const text = lines.join('\n');
  let bytes = plan.latin1 ? encodeCp1252(text) : new TextEncoder().encode(text);
  if (plan.controls.length > 0) {
    const arr = Array.from(bytes);
    for (const c of plan.controls) arr.splice(idx(c.at, arr.length + 1), 0, c.byte);
    bytes = Uint8Array.from(arr);
  }
  if (plan.cut !== null) bytes = bytes.subarray(0, Math.floor(plan.cut * bytes.length));
  return bytes;
}

/** Short description of a plan for the report ("window 2.3+1, delete, amount, latin1, cut"). */
export function describePlan(plan: Plan): string {
  const w = plan.window === 'all' ? 'whole seed' : `projects ${plan.window.first + 1}..${plan.window.first + plan.window.count}`;
  const parts = [w, ...plan.lines.map((l) => l.op)];
  if (plan.latin1) parts.push('latin1');
  if (plan.controls.length) parts.push(`controls[${plan.controls.map((c) => c.byte).join(',')}]`);
  if (plan.cut !== null) parts.push(`cut@${plan.cut.toFixed(3)}`);
  return parts.join(', ');
}
