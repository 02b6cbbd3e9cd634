// LibreOffice recalculates the workbooks we write, and what it computes must be the engine's
// verdict: on the annex as written (cached results deliberately spoiled first), and after a
// reviewer's edit of an input, for edits that break (or mend) every check, post-award and
// "Rimodulato" ones included. Each check's value, limit and verdict, and the status line over
// them, are compared with the engine run on the edited budget.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { a1 } from '../../shared/budget-layout.js';
import { readBudget, type Grid } from '../../shared/budget-reader.js';
import { checkBudget } from '../../shared/check-budget.js';
import type { Budget, CellRef, Finding } from '../../shared/model.js';
import { Money } from '../../shared/money.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { replannedBudget, statusText, tabCounts, type BudgetTab } from '../../pipeline/workbook/budget-tab.js';
import { engineSides, VERDICTS, type PlacedCheck } from '../../pipeline/workbook/checks.js';
import { planBudgetTabs, writeWorkbook, type PlannedTab } from '../../pipeline/workbook/index.js';
import { BROKEN_VARIANTS, seedAnnex } from './fixtures.js';
import { poisonCachedResults, recalcToCsv, requireSoffice } from './libreoffice.js';

const profile = DEFAULT_PROFILE;
const hasSoffice = requireSoffice();
const V = VERDICTS.it;

type Sheets = Map<string, string[][]>;

/** What the engine says of each check and of the status line, for a tab's grid as it stands. */
function engineView(tab: BudgetTab, project: PlannedTab['project'], grid: (string | number | null)[][]) {
  const budget = readBudget(grid as Grid, { maxAmount: profile.maxPlausibleAmount });
  const findings = checkBudget(budget, profile, { partners: project.partners }).findings;
  const replanned = replannedBudget(grid, tab.layout, profile);
  const replanFindings = replanned ? checkBudget(replanned, profile, { partners: project.partners }).findings : [];
  return { budget, findings, replanned, replanFindings };
}

function verdictOf(findings: readonly Finding[], rule: string): string {
  const own = findings.filter((f) => f.rule === rule);
  return own.some((f) => f.severity === 'error') ? V.ko : own.some((f) => f.severity === 'warning') ? V.warn : V.ok;
}

/** A figure LibreOffice shows (raw CSV) against the engine's: numbers equal to 6 places, text equal. */
function sameFigure(shown: string, want: number | string): boolean {
  if (typeof want === 'string') return shown === want;
  return /^-?\d+(\.\d+)?(E-?\d+)?$/.test(shown) && new Money(Number(shown)).toDecimalPlaces(6).equals(new Money(want).toDecimalPlaces(6));
}

/** Every mismatch between a recalculated tab and the engine's view of its grid. */
function compareTab(where: string, rows: string[][], tab: BudgetTab, view: ReturnType<typeof engineView>): { mismatches: string[]; checked: number; notOk: number } {
  const mismatches: string[] = [];
  let checked = 0;
  let notOk = 0;
  const at = (r: CellRef) => rows[r.row]?.[r.col] ?? '';
  const blocks: [readonly PlacedCheck[], Budget | null, readonly Finding[]][] = [
    [tab.checks, view.budget, view.findings],
    [tab.replanChecks, view.replanned, view.replanFindings],
  ];
  for (const [checks, budget, findings] of blocks) {
    if (!budget) continue;
    for (const c of checks) {
      const sides = engineSides(c.ruleId, budget, profile);
      const verdict = verdictOf(findings, c.ruleId);
      for (const [name, ref, want] of [['value', c.valueCell, sides.value], ['limit', c.limitCell, sides.limit], ['verdict', c.verdictCell, verdict]] as const) {
        checked++;
        if (!sameFigure(at(ref), want)) mismatches.push(`${where} ${c.ruleId} ${name} ${a1(ref)}: LibreOffice ${at(ref)}, engine ${want}`);
      }
      if (at(c.verdictCell) !== V.ok) notOk++;
    }
  }
  // The status line also counts the project's findings outside its budget (as written: no edit changes them).
  const status = statusText(tabCounts(tab.checks, [...view.findings, ...tab.projectFindings]), 'it');
  checked++;
  if (at(tab.layout.statusCell) !== status) mismatches.push(`${where} status: LibreOffice "${at(tab.layout.statusCell)}", engine "${status}"`);
  return { mismatches, checked, notOk };
}

/** The file's sheet XML with a number typed into one cell (what a reviewer's edit leaves). */
function typeNumber(xml: string, address: string, value: number): string {
  const cell = new RegExp(`<c r="${address}"( s="\\d+")?( t="\\w+")?(/>|>.*?</c>)`);
  if (!cell.test(xml)) throw new Error(`no cell ${address}`);
  return xml.replace(cell, `<c r="${address}"$1><v>${value}</v></c>`);
}

interface Edit {
  project: string;
  /** A budget line's declared cell, the award, the re-planned column, or a cell by address. */
  cell: 'assigned' | { code: keyof BudgetTab['layout']['lineCells']; replan?: boolean } | CellRef;
  value: number;
}

const EDITS: { name: string; edits: Edit[] }[] = [
  { name: 'TOTALE che non somma le voci (2.1)', edits: [{ project: '2.1', cell: { code: 'TOTAL' }, value: 84978 }] },
  { name: 'cofinanziamento sotto il 30% di un centesimo esatto (2.1)', edits: [{ project: '2.1', cell: { code: 'COFINANCING' }, value: 25463.39 }] },
  { name: 'coordinamento oltre il 15% (2.2)', edits: [{ project: '2.2', cell: { code: 'A_coord' }, value: 6000.01 }] },
  {
    name: "cofinanziamento sotto il 30%, anche dopo l'assegnazione (2.3)",
    edits: [{ project: '2.3', cell: { code: 'COFINANCING' }, value: 14000 }, { project: '2.3', cell: 'assigned', value: 34000 }],
  },
  { name: 'contributo oltre il massimale (2.3)', edits: [{ project: '2.3', cell: { code: 'CONTRIBUTION' }, value: 45000 }] },
  { name: 'coordinamento oltre la voce A (2.7)', edits: [{ project: '2.7', cell: { code: 'A_coord' }, value: 12000 }] },
  { name: 'tabella del cofinanziamento che non quadra (2.6)', edits: [{ project: '2.6', cell: { row: 17, col: 1 }, value: 12345 }] },
  { name: "coordinamento oltre il 15% dopo l'assegnazione (2.4)", edits: [{ project: '2.4', cell: 'assigned', value: 10000 }] },
  { name: 'cofinanziamento portato al minimo arrotondato (2.5)', edits: [{ project: '2.5', cell: { code: 'COFINANCING' }, value: 17142.86 }] },
  { name: 'assegnato pari al richiesto: niente da rimodulare (2.5)', edits: [{ project: '2.5', cell: 'assigned', value: 40000 }] },
  { name: 'coordinamento rimodulato oltre il 15% del nuovo totale (2.5)', edits: [{ project: '2.5', cell: { code: 'A_coord', replan: true }, value: 6000 }] },
  { name: 'TOTALE rimodulato che non somma (2.2)', edits: [{ project: '2.2', cell: { code: 'TOTAL', replan: true }, value: 1 }] },
];

function cellOf(tab: BudgetTab, e: Edit): CellRef {
  if (e.cell === 'assigned') return tab.layout.assignedCell;
  if ('code' in e.cell) {
    const ref = tab.layout.lineCells[e.cell.code]!;
    return e.cell.replan ? { row: ref.row, col: 4 } : ref;
  }
  return e.cell;
}

describe.skipIf(!hasSoffice)('LibreOffice recalculation of the budget tabs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'conciliazione-recalc-'));
  const seed = seedAnnex();
  const seedFile = join(dir, 'seed.xlsx');
  const variants = BROKEN_VARIANTS.map((v, i) => ({ name: v.name, annex: seedAnnex(v.text()), file: join(dir, `variant${i}.xlsx`), spoiled: join(dir, `variant${i}-spoiled.xlsx`) }));
  const edited = EDITS.map((e, i) => ({ ...e, file: join(dir, `edit${i}.xlsx`) }));
  const seedSpoiled = join(dir, 'seed-spoiled.xlsx');
  const seedStrings = join(dir, 'seed-strings-spoiled.xlsx');
  let values: Map<string, Sheets>;
  let onLoad: Sheets;
  let spoiled = 0;

  beforeAll(async () => {
    await writeWorkbook(seed, seedFile, { profile });
    spoiled += await poisonCachedResults(seedFile, seedSpoiled);
    for (const v of variants) {
      await writeWorkbook(v.annex, v.file, { profile });
      spoiled += await poisonCachedResults(v.file, v.spoiled);
    }
    const tabs = planBudgetTabs(seed, profile);
    const parts = unzipSync(readFileSync(seedFile));
    for (const e of edited) {
      const copy = { ...parts };
      for (const edit of e.edits) {
        const i = tabs.findIndex((t) => t.project.id === edit.project);
        const name = `xl/worksheets/sheet${5 + i}.xml`;
        copy[name] = new TextEncoder().encode(typeNumber(new TextDecoder().decode(copy[name]!), a1(cellOf(tabs[i]!.tab, edit)), edit.value));
      }
      writeFileSync(e.file, zipSync(copy));
    }
    // The text results spoiled in the file itself (its app.xml kept): LibreOffice with its own
    // settings must recompute them on load.
    const strings = { ...parts };
    for (const name of Object.keys(strings).filter((n) => n.startsWith('xl/worksheets/sheet'))) {
      strings[name] = new TextEncoder().encode(new TextDecoder().decode(strings[name]!).replace(/(t="str"><f>[^<]*<\/f><v>)[^<]*(<\/v>)/g, '$1CACHE$2'));
    }
    writeFileSync(seedStrings, zipSync(strings));
    // One LibreOffice run for the files it must recalculate, one with its default settings.
    values = recalcToCsv([seedSpoiled, ...variants.map((v) => v.spoiled), ...edited.map((e) => e.file)]);
    onLoad = recalcToCsv([seedStrings], { defaults: true }).get(seedStrings)!;
  }, 400_000);

  it('on the annex as written: every value, limit, verdict and status line is the engine\'s', () => {
    const mismatches: string[] = [];
    let checked = 0;
    let notOk = 0;
    for (const [name, annex, file] of [['seed', seed, seedSpoiled] as const, ...variants.map((v) => [v.name, v.annex, v.spoiled] as const)]) {
      for (const { project, sheetName, tab } of planBudgetTabs(annex, profile)) {
        const rows = values.get(file)!.get(sheetName);
        if (!rows) {
          mismatches.push(`${name}: no sheet ${sheetName}`);
          continue;
        }
        const r = compareTab(`${name} / ${sheetName}`, rows, tab, engineView(tab, project, tab.grid));
        mismatches.push(...r.mismatches);
        checked += r.checked;
        notOk += r.notOk;
      }
    }
    console.log(`LibreOffice on the written workbooks: ${variants.length + 1} workbooks (${spoiled} cached results spoiled), ${checked} cells checked (${notOk} checks not OK), ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
    expect(notOk).toBeGreaterThanOrEqual(BROKEN_VARIANTS.length);
  });

  it('after a reviewer edits an input: every check, post-award and Rimodulato ones included, and the status line agree with the engine on the edited budget', () => {
    const mismatches: string[] = [];
    const changed = new Set<string>();
    let checked = 0;
    const tabs = planBudgetTabs(seed, profile);
    for (const e of edited) {
      const sheets = values.get(e.file)!;
      for (const { project, sheetName, tab } of tabs) {
        const grid = tab.grid.map((r) => [...r]);
        for (const edit of e.edits.filter((x) => x.project === project.id)) {
          const ref = cellOf(tab, edit);
          grid[ref.row]![ref.col] = edit.value;
        }
        const view = engineView(tab, project, grid);
        // The edits touch only what the check rows re-check: the rest of the status line holds.
        const fixed = (fs: readonly Finding[]) => fs.filter((f) => !tab.checks.some((c) => c.ruleId === f.rule)).map((f) => `${f.rule}:${f.severity}`);
        expect(fixed(view.findings), `${e.name} / ${sheetName}`).toEqual(fixed(tab.findings));
        const r = compareTab(`${e.name} / ${sheetName}`, sheets.get(sheetName)!, tab, view);
        mismatches.push(...r.mismatches);
        checked += r.checked;
        for (const c of [...tab.checks, ...tab.replanChecks]) {
          const before = verdictOf(tab.checks.includes(c) ? tab.findings : engineView(tab, project, tab.grid).replanFindings, c.ruleId);
          const after = verdictOf(tab.checks.includes(c) ? view.findings : view.replanFindings, c.ruleId);
          if (before !== after) changed.add(`${tab.checks.includes(c) ? '' : 'rimodulato:'}${c.ruleId}:${after}`);
        }
      }
    }
    console.log(`LibreOffice after ${edited.length} edits: ${checked} cells checked, ${mismatches.length} mismatches; verdicts changed: ${[...changed].sort().join(', ')}`);
    expect(mismatches).toEqual([]);
    // The edits cover every check: each one turns NON OK (or AVVISO) somewhere, and some mend.
    const rules = new Set(tabs.flatMap((t) => t.tab.checks.map((c) => c.ruleId)));
    for (const rule of rules) expect([...changed].some((c) => c.startsWith(`${rule}:`) && !c.endsWith(`:${V.ok}`)), rule).toBe(true);
    expect(changed).toContain(`cofinancing-min:${V.ok}`);
    expect(changed).toContain(`coordination-max-after-award:${V.ok}`);
    expect(changed).toContain(`rimodulato:coordination-max:${V.ko}`);
    expect(changed).toContain(`rimodulato:lines-sum:${V.ko}`);
  });

  it('recalculates verdicts and status lines on load with LibreOffice\'s own settings (the file does not claim Excel made it)', () => {
    const mismatches: string[] = [];
    let n = 0;
    for (const { project, sheetName, tab } of planBudgetTabs(seed, profile)) {
      const rows = onLoad.get(sheetName)!;
      const view = engineView(tab, project, tab.grid);
      for (const c of [...tab.checks]) {
        n++;
        const shown = rows[c.verdictCell.row]![c.verdictCell.col];
        if (shown !== verdictOf(view.findings, c.ruleId)) mismatches.push(`${sheetName} ${c.ruleId}: ${shown}`);
      }
      n++;
      const status = rows[tab.layout.statusCell.row]![tab.layout.statusCell.col];
      if (status !== statusText(tabCounts(tab.checks, [...view.findings, ...tab.projectFindings]), 'it')) mismatches.push(`${sheetName} status: ${status}`);
    }
    expect(mismatches).toEqual([]);
    expect(n).toBeGreaterThan(60);
  });

  it('the cached results written in the file are what LibreOffice computes', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(seedFile);
    const recomputed = values.get(seedSpoiled)!;
    let n = 0;
    for (const { sheetName, tab } of planBudgetTabs(seed, profile)) {
      for (const check of [...tab.checks, ...tab.replanChecks]) {
        for (const ref of [check.valueCell, check.limitCell, check.verdictCell, tab.layout.statusCell]) {
          const cell = wb.getWorksheet(sheetName)!.getCell(a1(ref));
          const cached = (cell.value as { result?: unknown }).result;
          expect(sameFigure(recomputed.get(sheetName)![ref.row]![ref.col]!, cached as number | string), `${sheetName}!${a1(ref)}`).toBe(true);
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(200);
  });
});
