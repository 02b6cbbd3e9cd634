// The whole CLI as a user runs it: a fresh node process on the built launcher
// (pipeline/bin/conciliazione.mjs), writing every output. Wall time is measured around the
// process; peak memory is the child's own maxRSS, reported by bench/rss-wrapper.mjs at exit.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'pipeline', 'bin', 'conciliazione.mjs');
const WRAPPER = join(ROOT, 'bench', 'rss-wrapper.mjs');

export interface CliRun {
  wallMs: number;
  peakRssMb: number;
}

function once(inputs: string[], work: string): Promise<CliRun & { files: string[] }> {
  const out = join(work, 'out');
  const rssFile = join(work, 'rss');
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [WRAPPER, rssFile, CLI, '--quiet', '--out', out, ...inputs], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      if (code !== 0) return reject(new Error(`bench: the CLI exited with ${code}: ${stderr.trim()}`));
      const rss = Number(readFileSync(rssFile, 'utf8'));
      resolvePromise({ wallMs, peakRssMb: rss / (1024 * 1024), files: readdirSync(out).sort() });
    });
  });
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Median of `runs` runs (after one thrown-away run that warms the disk cache). */
export async function benchCli(inputs: string[], runs: number, warmup = 1): Promise<CliRun & { runs: number; outputs: string[] }> {
  const work = mkdtempSync(join(tmpdir(), 'conciliazione-cli-'));
  try {
    for (let i = 0; i < warmup; i++) await once(inputs, work);
    const samples: (CliRun & { files: string[] })[] = [];
    for (let i = 0; i < runs; i++) samples.push(await once(inputs, work));
    const outputs = samples[0]!.files;
    if (!outputs.includes('annex.json') || !outputs.includes('annex.xlsx')) {
      throw new Error(`bench: the CLI did not write every output (${outputs.join(', ')})`);
    }
    return {
      wallMs: round(median(samples.map((s) => s.wallMs)), 0),
      peakRssMb: round(median(samples.map((s) => s.peakRssMb))),
      runs,
      outputs,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
