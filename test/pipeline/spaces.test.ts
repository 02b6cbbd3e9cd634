// The document's scans find a line's text by character code (pipeline/annex/spaces.ts): the
// spaces must be exactly those trim() and the regex class \s know.
import { describe, expect, it } from 'vitest';
import { isSpaceCode, textEnd, textStart } from '../../pipeline/annex/spaces.js';

describe('spaces by character code', () => {
  it('are the spaces of \\s, for every UTF-16 code unit', () => {
    const wrong: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) wrong.push(c);
    expect(wrong).toEqual([]);
  });

  it.each(['', ' ', '\t\u00a0\u3000\ufeff', 'a', '  a  ', '\u2003voce\u2028', 'x y', '\u180ex\u200b'])('bound the text trim() keeps: %j', (line) => {
    const from = textStart(line);
    const to = textEnd(line);
    expect(from < 0 ? '' : line.slice(from, to + 1)).toBe(line.trim());
    expect(from < 0).toBe(to < 0);
  });
});
