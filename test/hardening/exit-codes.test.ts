// Issue 11, point 6: exit 2, with a message that says what to do, for every error the user can
// act on; exit 70 only for a bug of ours; out/ replaced only once everything before the swap has
// succeeded, and restored by the next run of any kind. Before: an unreadable folder ended in
// "internal error" (exit 70), and the outputs a run killed between its two renames had retired
// came back only with the next successful run.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, readdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../pipeline/errors.js';
import { MANIFEST } from '../../pipeline/out-folder.js';
import { run } from '../../pipeline/run.js';
import { buildCli } from '../pipeline/helpers.js';
import { ROOT, SEED_FILE, SEED_TEXT } from './mutate.js';

const BIN = join(ROOT, 'pipeline/bin/conciliazione.mjs');
const isPosix = process.platform !== 'win32';
// Root reads every file whatever its mode: permission cases run the CLI as nobody instead.
const unprivileged: SpawnSyncOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
let dir: string;

function cli(args: string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [BIN, '--quiet', '--lang', 'en', ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, ...options });
  return { status: r.status, stderr: String(r.stderr ?? '') };
}

function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l !== '');
  expect(lines, stderr).toHaveLength(1);
  return lines[0]!;
}

/** A pid no process has now: the run that made a leftover folder is over. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

/** The folder a run killed between its two renames leaves: the previous outputs, retired. */
function retire(out: string): string {
  const retired = join(dir, `.${out}.old-${deadPid()}-${Date.now()}`);
  mkdirSync(retired);
  writeFileSync(join(retired, MANIFEST), JSON.stringify({ generator: 'conciliazione', files: ['annex.json'] }));
  writeFileSync(join(retired, 'annex.json'), '{"previous":true}\n');
  return retired;
}

beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'conciliazione-exit-'));
  chmodSync(dir, 0o777);
  writeFileSync(join(dir, 'seed.md'), SEED_TEXT);
  chmodSync(join(dir, 'seed.md'), 0o644);
});
afterAll(() => {
  for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o777);
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(isPosix)('user errors: exit 2 and what to do', () => {
  it('an unreadable folder of annexes', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'a.md'), SEED_TEXT);
    chmodSync(locked, 0o000);
    const r = cli(['--out', 'out-locked', 'locked'], unprivileged);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe('conciliazione: locked: cannot list the folder (permission denied): check that you may read it, or name its files');
  });

  it('an unreadable annex file', () => {
    writeFileSync(join(dir, 'secret.md'), SEED_TEXT);
    chmodSync(join(dir, 'secret.md'), 0o000);
    const r = cli(['--out', 'out-secret', 'secret.md'], unprivileged);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe('conciliazione: secret.md: permission denied: check that you may read it');
  });

  it('an output folder where nothing may be written', () => {
    mkdirSync(join(dir, 'readonly'));
    chmodSync(join(dir, 'readonly'), 0o555);
    const r = cli(['--out', 'readonly/out', 'seed.md'], unprivileged);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/readonly: cannot write in the output folder's parent \(EACCES\)/);
  });

  it('--out under a file, --out /, a missing input, a bad option: exit 2, one line each', () => {
    writeFileSync(join(dir, 'plain.txt'), 'x');
    for (const args of [['--out', 'plain.txt/out', 'seed.md'], ['--out', '/', 'seed.md'], ['--out', 'o', 'missing.md'], ['--out', 'o', '--lang', 'xx', 'seed.md'], ['--out', 'o', '--max-input-mb', 'lots', 'seed.md']]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(oneLine(r.stderr)).not.toMatch(/internal error/);
    }
  });
});

describe('failures while writing', () => {
  it('a full disk is exit 2 with what to do, and the previous outputs stay as they were', async () => {
    const out = join(dir, 'out-full');
    expect(cli(['--out', out, SEED_FILE]).status).toBe(0);
    const before = readFileSync(join(out, 'annex.json'));
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const attempt = run({ inputs: [SEED_FILE], out, writers: [{ name: 'annex.xlsx', write: () => Promise.reject(full) }] });
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toThrow(/cannot write the outputs \(ENOSPC\): the disk is full: free some space and run again/);
    expect(readFileSync(join(out, 'annex.json')).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.startsWith('.out-full.'))).toEqual([]);
  }, 60_000);

  // /dev/full fails every write with ENOSPC: the summary line cannot be written, the outputs can.
  it.runIf(existsSync('/dev/full'))('a standard output that cannot be written is exit 74 and one line in the run\'s language, the outputs in place', () => {
    for (const [lang, said] of [['it', /^conciliazione: impossibile scrivere sullo standard output \(ENOSPC\); i file di output non ne risentono$/], ['en', /^conciliazione: cannot write to standard output \(ENOSPC\); output files are not affected$/]] as const) {
      const out = join(dir, `out-stdout-${lang}`);
      const full = openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, [BIN, '--lang', lang, '-f', 'json', '--out', out, SEED_FILE], { cwd: dir, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', full, 'pipe'] });
        expect(r.status, r.stderr).toBe(74);
        expect(oneLine(r.stderr)).toMatch(said);
      } finally {
        closeSync(full);
      }
      expect(JSON.parse(readFileSync(join(out, 'annex.json'), 'utf8'))).toHaveProperty('annexes');
    }
  }, 60_000);

  it('a bug of ours while writing is not dressed up as a user error (the CLI gives it exit 70)', async () => {
    const out = join(dir, 'out-bug');
    const attempt = run({ inputs: [SEED_FILE], out, writers: [{ name: 'annex.xlsx', write: () => { throw new TypeError('x is undefined'); } }] });
    await expect(attempt).rejects.toBeInstanceOf(TypeError);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('outputs a killed run left retired come back with the next run of any kind', () => {
  for (const [kind, args] of [
    ['a refused input', ['missing.md']],
    ['a bad option', ['--lang', 'xx', 'seed.md']],
    ['a bad --max-input-mb', ['--max-input-mb', '0', 'seed.md']],
    ['a successful run', ['seed.md']],
  ] as const) {
    it(kind, () => {
      const name = `out-${kind.replace(/\W+/g, '-')}`;
      const retired = retire(name);
      const r = cli(['--out', name, ...args]);
      expect(r.status).toBe(kind === 'a successful run' ? 0 : 2);
      expect(existsSync(retired)).toBe(false);
      const json = readFileSync(join(dir, name, 'annex.json'), 'utf8');
      if (kind === 'a successful run') expect(JSON.parse(json)).toHaveProperty('annexes');
      else expect(json).toBe('{"previous":true}\n');
    }, 60_000);
  }

  it('a staging folder killed before its manifest was written is removed too', () => {
    const staging = join(dir, `.out-early.tmp-${deadPid()}-${Date.now()}`);
    mkdirSync(staging);
    expect(cli(['--out', 'out-early', 'missing.md']).status).toBe(2);
    expect(existsSync(staging)).toBe(false);
  });
});
