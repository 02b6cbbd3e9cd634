// A section's text is its lines' visible text, one a line; a line of tab-separated cells keeps
// its cells (each cleaned) less the empty ones closing it. Headings open sections.
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../pipeline/annex/document.js';
import { readFileSync } from 'node:fs';
import { headingOf, readSections } from '../../pipeline/annex/sections.js';
import { visibleText } from '../../shared/text.js';
import { TEXT_FIXTURES } from './helpers.js';

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

// The reading as it was before it took cleaned cells from the table rows and trimmed only a
// line that may be a heading: every line trimmed, every cell of a tab line cleaned here.
const headingBefore = (raw: string) => {
  const t = raw.trim();
  return '#*_<'.includes(t.charAt(0)) && t !== '' ? headingOf(t) : null;
};
const cellsBefore = (raw: string) => {
  const cells = raw.split('\t').map(visibleText);
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells.join('\t');
};

describe('sections of every text fixture', () => {
  it('hold each tab line as its cells cleaned one by one', () => {
    let tabLines = 0;
    for (const file of TEXT_FIXTURES) {
      const doc = readDocument(readFileSync(file), file);
      const sections = readSections(doc, 1, doc.lines.length, new Set());
      for (const s of sections) {
        const lines = s.lines.filter((n) => n !== s.line || s.heading === '');
        const expected = lines.map((n) => (doc.text(n).includes('\t') ? (tabLines++, cellsBefore(doc.text(n))) : doc.visible(n)));
        expect(s.text, `${file}:${s.line}`).toBe(expected.join('\n'));
      }
    }
    expect(tabLines).toBeGreaterThan(300);
  });

  it('find the same headings as trimming every line first', () => {
    for (const file of TEXT_FIXTURES) {
      const doc = readDocument(readFileSync(file), file);
      for (let n = 1; n <= doc.lines.length; n++) {
        const raw = doc.text(n);
        for (const variant of [raw, ` ${raw}\u00a0`, `\u2003\t${raw}  `]) expect(headingOf(variant)).toBe(headingBefore(variant));
      }
    }
  });

  it('clean a cell around spaces and marks as the row does', () => {
    const cells = ['x **a** ', ' **a** ', '\u00a0<b>x</b> ', ' * ', '** ', ' __b__', ' &amp; ', ' [t](mailto:x) ', '\u2003_x_\u2003', ' <br> ** ', ' '];
    const line = cells.join('\t');
    const doc = readDocument(new TextEncoder().encode(`a\tb\n${line}\nend\n`), 'x.md');
    const text = readSections(doc, 1, doc.lines.length, new Set())[0]!.text;
    expect(text).toBe(`a\tb\n${cellsBefore(line)}\nend`);
  });
});
