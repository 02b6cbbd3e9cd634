// Issue 11, point 4: cost linear in the input on every structure, output a small multiple of
// it. Before: 10,000 one-line project headers (0.37 MB) took 47 s and 2.6 GB and wrote 114 MB
// (64 MB of JSON); 100,000 ended in "Invalid string length" (exit 70); an HTML table with one
// row per line was quadratic (2.1 MB: 14 s); a table of contents was looked up by scanning it
// once per project.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FINDINGS_PER_RULE } from '../../pipeline/annex/read-annex.js';
import { OUTPUT_ALLOWANCE, OUTPUT_FACTOR } from '../../pipeline/run.js';
import { annexOf, buildCli } from '../pipeline/helpers.js';
import { htmlTableOneRowPerLine, tinyHeaders, tocAndProjects } from './attacks.js';
import { ROOT, SEED_FILE } from './mutate.js';

const BIN = join(ROOT, 'pipeline/bin/conciliazione.mjs');
let dir: string;

function cli(args: string[]) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, '--quiet', '--lang', 'en', ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stderr: r.stderr, ms: Date.now() - started };
}

function folderBytes(folder: string): number {
  return readdirSync(folder).reduce((n, name) => n + statSync(join(folder, name)).size, 0);
}

function timed<T>(what: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = what();
  return { value, ms: performance.now() - started };
}

beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'conciliazione-blowups-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('project headers by the thousand', () => {
  it('10,000 one-line projects are refused in seconds, exit 2, and the previous outputs stay', () => {
    const out = join(dir, 'out-tiny');
    expect(cli(['--out', out, SEED_FILE]).status).toBe(0);
    const before = readFileSync(join(out, 'annex.json'));
    const file = join(dir, 'tiny-10k.md');
    writeFileSync(file, tinyHeaders(10_000));
    const r = cli(['--out', out, file]);
    console.log(`[blowups] 10,000 headers (${(statSync(file).size / 1e6).toFixed(2)} MB): exit ${r.status} in ${r.ms} ms`);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^conciliazione: tiny-10k\.md:1: 10000 project headers in \d+ characters: .*does not look like an annex/);
    expect(r.ms).toBeLessThan(60_000);
    expect(readFileSync(join(out, 'annex.json')).equals(before)).toBe(true);
  }, 180_000);

  it('100,000 are refused the same way, never with an internal error', () => {
    const file = join(dir, 'tiny-100k.md');
    writeFileSync(file, tinyHeaders(100_000));
    const r = cli(['--out', join(dir, 'out-tiny-100k'), file]);
    console.log(`[blowups] 100,000 headers (${(statSync(file).size / 1e6).toFixed(2)} MB): exit ${r.status} in ${r.ms} ms`);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/internal error|Invalid string length/);
    expect(existsSync(join(dir, 'out-tiny-100k'))).toBe(false);
  }, 180_000);

  it('projects that are a header and a paragraph each, listed in a table of contents: linear, then refused for their outputs', () => {
    // Each project is found in the table of contents by a map, not by a scan of it.
    const text = tocAndProjects(8000);
    const { value: annex, ms } = timed(() => annexOf(text));
    console.log(`[blowups] table of contents and 8,000 projects (${(text.length / 1e6).toFixed(2)} MB) read in ${ms.toFixed(0)} ms`);
    expect(annex.projects).toHaveLength(8000);
    expect(ms).toBeLessThan(30_000);
    // Their records would be ~8 times the input: over the bound, refused before anything is written.
    const file = join(dir, 'toc-4000.md');
    writeFileSync(file, tocAndProjects(4000));
    const r = cli(['--out', join(dir, 'out-toc'), file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`toc-4000\\.md: the records of 4000 projects would be over \\d+ MB \\(${OUTPUT_FACTOR} times`));
    expect(existsSync(join(dir, 'out-toc'))).toBe(false);
  }, 180_000);
});

describe('an HTML table with one row per line', () => {
  it('100,000 rows (4.6 MB) are read in seconds: each row finds its line by bisection', () => {
    const text = htmlTableOneRowPerLine(100_000);
    const { value: annex, ms } = timed(() => annexOf(text));
    console.log(`[blowups] HTML table, 100,000 rows (${(text.length / 1e6).toFixed(1)} MB) read in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(20_000);
    // Every row is reported, but each rule lists at most MAX_FINDINGS_PER_RULE, then counts the rest.
    const p = annex.projects[0]!;
    const byRule = new Map<string, number>();
    for (const f of p.findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    for (const [rule, n] of byRule) expect(n, rule).toBeLessThanOrEqual(MAX_FINDINGS_PER_RULE + 1);
    const more = p.findings.flatMap((f) => (f.rule === 'findings-capped' ? [f] : []))[0];
    expect(more?.message.en).toMatch(/more .* findings like the ones above/);
    expect(more!.data.count).toBeGreaterThan(90_000);
  }, 120_000);

  it('its outputs stay a small multiple of the input', () => {
    const file = join(dir, 'html.md');
    writeFileSync(file, htmlTableOneRowPerLine(20_000));
    const out = join(dir, 'out-html');
    const r = cli(['--out', out, file]);
    expect(r.status).toBe(0);
    const input = statSync(file).size;
    const written = folderBytes(out);
    console.log(`[blowups] HTML table, 20,000 rows: ${(input / 1e6).toFixed(2)} MB in, ${(written / 1e6).toFixed(2)} MB out, ${r.ms} ms`);
    // The bound the run enforces is on the records (compact JSON): OUTPUT_ALLOWANCE + OUTPUT_FACTOR x input.
    // Every output is at most a few times the records.
    expect(written).toBeLessThan(4 * (OUTPUT_ALLOWANCE + OUTPUT_FACTOR * input));
    expect(written).toBeLessThan(12 * input + 4 * OUTPUT_ALLOWANCE);
  }, 120_000);

  it('the seed is far inside the bound', () => {
    const out = join(dir, 'out-seed');
    expect(cli(['--out', out, SEED_FILE]).status).toBe(0);
    expect(folderBytes(out)).toBeLessThan(5 * statSync(SEED_FILE).size);
  }, 60_000);
});
