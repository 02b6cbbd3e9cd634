// No word of the other language in what the workbook writes: sheet names, headers, check names,
// limits, verdicts, status lines, legends, printed titles and footers, findings and notes (the
// same word lists as the CSV files; text quoted from the annex is left out). Annex text that is
// not quoted (titles, entity names, file names) is left out by column.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { writeWorkbook } from '../../pipeline/workbook/index.js';
import { foreignWords } from '../fixtures/language-words.js';
import { BROKEN_VARIANTS, seedAnnex } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'conciliazione-words-'));

/** Columns (1-based) of each summary sheet that hold annex text rather than ours. */
const ANNEX_COLUMNS: Record<string, number[]> = {
  Progetti: [2, 3, 18], Projects: [2, 3, 18],
  Partner: [3, 4, 5, 6, 7, 8, 11], Partners: [3, 4, 5, 6, 7, 8, 11],
  Cofinanziamento: [2, 6, 11], Cofinancing: [2, 6, 11],
  Rilievi: [10], Findings: [10],
};

/** Rule ids ("lines-sum", in the Regola column and quoted in some notes) are identifiers, not words. */
const withoutIds = (text: string) => text.replace(/\b[a-z]+(?:-[a-z]+)+\b/g, ' ');

function shown(v: ExcelJS.CellValue): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'string') return v.result;
  return null;
}

/** Every text of ours in the workbook, with where it is. */
async function ourTexts(file: string, lang: 'it' | 'en'): Promise<[string, string][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: [string, string][] = [];
  for (const ws of wb.worksheets) {
    out.push([`${ws.name} (name)`, ws.name]);
    const summary = ANNEX_COLUMNS[ws.name];
    // A budget tab's printed header is its project's title (annex text); its footer is ours.
    for (const [k, text] of Object.entries(ws.headerFooter ?? {})) {
      if (typeof text === 'string' && (summary || k !== 'oddHeader')) out.push([`${ws.name} ${k}`, text.replace(/&[A-Z]/g, ' ')]);
    }
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (summary ? summary.includes(c) && r > 1 : r === 2 || isEntity(ws, r, c)) return;
        // Budget tabs: the tables' labels and headers are the annex's own (Italian, which the
        // reader of a tab needs) in either language; the status line (B1) and the link (F1) are ours.
        if (!summary && lang === 'en' && r < firstOwnRow(ws) && !(r === 1 && (c === 2 || c === 6))) return;
        const text = shown(cell.value);
        if (text) out.push([`${ws.name}!${cell.address}`, text]);
        if (cell.note && lang === 'it') out.push([`${ws.name}!${cell.address} (note)`, typeof cell.note === 'string' ? cell.note : JSON.stringify(cell.note)]);
      }),
    );
  }
  return out;
}

/** A cofinancer's name (annex text) in a budget tab: a row of the entity table. */
function isEntity(ws: ExcelJS.Worksheet, r: number, c: number): boolean {
  if (c !== 1) return false;
  let header = 0;
  ws.eachRow((row, n) => void (row.getCell(1).value === 'ENTE' && n < r && (header = n)));
  if (header === 0) return false;
  for (let n = header + 1; n < r; n++) if (ws.getRow(n).getCell(1).value === 'TOTALE') return false;
  return true;
}

/** The first row the tab adds below the shared layout's tables (its first heading after the cofinancing table). */
function firstOwnRow(ws: ExcelJS.Worksheet): number {
  let total = 0;
  ws.eachRow((row, n) => void (row.getCell(1).value === 'TOTALE' && (total = n)));
  return total + 1;
}

describe('the words of the workbook', () => {
  it('are Italian in the Italian workbook (seed and every broken variant)', async () => {
    const problems: string[] = [];
    let n = 0;
    for (const [i, text] of [undefined, ...BROKEN_VARIANTS.map((v) => v.text())].entries()) {
      const file = join(dir, `it-${i}.xlsx`);
      await writeWorkbook(seedAnnex(text), file, { profile: DEFAULT_PROFILE, lang: 'it' });
      for (const [where, t] of await ourTexts(file, 'it')) {
        n++;
        const foreign = foreignWords(withoutIds(t), 'it');
        if (foreign.length > 0) problems.push(`${where}: ${foreign.join(', ')} in "${t.slice(0, 120)}"`);
      }
    }
    expect(n).toBeGreaterThan(1000);
    expect([...new Set(problems)]).toEqual([]);
  }, 120_000);

  it('are English in the English workbook, but for the budget lines\' own labels', async () => {
    const file = join(dir, 'en.xlsx');
    await writeWorkbook(seedAnnex(BROKEN_VARIANTS[0]!.text()), file, { profile: DEFAULT_PROFILE, lang: 'en' });
    const problems: string[] = [];
    for (const [where, t] of await ourTexts(file, 'en')) {
      const foreign = foreignWords(withoutIds(t), 'en');
      if (foreign.length > 0) problems.push(`${where}: ${foreign.join(', ')} in "${t.slice(0, 120)}"`);
    }
    expect([...new Set(problems)]).toEqual([]);
  }, 60_000);
});
