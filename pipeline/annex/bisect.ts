// Records of an annex are kept in line order; finding the first one at or after a line is a
// bisection, so that per-project look-ups do not scan the whole document each time.

export function firstAtOrAfter(items: readonly { line: number }[], line: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
