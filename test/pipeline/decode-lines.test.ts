// decode.ts cuts each piece before a line feed and the next after it: the lines must be those of
// the whole file split at once, above all where the file's last line feeds meet a piece's end.
import { describe, expect, it } from 'vitest';
import { decodeAnnex } from '../../pipeline/annex/decode.js';

const PIECE = 32 * 1024;

/** The whole file decoded and split at once, a final line ending dropped (as decodeAnnex does). */
function wholeLines(text: string): string[] {
  const lines = text.replace(/^\ufeff/, '').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

describe('lines of a file read a piece at a time', () => {
  it.each(['\n', '\n\n', '\n\n\n', '\nlast', '\n\nlast', ''])('end as the whole file does, ending %j past a piece', (ending) => {
    for (let pad = -3; pad <= 3; pad++) {
      for (const start of ['', '\ufeff', 'riga\n€\n']) {
        const text = `${start}${'è'.repeat((PIECE + pad) >> 1)}\n${'a'.repeat(PIECE + pad)}${ending}`;
        expect(decodeAnnex(new TextEncoder().encode(text), 'f.md').lines).toEqual(wholeLines(text));
      }
    }
  });

  it('refuses a byte-order mark alone as holding no text', () => {
    expect(() => decodeAnnex(Uint8Array.from([0xef, 0xbb, 0xbf]), 'f.md')).toThrow(/no text/);
  });
});
