// Where a line's text starts and ends, by character code. The document's scans ask it of every
// line: trim() would make a new string of each line with a space at an end only to measure it,
// and a regex test (/\S/) costs a call on each of the many empty lines.

/** Whether a UTF-16 code unit is a space as trim() and the regex class \s see one. */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Index of the first character other than a space, -1 when the line has none (trim() is ''). */
export function textStart(text: string): number {
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return i;
  return -1;
}

/** Index of the last character other than a space, -1 when the line has none. */
export function textEnd(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (!isSpaceCode(text.charCodeAt(i))) return i;
  return -1;
}
