// The fuzz suite, split into shards so that vitest runs them in parallel forks. Every shard
// draws the same FUZZ_RUNS plans from FUZZ_SEED and takes every SHARDS-th of them: a failure
// names its index, and `fc.sample(planArb, { seed: FUZZ_SEED, numRuns: FUZZ_RUNS })[index]`
// rebuilds the input.
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { writeWorkbook } from '../../pipeline/workbook/index.js';
import { emptyFigures, record, runOne } from './fuzz-run.js';
import { applyPlan, describePlan, planArb } from './mutate.js';

export const FUZZ_SEED = 20_200_917;
export const FUZZ_RUNS = 2_000;
const SHARDS = 2;
/** Per-input bound for readAnnex and every output builder (the seed whole takes ~0.3 s). */
const BOUND_MS = 3_000;
/** Every n-th successful input also goes through the (slow) XLSX writer: 50 over the suite. */
const XLSX_EVERY = 30;

export function fuzzShard(shard: number): void {
  it(`shard ${shard + 1}/${SHARDS}: ${FUZZ_RUNS / SHARDS} mutated annexes end in outputs or a clear error, in bounded time`, async () => {
    const plans = fc.sample(planArb, { seed: FUZZ_SEED, numRuns: FUZZ_RUNS });
    const fig = emptyFigures();
    const crashes: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'conciliazione-fuzz-'));
    let xlsx = 0;
    let okSeen = 0;
    try {
      for (let i = shard; i < plans.length; i += SHARDS) {
        const plan = plans[i]!;
        const what = `#${i} (${describePlan(plan)})`;
        const outcome = runOne(applyPlan(plan), `fuzz-${i}.md`);
        record(fig, outcome, what, BOUND_MS);
        if (outcome.kind === 'crash' && crashes.length < 5) crashes.push(`${what}: ${outcome.error}\nplan: ${JSON.stringify(plan)}`);
        if (outcome.kind === 'ok' && okSeen++ % XLSX_EVERY === 0) {
          try {
            await writeWorkbook(outcome.json, join(dir, `fuzz-${i}.xlsx`), { lang: 'it', profile: DEFAULT_PROFILE });
            xlsx++;
          } catch (e) {
            fig.crashes++;
            if (crashes.length < 5) crashes.push(`${what} (xlsx): ${e instanceof Error ? e.stack : String(e)}`);
          }
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(
      `[fuzz shard ${shard + 1}/${SHARDS}] ${JSON.stringify({ seed: FUZZ_SEED, ...fig, xlsxWritten: xlsx, boundMs: BOUND_MS })}`,
    );
    expect(crashes, crashes.join('\n\n')).toEqual([]);
    expect(fig.crashes).toBe(0);
    expect(fig.timeouts, `slowest ${fig.slowest}: ${fig.slowestMs} ms`).toBe(0);
    expect(fig.inputs).toBe(FUZZ_RUNS / SHARDS);
    // The plans must mostly reach the rules, not stop at the door.
    expect(fig.ok).toBeGreaterThan(fig.inputs / 2);
  }, 240_000);
}
