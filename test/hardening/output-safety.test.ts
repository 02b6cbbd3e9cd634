// Issue 11, point 7: formula starters are neutralised in CSV after NFKC normalisation and after
// invisible (zero-width, bidi) marks; an XLSX cell over Excel's 32,767 characters is cut at the
// limit with a marker and a finding; control characters never reach the terminal. Before: "＝1+1"
// and "\u200b=1+1" were written bare, a 40,000-character title went whole into the workbook, and
// an ANSI escape in a file name was printed raw.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutralise, toCsv } from '../../pipeline/outputs/csv.js';
import { buildTables } from '../../pipeline/outputs/rows.js';
import { printable } from '../../pipeline/errors.js';
import type { AnnexJson } from '../../pipeline/records.js';
import { CUT_MARKER, MAX_CELL_CHARS } from '../../pipeline/workbook/safe-text.js';
import { annexOf, buildCli } from '../pipeline/helpers.js';
import { DISGUISED_FORMULAS } from './attacks.js';
import { ROOT, SEED_TEXT } from './mutate.js';

const BIN = join(ROOT, 'pipeline/bin/conciliazione.mjs');
const TARGETS = ['LUBIAM', 'NOVELLINI', 'RELEVI', 'COPIAINCOLLA', 'ITALIA ALIMENTARI', 'THUN LOGISTCS'];
let dir: string;

beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'conciliazione-safety-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CSV: disguised formula starters', () => {
  it('each is neutralised; ordinary text, amounts and ASCII starters are as before', () => {
    for (const f of DISGUISED_FORMULAS) expect(neutralise(f), JSON.stringify(f)).toBe(`'${f}`);
    for (const f of ['=1+1', '+1', '-2', '@A1', '\t=1', '\r=1']) expect(neutralise(f)).toBe(`'${f}`);
    for (const t of ['Comune di Mantova', '2-3', 'a=b', '\u200bComune', '−2', '', ' ', 'ＡＢＣ']) expect(neutralise(t), JSON.stringify(t)).toBe(t);
    // However many invisible marks or spaces come first.
    expect(neutralise(`${'\u200b'.repeat(200)}${' '.repeat(200)}＝1`)).toMatch(/^'/);
  });

  it('an annex whose cofinancers are disguised formulas: no cell of either dialect starts one', () => {
    let text = SEED_TEXT;
    TARGETS.forEach((t, i) => (text = text.split(t).join(DISGUISED_FORMULAS[i]!)));
    const json: AnnexJson = { generator: 'conciliazione', profile: 'x', annexes: [annexOf(text)] };
    const entities = json.annexes[0]!.projects.flatMap((p) => p.budget.cofinancers.map((c) => c.entity));
    for (const f of DISGUISED_FORMULAS.slice(0, TARGETS.length)) expect(entities).toContain(f);
    let seen = 0;
    for (const dialect of ['standard', 'it'] as const) {
      const table = buildTables(json, 'it').find((t) => t.file === 'cofinancing.csv')!;
      const rows = Papa.parse<string[]>(toCsv(table, dialect).replace(/^\ufeff/, ''), { delimiter: dialect === 'it' ? ';' : ',', skipEmptyLines: true }).data;
      for (const row of rows) {
        for (const cell of row) {
          if (!DISGUISED_FORMULAS.some((f) => cell.includes(f))) continue;
          seen++;
          expect(cell, JSON.stringify(cell)).toMatch(/^'/);
        }
      }
    }
    expect(seen).toBe(2 * TARGETS.length);
  });
});

describe('XLSX: a cell over 32,767 characters', () => {
  it('is cut at the limit with a marker and a finding; annex.json keeps the whole text', async () => {
    const long = 'N'.repeat(40_000);
    const file = join(dir, 'long.md');
    writeFileSync(file, SEED_TEXT.replace('PROGETTO: Eugenio 20-23', `PROGETTO: ${long} Eugenio 20-23`));
    const out = join(dir, 'out-long');
    const r = spawnSync(process.execPath, [BIN, '--quiet', '--out', out, file], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'annex.json'), 'utf8')) as AnnexJson;
    expect(json.annexes[0]!.projects[0]!.header.title).toContain(long);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'annex.xlsx'));
    let longest = 0;
    let cut = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = typeof cell.value === 'string' ? cell.value : '';
          longest = Math.max(longest, v.length);
          if (v.length === MAX_CELL_CHARS && v.endsWith(CUT_MARKER)) cut++;
          // The title itself (projects sheet, budget tab): cut, not dropped.
          if (v.startsWith('NNNN')) expect(v.endsWith(CUT_MARKER), `${ws.name}!${cell.address}`).toBe(true);
        }),
      ),
    );
    expect(longest).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(cut).toBeGreaterThan(0);
    const findings: string[][] = [];
    wb.getWorksheet('Rilievi')!.eachRow((row) => findings.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    // Rilievi: the rule's id in column 9 (for filtering), its message in column 4.
    const notes = findings.filter((f) => f[8] === 'cell-too-long');
    expect(notes.length).toBe(cut);
    expect(notes[0]![3]).toMatch(/oltre il limite di Excel \(32\.767\): tagliata al limite/);
  }, 120_000);
});

describe('terminal messages', () => {
  it('control characters are shown escaped, line breaks as a space', () => {
    expect(printable('a\u001b[31mb\u0007c\u009bd\u202ee\nf\r\ng\u2028h\tk')).toBe('a\\x1b[31mb\\x07c\\x9bd\\u202ee f g h\\x09k');
  });

  it('a file name with an ANSI escape and a line break reaches stderr escaped, on one line', () => {
    const name = 'rosso\u001b[31m\u001b]0;titolo\u0007\nriga.md';
    const r = spawnSync(process.execPath, [BIN, '--quiet', '--lang', 'en', '--out', join(dir, 'out-esc'), name], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toBe('conciliazione: rosso\\x1b[31m\\x1b]0;titolo\\x07 riga.md: no such file or folder\n');
  });

  it('an annex file named with an escape is read, and the summary prints its folder escaped', () => {
    const name = 'annex\u001b[2J.md';
    writeFileSync(join(dir, name), SEED_TEXT);
    const out = 'out\u001b[31m';
    const r = spawnSync(process.execPath, [BIN, '--out', out, name], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('out\\x1b[31m');
  }, 120_000);
});
