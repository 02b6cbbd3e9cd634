// Money is always a decimal.js value held to the cent. Floats never carry an amount.
import Decimal from 'decimal.js';

export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

export const ZERO: Money = new Money(0);

const AT_MOST_CENTS = /^-?\d+(?:\.\d{0,2})?$/;

function parsed(value: string): Money {
  const m = new Money(value);
  // A plain amount with at most two places (as nearly all are: "84878.00") is already to the
  // cent, and rounding it would only copy it.
  return AT_MOST_CENTS.test(value) ? m : m.toDecimalPlaces(2);
}

/** Exact value from a canonical decimal string ("84878.00", "-12.5") or integer cents. */
export function money(value: string | bigint): Money {
  // A bigint is integer cents, as documented: it used to be read as whole euros (12345n -> 12345.00).
  if (typeof value === 'bigint') return fromCents(value);
  return parsed(value);
}

export function fromCents(cents: bigint): Money {
  // Read in exponent notation, exactly: no division.
  return money(`${cents}e-2`);
}

export function toCents(m: Money): bigint {
  // Rounding to the cent and then scaling by 100 is rounding the scaled amount, as both round
  // half-up: the plain form without its point is the cents.
  return BigInt(toPlain(m).replace('.', ''));
}

/**
 * A number read from a spreadsheet cell. Its shortest decimal representation is what the
 * user typed or what the formula printed; it is rounded half-up to the cent once, here.
 */
export function fromSheetNumber(n: number): Money | null {
  if (!Number.isFinite(n)) return null;
  return new Money(String(n)).toDecimalPlaces(2);
}

/**
 * The plain form ("100.00") of a sheet number that already has at most two decimals, by
 * padding its shortest representation: no arithmetic, and no Decimal for the common case.
 */
export function plainFromSheetNumber(n: number): string | null {
  const s = String(n);
  const m = /^(-?\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (m) return `${m[1]}.${(m[2] ?? '').padEnd(2, '0')}`;
  const v = fromSheetNumber(n);
  return v ? v.toFixed(2) : null;
}

export function sum(values: Iterable<Money | null | undefined>): Money {
  let total = ZERO;
  for (const v of values) if (v) total = total.plus(v);
  return total;
}

/** Share of part in whole as a percentage with two decimals, or null when whole is zero. */
export function shareOf(part: Money, whole: Money): Money | null {
  if (whole.isZero()) return null;
  return part.times(100).dividedBy(whole).toDecimalPlaces(2);
}

/** Plain machine form: "84878.00". */
export function toPlain(m: Money): string {
  return m.toFixed(2);
}

/** Digits in threes from the right ("84878" -> "84.878"): slices, not a look-ahead tried at every digit. */
export function groupThousands(intPart: string, sep: string): string {
  // Only a finite amount has digits to group ("Infinity" stays as it is).
  if (!/^\d+$/.test(intPart)) return intPart;
  const head = intPart.length % 3 || 3;
  let out = intPart.slice(0, head);
  for (let i = head; i < intPart.length; i += 3) out += sep + intPart.slice(i, i + 3);
  return out;
}

/** Italian reading form: "€ 84.878,00", or "84.878,00" without the symbol. */
export function formatEuro(m: Money, opts: { symbol?: boolean; lang?: 'it' | 'en' } = {}): string {
  const { symbol = true, lang = 'it' } = opts;
  // Half-up rounds away from zero both ways: the plain form less its sign is the absolute
  // value's, and no absolute value need be made.
  const plain = toPlain(m);
  const fixed = plain.startsWith('-') ? plain.slice(1) : plain;
  // Cut at the point, with no array made (toFixed(2) gives both parts; a non-finite value has no point).
  const point = fixed.indexOf('.');
  const int = point < 0 ? fixed : fixed.slice(0, point);
  const dec = point < 0 ? '' : fixed.slice(point + 1);
  const body = lang === 'it' ? `${groupThousands(int, '.')},${dec}` : `${groupThousands(int, ',')}.${dec}`;
  const sign = m.isNegative() && !m.isZero() ? '-' : '';
  return symbol ? `€ ${sign}${body}` : `${sign}${body}`;
}
