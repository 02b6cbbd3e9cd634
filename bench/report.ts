// report.html and datapackage.json: their size and the time to write them, against the time of
// the whole run in process (reading, CSV, annex.json, workbook, report) on the same input. The
// issue's goal is a report under 10% of the run's time. Also on one annex of 10 copies of the
// seed's projects (70 projects), to see the report grow with the projects.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toDataPackage } from '../pipeline/outputs/datapackage.js';
import { renderReport, type AnnexQuotes } from '../pipeline/outputs/report/index.js';
import { buildTables } from '../pipeline/outputs/rows.js';
import type { AnnexJson } from '../pipeline/records.js';
import { readAnnexFile, run } from '../pipeline/run.js';
import { DEFAULT_PROFILE } from '../shared/profile.js';
import { annexCopies } from './annex-copies.js';
import { median, timeIt } from './stats.js';

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export interface ReportBench {
  projects: number;
  reportBytes: number;
  reportMs: number;
  dataPackageBytes: number;
  dataPackageMs: number;
  /** The whole run in process, every output written (median). */
  runMs: number;
  /** reportMs / runMs. */
  reportShareOfRun: number;
}

export async function benchReport(file: string, runs = 5): Promise<ReportBench> {
  const quotes = new Map<string, AnnexQuotes>();
  const annex = await readAnnexFile(file, DEFAULT_PROFILE, undefined, {}, undefined, quotes);
  const json: AnnexJson = { generator: 'conciliazione', profile: DEFAULT_PROFILE.id, annexes: [annex] };
  const options = { lang: 'it' as const, profile: DEFAULT_PROFILE, quotes };
  const report = renderReport(json, options);
  const tables = buildTables(json, 'it');
  const descriptor = toDataPackage(tables, 'standard');
  const dataPackageMs = timeIt(() => void toDataPackage(tables, 'standard'), { warmup: 2, runs, minMs: 20 });

  // The run and the report are timed in turn, round after round, so that a busy machine's drift
  // hits both alike; the first round warms up.
  const work = mkdtempSync(join(tmpdir(), 'conciliazione-report-'));
  try {
    const runSamples: number[] = [];
    const reportSamples: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const start = performance.now();
      await run({ inputs: [file], out: join(work, 'out') });
      const runMs = performance.now() - start;
      const reportMs = timeIt(() => void renderReport(json, options), { warmup: i === 0 ? 2 : 0, runs: 1, minMs: 50 });
      if (i > 0) {
        runSamples.push(runMs);
        reportSamples.push(reportMs);
      }
    }
    const runMs = median(runSamples);
    const reportMs = median(reportSamples);
    return {
      projects: annex.projects.length,
      reportBytes: Buffer.byteLength(report),
      reportMs: round(reportMs, 2),
      dataPackageBytes: Buffer.byteLength(descriptor),
      dataPackageMs: round(dataPackageMs, 3),
      runMs: round(runMs, 0),
      reportShareOfRun: round(reportMs / runMs, 3),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The same on one annex made of k copies of the seed's projects. */
export async function benchReportCopies(k: number, runs = 3): Promise<ReportBench> {
  const dir = mkdtempSync(join(tmpdir(), 'conciliazione-report-copies-'));
  try {
    const file = join(dir, `copies-${k}.md`);
    writeFileSync(file, annexCopies(k));
    return await benchReport(file, runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
