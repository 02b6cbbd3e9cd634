// An annex we wrote in a layout of its own (test/fixtures/variants/make-variant.mjs: four-column
// partner tables in another order, one long enough to run over a page break, letters marked
// "A)"/"B) Beni e software", "TOTALE PROGETTO", amounts with "€" after the number), rendered as
// agencies publish it (scripts/render-annex/render.sh): every form reads like its .md, and the
// .md reads as written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAnnexDocument } from '../../pipeline/annex/read-annex.js';
import { readSource } from '../../pipeline/document/read-source.js';
import { lineOf } from '../../shared/model.js';
import type { AnnexRecord } from '../../pipeline/records.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { agreement } from '../fixtures/agreement.js';
import { ROOT } from '../pipeline/helpers.js';

const DIR = join(ROOT, 'test/fixtures/variants');
const read = async (name: string): Promise<AnnexRecord> => {
  const path = join(DIR, name);
  return readAnnexDocument(await readSource(readFileSync(path), path), DEFAULT_PROFILE);
};

let reference: AnnexRecord;
beforeAll(async () => {
  reference = await read('ats-lodi-2021.md');
});

describe('the variant annex as written', () => {
  it('has its two projects with every partner, tick and amount the generator wrote', () => {
    expect(reference.projects.map((p) => p.id)).toEqual(['3.1', '3.2']);
    expect(reference.projects.map((p) => p.partners.length)).toEqual([34, 6]);
    expect(reference.projects.map((p) => p.interventions.filter((i) => i.selected).map((i) => i.code).join(''))).toEqual(['abd', 'b']);
    const [first, second] = reference.projects;
    const amount = (p: typeof first, code: Parameters<typeof lineOf>[1]) => lineOf(p!.budget, code)?.amount;
    expect([amount(first, 'A'), amount(first, 'A_coord'), amount(first, 'B'), amount(first, 'TOTAL'), amount(first, 'COFINANCING')]).toEqual([
      '18000.00', '6000.00', '2500.00', '50000.00', '15000.00',
    ]);
    expect(amount(second, 'B')).toBe('0.00');
    expect(first!.budget.cofinancers.map((c) => [c.entity, c.monetary, c.inKind])).toEqual([
      ['Comune di Lodi', '5000.00', '4000.00'], ['Comune di Codogno', null, '3000.00'], ['Comune di Casalpusterlengo', '3000.00', null],
      ['Comune di Tavazzano', null, null], ['Comune di Mulazzano', null, null],
    ]);
    expect(reference.projects.flatMap((p) => p.findings.filter((f) => f.severity !== 'info'))).toEqual([]);
  });
});

describe.each([
  ['ats-lodi-2021.chromium.pdf', 100],
  ['ats-lodi-2021.writer.pdf', 100],
  ['ats-lodi-2021.noborder.pdf', 100],
  // Chromium's own running header (date, title) and footer (address, "2/5") at fixed places.
  ['ats-lodi-2021.headers.pdf', 100],
  ['ats-lodi-2021.docx', 100],
  ['ats-lodi-2021.html', 100],
  // Text other tools make of the PDF, read as far as their layout allows. pdftotext without
  // -layout writes 3.2's cofinancing row as "Comune di Codogno 4.500,00 €" and the TOTALE row's
  // monetary amount after the place and date, and 3.1's last partner with its type after its
  // referent: those rows are reported (table-row-unreadable), not guessed.
  ['ats-lodi-2021.pdftotext-layout.txt', 100],
  ['ats-lodi-2021.pdftotext.txt', 92.9],
  ['ats-lodi-2021.docx-libreoffice.txt', 100],
])('%s', (name, floor) => {
  it(`reads like the .md (at least ${floor}%)`, async () => {
    const annex = await read(name);
    const a = agreement(reference, annex);
    console.log(`[variant] ${name}: ${a.percent.toFixed(1)}% of ${a.fields} fields agree with the .md`);
    expect(a.percent, a.differences.slice(0, 15).join('\n')).toBeGreaterThanOrEqual(floor);
    if (annex.format === 'pdf') {
      // The 34-partner table runs over a page break: one partner table, every row with its page.
      const pages = new Set(annex.projects[0]!.partners.map((p) => p.line).map((l) => annex.pageStarts!.filter((s) => s.line <= l).pop()!.page));
      expect(pages.size).toBeGreaterThan(1);
    }
  }, 60_000);
});
