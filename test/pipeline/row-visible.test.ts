// Readers take a cell's cleaned text from its row instead of cleaning the cell again (the
// partner list's names and contacts, a section's tab lines): that is only the same reading if
// every row's visible text is its cells' visibleText, for every kind of table a text gives.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../pipeline/annex/document.js';
import { splitContact } from '../../pipeline/annex/contacts.js';
import { visibleText } from '../../shared/text.js';
import { TEXT_FIXTURES } from './helpers.js';

describe('a table row of every text fixture', () => {
  it('keeps each cell cleaned as visibleText cleans it', () => {
    let cells = 0;
    for (const file of TEXT_FIXTURES) {
      const doc = readDocument(readFileSync(file), file);
      for (const row of doc.tables.rows) {
        expect(row.visible.length).toBe(row.cells.length);
        row.cells.forEach((c, i) => {
          cells++;
          expect(row.visible[i], `${file}:${row.line}`).toBe(visibleText(c));
        });
      }
    }
    expect(cells).toBeGreaterThan(1000);
  });

  it('splits a contact given its visible text as from the raw cell alone', () => {
    for (const file of TEXT_FIXTURES) {
      const doc = readDocument(readFileSync(file), file);
      for (const row of doc.tables.rows) {
        row.cells.forEach((c, i) => expect(splitContact(c, row.visible[i])).toEqual(splitContact(c)));
      }
    }
  });
});
