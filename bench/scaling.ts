// The CLI on 10, 100 and 1,000 annex files (copies of the seed, each 0.26 MB and 7 projects):
// peak memory and time. Outputs are written as each annex is read, so the peak should not grow
// with the number of files (goal: the 1,000-file peak at most 1.5 times the 10-file peak) and
// the time should grow at most linearly (goal: exponent of time over files <= 1.0).
// The series writes every output, report.html included (written as each annex is read, like
// the others: the overview chart's points wait on disk until every point has set its scale);
// beside it, the series at 10 and 100 files under V8's default heap growth (which lets the heap
// grow to several times what is live).
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED } from './annex-copies.js';
import { timed, type Sample } from './outputs.js';
import { ROOT } from './profile.js';
import { fittedExponent } from './stats.js';

const CLI = join(ROOT, 'pipeline', 'bin', 'conciliazione.mjs');
const ALL = 'csv,json,xlsx,report';
const round = (x: number, d = 0) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

function folderOf(n: number, work: string): string {
  const dir = join(work, `annexes-${n}`);
  mkdirSync(dir);
  for (let i = 1; i <= n; i++) {
    const file = join(dir, `sub-allegato-${String(i).padStart(4, '0')}.md`);
    try {
      linkSync(SEED, file);
    } catch {
      copyFileSync(SEED, file);
    }
  }
  return dir;
}

const point = (files: number, s: Sample) => ({ files, wallMs: round(s.wallMs), cpuMs: round(s.cpuMs), peakRssMb: round(s.peakRssMb, 1) });

export function benchScaling(sizes: readonly number[] = [10, 100, 1000]) {
  const work = mkdtempSync(join(tmpdir(), 'conciliazione-scaling-'));
  try {
    const folders = new Map(sizes.map((n) => [n, folderOf(n, work)]));
    const cli = (n: number, formats: string, node: string[] = []) =>
      timed(process.execPath, [...node, CLI, '-q', '-f', formats, '-o', join(work, `out-${n}`), folders.get(n)!], work);
    cli(sizes[0]!, ALL); // warm-up: disk cache, compiled code cache
    const series = sizes.map((n) => point(n, cli(n, ALL)));
    const first = series[0]!;
    const last = series[series.length - 1]!;
    const small = sizes.filter((n) => n <= 100);
    const withoutWorkbook = [sizes[0]!, sizes[sizes.length - 1]!].map((n) => point(n, cli(n, 'csv,json,report')));
    return {
      annex: 'the seed (0.26 MB, 7 projects) under a distinct name per file',
      formats: ALL,
      series,
      rssRatio: round(last.peakRssMb! / first.peakRssMb!, 2),
      wallExponent: fittedExponent(series.map((p) => ({ size: p.files, ms: p.wallMs! }))),
      cpuExponent: Number.isFinite(last.cpuMs) ? fittedExponent(series.map((p) => ({ size: p.files, ms: p.cpuMs! }))) : null,
      /** Every output but the workbook, at the ends of the series: what the workbook adds. */
      withoutWorkbook,
      withoutWorkbookRssRatio: round(withoutWorkbook[1]!.peakRssMb! / withoutWorkbook[0]!.peakRssMb!, 2),
      /** The series under V8's default heap growth (node --heap-growing-percent=0). */
      v8DefaultHeapGrowth: small.map((n) => point(n, cli(n, ALL, ['--heap-growing-percent=0']))),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
