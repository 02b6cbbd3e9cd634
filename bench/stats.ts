// Small statistics for benchmark series: medians and the exponent of a power-law fit.

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Least-squares slope of log(time) over log(size): 1 means linear scaling. */
export function fittedExponent(points: readonly { size: number; ms: number }[]): number {
  const xs = points.map((p) => Math.log(p.size));
  const ys = points.map((p) => Math.log(Math.max(p.ms, 1e-6)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return Math.round((num / den) * 1000) / 1000;
}

/** Median wall time of fn over runs, after warm-up runs that are thrown away. */
export function timeIt(fn: () => void, opts: { warmup?: number; runs?: number; minMs?: number } = {}): number {
  const { warmup = 2, runs = 7, minMs = 0 } = opts;
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Very short operations are repeated inside one sample so the timer's grain does not dominate.
    let reps = 0;
    const start = performance.now();
    let elapsed: number;
    do {
      fn();
      reps++;
      elapsed = performance.now() - start;
    } while (elapsed < minMs);
    samples.push(elapsed / reps);
  }
  return median(samples);
}
