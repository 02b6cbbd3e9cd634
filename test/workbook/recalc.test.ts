// LibreOffice recalculates every check formula of the written workbooks (their cached results
// deliberately spoiled first), and each result must equal the engine's figure and verdict.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { a1, VERDICT_KO, VERDICT_OK } from '../../shared/budget-layout.js';
import type { Finding } from '../../shared/model.js';
import { Money } from '../../shared/money.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import type { AnnexJson } from '../../pipeline/records.js';
import { planBudgetTabs, writeWorkbook } from '../../pipeline/workbook/index.js';
import { engineMeasure } from '../../pipeline/workbook/measures.js';
import { BROKEN_VARIANTS, seedAnnex } from './fixtures.js';
import { poisonCachedResults, recalcToCsv, requireSoffice } from './libreoffice.js';

const profile = DEFAULT_PROFILE;
const hasSoffice = requireSoffice();

interface Case {
  name: string;
  annex: AnnexJson;
  file: string;
  poisoned: string;
}

describe.skipIf(!hasSoffice)('LibreOffice recalculation of the budget tabs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'conciliazione-recalc-'));
  const cases: Case[] = [{ name: 'seed', annex: seedAnnex() }, ...BROKEN_VARIANTS.map((v) => ({ name: v.name, annex: seedAnnex(v.text()) }))].map(
    (c, i) => ({ ...c, file: join(dir, `case${i}.xlsx`), poisoned: join(dir, `case${i}-spoiled.xlsx`) }),
  );
  let values: Map<string, Map<string, string[][]>>;
  let spoiled = 0;

  beforeAll(async () => {
    for (const c of cases) {
      await writeWorkbook(c.annex, c.file, { profile });
      spoiled += await poisonCachedResults(c.file, c.poisoned);
    }
    // One LibreOffice run for every file: the intact seed workbook and all the spoiled ones.
    values = recalcToCsv([cases[0]!.file, ...cases.map((c) => c.poisoned)]);
  }, 300_000);

  it('every formula result equals the engine, every verdict equals its findings', () => {
    const mismatches: string[] = [];
    let formulas = 0;
    let verdicts = 0;
    let notOk = 0;
    for (const c of cases) {
      const sheets = values.get(c.poisoned)!;
      for (const { project, sheetName, tab } of planBudgetTabs(c.annex, profile)) {
        const rows = sheets.get(sheetName);
        if (!rows) {
          mismatches.push(`${c.name}: no sheet ${sheetName}`);
          continue;
        }
        const at = (r: { row: number; col: number }) => rows[r.row]?.[r.col] ?? '';
        // The engine's errors on the annex itself (the pipeline's findings), not on the tab.
        const broken = new Set<string>(project.findings.filter((f) => f.severity === 'error').map((f) => f.rule));
        for (const check of tab.layout.checks) {
          const where = `${c.name} / ${sheetName} / ${check.ruleId}`;
          if (check.valueCell) {
            formulas++;
            const expected = engineMeasure(check.ruleId, project.budget, profile)!.toDecimalPlaces(6);
            const shown = at(check.valueCell);
            if (!/^-?\d+(\.\d+)?$/.test(shown) || !new Money(shown).toDecimalPlaces(6).equals(expected)) {
              mismatches.push(`${where}: ${a1(check.valueCell)} shows ${shown}, engine ${expected.toString()}`);
            }
            // Where the engine reports a figure of its own, it is the same one.
            const f = project.findings.find((x) => x.rule === check.ruleId);
            const reported = f && figureReported(check.ruleId, f.expected);
            if (reported && !reported.equals(expected.toDecimalPlaces(reported.decimalPlaces()))) {
              mismatches.push(`${where}: engine's finding says ${reported.toString()}, measure ${expected.toString()}`);
            }
          }
          verdicts++;
          const verdict = at(check.verdictCell);
          const want = broken.has(check.ruleId) ? VERDICT_KO : VERDICT_OK;
          if (verdict === VERDICT_KO) notOk++;
          if (verdict !== want) mismatches.push(`${where}: ${a1(check.verdictCell)} says ${verdict}, engine ${want}`);
        }
      }
    }
    console.log(
      `LibreOffice recalculation: ${cases.length} workbooks (${spoiled} cached results spoiled), ` +
        `${formulas} measure formulas and ${verdicts} verdicts checked (${notOk} NON OK), ${mismatches.length} mismatches`,
    );
    expect(mismatches).toEqual([]);
    expect(formulas).toBeGreaterThan(0);
    expect(notOk).toBeGreaterThanOrEqual(BROKEN_VARIANTS.length - 2);
  });

  it('the broken variants are caught by the formulas, and only the seed is clean', () => {
    const seedVerdicts = planBudgetTabs(cases[0]!.annex, profile).flatMap(({ sheetName, tab }) =>
      tab.layout.checks.map((ch) => values.get(cases[0]!.poisoned)!.get(sheetName)![ch.verdictCell.row]![ch.verdictCell.col]),
    );
    expect(new Set(seedVerdicts)).toEqual(new Set([VERDICT_OK]));
    for (const c of cases.slice(1)) {
      if (/non indicato|illeggibile/.test(c.name)) continue; // caught by rules without formulas
      const sheets = values.get(c.poisoned)!;
      const ko = planBudgetTabs(c.annex, profile).some(({ sheetName, tab }) =>
        tab.layout.checks.some((ch) => sheets.get(sheetName)![ch.verdictCell.row]![ch.verdictCell.col] === VERDICT_KO),
      );
      expect(ko, c.name).toBe(true);
    }
  });

  it('the cached results written in the file are what LibreOffice computes', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(cases[0]!.file);
    const recomputed = values.get(cases[0]!.poisoned)!;
    let n = 0;
    for (const { sheetName, tab } of planBudgetTabs(cases[0]!.annex, profile)) {
      for (const check of tab.layout.checks) {
        for (const ref of [check.valueCell, check.verdictCell]) {
          if (!ref) continue;
          const cell = wb.getWorksheet(sheetName)!.getCell(a1(ref));
          const cached = (cell.value as { result?: unknown }).result;
          expect(String(cached), `${sheetName}!${a1(ref)}`).toBe(recomputed.get(sheetName)![ref.row]![ref.col]);
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(90);
  });
});

/** The figure a finding reports for the quantity its rule's measure computes, if it reports one. */
function figureReported(rule: string, expected: Finding['expected']): Money | null {
  // `expected` is what the rule requires: for these rules, the figure the measure computes.
  const measured = ['lines-sum', 'funding-split', 'cofinancing-min', 'coordination-max', 'coordination-within-personnel', 'contribution-max'];
  return measured.includes(rule) && expected?.kind === 'amount' ? new Money(expected.value) : null;
}
