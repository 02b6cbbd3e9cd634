// Long UTF-8 files are decoded a piece at a time (decode.ts): the lines must be those of the
// whole file decoded at once, wherever a piece ends.
import { describe, expect, it } from 'vitest';
import { decodeAnnex } from '../../pipeline/annex/decode.js';

/** The lines as one decode of the whole file gives them (the reading before pieces). */
function wholeLines(bytes: Uint8Array): string[] {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const lines = new TextDecoder('utf-8', { fatal: true }).decode(body).split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const encode = (text: string) => new TextEncoder().encode(text);

describe('decoding a long file', () => {
  const line = (i: number) => `riga ${i}: attività € ${i},00 — “quota” 𝄞 ${'x'.repeat(i % 97)}`;
  const body = Array.from({ length: 4000 }, (_, i) => line(i)).join('\n');

  it.each([
    ['with a final line feed', `${body}\n`],
    ['without a final line feed', body],
    ['with blank lines at the end', `${body}\n\n\n`],
    ['with a byte-order mark', `\ufeff${body}\n`],
    ['with a second byte-order mark, dropped as the first is', `\ufeff\ufeff${body}\n`],
    ['with a byte-order mark opening a line further on', `${body}\n\ufeffriga\n${body}`],
    ['with one very long line', `${'a'.repeat(100_000)}\n${body}`],
  ])('gives the lines of the whole file %s', (_, text) => {
    const bytes = encode(text);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const decoded = decodeAnnex(bytes, 'f.md');
    expect(decoded.lines).toEqual(wholeLines(bytes));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.lineEnding).toBe('lf');
  });

  it('ends a piece at every line feed in turn', () => {
    // Lines of every length around the piece size put a line feed on each byte near its end.
    for (let pad = 0; pad < 8; pad++) {
      const bytes = encode(`${'é'.repeat(16 * 1024 - 4 + pad)}\n€\n${'b'.repeat(40_000)}\nfine\n`);
      expect(decodeAnnex(bytes, 'f.md').lines).toEqual(wholeLines(bytes));
    }
  });

  it('refuses a long file of spaces and line feeds as holding no text', () => {
    expect(() => decodeAnnex(encode(' \n'.repeat(50_000)), 'f.md')).toThrow(/no text/);
  });

  it('reads a long file that is not UTF-8 as Windows-1252', () => {
    const bytes = Uint8Array.from([...encode('a'.repeat(70_000)), 0x80, 0x0a, 0x41]);
    const decoded = decodeAnnex(bytes, 'f.md');
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.lines).toEqual(['a'.repeat(70_000) + '€', 'A']);
  });
});
