// What LibreOffice shows: hostile annex text as the text it is, and a budget tab printed on
// one A4 page (rendered to /tmp/budget-2.5.png for a person to look at).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { planBudgetTabs, writeWorkbook } from '../../pipeline/workbook/index.js';
import { HOSTILE_TEXTS, hostileText, seedAnnex } from './fixtures.js';
import { keepOnlySheet, recalcToCsv, requireSoffice, toPdf } from './libreoffice.js';

const profile = DEFAULT_PROFILE;
const hasSoffice = requireSoffice();
const dir = mkdtempSync(join(tmpdir(), 'conciliazione-display-'));

describe.skipIf(!hasSoffice)('LibreOffice shows annex text as text', () => {
  it('cells beginning with = + - @ show their text, not a result', async () => {
    const annex = seedAnnex(hostileText());
    const file = join(dir, 'hostile.xlsx');
    await writeWorkbook(annex, file, { profile });
    const sheets = recalcToCsv([file]).get(file)!;

    const tab = planBudgetTabs(annex, profile).find((t) => t.project.id === '2.2')!;
    const budget = sheets.get(tab.sheetName)!;
    const shown = tab.tab.budget.cofinancers.flatMap((c) => [budget[c.entityCell.row]![c.entityCell.col], budget[c.monetaryCell.row]![c.monetaryCell.col]]);
    for (const text of HOSTILE_TEXTS) expect(shown, text).toContain(text);
    expect(budget[1]![0]).toBe('2.2 – =2+2');

    const projects = sheets.get('Progetti')!;
    expect(projects.find((r) => r[1] === '2.2')![2]).toBe('=2+2');
    const cofin = sheets.get('Cofinanziamento')!.map((r) => r[2]);
    for (const text of HOSTILE_TEXTS.slice(0, 4)) expect(cofin).toContain(text);
    // and the checks still compute on the numbers around them
    const verdicts = tab.tab.layout.checks.map((c) => budget[c.verdictCell.row]![c.verdictCell.col]);
    expect(verdicts.every((v) => v === 'OK' || v === 'NON OK')).toBe(true);
  });
});

describe.skipIf(!hasSoffice)('printing a budget tab', () => {
  it('fits on one A4 page', async () => {
    const file = join(dir, 'seed.xlsx');
    await writeWorkbook(seedAnnex(), file, { profile });
    for (const id of ['2.5', '2.7']) {
      const single = join(dir, `budget-${id}.xlsx`);
      await keepOnlySheet(file, single, `Budget ${id}`);
      const pdf = toPdf(single);
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      expect(info, id).toMatch(/^Pages:\s+1$/m);
      // A4 landscape: 842 x 595 points
      expect(info, id).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts/);
      if (id === '2.5') {
        execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, join(dir, 'budget-2.5')]);
        copyFileSync(join(dir, 'budget-2.5.png'), '/tmp/budget-2.5.png');
      }
    }
  });
});
