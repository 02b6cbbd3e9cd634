// Hostile strings in entity names, titles and notes of an annex variant: no CSV or XLSX cell
// becomes a formula, and annex.json stays valid and keeps the strings exactly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readAnnex } from '../../pipeline/annex/read-annex.js';
import { toCsv } from '../../pipeline/outputs/csv.js';
import { toJson } from '../../pipeline/outputs/json.js';
import { buildTables } from '../../pipeline/outputs/rows.js';
import type { AnnexJson } from '../../pipeline/records.js';
import { writeWorkbook } from '../../pipeline/workbook/index.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { SEED_TEXT } from './mutate.js';

export { HOSTILE } from '../fixtures/hostile-strings.js';
import { HOSTILE } from '../fixtures/hostile-strings.js';

// Cofinancers, a title and a narrative line of the seed, each given a hostile string.
const TARGETS = ['LUBIAM', 'NOVELLINI', 'RELEVI', 'COPIAINCOLLA', 'ITALIA ALIMENTARI'];

function hostileVariant(): string {
  let text = SEED_TEXT;
  TARGETS.forEach((t, i) => (text = text.split(t).join(HOSTILE[i]!)));
  text = text.replace('PROGETTO: Eugenio 20-23', `PROGETTO: ${HOSTILE[5]} Eugenio 20-23`);
  text = text.replace('Ente capofila: Comune di Borgo Virgilio', `Ente capofila: ${HOSTILE[4]}`);
  text = text.replace(/^(Il progetto trova le sue radici)/m, `${HOSTILE[6]} ${HOSTILE[9]} ${HOSTILE[10]} $1`);
  text = text.replace(/^(I risultati attesi)/m, `${HOSTILE[8]} ${HOSTILE[7]} $1`);
  return text;
}

const FORMULA_START = /^[=+\-@\t\r]/;

describe('a hostile-strings annex', () => {
  const annex = readAnnex(new TextEncoder().encode(hostileVariant()), 'hostile.md', DEFAULT_PROFILE);
  const json: AnnexJson = { generator: 'conciliazione', profile: DEFAULT_PROFILE.id, annexes: [annex] };

  it('writes no CSV cell that starts like a formula, other than plain negative amounts', () => {
    let seen = 0;
    for (const dialect of ['standard', 'it'] as const) {
      for (const table of buildTables(json, 'it')) {
        const csv = toCsv(table, dialect).replace(/^\ufeff/, '');
        const parsed = Papa.parse<string[]>(csv, { delimiter: dialect === 'it' ? ';' : ',', skipEmptyLines: true });
        expect(parsed.errors, table.file).toEqual([]);
        for (const row of parsed.data) {
          for (const cell of row) {
            if (HOSTILE.some((h) => cell.includes(h.slice(0, 12)))) seen++;
            if (FORMULA_START.test(cell)) expect(cell, `${table.file}: ${cell.slice(0, 60)}`).toMatch(/^-\d+([.,]\d+)?$/);
          }
        }
      }
    }
    expect(seen).toBeGreaterThan(5);
  });

  it('keeps every string exactly in annex.json', () => {
    const text = toJson(json);
    const back = JSON.parse(text) as AnnexJson;
    expect(back).toEqual(JSON.parse(JSON.stringify(json)));
    const entities = back.annexes[0]!.projects.flatMap((p) => p.budget.cofinancers.map((c) => c.entity));
    for (const h of HOSTILE.slice(0, 5)) expect(entities, h).toContain(h);
    expect(back.annexes[0]!.projects[0]!.header.title).toContain(HOSTILE[5]);
  });

  it('writes the strings into the workbook as text cells, never formulas', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conciliazione-hostile-'));
    try {
      const file = join(dir, 'annex.xlsx');
      await writeWorkbook(json, file, { lang: 'it', profile: DEFAULT_PROFILE });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      let found = 0;
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            const v = cell.value;
            const s = typeof v === 'string' ? v : '';
            if (HOSTILE.some((h) => s.includes(h.slice(0, 12)))) {
              found++;
              expect(cell.type, `${ws.name}!${cell.address}`).toBe(ExcelJS.ValueType.String);
              expect(cell.formula, `${ws.name}!${cell.address}`).toBeFalsy();
            }
            // A formula cell holds only our own formulas (links among the sheets are HYPERLINKs of
            // ours): never an annex string, whole after its formula starter.
            if (cell.formula) expect(HOSTILE.some((h) => cell.formula.includes(h.slice(1))), `${ws.name}!${cell.address}`).toBe(false);
          }),
        ),
      );
      expect(found).toBeGreaterThan(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
