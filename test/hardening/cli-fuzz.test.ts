// The built CLI on fuzzed files, on a 10 MB line, and on files over the size limit: exit 0 or 2,
// stderr one line without a stack trace, and bounded time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../pipeline/helpers.js';
import { emptyFigures, record, runOne } from './fuzz-run.js';
import { FUZZ_RUNS, FUZZ_SEED } from './fuzz-shard.js';
import { applyPlan, describePlan, planArb, ROOT, SEED_LINES, SEED_TEXT } from './mutate.js';

const BIN = join(ROOT, 'pipeline/bin/conciliazione.mjs');
let dir: string;

function cli(args: string[], timeout = 60_000) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

function expectCleanExit(r: ReturnType<typeof cli>, what: string) {
  expect(r.signal, `${what}: killed (timeout)`).toBeNull();
  expect([0, 2], `${what}: exit ${r.status}, stderr ${r.stderr}`).toContain(r.status);
  expect(r.stderr, what).not.toMatch(/^\s+at /m);
  if (r.status === 2) {
    expect(r.stderr.trimEnd().split('\n'), what).toHaveLength(1);
    expect(r.stderr, what).toMatch(/^conciliazione: .+/);
  }
}

beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'conciliazione-cli-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the built CLI on fuzzed annexes', () => {
  it('exits 0 or 2 with one clean line on 20 mutated files', () => {
    const plans = fc.sample(planArb, { seed: FUZZ_SEED, numRuns: FUZZ_RUNS });
    // Every 100th plan: a spread over the kinds of mutation, the same each run.
    const picked = plans.filter((_, i) => i % 100 === 7).slice(0, 20);
    expect(picked).toHaveLength(20);
    const statuses: number[] = [];
    picked.forEach((plan, k) => {
      const file = join(dir, `cli-${k}.md`);
      writeFileSync(file, applyPlan(plan));
      const r = cli(['--quiet', '--out', join(dir, `out-${k}`), file]);
      expectCleanExit(r, describePlan(plan));
      statuses.push(r.status!);
    });
    console.log(`[cli fuzz] 20 files: exit 0 x${statuses.filter((s) => s === 0).length}, exit 2 x${statuses.filter((s) => s === 2).length}`);
  }, 180_000);
});

describe('a single 10 MB line', () => {
  const mid = Math.floor(SEED_LINES.length / 2);
  const kinds: [string, string][] = [
    ['plain text', 'x'],
    ['table cells with amounts', '€ 1.234,56\tA. Costi\t'],
  ];
  for (const [name, unit] of kinds) {
    it(`in the middle of the seed (${name}) is read in bounded time`, () => {
      const line = unit.repeat(Math.ceil(10_000_000 / unit.length));
      const bytes = new TextEncoder().encode([...SEED_LINES.slice(0, mid), line, ...SEED_LINES.slice(mid)].join('\n'));
      const fig = emptyFigures();
      const outcome = runOne(bytes, `huge-${name}.md`);
      record(fig, outcome, name, 60_000);
      console.log(`[10 MB line, ${name}] ${outcome.kind} in ${Math.round(outcome.ms)} ms`);
      expect(outcome.kind === 'crash' ? outcome.error : '').toBe('');
      expect(fig.timeouts).toBe(0);
    }, 180_000);
  }
});

describe('the input size limit', () => {
  it('refuses a file over --max-input-mb with exit 2 and one line naming the file, writing nothing', () => {
    const big = join(dir, 'big.md');
    writeFileSync(big, SEED_TEXT.repeat(5)); // ~1.3 MB
    const out = join(dir, 'limit-out');
    const r = cli(['--quiet', '--lang', 'en', '--max-input-mb', '1', '--out', out, big]);
    expectCleanExit(r, 'over the limit');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/big\.md: the file is 1\.\d MB, over the 1 MB limit/);
    expect(readdirSync(dir)).not.toContain('limit-out');
    // Under a limit large enough, the same file is read.
    expect(cli(['--quiet', '--max-input-mb', '2', '--out', out, big]).status).toBe(0);
  }, 120_000);

  it('refuses a limit that is not a positive number', () => {
    for (const bad of ['0', '-1', 'lots']) {
      const r = cli(['--quiet', '--max-input-mb', bad, join(ROOT, 'seeds')]);
      expect(r.status, bad).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('names the option in --help', () => {
    expect(cli(['--help']).stdout).toMatch(/--max-input-mb <mb>/);
  });
});
