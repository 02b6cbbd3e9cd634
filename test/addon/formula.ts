// A tiny formula evaluator for the fake spreadsheet: enough of Sheets' language for the
// formulas the budget layout writes (SUM, N, ROUND, IF, arithmetic, comparisons, A1 refs).
export type Scalar = number | string | boolean;
export interface FormulaError { error: string }
export type Val = Scalar | FormulaError;
type Arg = Val | Val[];

export interface Cells {
  /** Evaluated value of a cell (0-based), '' when empty. */
  value(row: number, col: number): Val;
}

export const isError = (v: unknown): v is FormulaError => typeof v === 'object' && v !== null && 'error' in v;

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function parseA1(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m || Number(m[2]) < 1) return null;
  return { row: Number(m[2]) - 1, col: colIndex(m[1]!) };
}

type Token = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'ref'; v: string } | { t: 'fn'; v: string } | { t: 'op'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|"((?:[^"]|"")*)"|(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)(?![A-Z(])|([A-Z][A-Z0-9.]*)\s*\(|(<>|<=|>=|[-+*/&=<>(),]))/iy;
  let pos = 0;
  while (pos < src.length) {
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) {
      if (/^\s*$/.test(src.slice(pos))) break;
      throw new Error(`formula parse error at "${src.slice(pos)}"`);
    }
    pos = re.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ t: 'str', v: m[2].replace(/""/g, '"') });
    else if (m[3] !== undefined) out.push({ t: 'ref', v: m[3].toUpperCase() });
    else if (m[4] !== undefined) out.push({ t: 'fn', v: m[4].toUpperCase() });
    else out.push({ t: 'op', v: m[5]! });
  }
  return out;
}

function num(v: Val): number | FormulaError {
  if (isError(v)) return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === '') return 0;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : { error: '#VALUE!' };
}

export function evaluate(formula: string, cells: Cells): Val {
  let tokens: Token[];
  try {
    tokens = tokenize(formula.replace(/^=/, ''));
  } catch {
    return { error: '#ERROR!' };
  }
  let i = 0;
  const peek = () => tokens[i];
  const op = (v: string) => peek()?.t === 'op' && peek()!.v === v;

  const refValues = (ref: string): Val[] => {
    const [a, b] = ref.split(':');
    const from = parseA1(a!)!;
    const to = b ? parseA1(b)! : from;
    const out: Val[] = [];
    for (let r = Math.min(from.row, to.row); r <= Math.max(from.row, to.row); r++)
      for (let c = Math.min(from.col, to.col); c <= Math.max(from.col, to.col); c++) out.push(cells.value(r, c));
    return out;
  };

  const scalar = (a: Arg): Val => (Array.isArray(a) ? (a.length === 1 ? a[0]! : { error: '#VALUE!' }) : a);

  const call = (name: string, args: Arg[]): Val => {
    const flat = (skipText: boolean) => {
      const out: number[] = [];
      for (const a of args) {
        if (Array.isArray(a)) {
          for (const v of a) {
            if (isError(v)) return v;
            if (typeof v === 'number') out.push(v);
            else if (!skipText && typeof v === 'boolean') out.push(v ? 1 : 0);
          }
        } else {
          const n = num(a);
          if (isError(n)) return n;
          out.push(n);
        }
      }
      return out;
    };
    switch (name) {
      case 'SUM': {
        const xs = flat(true);
        return isError(xs) ? xs : xs.reduce((s, x) => s + x, 0);
      }
      case 'MIN':
      case 'MAX': {
        const xs = flat(true);
        if (isError(xs)) return xs;
        return xs.length === 0 ? 0 : name === 'MIN' ? Math.min(...xs) : Math.max(...xs);
      }
      case 'N': {
        const v = scalar(args[0] ?? '');
        return isError(v) ? v : typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : 0;
      }
      case 'ABS': {
        const v = num(scalar(args[0] ?? ''));
        return isError(v) ? v : Math.abs(v);
      }
      case 'ROUND': {
        const v = num(scalar(args[0] ?? ''));
        const d = num(scalar(args[1] ?? 0));
        if (isError(v)) return v;
        if (isError(d)) return d;
        const f = 10 ** d;
        return Math.sign(v) * Math.round(Math.abs(v) * f + 1e-9) / f;
      }
      case 'IF': {
        const c = scalar(args[0] ?? false);
        if (isError(c)) return c;
        const truthy = typeof c === 'string' ? c !== '' : Boolean(c);
        return scalar(truthy ? (args[1] ?? true) : (args[2] ?? false));
      }
      case 'AND':
      case 'OR': {
        const vs = args.flatMap((a) => (Array.isArray(a) ? a : [a]));
        const bad = vs.find(isError);
        if (bad) return bad;
        const bs = vs.map((v) => Boolean(typeof v === 'string' ? v !== '' : v));
        return name === 'AND' ? bs.every(Boolean) : bs.some(Boolean);
      }
      case 'TRUE':
        return true;
      case 'FALSE':
        return false;
      default:
        return { error: '#NAME?' };
    }
  };

  const primary = (): Arg => {
    const tok = tokens[i++];
    if (!tok) return { error: '#ERROR!' };
    if (tok.t === 'num' || tok.t === 'str') return tok.v;
    if (tok.t === 'ref') return (tok.v as string).includes(':') ? refValues(tok.v as string) : refValues(tok.v as string)[0]!;
    if (tok.t === 'fn') {
      const args: Arg[] = [];
      if (!op(')')) {
        do {
          if (op(',')) i++;
          args.push(comparison());
        } while (op(','));
      }
      i++; // ')'
      return call(tok.v, args);
    }
    if (tok.v === '(') {
      const v = comparison();
      i++;
      return v;
    }
    if (tok.v === '-') {
      const v = num(scalar(primary()));
      return isError(v) ? v : -v;
    }
    if (tok.v === '+') return primary();
    return { error: '#ERROR!' };
  };

  const binary = (next: () => Arg, ops: string[], apply: (o: string, a: Val, b: Val) => Val) => (): Arg => {
    let left = next();
    while (peek()?.t === 'op' && ops.includes(String(peek()!.v))) {
      const o = String(tokens[i++]!.v);
      left = apply(o, scalar(left), scalar(next()));
    }
    return left;
  };
  const arith = (o: string, a: Val, b: Val): Val => {
    const x = num(a);
    const y = num(b);
    if (isError(x)) return x;
    if (isError(y)) return y;
    if (o === '+') return x + y;
    if (o === '-') return x - y;
    if (o === '*') return x * y;
    return y === 0 ? { error: '#DIV/0!' } : x / y;
  };
  const term = binary(primary, ['*', '/'], arith);
  const additive = binary(term, ['+', '-'], arith);
  const concat = binary(additive, ['&'], (_o, a, b) => (isError(a) ? a : isError(b) ? b : `${a}${b}`));
  function comparison(): Arg {
    return binary(concat, ['=', '<>', '<', '<=', '>', '>='], (o, a, b) => {
      if (isError(a)) return a;
      if (isError(b)) return b;
      // A blank compares as 0 with a number, as in Sheets.
      const norm = (v: Scalar, other: Scalar) => (v === '' && typeof other === 'number' ? 0 : typeof v === 'string' ? v.toLowerCase() : v);
      const [x, y] = typeof a === typeof b || a === '' || b === '' ? [norm(a, b), norm(b, a)] : [String(a), String(b)];
      switch (o) {
        case '=': return x === y;
        case '<>': return x !== y;
        case '<': return x < y;
        case '<=': return x <= y;
        case '>': return x > y;
        default: return x >= y;
      }
    })();
  }
  const result = scalar(comparison());
  return i < tokens.length ? { error: '#ERROR!' } : result;
}

/** Formula text with every reference to a row at or after `from` (0-based) moved by `by`. */
export function shiftFormula(formula: string, from: number, by: number): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, k) =>
      k % 2 === 1
        ? part
        : part.replace(/(\$?[A-Z]{1,3}\$?)(\d+)(?![A-Z(\d])/gi, (whole, col: string, row: string) => {
            const r = Number(row) - 1;
            if (r < from) return whole;
            if (by < 0 && r === from) return '#REF!';
            return `${col}${r + by + 1}`;
          }),
    )
    .join('');
}
