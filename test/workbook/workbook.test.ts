// The workbook without LibreOffice: read back with exceljs, each budget tab gives back the
// budget it was written from; findings, formats and sheets are where people look for them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { a1, VERDICT_KO, VERDICT_OK } from '../../shared/budget-layout.js';
import { readBudget, type Grid } from '../../shared/budget-reader.js';
import { lineOf, type Budget } from '../../shared/model.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import type { AnnexJson } from '../../pipeline/records.js';
import { planBudgetTabs, sheetName, writeWorkbook } from '../../pipeline/workbook/index.js';
import { engineMeasure } from '../../pipeline/workbook/measures.js';
import { EURO_FORMAT, PERCENT_FORMAT } from '../../pipeline/workbook/styles.js';
import { BROKEN_VARIANTS, HOSTILE_TEXTS, hostileText, seedAnnex } from './fixtures.js';
import { sheetGrid } from './sheet-grid.js';

const profile = DEFAULT_PROFILE;
const dir = mkdtempSync(join(tmpdir(), 'conciliazione-wb-'));

async function written(annex: AnnexJson, name: string, lang: 'it' | 'en' = 'it'): Promise<ExcelJS.Workbook> {
  const file = join(dir, name);
  await writeWorkbook(annex, file, { profile, lang });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every figure of a budget, as exact decimal strings: what "cent for cent" compares. */
function figures(b: Budget) {
  return {
    lines: b.lines.map((l) => ({ code: l.code, status: l.status, amount: l.amount, funded: l.funded, cofinanced: l.cofinanced })),
    cofinancers: b.cofinancers.map((c) => ({
      entity: c.entity, monetary: c.monetary, inKind: c.inKind, monetaryStatus: c.monetaryStatus, inKindStatus: c.inKindStatus,
    })),
  };
}

describe('round trip: budget tab -> grid reader -> the same budget', () => {
  const cases = [{ name: 'seed', text: undefined as string | undefined }, ...BROKEN_VARIANTS.map((v) => ({ name: v.name, text: v.text() }))];
  it.each(cases)('$name', async ({ name, text }) => {
    const annex = seedAnnex(text);
    const wb = await written(annex, `rt-${cases.findIndex((c) => c.name === name)}.xlsx`);
    const tabs = planBudgetTabs(annex, profile);
    expect(tabs).toHaveLength(7);
    for (const { project, sheetName: sheet } of tabs) {
      const back = readBudget(sheetGrid(wb.getWorksheet(sheet)!) as Grid);
      expect(figures(back), `${name} / ${sheet}`).toEqual(figures(project.budget));
      expect(back.problems.map((p) => p.kind)).toEqual(project.budget.problems.filter((p) => p.kind === 'amount-unreadable').map((p) => p.kind));
      expect(back.assigned?.amount ?? null).toBe(project.header.assigned);
    }
  });
});

describe('the seed workbook', () => {
  const annex = seedAnnex();
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await written(annex, 'seed.xlsx');
  });

  it('has the summary sheets first, then one budget tab per project', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Progetti', 'Partner', 'Cofinanziamento', 'Rilievi', ...annex.annexes[0]!.projects.map((p) => `Budget ${p.id}`),
    ]);
  });

  it('summary sheets: Italian headers, frozen header row, filters, euro and percent formats', () => {
    const ws = wb.getWorksheet('Progetti')!;
    expect(ws.getRow(1).values).toContain('Cofinanziamento');
    expect(ws.getRow(1).values).toContain('% coordinamento');
    for (const name of ['Progetti', 'Partner', 'Cofinanziamento', 'Rilievi']) {
      const s = wb.getWorksheet(name)!;
      expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(s.autoFilter).toBeTruthy();
      expect(s.rowCount).toBeGreaterThan(1);
    }
    const row = ws.getRow(2 + annex.annexes[0]!.projects.findIndex((p) => p.id === '2.1'));
    expect(row.getCell(7).value).toBe(84878); // Costo totale
    expect(row.getCell(7).numFmt).toBe(EURO_FORMAT);
    expect(row.getCell(10).numFmt).toBe(PERCENT_FORMAT);
    expect(row.getCell(10).value).toBeCloseTo(44878 / 84878, 6);
    const cof = wb.getWorksheet('Cofinanziamento')!;
    expect(cof.getRow(1).values).toEqual(expect.arrayContaining(['Partner corrispondente', 'Somiglianza']));
    const rilievi = wb.getWorksheet('Rilievi')!;
    const warning = rilievi.getSheetValues().find((r) => Array.isArray(r) && r[3] === 'cofinancing-min') as unknown[];
    expect(warning[4]).toBe('avviso');
    expect(String(warning[5])).toMatch(/^Il cofinanziamento .* arrotondamento\.$/);
  });

  it('cached results are the engine figures and verdicts', () => {
    for (const { project, sheetName: sheet, tab } of planBudgetTabs(annex, profile)) {
      const ws = wb.getWorksheet(sheet)!;
      for (const check of tab.layout.checks) {
        if (check.valueCell) {
          const v = ws.getCell(a1(check.valueCell)).value as { formula: string; result: number };
          expect(v.formula).toBe(check.measure);
          expect(String(v.result)).toBe(engineMeasure(check.ruleId, project.budget, profile)!.toDecimalPlaces(6).toString());
        }
        const verdict = ws.getCell(a1(check.verdictCell)).value as { formula: string; result: string };
        expect(verdict.formula).toBe(`IF(${check.formula},"${VERDICT_OK}","${VERDICT_KO}")`);
        const broken = project.findings.some((f) => f.rule === check.ruleId && f.severity === 'error');
        expect(verdict.result).toBe(broken ? VERDICT_KO : VERDICT_OK);
      }
    }
  });

  it('marks the cells with findings and states the result at the top of each tab', () => {
    const ws = wb.getWorksheet('Budget 2.5')!;
    expect(ws.getCell('A1').value).toBe('Esito dei controlli');
    // The rounding warning on the declared figures, and coordination above 15% at the award.
    expect(ws.getCell('B1').value).toBe('2 avvisi');
    const tab = planBudgetTabs(annex, profile).find((t) => t.project.id === '2.5')!.tab;
    const cofin = ws.getCell(a1(tab.layout.lineCells.COFINANCING!));
    expect(cofin.value).toBe(17142.85);
    expect(JSON.stringify(cofin.note)).toMatch(/arrotondamento/);
    expect((cofin.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFEB9C');
    expect(wb.getWorksheet('Budget 2.1')!.getCell('B1').value).toBe('Nessun rilievo');
  });

  it('fits a budget tab on one A4 page', () => {
    const ws = wb.getWorksheet('Budget 2.7')!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 1 });
    expect(ws.pageSetup.printArea).toMatch(/^A1:H\d+$/);
  });

  it('writes the same content on every run', async () => {
    const again = await written(annex, 'seed-again.xlsx');
    expect(again.created).toEqual(wb.created);
    expect(again.modified).toEqual(wb.modified);
    expect(again.worksheets.map((w) => JSON.stringify(w.model))).toEqual(wb.worksheets.map((w) => JSON.stringify(w.model)));
  });
});

describe('a broken budget', () => {
  it('colours the offending cells and counts the errors in the status line', async () => {
    const annex = seedAnnex(BROKEN_VARIANTS[0]!.text()); // TOTALE of 2.1 wrong
    const wb = await written(annex, 'broken.xlsx');
    const tab = planBudgetTabs(annex, profile).find((t) => t.project.id === '2.1')!.tab;
    const ws = wb.getWorksheet('Budget 2.1')!;
    const total = ws.getCell(a1(tab.layout.lineCells.TOTAL!));
    expect(total.value).toBe(84978);
    expect((total.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFC7CE');
    expect(JSON.stringify(total.note)).toMatch(/La somma delle voci A-E/);
    expect(ws.getCell('B1').value).toMatch(/^\d+ errori?/);
    expect(lineOf(tab.budget, 'TOTAL')?.amount).toBe('84978.00');
  });
});

describe('hostile annex text stays text (DESIGN §7)', () => {
  it('is written as string cells, never as formulas', async () => {
    const annex = seedAnnex(hostileText());
    const wb = await written(annex, 'hostile.xlsx');
    const found = new Set<string>();
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && [...HOSTILE_TEXTS, '=2+2'].includes(cell.value)) found.add(cell.value);
          if (cell.value && typeof cell.value === 'object' && 'formula' in cell.value) {
            // The only formulas are the check rows the layout puts in columns G and H.
            expect(ws.name, cell.address).toMatch(/^Budget /);
            expect(cell.address).toMatch(/^[GH]\d+$/);
          }
        }),
      );
    }
    expect([...found].sort()).toEqual([...HOSTILE_TEXTS, '=2+2'].sort());
  });
});

describe('sheet names', () => {
  it('are legal and unique', () => {
    const used = new Set<string>();
    expect(sheetName('Budget 2.1', used)).toBe('Budget 2.1');
    expect(sheetName('budget 2.1', used)).toBe('budget 2.1 (2)');
    expect(sheetName('a/b\\c[d]e:f*g?h', used)).toBe('a_b_c_d_e_f_g_h');
    expect(sheetName('x'.repeat(40), used)).toHaveLength(31);
  });

  it('carry a file prefix when the workbook holds several annexes', async () => {
    const one = seedAnnex();
    const two: AnnexJson = { ...one, annexes: [one.annexes[0]!, { ...one.annexes[0]!, annexFile: 'altro-allegato-2021.md' }] };
    const names = planBudgetTabs(two, profile).map((t) => t.sheetName);
    expect(new Set(names).size).toBe(14);
    expect(names[0]).toBe('sub-allegato-2 Budget 2.1');
    expect(names[7]).toBe('altro-allegato Budget 2.1');
    const wb = await written(two, 'two.xlsx');
    expect(wb.worksheets).toHaveLength(18);
  });

  it('are English with --lang en', async () => {
    const wb = await written(seedAnnex(), 'en.xlsx', 'en');
    expect(wb.worksheets.slice(0, 4).map((w) => w.name)).toEqual(['Projects', 'Partners', 'Cofinancing', 'Findings']);
    expect(wb.getWorksheet('Budget 2.1')!.getCell('B1').value).toBe('No findings');
  });
});
