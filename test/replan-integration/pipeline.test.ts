// The re-planner through the real pipeline on the seed annex: post-award findings in
// findings.csv, the proposal in replan.csv, annex.json and the workbook's "Rimodulato" column.
import { euro } from '../../shared/findings/render.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnnexJson } from '../../pipeline/records.js';
import { run } from '../../pipeline/run.js';
import { REPLAN_COL, REPLAN_HEADER } from '../../pipeline/workbook/budget-tab.js';
import { readBudget } from '../../shared/budget-reader.js';
import { validate } from '../../shared/engine.js';
import { COST_CODES, lineOf } from '../../shared/model.js';
import { money, sum, toPlain } from '../../shared/money.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { POST_AWARD_RULES, proposeReplan } from '../../shared/replan/index.js';
import { RULES } from '../../shared/rules/index.js';
import { sheetGrid } from '../workbook/sheet-grid.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SEEDS = join(ROOT, 'seeds');
type Row = Record<string, string>;

let out: string;
let json: AnnexJson;
const csv = (name: string): Row[] =>
  Papa.parse<Row>(readFileSync(join(out, name), 'utf8'), { header: true, skipEmptyLines: true }).data;

beforeAll(async () => {
  out = join(mkdtempSync(join(tmpdir(), 'replan-pipeline-')), 'out');
  const summary = await run({ inputs: [SEEDS], out });
  json = summary.json;
}, 120_000);

afterAll(() => rmSync(resolve(out, '..'), { recursive: true, force: true }));

const IDS = ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7'];

describe('post-award findings through the pipeline', () => {
  it('flags coordination above 15% of the re-planned total exactly for 2.2, 2.5, 2.7, on the coordination line', () => {
    const findings = csv('findings.csv');
    const hits = findings.filter((f) => f.rule === 'coordination-max-after-award');
    expect(hits.map((f) => f.project_id).sort()).toEqual(['2.2', '2.5', '2.7']);
    const budget = csv('budget_lines.csv');
    for (const f of hits) {
      const coord = budget.find((b) => b.project_id === f.project_id && b.code === 'A_coord')!;
      expect(f.line).toBe(coord.line);
      expect(f.severity).toBe('warning');
      // findings.csv words its figures in the run's language (Italian by default).
      expect(f.actual).toBe(euro(coord.amount_eur!, 'it'));
    }
    expect(hits.find((f) => f.project_id === '2.5')!.expected).toBe('≤ € 5.577,1875');
    // The cofinancing of every seed project still covers 30% of its re-planned total.
    expect(findings.filter((f) => f.rule === 'cofinancing-min-after-award')).toEqual([]);
  });

  it('keeps every position a { line } in annex.json, which validates', () => {
    expect(AnnexJson.safeParse(JSON.parse(readFileSync(join(out, 'annex.json'), 'utf8'))).success).toBe(true);
    for (const p of json.annexes[0]!.projects) {
      for (const f of p.findings) for (const pos of f.at) expect('line' in pos).toBe(true);
    }
  });
});

describe('replan.csv', () => {
  it('has a proposal for all seven projects (every award is below the request)', () => {
    const rows = csv('replan.csv');
    expect([...new Set(rows.map((r) => r.project_id))]).toEqual(IDS);
    expect(rows.every((r) => r.ok === 'true' && r.strategy === 'proportional')).toBe(true);
    const projects = csv('projects.csv');
    expect(projects.map((p) => p.replan_status)).toEqual(IDS.map(() => 'proposed'));
    // Appended at the end: the contract's columns keep their places.
    expect(Object.keys(projects[0]!).slice(-2)).toEqual(['replan_total_eur', 'replan_status']);
  });

  it('adds up to the cent: A-E make the proposed TOTAL, which is awarded + cofinancing; cofinancing unchanged', () => {
    const rows = csv('replan.csv');
    for (const id of IDS) {
      const mine = rows.filter((r) => r.project_id === id);
      const get = (code: string) => mine.find((r) => r.code === code)!;
      const lines = sum(COST_CODES.map((c) => (get(c).proposed_eur === '' ? null : money(get(c).proposed_eur!))));
      const total = get('TOTAL').proposed_eur!;
      expect(toPlain(lines)).toBe(total);
      expect(get('CONTRIBUTION').proposed_eur).toBe(get('TOTAL').awarded_eur);
      expect(toPlain(money(get('CONTRIBUTION').proposed_eur!).plus(money(get('COFINANCING').proposed_eur!)))).toBe(total);
      expect(get('COFINANCING').proposed_eur).toBe(get('COFINANCING').declared_eur);
      expect(get('COFINANCING').delta_eur).toBe('0.00');
      const project = csv('projects.csv').find((p) => p.project_id === id)!;
      expect(project.replan_total_eur).toBe(total);
      expect(get('TOTAL').awarded_eur).toBe(project.assigned_eur);
    }
  });

  it('holds the figures worked out for 2.5', () => {
    const rows = csv('replan.csv').filter((r) => r.project_id === '2.5');
    const fig = Object.fromEntries(rows.map((r) => [r.code, [r.declared_eur, r.proposed_eur, r.delta_eur]]));
    expect(fig).toEqual({
      A: ['14142.85', '11647.65', '-2495.20'],
      A_coord: ['8550.00', '5577.18', '-2972.82'],
      B: ['', '', ''],
      C: ['42000.00', '25032.64', '-16967.36'],
      D: ['', '', ''],
      E: ['1000.00', '500.96', '-499.04'],
      TOTAL: ['57142.85', '37181.25', '-19961.60'],
      CONTRIBUTION: ['40000.00', '20038.40', '-19961.60'],
      COFINANCING: ['17142.85', '17142.85', '0.00'],
    });
    expect(rows.find((r) => r.code === 'A_coord')!.reason).toContain('15%');
  });

  it('each proposal passes every rule and never touches a partner\'s cofinancing', () => {
    for (const p of json.annexes[0]!.projects) {
      const r = proposeReplan(p.budget, DEFAULT_PROFILE, p.header.assigned);
      if (!r.ok || !r.needed) throw new Error(`${p.id}: no proposal`);
      expect(r.budget.cofinancers).toEqual(p.budget.cofinancers);
      for (const code of ['COFINANCING', 'COFIN_MONETARY_TOTAL', 'COFIN_IN_KIND_TOTAL'] as const) {
        expect(lineOf(r.budget, code)?.amount).toBe(lineOf(p.budget, code)?.amount);
      }
      const ctx = { budget: r.budget, profile: DEFAULT_PROFILE, partners: p.partners, assigned: { amount: p.header.assigned, at: { line: 1 } } };
      expect(validate(ctx, [...RULES, ...POST_AWARD_RULES]).filter((f) => f.severity === 'error')).toEqual([]);
      // What the records hold is that proposal.
      expect(p.replan!.lines.map((l) => [l.code, l.proposed])).toEqual(r.changes.map((c) => [c.code, c.after]));
    }
  });
});

describe('the workbook', () => {
  it('has a "Rimodulato" column beside the declared one, and the tab still reads as the declared budget', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'annex.xlsx'));
    const ws = wb.getWorksheet('Budget 2.5')!;
    const grid = sheetGrid(ws);
    const headerRow = grid.findIndex((row) => row[1] === 'Importo');
    expect(grid[headerRow]![REPLAN_COL]).toBe(REPLAN_HEADER);
    const note = ws.getCell(headerRow + 1, REPLAN_COL + 1).note;
    expect(JSON.stringify(note)).toContain('20.038,40');
    const byLabel = (label: RegExp) => grid.findIndex((row, i) => i > headerRow && typeof row[0] === 'string' && label.test(row[0]));
    const replanned = (label: RegExp) => grid[byLabel(label)]![REPLAN_COL];
    const declared = (label: RegExp) => grid[byLabel(label)]![1];
    expect(replanned(/^A\. /)).toBe(11647.65);
    expect(declared(/^A\. /)).toBe(14142.85);
    expect(replanned(/coordinamento/)).toBe(5577.18);
    expect(replanned(/^C\. /)).toBe(25032.64);
    expect(replanned(/^E\. /)).toBe(500.96);
    expect(replanned(/^TOTALE$/)).toBe(37181.25);
    expect(replanned(/CONTRIBUTO/)).toBe(20038.4);
    expect(replanned(/COFINANZIAMENTO \(min/)).toBe(17142.85);
    expect(replanned(/^B\. /)).toBeNull();

    // The reader takes the declared column, not the re-planned one.
    const budget = readBudget(grid);
    const project = json.annexes[0]!.projects.find((p) => p.id === '2.5')!;
    for (const code of ['A', 'A_coord', 'C', 'E', 'TOTAL', 'CONTRIBUTION', 'COFINANCING'] as const) {
      expect(lineOf(budget, code)?.amount).toBe(lineOf(project.budget, code)?.amount);
    }
    expect(budget.problems).toEqual([]);
  }, 60_000);
});

describe('the re-planning strategy on the command line', () => {
  it('--replan-strategy keep-vouchers keeps 2.6 vouchers (D) where proportional cuts them', async () => {
    const { buildCli, cli } = await import('../pipeline/helpers.js');
    buildCli();
    const dir = mkdtempSync(join(tmpdir(), 'replan-cli-'));
    try {
      const r = cli(['--quiet', '--replan-strategy', 'keep-vouchers', '--out', join(dir, 'kv'), SEEDS]);
      expect(r.status, r.stderr).toBe(0);
      const rows = Papa.parse<Row>(readFileSync(join(dir, 'kv', 'replan.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
      const d = (rs: Row[]) => rs.find((x) => x.project_id === '2.6' && x.code === 'D')!;
      expect(new Set(rows.map((x) => x.strategy))).toEqual(new Set(['keep-vouchers']));
      const kept = d(rows);
      const proportional = d(csv('replan.csv'));
      // Both proposals come from the core; the CLI only chooses which one is written.
      const budget = json.annexes[0]!.projects.find((p) => p.id === '2.6')!.budget;
      for (const [strategy, row] of [['keep-vouchers', kept], ['proportional', proportional]] as const) {
        const r2 = proposeReplan(budget, DEFAULT_PROFILE, '26400.00', { strategy });
        if (!r2.ok || !r2.needed) throw new Error('2.6 needs a proposal');
        expect(row.proposed_eur).toBe(lineOf(r2.budget, 'D')!.amount);
      }
      expect(money(kept.proposed_eur!).gt(money(proportional.proposed_eur!))).toBe(true);

      const bad = cli(['--quiet', '--replan-strategy', 'random', '--out', join(dir, 'bad'), SEEDS]);
      expect(bad.status).toBe(2);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
