// The core against its peer (marked's lexer) on the seed, in a process of its own: prints one
// JSON object (bench/peer.ts reads it). bench/run.ts starts several of these, because the ratio
// moves between processes (by up to 15%, the same code minutes apart) more than within one.
//
// Every timed core run is a first read: nothing is remembered by content, and what a document's
// reading cleans goes with the document. Each sample is timed by the wall clock and by the
// process's CPU time (user + system, every thread: the collector's too); on a shared machine the
// CPU time holds steadier, and the target is judged on it.
import { marked } from 'marked';
import { seedBytes } from '../annex-copies.js';
import { bundledCore } from '../core-bundle.js';
import { median } from '../stats.js';

const bytes = seedBytes();
const text = new TextDecoder().decode(bytes);
// Timed as the CLI ships it (bench/core-bundle.ts); bench/run.ts checks it reads as the sources.
const shipped = await bundledCore();
const core = () => void shipped.readAnnex(bytes, 'seed.md', shipped.DEFAULT_PROFILE);
const peer = () => void marked.lexer(text);

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Reads both until the core's time per read stops falling. V8 goes on compiling the core's many
 * functions (on a background thread, whose CPU time counts here) for several hundred reads, where
 * marked's lexer is compiled within a few dozen: timed earlier, the ratio measures the compiler as
 * much as the reader. Returns the core's CPU time per read in each block, to show the warm-up.
 */
function warmUp(block = 50, minBlocks = 20, maxBlocks = 40): number[] {
  const perRead: number[] = [];
  for (let b = 0; b < maxBlocks; b++) {
    const cpu0 = cpuNow();
    for (let i = 0; i < block; i++) core();
    perRead.push((cpuNow() - cpu0) / block);
    for (let i = 0; i < block; i++) peer();
    // Settled: the last five blocks no faster than the best before them (within 2%).
    if (b + 1 >= minBlocks && Math.min(...perRead.slice(-5)) >= 0.98 * Math.min(...perRead.slice(0, -5))) break;
  }
  return perRead;
}

/** One sample: `fn` repeated for at least minMs of CPU time; ms per call, by each clock. */
function sample(fn: () => void, minMs = 300): { wall: number; cpu: number } {
  const wall0 = performance.now();
  const cpu0 = cpuNow();
  let reps = 0;
  do {
    fn();
    reps++;
  } while (cpuNow() - cpu0 < minMs);
  return { wall: (performance.now() - wall0) / reps, cpu: (cpuNow() - cpu0) / reps };
}

const warmup = warmUp();
// Interleaved, so that drift within the process hits both alike.
const coreSamples: { wall: number; cpu: number }[] = [];
const peerSamples: { wall: number; cpu: number }[] = [];
for (let round = 0; round < 9; round++) {
  coreSamples.push(sample(core));
  peerSamples.push(sample(peer));
}
process.stdout.write(
  JSON.stringify({
    coreMs: median(coreSamples.map((x) => x.cpu)),
    peerMs: median(peerSamples.map((x) => x.cpu)),
    coreWallMs: median(coreSamples.map((x) => x.wall)),
    peerWallMs: median(peerSamples.map((x) => x.wall)),
    samples: coreSamples.length,
    warmup,
  }),
);
