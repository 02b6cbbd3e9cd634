// A small formula evaluator for the fake spreadsheet: enough of Sheets' language for the
// formulas the budget layout writes (SUM, COUNT, N, ROUND, IF, arithmetic, comparisons, A1
// refs; the text-amount reading with LET, REGEX*, VALUE, ARRAYFORMULA) and for the add-on's
// highlight rules (FIND, CHAR, ADDRESS, ROW, COLUMN, relative references). Ranges are flat
// arrays; functions other than the aggregates apply element by element, as under ARRAYFORMULA.
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

function colLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function parseA1(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m || Number(m[2]) < 1) return null;
  return { row: Number(m[2]) - 1, col: colIndex(m[1]!) };
}

type Token =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'ref'; v: string }
  | { t: 'fn'; v: string }
  | { t: 'name'; v: string }
  | { t: 'op'; v: string };

const REF = '\\$?[A-Z]{1,3}\\$?\\d+(?::\\$?[A-Z]{1,3}\\$?\\d+)?';

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = new RegExp(
    `\\s*(?:(\\d+(?:\\.\\d+)?)|"((?:[^"]|"")*)"|(${REF})(?![A-Z0-9_(])|([A-Z][A-Z0-9.]*)\\s*\\(|([A-Za-z_][A-Za-z0-9_]*)|(<>|<=|>=|[-+*/&=<>(),]))`,
    'iy',
  );
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
    else if (m[5] !== undefined) out.push({ t: 'name', v: m[5].toLowerCase() });
    else out.push({ t: 'op', v: m[6]! });
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

const truthy = (v: Scalar) => (typeof v === 'string' ? v !== '' : Boolean(v));

/** Apply f element by element when any argument is a range (scalars repeat). */
function lift(args: Arg[], f: (...xs: Val[]) => Val): Arg {
  const n = args.reduce<number>((m, a) => (Array.isArray(a) ? Math.max(m, a.length) : m), -1);
  if (n < 0) return f(...(args as Val[]));
  return Array.from({ length: n }, (_, i) => f(...args.map((a) => (Array.isArray(a) ? (a.length === 1 ? a[0]! : (a[i] ?? { error: '#N/A' })) : a))));
}

/** f on scalars, an error argument passed through. */
function strict(f: (...xs: Scalar[]) => Val): (...xs: Val[]) => Val {
  return (...xs) => {
    const bad = xs.find(isError);
    return bad ?? f(...(xs as Scalar[]));
  };
}

function regex(source: Scalar, flags = ''): RegExp | FormulaError {
  try {
    return new RegExp(String(source), flags);
  } catch {
    return { error: '#REF!' };
  }
}

const ELEMENTWISE: Record<string, (...xs: Val[]) => Val> = {
  N: (v = '') => (isError(v) ? v : typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : 0),
  T: (v = '') => (isError(v) ? v : typeof v === 'string' ? v : ''),
  ISNUMBER: (v = '') => typeof v === 'number',
  IFERROR: (v = '', alt = '') => (isError(v) ? alt : v),
  ABS: strict((v) => {
    const x = num(v);
    return isError(x) ? x : Math.abs(x);
  }),
  ROUND: strict((v, d = 0) => {
    const x = num(v);
    const n = num(d);
    if (isError(x)) return x;
    if (isError(n)) return n;
    const f = 10 ** n;
    return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f;
  }),
  VALUE: strict((v) => {
    if (typeof v === 'number') return v;
    const s = String(v).trim();
    if (s === '') return 0;
    return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : { error: '#VALUE!' };
  }),
  LEN: strict((v) => String(v).length),
  LEFT: strict((v, n = 1) => String(v).slice(0, Number(n))),
  SUBSTITUTE: strict((text, from, to) => String(text).split(String(from)).join(String(to))),
  CHAR: strict((n) => String.fromCharCode(Number(n))),
  FIND: strict((needle, hay, start = 1) => {
    const at = String(hay).indexOf(String(needle), Number(start) - 1);
    return at < 0 ? { error: '#VALUE!' } : at + 1;
  }),
  ADDRESS: strict((row, col, abs = 1) => {
    const letters = colLetters(Number(col) - 1);
    return Number(abs) === 4 ? `${letters}${row}` : `$${letters}$${row}`;
  }),
  REGEXMATCH: strict((text, re) => {
    const r = regex(re);
    return isError(r) ? r : r.test(String(text));
  }),
  REGEXEXTRACT: strict((text, re) => {
    const r = regex(re);
    if (isError(r)) return r;
    const m = r.exec(String(text));
    return m ? (m[1] ?? m[0]) : { error: '#N/A' };
  }),
  REGEXREPLACE: strict((text, re, to) => {
    const r = regex(re, 'g');
    return isError(r) ? r : String(text).replace(r, String(to));
  }),
};

export interface Position {
  row: number;
  col: number;
}

/** Evaluate a formula; `at` is the cell it is evaluated for (ROW(), COLUMN()). */
export function evaluate(formula: string, cells: Cells, at: Position = { row: 0, col: 0 }): Val {
  let tokens: Token[];
  try {
    tokens = tokenize(formula.replace(/^=/, ''));
  } catch {
    return { error: '#ERROR!' };
  }
  let i = 0;
  const scopes: Map<string, Arg>[] = [];
  const peek = (k = 0) => tokens[i + k];
  const op = (v: string, k = 0) => peek(k)?.t === 'op' && peek(k)!.v === v;

  const refValues = (ref: string): Val[] => {
    const [a, b] = ref.split(':');
    const from = parseA1(a!)!;
    const to = b ? parseA1(b)! : from;
    const out: Val[] = [];
    for (let r = Math.min(from.row, to.row); r <= Math.max(from.row, to.row); r++)
      for (let c = Math.min(from.col, to.col); c <= Math.max(from.col, to.col); c++) out.push(cells.value(r, c));
    return out;
  };

  const flatten = (args: Arg[]): Val[] => args.flatMap((a) => (Array.isArray(a) ? a : [a]));

  const call = (name: string, args: Arg[]): Arg => {
    switch (name) {
      case 'SUM':
      case 'MIN':
      case 'MAX': {
        const xs: number[] = [];
        for (const a of args) {
          if (Array.isArray(a)) {
            for (const v of a) {
              if (isError(v)) return v;
              if (typeof v === 'number') xs.push(v);
            }
          } else {
            const n = num(a);
            if (isError(n)) return n;
            xs.push(n);
          }
        }
        if (name === 'SUM') return xs.reduce((s, x) => s + x, 0);
        return xs.length === 0 ? 0 : name === 'MIN' ? Math.min(...xs) : Math.max(...xs);
      }
      case 'COUNT':
        return flatten(args).filter((v) => typeof v === 'number').length;
      case 'AND':
      case 'OR': {
        const vs = flatten(args);
        const bad = vs.find(isError);
        if (bad) return bad;
        const bs = vs.map((v) => truthy(v as Scalar));
        return name === 'AND' ? bs.every(Boolean) : bs.some(Boolean);
      }
      case 'IF':
        return lift([args[0] ?? false, args[1] ?? true, args[2] ?? false], (c, a, b) => (isError(c) ? c : truthy(c) ? a! : b!));
      case 'ARRAYFORMULA':
        return args[0] ?? '';
      case 'ROW':
        return at.row + 1;
      case 'COLUMN':
        return at.col + 1;
      case 'TRUE':
        return true;
      case 'FALSE':
        return false;
      default: {
        const f = ELEMENTWISE[name];
        return f ? lift(args, f) : { error: '#NAME?' };
      }
    }
  };

  const lookup = (name: string): Arg => {
    for (let k = scopes.length - 1; k >= 0; k--) if (scopes[k]!.has(name)) return scopes[k]!.get(name)!;
    if (name === 'true') return true;
    if (name === 'false') return false;
    return { error: '#NAME?' };
  };

  /** LET(name, value, …, body): each value sees the names bound before it. */
  const letCall = (): Arg => {
    const scope = new Map<string, Arg>();
    scopes.push(scope);
    try {
      while (peek()?.t === 'name' && op(',', 1)) {
        const name = String(tokens[i]!.v);
        i += 2;
        scope.set(name, comparison());
        if (op(',')) i++;
      }
      const body = comparison();
      i++; // ')'
      return body;
    } finally {
      scopes.pop();
    }
  };

  const primary = (): Arg => {
    const tok = tokens[i++];
    if (!tok) return { error: '#ERROR!' };
    if (tok.t === 'num' || tok.t === 'str') return tok.v;
    // A reference is a range even when it is one cell: SUM(B7,B9) skips text in B9 as Sheets does.
    if (tok.t === 'ref') return refValues(tok.v as string);
    if (tok.t === 'name') return lookup(tok.v as string);
    if (tok.t === 'fn') {
      if (tok.v === 'LET') return letCall();
      const args: Arg[] = [];
      if (!op(')')) {
        do {
          if (op(',')) i++;
          args.push(comparison());
        } while (op(','));
      }
      i++; // ')'
      return call(tok.v as string, args);
    }
    if (tok.v === '(') {
      const v = comparison();
      i++;
      return v;
    }
    if (tok.v === '-') {
      return lift([primary()], (a) => {
        const v = num(a);
        return isError(v) ? v : -v;
      });
    }
    if (tok.v === '+') return primary();
    return { error: '#ERROR!' };
  };

  const binary = (next: () => Arg, ops: string[], apply: (o: string, a: Val, b: Val) => Val) => (): Arg => {
    let left = next();
    while (peek()?.t === 'op' && ops.includes(String(peek()!.v))) {
      const o = String(tokens[i++]!.v);
      left = lift([left, next()], (a, b) => apply(o, a, b));
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
  const result = comparison();
  if (i < tokens.length) return { error: '#ERROR!' };
  return Array.isArray(result) ? (result[0] ?? '') : result;
}

/** Apply `f` to every A1 reference outside string literals. */
function mapRefs(formula: string, f: (col: string, colAbs: boolean, row: number, rowAbs: boolean) => string): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, k) =>
      k % 2 === 1
        ? part
        : part.replace(/(?<![A-Z0-9_$])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Z0-9_(])/gi, (_w, ca: string, col: string, ra: string, row: string) =>
            f(col.toUpperCase(), ca === '$', Number(row) - 1, ra === '$'),
          ),
    )
    .join('');
}

/** Formula text with every reference to a row at or after `from` (0-based) moved by `by`. */
export function shiftFormula(formula: string, from: number, by: number): string {
  return mapRefs(formula, (col, colAbs, r, rowAbs) => {
    const c = `${colAbs ? '$' : ''}${col}${rowAbs ? '$' : ''}`;
    if (r < from) return `${c}${r + 1}`;
    if (by < 0 && r === from) return '#REF!';
    return `${c}${r + by + 1}`;
  });
}

/** A conditional-format formula as Sheets applies it to a cell dr rows and dc columns from the range's top-left. */
export function relativeFormula(formula: string, dr: number, dc: number): string {
  return mapRefs(formula, (col, colAbs, r, rowAbs) => {
    const c = colAbs ? `$${col}` : colLetters(colIndex(col) + dc);
    return `${c}${rowAbs ? `$${r + 1}` : r + dr + 1}`;
  });
}
