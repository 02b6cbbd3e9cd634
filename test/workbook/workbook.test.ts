// The workbook without LibreOffice: read back with exceljs, each budget tab gives back the
// budget it was written from; findings, formats and sheets are where people look for them.
import { mkdtempSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { a1, VERDICT_KO, VERDICT_OK } from '../../shared/budget-layout.js';
import { readBudget, type Grid } from '../../shared/budget-reader.js';
import { lineOf, type Budget } from '../../shared/model.js';
import { Money } from '../../shared/money.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import type { AnnexJson } from '../../pipeline/records.js';
import { planBudgetTabs, sheetName, writeWorkbook } from '../../pipeline/workbook/index.js';
import { engineSides } from '../../pipeline/workbook/checks.js';
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

  it('summary sheets: Italian headers, key columns first, frozen header row, filters, euro and percent formats', () => {
    const ws = wb.getWorksheet('Progetti')!;
    expect((ws.getRow(1).values as unknown[]).slice(1, 12)).toEqual([
      'Progetto', 'Titolo', 'Ente capofila', 'Punti', 'Assegnato', 'Costo totale', 'Contributo richiesto', 'Cofinanziamento',
      '% cofinanziamento', '% coordinamento', 'Esito',
    ]);
    for (const name of ['Progetti', 'Partner', 'Cofinanziamento', 'Rilievi']) {
      const s = wb.getWorksheet(name)!;
      expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(s.autoFilter).toBeTruthy();
      expect(s.rowCount).toBeGreaterThan(1);
      // Printed: a title and the annex on top, the page number below, the key columns only.
      expect(s.headerFooter.oddHeader).toMatch(/^&L&B.+&Rsub-allegato-2-ats-val-padana-2020\.md$/);
      expect(s.headerFooter.oddFooter).toMatch(/&RPagina &P di &N$/);
      expect(s.pageSetup).toMatchObject({ fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    }
    expect(ws.headerFooter.oddFooter).toMatch(/^&LColori: rosso = errore/);
    const row = ws.getRow(2 + annex.annexes[0]!.projects.findIndex((p) => p.id === '2.1'));
    expect(row.getCell(6).value).toBe(84878); // Costo totale
    expect(row.getCell(6).numFmt).toBe(EURO_FORMAT);
    expect(row.getCell(9).numFmt).toBe(PERCENT_FORMAT);
    expect(row.getCell(9).value).toBeCloseTo(44878 / 84878, 6);
    expect(row.getCell(11).value).toBe('1 nota');
    // Wrapped titles and the amounts beside them start on the same line.
    expect(row.getCell(2).alignment).toMatchObject({ vertical: 'top', wrapText: true });
    expect(row.getCell(6).alignment).toMatchObject({ vertical: 'top' });
    const cof = wb.getWorksheet('Cofinanziamento')!;
    expect(cof.getRow(1).values).toEqual(expect.arrayContaining(['Partner corrispondente', 'Somiglianza', "Nota dall'allegato"]));
    const rilievi = wb.getWorksheet('Rilievi')!;
    expect((rilievi.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Progetto', 'Gravità', 'Controllo', 'Messaggio', 'Atteso', 'Rilevato', 'Pagine', 'Righe', 'Regola', 'File allegato',
    ]);
    const warning = rilievi.getSheetValues().find((r) => Array.isArray(r) && r[9] === 'cofinancing-min') as unknown[];
    expect(warning[2]).toBe('avviso');
    expect(warning[3]).toBe('Cofinanziamento almeno al minimo');
    expect(String(warning[4])).toMatch(/^Il cofinanziamento .* arrotondamento\.$/);
    // Italian numbers: the exact floor of 30% of € 57.142,85.
    expect(warning[5]).toBe('≥ € 17.142,855');
  });

  it('ends Progetti with a totals row of formulas, their cached results the exact sums', () => {
    const ws = wb.getWorksheet('Progetti')!;
    const projects = annex.annexes[0]!.projects;
    const totals = ws.getRow(2 + projects.length);
    expect(totals.getCell(1).value).toBe('Totale (7 progetti)');
    const want = projects.reduce((s, p) => s.plus(lineOf(p.budget, 'TOTAL')!.amount!), new Money(0));
    expect(totals.getCell(6).value).toEqual({ formula: `SUM(F2:F${1 + projects.length})`, result: Number(want.toString()) });
    expect(ws.pageSetup.printArea).toBe(`A1:L${2 + projects.length}`);
  });

  it('links each project to its budget tab and the tab back to its row', () => {
    const ws = wb.getWorksheet('Progetti')!;
    annex.annexes[0]!.projects.forEach((p, i) => {
      const link = ws.getRow(2 + i).getCell(12).value as { formula: string; result: string };
      expect(link).toEqual({ formula: `HYPERLINK("#'Budget ${p.id}'!A1","Budget ${p.id}")`, result: `Budget ${p.id}` });
      const back = wb.getWorksheet(`Budget ${p.id}`)!.getCell('F1').value as { formula: string };
      expect(back.formula).toBe(`HYPERLINK("#'Progetti'!A${2 + i}","↩ Progetti")`);
      // Progetti's outcome is what the tab's status line says.
      const status = (wb.getWorksheet(`Budget ${p.id}`)!.getCell('B1').value as { result: string }).result;
      expect(ws.getRow(2 + i).getCell(11).value, p.id).toBe(status);
    });
  });

  it('cached results are the engine figures and verdicts, the check block apart from the cost lines', () => {
    let n = 0;
    for (const { project, sheetName: sheet, tab } of planBudgetTabs(annex, profile)) {
      const ws = wb.getWorksheet(sheet)!;
      const below = Math.max(...tab.layout.cells.map((c) => c.row));
      expect(tab.checks.length, sheet).toBeGreaterThanOrEqual(9);
      for (const check of tab.checks) {
        expect(check.valueCell.row, `${sheet} ${check.ruleId}`).toBeGreaterThan(below);
        const sides = engineSides(check.ruleId, tab.budget, profile);
        const cell = (ref: { row: number; col: number }) => ws.getCell(a1(ref)).value as { formula: string; result: unknown };
        expect(cell(check.valueCell)).toEqual({ formula: check.valueFormula, result: sides.value });
        expect(cell(check.limitCell)).toEqual({ formula: check.limitFormula, result: sides.limit });
        const own = tab.findings.filter((f) => f.rule === check.ruleId);
        const want = own.some((f) => f.severity === 'error') ? VERDICT_KO : own.some((f) => f.severity === 'warning') ? 'AVVISO' : VERDICT_OK;
        expect(cell(check.verdictCell), `${sheet} ${check.ruleId}`).toEqual({ formula: check.verdictFormula, result: want });
        // Where the pipeline's own finding states the figure, the cell agrees with it.
        const f = project.findings.find((x) => x.rule === check.ruleId && x.expected?.kind === 'amount');
        if (f && f.expected?.kind === 'amount' && typeof sides.limit === 'number' && check.ruleId.endsWith('-min')) {
          expect(sides.limit).toBe(Number(new Money(f.expected.value).toDecimalPlaces(2, Money.ROUND_UP).toString()));
        }
        n++;
      }
    }
    expect(n).toBeGreaterThan(60);
  });

  it('rounds values as the rules round them: 2 decimals, a floor up and a ceiling down', () => {
    const tab = planBudgetTabs(annex, profile).find((t) => t.project.id === '2.5')!.tab;
    const at = (id: string) => engineSides(id, tab.budget, profile);
    expect(at('cofinancing-min')).toEqual({ value: 17142.85, limit: 17142.86 }); // 30% of 57.142,85 = 17.142,855
    expect(at('coordination-max')).toEqual({ value: 8550, limit: 8571.42 }); // 15% = 8.571,4275
    expect(at('coordination-max-after-award')).toEqual({ value: 8550, limit: 5577.18 });
  });

  it('states the result at the top of each tab with a formula over its checks', () => {
    const ws = wb.getWorksheet('Budget 2.5')!;
    expect(ws.getCell('A1').value).toBe('Esito dei controlli');
    // The rounding warning on the declared figures, and coordination above 15% at the award.
    const status = ws.getCell('B1').value as { formula: string; result: string };
    expect(status.result).toBe('2 avvisi');
    expect(status.formula).toMatch(/COUNTIF\(D\d+:D\d+,"NON OK"\)/);
    expect((wb.getWorksheet('Budget 2.6')!.getCell('B1').value as { result: string }).result).toBe('Nessun rilievo');
    // A finding on the project outside its budget (the contents' title) is counted and listed too, as in Progetti.
    expect((wb.getWorksheet('Budget 2.1')!.getCell('B1').value as { result: string }).result).toBe('1 nota');
    const tab = planBudgetTabs(annex, profile).find((t) => t.project.id === '2.5')!.tab;
    const cofin = ws.getCell(a1(tab.layout.lineCells.COFINANCING!));
    expect(cofin.value).toBe(17142.85);
    expect(JSON.stringify(cofin.note)).toMatch(/arrotondamento/);
    // The findings in words on the sheet, which prints (notes do not).
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && texts.push(c.value))));
    expect(texts.some((t) => /^Il cofinanziamento .* arrotondamento\.$/.test(t))).toBe(true);
    expect(texts).toContain("RILIEVI SUL PROGETTO COME NELL'ALLEGATO");
    expect(texts).toContain('Legenda dei colori');
  });

  it('keeps placeholders out of the amount cells, in the note column', () => {
    const tab = planBudgetTabs(annex, profile).find((t) => t.project.id === '2.5')!.tab;
    const ws = wb.getWorksheet('Budget 2.5')!;
    const b = tab.layout.lineCells.B!;
    expect(ws.getCell(a1(b)).value).toBeNull();
    expect(ws.getCell(a1({ row: b.row, col: 5 })).value).toBe("Nell'allegato: «€ -»");
    const cof = wb.getWorksheet('Cofinanziamento')!;
    for (const r of cof.getSheetValues()) {
      if (!Array.isArray(r)) continue;
      for (const c of [3, 4]) expect(typeof r[c] === 'string' && /^[-€. ]+$|non richiest/.test(r[c]), String(r[c])).toBe(false);
    }
  });

  it('prints a budget tab on A4 landscape, as many pages as it takes', () => {
    const ws = wb.getWorksheet('Budget 2.7')!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printArea).toMatch(/^A1:F\d+$/);
    expect(ws.headerFooter.oddFooter).toMatch(/Pagina &P di &N/);
  });

  it('asks for a full recalculation on load, and does not claim Excel made it (LibreOffice then trusts the cached results)', () => {
    const parts = unzipSync(readFileSync(join(dir, 'seed.xlsx')));
    expect(new TextDecoder().decode(parts['xl/workbook.xml'])).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    const app = new TextDecoder().decode(parts['docProps/app.xml']);
    expect(app).toContain('<Application>conciliazione</Application>');
    expect(app).not.toContain('Microsoft Excel');
  });

  it('writes the same content on every run', async () => {
    const again = await written(annex, 'seed-again.xlsx');
    expect(again.created).toEqual(wb.created);
    expect(again.modified).toEqual(wb.modified);
    expect(again.worksheets.map((w) => JSON.stringify(w.model))).toEqual(wb.worksheets.map((w) => JSON.stringify(w.model)));
  });
});

describe('a broken budget', () => {
  it('colours the offending figure by its live verdict and counts the errors in the status line', async () => {
    const annex = seedAnnex(BROKEN_VARIANTS[0]!.text()); // TOTALE of 2.1 wrong
    const wb = await written(annex, 'broken.xlsx');
    const tab = planBudgetTabs(annex, profile).find((t) => t.project.id === '2.1')!.tab;
    const ws = wb.getWorksheet('Budget 2.1')!;
    const address = a1(tab.layout.lineCells.TOTAL!);
    const total = ws.getCell(address);
    expect(total.value).toBe(84978);
    const linesSum = tab.checks.find((c) => c.ruleId === 'lines-sum')!;
    const formats = (ws as unknown as { conditionalFormattings: { ref: string; rules: unknown[] }[] }).conditionalFormattings;
    const rule = formats.find((cf) => cf.ref === address)!;
    expect(JSON.stringify(rule.rules[0])).toContain(`$D$${linesSum.verdictCell.row + 1}=\\"NON OK\\"`);
    expect(JSON.stringify(total.note)).toMatch(/La somma delle voci A-E/);
    expect((ws.getCell('B1').value as { result: string }).result).toMatch(/^\d+ errori?/);
    expect(lineOf(tab.budget, 'TOTAL')?.amount).toBe('84978.00');
  });
});

describe('hostile annex text stays text (DESIGN §7)', () => {
  it('is written as string cells; the only formulas are the workbook\'s own', async () => {
    const annex = seedAnnex(hostileText());
    const wb = await written(annex, 'hostile.xlsx');
    const found = new Set<string>();
    const own = new Map<string, Set<string>>();
    for (const { sheetName: sheet, tab } of planBudgetTabs(annex, profile)) {
      const cells = [...tab.checks, ...tab.replanChecks].flatMap((c) => [c.valueCell, c.limitCell, c.verdictCell].map(a1));
      own.set(sheet, new Set([...cells, 'B1', 'F1']));
    }
    const projects = annex.annexes[0]!.projects.length;
    own.set('Progetti', new Set([...Array.from({ length: projects }, (_, i) => `L${2 + i}`), ...['E', 'F', 'G', 'H', 'I', 'J', 'M', 'N', 'O'].map((c) => `${c}${2 + projects}`)]));
    let formulas = 0;
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') for (const t of [...HOSTILE_TEXTS, '=2+2']) if (cell.value.includes(t)) found.add(t);
          if (cell.value && typeof cell.value === 'object' && 'formula' in cell.value) {
            formulas++;
            expect(own.get(ws.name)?.has(cell.address), `${ws.name}!${cell.address}`).toBe(true);
          }
        }),
      );
    }
    expect(formulas).toBeGreaterThan(100);
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
    expect((wb.getWorksheet('Budget 2.6')!.getCell('B1').value as { result: string }).result).toBe('No findings');
  });
});
