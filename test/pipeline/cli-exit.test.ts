// Issue 13: --version, --debug for a bug of ours, and a process that ends by itself (the CLI sets
// process.exitCode instead of calling process.exit, so a handle left open would hang it).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ROOT, scratch, SEED, SEED_TEXT, writeVariant } from './helpers.js';

const BIN = join(ROOT, 'pipeline/bin/conciliazione.mjs');
const PDF = join(ROOT, 'test/fixtures/agencies/ats-brescia-2023.writer.pdf');

// A bug planted from outside the product: writing the run's summary line throws a TypeError,
// as a slip in main() would. Loaded before the CLI with node's --import.
const BUG_ON_SUMMARY = `data:text/javascript,${encodeURIComponent(
  'const write = process.stdout.write.bind(process.stdout);' +
    'process.stdout.write = (c, ...r) => { if (String(c).startsWith("conciliazione:")) throw new TypeError("summary.findings is undefined"); return write(c, ...r); };',
)}`;

interface Ran {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The built CLI, killed after 30 s: a run that has not ended by then kept a handle open. */
function run(args: string[], { input, preload }: { input?: string; preload?: string } = {}): Ran {
  const node = preload ? ['--import', preload] : [];
  const r = spawnSync(process.execPath, [...node, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  buildCli();
  dir = scratch('cli-exit');
});

describe('--version', () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

  for (const flag of ['--version', '-V']) {
    it(`${flag} prints package.json's version and exits 0 without reading anything`, () => {
      const r = run([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
      expect(r.stderr).toBe('');
    });
  }

  it('is listed in --help with --debug', () => {
    const r = run(['--help']);
    expect(r.stdout).toMatch(/-V, --version/);
    expect(r.stdout).toMatch(/--debug/);
  });
});

describe('a bug of ours: exit 70', () => {
  it('without --debug: one line that calls it internal and points to --debug, no stack', () => {
    const r = run(['seeds/', '-o', join(dir, 'bug')], { preload: BUG_ON_SUMMARY });
    expect(r.status).toBe(70);
    expect(r.stderr).toBe(
      'conciliazione: internal error (a bug of ours): summary.findings is undefined; run again with --debug to see where it happened\n',
    );
  });

  it('with --debug: the error and its stack, down to the CLI frame that threw', () => {
    const r = run(['--debug', 'seeds/', '-o', join(dir, 'bug-debug')], { preload: BUG_ON_SUMMARY });
    expect(r.status).toBe(70);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('conciliazione: internal error (a bug of ours, please report it with what follows):');
    expect(lines[1]).toBe('TypeError: summary.findings is undefined');
    expect(lines.slice(2).some((l) => /^\s+at main \(.*dist\/pipeline\/cli\.mjs:\d+:\d+\)$/.test(l)), r.stderr).toBe(true);
  });
});

describe('the user\'s mistakes stay one line, --debug or not', () => {
  it('a text without projects names the file and line, exit 2', () => {
    const file = writeVariant(dir, 'no-projects.md', 'Allegato 1\n\nNessun progetto in questo testo.\n');
    for (const debug of [[], ['--debug']]) {
      const r = run([...debug, file, '-o', join(dir, 'none')]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^conciliazione: \S*no-projects\.md(:\d+)?: [^\n]+\n$/);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });

  it('a bad option under --debug, exit 2', () => {
    const r = run(['--debug', '--lang', 'xx', SEED, '-o', join(dir, 'bad-option')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('the process ends by itself, with the exit code set', () => {
  it('after reading a PDF (pdf.js loaded)', () => {
    const r = run(['-q', PDF, '-o', join(dir, 'pdf')]);
    expect(r.signal).toBeNull();
    expect(r.status, r.stderr).toBe(0);
  });

  it('after reading standard input, and after refusing it over the size limit', () => {
    const ok = run(['-q', '-', '-o', join(dir, 'stdin')], { input: SEED_TEXT });
    expect([ok.signal, ok.status]).toEqual([null, 0]);
    const big = run(['-q', '--lang', 'en', '--max-input-mb', '0.1', '-', '-o', join(dir, 'stdin-big')], { input: SEED_TEXT });
    expect([big.signal, big.status]).toEqual([null, 2]);
    expect(big.stderr).toMatch(/^conciliazione: stdin: standard input is over the 0\.1 MB limit/);
  });

  it('under --strict with error findings: exit 1', () => {
    const file = writeVariant(dir, 'broken.md', SEED_TEXT.replace('€ 31.500,00', '€ 12,3,4'));
    const r = run(['-q', '--strict', file, '-o', join(dir, 'strict')]);
    expect([r.signal, r.status]).toEqual([null, 1]);
  });
});

describe('the launcher', () => {
  it('says how to build the CLI when the bundle is missing: exit 2, one line', () => {
    // A copy of the launcher two folders down a tree that has no dist/.
    const bin = join(dir, 'unbuilt', 'pipeline', 'bin');
    mkdirSync(bin, { recursive: true });
    copyFileSync(BIN, join(bin, 'conciliazione.mjs'));
    const r = spawnSync(process.execPath, [join(bin, 'conciliazione.mjs'), '--version'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('conciliazione: the CLI is not built yet; run `npm run build:cli` first\n');
    expect(r.stdout).toBe('');
  });
});
