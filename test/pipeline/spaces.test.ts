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

  // Whether a line has any text (a document's blank lines are those without): textStart >= 0.
  it.each([
    ['', false], [' ', false], ['\u00a0\t \u2028', false], ['\ufeff', false],
    ['a', true], [' a', true], ['\u00a0a', true], ['é', true], ['\u00a0', false], ['~', true], ['\u007f', true],
  ])('has text %j: %s', (raw, text) => {
    expect(textStart(raw) >= 0).toBe(text);
    expect(textStart(raw) >= 0).toBe(/\S/.test(raw));
  });
});
