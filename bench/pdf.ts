// The PDF front end against poppler's pdftotext -layout on the same file, in the same run: both
// as a user meets them (a fresh process each: our CLI writing every output, pdftotext writing its
// text) and in-process (reading only: pdf.js pages to records), medians after a warm-up. The
// Word front end's in-process read of the same annex beside it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAnnexDocument } from '../pipeline/annex/read-annex.js';
import { readSource } from '../pipeline/document/read-source.js';
import { DEFAULT_PROFILE } from '../shared/profile.js';
import { benchCli } from './cli.js';
import { ROOT } from './profile.js';
import { median } from './stats.js';

export const SEED_PDF = join(ROOT, 'test', 'fixtures', 'renderings', 'seed.chromium.pdf');
const SEED_DOCX = join(ROOT, 'test', 'fixtures', 'renderings', 'seed.docx');

function pdftotextMs(runs: number): number | null {
  const work = mkdtempSync(join(tmpdir(), 'conciliazione-pdftotext-'));
  try {
    const samples: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const start = performance.now();
      const r = spawnSync('pdftotext', ['-layout', SEED_PDF, join(work, 'seed.txt')]);
      if (r.error || r.status !== 0) return null;
      if (i > 0) samples.push(performance.now() - start);
    }
    return median(samples);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A published file read in process to records: the median of `runs` after one thrown away. */
async function readMs(file: string, runs: number): Promise<{ ms: number; projects: number }> {
  const bytes = readFileSync(file);
  const once = async () => readAnnexDocument(await readSource(bytes, file), DEFAULT_PROFILE);
  const first = await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await once();
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), projects: first.projects.length };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export async function benchPdf() {
  const poppler = pdftotextMs(5);
  const cli = await benchCli([SEED_PDF], 3);
  const read = await readMs(SEED_PDF, 3);
  if (read.projects !== 7) throw new Error(`bench: the seed PDF reads as ${read.projects} projects, not 7`);
  return {
    file: 'test/fixtures/renderings/seed.chromium.pdf',
    pdftotextLayoutMs: poppler === null ? null : round(poppler, 1),
    cliWallMs: cli.wallMs,
    cliPeakRssMb: cli.peakRssMb,
    readInProcessMs: round(read.ms, 1),
    ratioCliToPdftotext: poppler === null ? null : round(cli.wallMs / poppler),
    ratioReadToPdftotext: poppler === null ? null : round(read.ms / poppler),
  };
}

export async function benchDocx() {
  const read = await readMs(SEED_DOCX, 5);
  if (read.projects !== 7) throw new Error(`bench: the seed's Word file reads as ${read.projects} projects, not 7`);
  return { file: 'test/fixtures/renderings/seed.docx', readInProcessMs: round(read.ms, 1) };
}
