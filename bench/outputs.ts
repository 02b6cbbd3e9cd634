// The CLI as a user starts it, against the floor of any Node program (`node -e 0`) and against
// poppler's `pdftotext -layout` on the seed's PDF (a reader of the same annex that writes only
// text; the CLI on that PDF is in pdf.ts); and what each output costs: the run with every output against the run without it
// (--formats), and each output alone. Every configuration is run once per round, round after
// round, so that a busy machine's drift hits all alike; medians after a warm-up round.
// Wall time is what a user waits; CPU time (user + system, from /usr/bin/time where present) is
// what the program spends, and holds steadier than wall time on a shared, busy machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED } from './annex-copies.js';
import { SEED_PDF } from './pdf.js';
import { ROOT } from './profile.js';
import { median } from './stats.js';

const CLI = join(ROOT, 'pipeline', 'bin', 'conciliazione.mjs');
const FORMATS = ['csv', 'json', 'xlsx', 'report'] as const;
const TIME = '/usr/bin/time';

const round = (x: number, d = 0) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

export interface Sample {
  wallMs: number;
  /** User + system CPU time of the process; NaN without /usr/bin/time. */
  cpuMs: number;
  /** Peak resident set size of the process (MB); NaN without /usr/bin/time. */
  peakRssMb: number;
}

/** One process, timed: wall clock around it, and its CPU time as /usr/bin/time reports it. */
export function timed(cmd: string, args: string[], work: string): Sample {
  const withTime = existsSync(TIME);
  const cpuFile = join(work, 'cpu-time');
  const [file, argv] = withTime ? [TIME, ['-o', cpuFile, '-f', '%U %S %M', cmd, ...args]] : [cmd, args];
  const start = performance.now();
  const r = spawnSync(file, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const wallMs = performance.now() - start;
  if (r.error || r.status !== 0) throw new Error(`bench: ${cmd} ${args.join(' ')} failed (${r.status}): ${String(r.stderr ?? r.error).trim()}`);
  let cpuMs = NaN;
  let peakRssMb = NaN;
  if (withTime) {
    const [user, sys, kb] = readFileSync(cpuFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    cpuMs = (user! + sys!) * 1000;
    peakRssMb = kb! / 1024;
  }
  return { wallMs, cpuMs, peakRssMb };
}

function hasPdftotext(): boolean {
  return !spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error;
}

type Measure = { wall: number | null; cpu: number | null };

export interface StartupBench {
  /** Medians in ms. */
  node: Measure;
  cliSeed: Measure;
  pdftotext: Measure | null;
  /** CLI on the seed (every output) / node -e 0. */
  ratioToNode: Measure;
  /** CLI on the seed (every output) / pdftotext -layout on the seed's PDF. */
  ratioToPdftotext: Measure | null;
  /** Each output's cost: the run with every output minus the run without it (ms). */
  outputCost: Record<string, Measure>;
  /** Each output alone (ms). */
  alone: Record<string, Measure>;
  fastest: { formats: string; ms: Measure; ratioToNode: Measure; ratioToPdftotext: Measure | null };
  rounds: number;
}

export function benchStartup(rounds = 5): StartupBench {
  const work = mkdtempSync(join(tmpdir(), 'conciliazione-startup-'));
  const poppler = hasPdftotext();
  const cli = (name: string, args: string[]): [string, () => Sample] => [name, () => timed(process.execPath, [CLI, '-q', '-o', join(work, name.replace(/\W/g, '-')), ...args], work)];
  const configs: [string, () => Sample][] = [
    ['node', () => timed(process.execPath, ['-e', '0'], work)],
    cli('all', [SEED]),
    ...(poppler ? [['pdftotext', () => timed('pdftotext', ['-layout', SEED_PDF, join(work, 'seed.txt')], work)] as [string, () => Sample]] : []),
    ...FORMATS.map((f) => cli(`only:${f}`, ['-f', f, SEED])),
    ...FORMATS.map((f) => cli(`without:${f}`, ['-f', FORMATS.filter((g) => g !== f).join(','), SEED])),
  ];
  try {
    const samples = new Map<string, Sample[]>(configs.map(([k]) => [k, []]));
    for (let i = 0; i <= rounds; i++) {
      for (const [k, fn] of configs) {
        const s = fn();
        if (i > 0) samples.get(k)!.push(s);
      }
    }
    const wall = (k: string) => median(samples.get(k)!.map((s) => s.wallMs));
    const cpu = (k: string) => median(samples.get(k)!.map((s) => s.cpuMs));
    const m = (k: string): Measure => ({ wall: round(wall(k)), cpu: round(cpu(k)) });
    const ratio = (a: string, b: string): Measure => ({ wall: round(wall(a) / wall(b), 2), cpu: round(cpu(a) / cpu(b), 2) });
    const diff = (a: string, b: string): Measure => ({ wall: round(wall(a) - wall(b)), cpu: round(cpu(a) - cpu(b)) });
    // Fastest by CPU time where measured (steadier), else by wall time.
    const key = (f: string) => (Number.isFinite(cpu(`only:${f}`)) ? cpu(`only:${f}`) : wall(`only:${f}`));
    const fastest = [...FORMATS].sort((a, b) => key(a) - key(b))[0]!;
    return {
      node: m('node'),
      cliSeed: m('all'),
      pdftotext: poppler ? m('pdftotext') : null,
      ratioToNode: ratio('all', 'node'),
      ratioToPdftotext: poppler ? ratio('all', 'pdftotext') : null,
      outputCost: Object.fromEntries(FORMATS.map((f) => [f, diff('all', `without:${f}`)])),
      alone: Object.fromEntries(FORMATS.map((f) => [f, m(`only:${f}`)])),
      fastest: {
        formats: fastest,
        ms: m(`only:${fastest}`),
        ratioToNode: ratio(`only:${fastest}`, 'node'),
        ratioToPdftotext: poppler ? ratio(`only:${fastest}`, 'pdftotext') : null,
      },
      rounds,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
