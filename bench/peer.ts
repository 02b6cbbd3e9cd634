// The core against marked's lexer, each measured in a process of its own (bench/drivers/peer.ts)
// and the target judged on the median of the processes' ratios. In one process the ratio holds
// within a few percent; between processes running the same code it moved from 0.83 to 1.12
// (marked alone from 10.2 to 16.4 ms): which functions V8 optimises how, and where the heap
// lies, is settled per process. One process's figure is a draw from that spread.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './profile.js';
import { median } from './stats.js';

const DRIVER = join(ROOT, 'bench', 'drivers', 'peer.ts');

export interface PeerProcess {
  coreMs: number;
  peerMs: number;
  coreWallMs: number;
  peerWallMs: number;
  samples: number;
  /** The core's CPU ms per read in each warm-up block of 50 reads. */
  warmup: number[];
}

function runDriver(): PeerProcess {
  const r = spawnSync(process.execPath, ['--import', 'tsx', DRIVER], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.error || r.status !== 0) throw new Error(`bench: ${DRIVER} failed (${r.status}): ${r.error?.message ?? r.stderr.trim()}`);
  return JSON.parse(r.stdout) as PeerProcess;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** `count` processes, one after another; each process's medians and ratios, and their medians. */
export function benchPeer(count: number, log: (s: string) => void) {
  const runs: PeerProcess[] = [];
  for (let i = 0; i < count; i++) {
    runs.push(runDriver());
    const last = runs[runs.length - 1]!;
    log(`  process ${i + 1}/${count}: core ${last.coreMs.toFixed(2)} ms, marked ${last.peerMs.toFixed(2)} ms (CPU), ratio ${(last.peerMs / last.coreMs).toFixed(3)}`);
  }
  const ratios = runs.map((r) => r.peerMs / r.coreMs);
  const wallRatios = runs.map((r) => r.peerWallMs / r.coreWallMs);
  return {
    coreMs: median(runs.map((r) => r.coreMs)),
    coreWallMs: median(runs.map((r) => r.coreWallMs)),
    peerMs: median(runs.map((r) => r.peerMs)),
    peerWallMs: median(runs.map((r) => r.peerWallMs)),
    ratio: median(ratios),
    wallRatio: median(wallRatios),
    processes: runs.map((r, i) => ({
      coreMs: round(r.coreMs),
      peerMs: round(r.peerMs),
      ratio: round(ratios[i]!, 3),
      wallRatio: round(wallRatios[i]!, 3),
      warmupReads: r.warmup.length * 50,
    })),
    /** The first process's warm-up, to show it. */
    warmup: runs[0]!.warmup,
    samplesPerProcess: runs[0]!.samples,
  };
}
