// The run's outputs, byte for byte, against the buffered reference path: every annex read first,
// then each output built whole from annex.json's records (buildTables + toCsv, toJson,
// toDataPackage, renderReport, writeWorkbook on exceljs' in-memory workbook). The run writes
// them its own way (lazily loaded, per annex, streamed); whatever the readers make of the
// inputs today, both paths get the same records, so any difference is the writing's.
// XLSX: the zip container may differ (compression, dates, folder entries); every part inside must not.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv, type CsvDialect } from '../../pipeline/outputs/csv.js';
import { DATAPACKAGE_FILE, toDataPackage } from '../../pipeline/outputs/datapackage.js';
import { toJson } from '../../pipeline/outputs/json.js';
import { renderReport, type AnnexQuotes } from '../../pipeline/outputs/report/index.js';
import { buildTables } from '../../pipeline/outputs/rows.js';
import { MANIFEST } from '../../pipeline/out-folder.js';
import type { AnnexJson, AnnexRecord } from '../../pipeline/records.js';
import { readAnnexFile, run, type Lang } from '../../pipeline/run.js';
import { writeWorkbook } from '../../pipeline/workbook/index.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { hostileAnnex } from '../outputs/hostile-annex.js';
import { scratch, SEED, SEED_TEXT } from './helpers.js';

let dir: string;

/** The outputs as the buffered path wrote them before the run streamed: name -> bytes. */
async function reference(inputs: string[], lang: Lang, dialect: CsvDialect): Promise<Map<string, Uint8Array>> {
  const quotes = new Map<string, AnnexQuotes>();
  const annexes: AnnexRecord[] = [];
  for (const f of inputs) annexes.push(await readAnnexFile(f, DEFAULT_PROFILE, undefined, {}, undefined, quotes));
  const json: AnnexJson = { generator: 'conciliazione', profile: DEFAULT_PROFILE.id, annexes };
  const tables = buildTables(json, lang);
  const text = new Map<string, string>([
    ...tables.map((t) => [t.file, toCsv(t, dialect)] as const),
    ['annex.json', toJson(json)],
    [DATAPACKAGE_FILE, toDataPackage(tables, dialect)],
  ]);
  const xlsx = join(mkdtempSync(join(dir, 'ref-')), 'annex.xlsx');
  await writeWorkbook(json, xlsx, { lang, profile: DEFAULT_PROFILE });
  text.set('report.html', renderReport(json, { lang, profile: DEFAULT_PROFILE, quotes }));
  const names = [...text.keys(), 'annex.xlsx'];
  // The same order as the run wrote them: CSV files, annex.json, datapackage.json, workbook, report.
  const order = [...tables.map((t) => t.file), 'annex.json', DATAPACKAGE_FILE, 'annex.xlsx', 'report.html'];
  expect(new Set(names)).toEqual(new Set(order));
  const out = new Map<string, Uint8Array>();
  for (const [name, content] of text) out.set(name, new TextEncoder().encode(content));
  out.set('annex.xlsx', readFileSync(xlsx));
  out.set(MANIFEST, new TextEncoder().encode(`${JSON.stringify({ generator: 'conciliazione', files: order }, null, 1)}\n`));
  return out;
}

function written(out: string): Map<string, Uint8Array> {
  return new Map(readdirSync(out).sort().map((n) => [n, readFileSync(join(out, n))]));
}

/** The workbook's parts; folder entries (which JSZip adds and a zip need not have) are not parts. */
function parts(xlsx: Uint8Array): Record<string, string> {
  const files = unzipSync(xlsx);
  const names = Object.keys(files).filter((n) => !n.endsWith('/')).sort();
  return Object.fromEntries(names.map((n) => [n, Buffer.from(files[n]!).toString('utf8')]));
}

function expectSame(got: Map<string, Uint8Array>, want: Map<string, Uint8Array>): void {
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [name, bytes] of want) {
    const mine = got.get(name)!;
    if (name.endsWith('.xlsx')) {
      const a = parts(mine);
      const b = parts(bytes);
      expect(Object.keys(a), name).toEqual(Object.keys(b));
      for (const part of Object.keys(b)) expect(a[part], `${name}: ${part}`).toBe(b[part]);
    } else {
      // Buffer.equals first: a failure then shows the text, not two byte arrays.
      if (!Buffer.from(mine).equals(Buffer.from(bytes))) expect(Buffer.from(mine).toString('utf8'), name).toBe(Buffer.from(bytes).toString('utf8'));
    }
  }
}

beforeAll(() => {
  dir = scratch('same-outputs');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('outputs: the run against the buffered reference, byte for byte', () => {
  const cases: { name: string; inputs: () => string[]; lang: Lang; dialect: CsvDialect }[] = [
    { name: 'the seed, standard CSV, Italian', inputs: () => [SEED], lang: 'it', dialect: 'standard' },
    { name: 'the seed, Italian CSV, English', inputs: () => [SEED], lang: 'en', dialect: 'it' },
    {
      name: 'three annexes (the seed, a title over a cell, hostile strings), standard CSV, Italian',
      inputs: () => {
        const long = join(dir, 'long-title.md');
        writeFileSync(long, SEED_TEXT.replace('PROGETTO: Eugenio 20-23', `PROGETTO: ${'N'.repeat(40_000)} Eugenio 20-23`));
        const hostile = join(dir, 'hostile.md');
        writeFileSync(hostile, hostileAnnex());
        return [SEED, long, hostile];
      },
      lang: 'it',
      dialect: 'standard',
    },
  ];
  it('two runs write the same bytes, the workbook\'s zip file included', async () => {
    const outs = [join(mkdtempSync(join(dir, 'again-')), 'out'), join(mkdtempSync(join(dir, 'again-')), 'out')];
    for (const out of outs) await run({ inputs: [SEED], out, keepRecords: false });
    const [a, b] = outs.map(written);
    expect([...a!.keys()]).toEqual([...b!.keys()]);
    for (const [name, bytes] of a!) expect(Buffer.from(bytes).equals(Buffer.from(b!.get(name)!)), name).toBe(true);
  }, 120_000);

  for (const c of cases) {
    it(c.name, async () => {
      const inputs = c.inputs();
      const out = join(mkdtempSync(join(dir, 'run-')), 'out');
      await run({ inputs, out, lang: c.lang, dialect: c.dialect });
      expectSame(written(out), await reference(inputs, c.lang, c.dialect));
    }, 180_000);
  }
});
