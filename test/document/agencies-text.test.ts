// Four agencies' annexes in their own house styles (test/fixtures/agencies/), as analysts convert
// them to text: pdftotext (one block per cell, in the page's reading order), pdftotext -layout
// (columns aligned with spaces) and LibreOffice's text of the Word file (one cell per line).
// Each is read as far as its layout allows and compared field by field with its .md: the floors
// are what the text front end reaches today (a change may raise them, never lower them); where
// the rest is lost is said in test/fixtures/agencies/README.md ("Text conversions").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAnnexDocument } from '../../pipeline/annex/read-annex.js';
import { readSource } from '../../pipeline/document/read-source.js';
import type { AnnexRecord } from '../../pipeline/records.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { agreement } from '../fixtures/agreement.js';
import { ROOT } from '../pipeline/helpers.js';

const DIR = join(ROOT, 'test/fixtures/agencies');
const read = async (name: string): Promise<AnnexRecord> => {
  const path = join(DIR, name);
  return readAnnexDocument(await readSource(readFileSync(path), path), DEFAULT_PROFILE);
};

const ANNEXES = ['ats-bergamo-2022', 'ats-brescia-2023', 'ats-insubria-2021', 'ats-montagna-2022'];

/** Percent of fields equal to the .md's, per annex and form. */
const FLOORS: Record<string, Record<string, number>> = {
  'ats-bergamo-2022': { 'pdftotext.txt': 64, 'pdftotext-layout.txt': 99, 'docx-libreoffice.txt': 100 },
  'ats-brescia-2023': { 'pdftotext.txt': 94, 'pdftotext-layout.txt': 100, 'docx-libreoffice.txt': 100 },
  'ats-insubria-2021': { 'pdftotext.txt': 89, 'pdftotext-layout.txt': 100, 'docx-libreoffice.txt': 100 },
  'ats-montagna-2022': { 'pdftotext.txt': 82, 'pdftotext-layout.txt': 100, 'docx-libreoffice.txt': 100 },
};

const references: Record<string, AnnexRecord> = {};
beforeAll(async () => {
  for (const name of ANNEXES) references[name] = await read(`${name}.md`);
}, 60_000);

const FORMS = ANNEXES.flatMap((name) => Object.entries(FLOORS[name]!).map(([form, floor]) => [name, `${name}.${form}`, floor] as const));

describe.each(FORMS)('%s: %s', (name, file, floor) => {
  it(`reads like the .md (at least ${floor}%)`, async () => {
    let annex: AnnexRecord;
    try {
      annex = await read(file);
    } catch (e) {
      // No project found at all: only a floor of 0 allows it.
      if (floor > 0) throw e;
      return;
    }
    const a = agreement(references[name]!, annex);
    console.log(`[agencies text] ${file}: ${a.percent.toFixed(1)}% of ${a.fields} fields agree with the .md`);
    expect(a.percent, a.differences.slice(0, 15).join('\n')).toBeGreaterThanOrEqual(floor);
    expect(annex.format).toBe('text');
  }, 60_000);
});
