// The document carries each line's and each table cell's cleaned text, so that no reader cleans
// a line again or looks it up by its content: what it carries must be exactly what the cleaning
// functions give (visibleText, foldText), for every line and cell of every text fixture and of
// the seed as a Word file and as a PDF (rows the front ends laid out).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnnexDocument } from '../../pipeline/annex/document.js';
import { readDocument } from '../../pipeline/annex/document.js';
import { foldedCell, foldedCells } from '../../pipeline/annex/tables.js';
import { readSource } from '../../pipeline/document/read-source.js';
import { foldText, visibleText } from '../../shared/text.js';
import { ROOT, TEXT_FIXTURES } from './helpers.js';

/** Differences between what `doc` carries and what cleaning its text gives (none expected). */
function differences(doc: AnnexDocument): string[] {
  const out: string[] = [];
  // Asked in an order no reader follows (folded before visible on odd lines): a line's text
  // must not depend on which was asked first.
  for (let n = 1; n <= doc.lines.length; n++) {
    const [visible, folded] = n % 2 === 0 ? [doc.visible(n), doc.folded(n)] : [doc.folded(n), doc.visible(n)].reverse();
    if (visible !== visibleText(doc.text(n))) out.push(`line ${n} visible: ${JSON.stringify(visible)}`);
    if (folded !== foldText(doc.text(n))) out.push(`line ${n} folded: ${JSON.stringify(folded)}`);
  }
  for (const row of doc.tables.rows) {
    // One cell folded alone first on odd rows (as a label test asks), every cell after.
    if (row.line % 2 === 1 && row.cells.length > 0) foldedCell(row, row.cells.length - 1);
    const folded = foldedCells(row);
    if (row.visible.length !== row.cells.length || folded.length !== row.cells.length) out.push(`row ${row.line}: ${row.cells.length} cells`);
    row.cells.forEach((cell, i) => {
      if (row.visible[i] !== visibleText(cell)) out.push(`row ${row.line} cell ${i} visible: ${JSON.stringify(row.visible[i])}`);
      if (folded[i] !== foldText(cell)) out.push(`row ${row.line} cell ${i} folded: ${JSON.stringify(folded[i])}`);
    });
  }
  return out;
}

describe("the document's cleaned text", () => {
  it('is what cleaning each line and cell gives, in every text fixture', () => {
    expect(TEXT_FIXTURES.length).toBeGreaterThan(10);
    let rows = 0;
    for (const file of TEXT_FIXTURES) {
      const doc = readDocument(readFileSync(file), file);
      rows += doc.tables.rows.length;
      expect(differences(doc), file).toEqual([]);
    }
    expect(rows).toBeGreaterThan(1000);
  });

  it.each(['seed.docx', 'seed.chromium.pdf'])('is what cleaning each line and cell gives in %s, as its front end laid it out', async (name) => {
    const doc = await readSource(readFileSync(join(ROOT, 'test', 'fixtures', 'renderings', name)), name);
    expect(doc.tables.rows.length).toBeGreaterThan(50);
    expect(differences(doc)).toEqual([]);
  }, 60_000);

  it('gives an empty text for a line outside the document, and keeps nothing for it', () => {
    const doc = readDocument(new TextEncoder().encode('**Titolo:** uno\nriga  due\n'), 'x.md');
    expect([doc.visible(1), doc.visible(2), doc.folded(2)]).toEqual(['Titolo: uno', 'riga due', 'riga due']);
    for (const n of [0, 3, -1]) expect([doc.visible(n), doc.folded(n)]).toEqual(['', '']);
    expect(doc.visible(3)).toBe('');
  });
});
