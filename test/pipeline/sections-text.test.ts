// A section's text is its lines' visible text, one a line; a line of tab-separated cells keeps
// its cells (each cleaned) less the empty ones closing it. Headings open sections.
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../pipeline/annex/document.js';
import { headingOf, readSections } from '../../pipeline/annex/sections.js';

const sectionsOf = (text: string) => {
  const doc = readDocument(new TextEncoder().encode(text), 'x.md');
  return readSections(doc, 1, doc.lines.length, new Set()).map((s) => ({ heading: s.heading, text: s.text, lines: s.lines }));
};

describe('sections', () => {
  it('join their lines, cleaned, under the heading before them', () => {
    expect(sectionsOf('intro *one*\n# Title\nfirst  line\n\nsecond line\n**Bold heading**\n')).toEqual([
      { heading: '', text: 'intro one', lines: [1] },
      { heading: 'Title', text: 'first line\nsecond line', lines: [2, 3, 5] },
      { heading: 'Bold heading', text: '', lines: [6] },
    ]);
  });

  it('keep a line of cells less its closing empty cells', () => {
    expect(sectionsOf('a\t **b** \t\t c\t\t \t\n\t\t\n\tx\t\n')[0]!.text).toBe('a\tb\t\tc\n\tx');
  });

  it('take headings by the character they open with', () => {
    expect(['# A', '#B', '<b>Bold</b>:', '<strong>S</strong>', '__U__', '***T***', '*x*', '**end.**', '<i>no</i>', 'plain'].map(headingOf)).toEqual([
      'A', null, 'Bold', 'S', 'U', 'T', null, null, null, null,
    ]);
  });
});
