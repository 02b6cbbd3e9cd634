// Issue 11, point 3: every input is read through a byte counter, so --max-input-mb holds for
// pipes and devices as for files; anything that is not a regular file is refused (exit 2) unless
// named "-" (standard input, read through the same counter); a named pipe never hangs the run.
// Before: /dev/zero was read until memory ran out (2.9 GB after 6 s), a FIFO hung forever, and
// "-" was "no such file".
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, readCsv } from '../pipeline/helpers.js';
import { ROOT, SEED_FILE, SEED_TEXT } from './mutate.js';

const BIN = join(ROOT, 'pipeline/bin/conciliazione.mjs');
const isLinux = process.platform === 'linux';
let dir: string;

function cli(args: string[], options: SpawnSyncOptions = {}) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, '--quiet', '--lang', 'en', ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000, ...options });
  return { status: r.status, signal: r.signal, stderr: String(r.stderr ?? ''), ms: Date.now() - started };
}

beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'conciliazione-inputs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(isLinux)('devices and pipes', () => {
  it('/dev/zero is refused at once, exit 2, with what to do instead', () => {
    const r = cli(['--out', join(dir, 'out-zero'), '/dev/zero']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^conciliazione: \/dev\/zero: a device, not an annex file: .*"-" to read standard input/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.ms).toBeLessThan(20_000);
    expect(existsSync(join(dir, 'out-zero'))).toBe(false);
  });

  it('a symbolic link to /dev/zero, and /dev/zero inside a folder of annexes, are refused too', () => {
    const link = join(dir, 'zero.md');
    symlinkSync('/dev/zero', link);
    expect(cli(['--out', join(dir, 'out-link'), link]).stderr).toMatch(/zero\.md: a device/);
    const folder = join(dir, 'folder');
    spawnSync('mkdir', [folder]);
    symlinkSync('/dev/zero', join(folder, 'annex.md'));
    const r = cli(['--out', join(dir, 'out-folder'), folder]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/annex\.md: a device/);
  });

  it('a named pipe is refused without waiting for a writer', () => {
    const fifo = join(dir, 'pipe.md');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = cli(['--out', join(dir, 'out-fifo'), fifo], { timeout: 20_000 });
    expect(r.signal, 'the run hung on the pipe').toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/pipe\.md: a named pipe, not an annex file/);
  });

  it('standard input from /dev/zero stops at the limit: exit 2, memory never near the stream', () => {
    const zero = openSync('/dev/zero', 'r');
    try {
      const r = cli(['--max-input-mb', '1', '--out', join(dir, 'out-stdin-zero'), '-'], { stdio: [zero, 'pipe', 'pipe'] });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^conciliazione: stdin: standard input is over the 1 MB limit/);
      expect(r.ms).toBeLessThan(20_000);
    } finally {
      closeSync(zero);
    }
  });
});

describe('standard input', () => {
  it('"-" reads the annex from a pipe and names it stdin', () => {
    const out = join(dir, 'out-stdin');
    const r = cli(['--out', out, '-'], { input: SEED_TEXT });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const projects = readCsv(out, 'projects.csv');
    expect(projects).toHaveLength(7);
    expect(new Set(projects.map((p) => p.annex_file))).toEqual(new Set(['stdin']));
  });

  it('a pipe over --max-input-mb is refused at the limit, whatever it says its size is', () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    const r = cli(['--max-input-mb', '2', '--out', join(dir, 'out-stdin-big'), '-'], { input: big });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/over the 2 MB limit/);
  });

  it('a file over the limit is still refused before it is read, and one under it is read', () => {
    const big = join(dir, 'big.md');
    writeFileSync(big, SEED_TEXT + 'x'.repeat(1024 * 1024));
    const r = cli(['--max-input-mb', '1', '--out', join(dir, 'out-big'), big]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/big\.md: the file is 1\.2 MB, over the 1 MB limit/);
    expect(cli(['--max-input-mb', '1', '--out', join(dir, 'out-seed'), SEED_FILE]).status).toBe(0);
  });
});
