// Headless LibreOffice Calc for the workbook tests: recalculate a workbook on load and export
// every sheet's values as CSV, or render it to PDF.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

function sofficeAvailable(): boolean {
  return spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Absent LibreOffice skips these tests on a developer's machine and fails them under CI. */
export function requireSoffice(): boolean {
  const ok = sofficeAvailable();
  if (!ok && process.env.CI) throw new Error('LibreOffice (soffice) is required under CI: .ci/run installs libreoffice-calc');
  return ok;
}

// LibreOffice trusts the cached results of an .xlsx whose app.xml says "Microsoft Excel" (as
// exceljs writes) unless told to recalculate: a private profile sets "always recalculate".
// `defaults`: LibreOffice's own recalculation settings, as a reviewer's install has them.
const registry = (locale: string, defaults = false) => `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>${locale}</value></prop></item>
${defaults ? '' : `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
`}</oor:items>
`;

// CSV values are read in en-US (dot decimals); pictures are made the way an Italian reviewer sees them.
function profileDir(locale = 'en-US', defaults = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'conciliazione-lo-'));
  mkdirSync(join(dir, 'user'), { recursive: true });
  writeFileSync(join(dir, 'user', 'registrymodifications.xcu'), registry(locale, defaults));
  return dir;
}

function soffice(args: string[], locale?: string, defaults = false): void {
  execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(profileDir(locale, defaults)).href}`, '--headless', ...args], {
    stdio: 'pipe',
    timeout: 240_000,
  });
}

// Separator, quote, UTF-8, first line, -, -, unquoted fields as text off, detect numbers,
// cell contents NOT as shown (raw values), no formulas, keep spaces, -1 = every sheet to its own file.
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

/** Recalculated values of every sheet of every file: file -> sheet name -> rows of cells. */
export function recalcToCsv(files: string[], opts: { defaults?: boolean } = {}): Map<string, Map<string, string[][]>> {
  const out = mkdtempSync(join(tmpdir(), 'conciliazione-csv-'));
  soffice(['--convert-to', CSV_FILTER, '--outdir', out, ...files], undefined, opts.defaults);
  const result = new Map<string, Map<string, string[][]>>();
  for (const file of files) {
    const base = basename(file, extname(file));
    const sheets = new Map<string, string[][]>();
    for (const name of readdirSync(out)) {
      if (!name.startsWith(`${base}-`) || !name.endsWith('.csv')) continue;
      const sheet = name.slice(base.length + 1, -'.csv'.length);
      const parsed = Papa.parse<string[]>(readFileSync(join(out, name), 'utf8'), { skipEmptyLines: false });
      sheets.set(sheet, parsed.data);
    }
    result.set(file, sheets);
  }
  return result;
}

export function toPdf(file: string): string {
  const out = mkdtempSync(join(tmpdir(), 'conciliazione-pdf-'));
  soffice(['--convert-to', 'pdf', '--outdir', out, file], 'it-IT');
  return join(out, `${basename(file, extname(file))}.pdf`);
}

/**
 * A copy of a workbook whose cached formula results are all wrong: whatever LibreOffice then
 * shows for a formula it must have computed itself.
 */
export async function poisonCachedResults(src: string, dst: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  let n = 0;
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (v && typeof v === 'object' && 'formula' in v && v.formula) {
          cell.value = { formula: v.formula, result: typeof v.result === 'number' ? -987654.32 : 'CACHE' };
          n++;
        }
      }),
    );
  }
  await wb.xlsx.writeFile(dst);
  return n;
}
