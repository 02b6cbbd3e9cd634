// The same annexes as another producer writes them (test/fixtures/producers/README.md): the
// PDF front end reads what a page shows, not how one producer lays out its content stream.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAnnexDocument } from '../../pipeline/annex/read-annex.js';
import { readSource } from '../../pipeline/document/read-source.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { renderFinding } from '../../shared/findings/render.js';
import { agreement } from '../fixtures/agreement.js';
import { ROOT } from '../pipeline/helpers.js';

const read = async (path: string) => readAnnexDocument(await readSource(readFileSync(join(ROOT, path)), path), DEFAULT_PROFILE);

const CASES: [string, string][] = [
  ['seed.writer.gs.pdf', 'seeds/sub-allegato-2-ats-val-padana-2020.md'],
  ['ats-bergamo-2022.noborder.gs.pdf', 'test/fixtures/agencies/ats-bergamo-2022.md'],
  ['ats-montagna-2022.writer.gs.pdf', 'test/fixtures/agencies/ats-montagna-2022.md'],
  ['ats-pavia-2024.chromium.gs.pdf', 'test/fixtures/unseen/ats-pavia-2024.md'],
];

describe('PDFs rewritten by Ghostscript', () => {
  it.each(CASES)('%s reads like its .md', async (file, md) => {
    const a = agreement(await read(md), await read(`test/fixtures/producers/${file}`));
    expect(a.differences.slice(0, 15)).toEqual([]);
    expect(a.percent).toBe(100);
  }, 60_000);

  it('cuts a run that holds two cells at the rule between them', async () => {
    const path = 'test/fixtures/producers/seed.writer.gs.pdf';
    const doc = await readSource(readFileSync(join(ROOT, path)), path);
    // Ghostscript wrote "5. RSA Ospedale di Gonzaga Fondazione" as one show operation.
    expect(doc.lines.find((l) => l.startsWith('5. RSA Ospedale di Gonzaga'))).toBe('5. RSA Ospedale di Gonzaga\tFondazione\tDante Negri tel 037658261');
  });
});

describe('a scanned page among pages of text', () => {
  it('is reported, and every page with text is read', async () => {
    // ATS della Montagna's Writer PDF with a scanned page put in as its page 2 (pdfunite).
    const annex = await read('test/fixtures/producers/ats-montagna-2022.with-scan.pdf');
    const [finding, ...others] = annex.findings;
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ rule: 'pages-without-text', severity: 'warning', data: { pages: [2], of: 4 } });
    expect(renderFinding(finding!, 'it').message).toBe('La pagina 2 (di 4) non ha testo: è una scansione e nulla vi è stato letto; eseguire un OCR del PDF e rileggerlo.');
    expect(renderFinding(finding!, 'en').message).toBe('Page 2 (of 4) has no text: scanned, nothing on it was read; run OCR on the PDF and read it again.');
    const a = agreement(await read('test/fixtures/agencies/ats-montagna-2022.md'), { ...annex, findings: [] });
    expect(a.differences).toEqual([]);
  });

  it('is not reported when every page has text', async () => {
    expect((await read('test/fixtures/agencies/ats-montagna-2022.writer.pdf')).findings).toEqual([]);
  });
});
