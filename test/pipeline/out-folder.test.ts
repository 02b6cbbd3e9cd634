// The output folder is ours only if we made it: every attack on --out from the security review
// (issue 11, point 1) is refused with exit 2 and leaves the user's files exactly as they were.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli as runCli, scratch, SEED } from './helpers.js';

// The refusals below are read in English.
const cli = (args: string[], cwd?: string) => runCli(['--lang', 'en', ...args], cwd);

function refused(r: { status: number | null; stderr: string }, pattern: RegExp) {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at |node:internal/);
}

/** A folder of the user's with files in it and a sibling folder, to see that nothing goes. */
function userTree(dir: string): { home: string; work: string; snapshot: () => string } {
  const home = join(dir, 'home');
  const work = join(home, 'work');
  mkdirSync(join(home, 'sibling'), { recursive: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(join(home, 'sibling', 'thesis.txt'), 'my thesis');
  writeFileSync(join(work, 'notes.txt'), 'my notes');
  writeFileSync(join(work, 'annex.md'), readFileSync(SEED));
  const snapshot = () =>
    [home, join(home, 'sibling'), work].map((d) => `${d}:${readdirSync(d).sort().join(',')}`).join('|') +
    readFileSync(join(work, 'notes.txt'), 'utf8') + readFileSync(join(home, 'sibling', 'thesis.txt'), 'utf8');
  return { home, work, snapshot };
}

describe('--out never destroys a user file', () => {
  let dir: string;
  beforeAll(() => {
    buildCli();
    dir = scratch('out-folder');
  });

  const attacks: { name: string; out: (t: { home: string; work: string }) => string; why: RegExp }[] = [
    { name: '--out .', out: () => '.', why: /working folder/ },
    { name: '--out ..', out: () => '..', why: /working folder/ },
    { name: '--out ""', out: () => '', why: /empty/ },
    { name: '--out /', out: () => '/', why: /root|working folder/ },
    { name: 'the input\'s folder', out: (t) => t.work, why: /working folder|holds the input/ },
    { name: 'the input file itself', out: () => 'annex.md', why: /holds the input/ },
    { name: 'an existing file', out: () => 'notes.txt', why: /existing file/ },
    { name: 'a sibling folder of the user\'s', out: (t) => join(t.home, 'sibling'), why: /not written by conciliazione/ },
    { name: 'a path under a file', out: () => 'notes.txt/out', why: /file/ },
  ];
  for (const attack of attacks) {
    it(`refuses ${attack.name}, exit 2, and every file stays`, () => {
      const t = userTree(scratch(`attack`));
      const before = t.snapshot();
      const r = cli(['annex.md', '--out', attack.out(t)], t.work);
      refused(r, attack.why);
      expect(t.snapshot()).toBe(before);
    });
  }

  it('refuses a folder that is an input given as a folder', () => {
    const t = userTree(join(dir, 'folder-input'));
    const before = t.snapshot();
    refused(cli([t.work, '--out', t.work], t.home), /working folder|holds the input/);
    expect(t.snapshot()).toBe(before);
  });

  it('writes a new folder, replaces its own folder, and refuses it once the user adds a file', () => {
    const t = userTree(join(dir, 'own'));
    const out = join(t.home, 'results');
    expect(cli(['annex.md', '--out', out], t.work).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, '.conciliazione-output.json'), 'utf8'));
    expect(manifest.files).toContain('projects.csv');
    expect(cli(['annex.md', '--out', out], t.work).status).toBe(0);
    writeFileSync(join(out, 'my-analysis.xlsx'), 'mine');
    refused(cli(['annex.md', '--out', out], t.work), /my-analysis\.xlsx.*did not write/);
    expect(readFileSync(join(out, 'my-analysis.xlsx'), 'utf8')).toBe('mine');
    expect(existsSync(join(out, 'projects.csv'))).toBe(true);
  });

  it('accepts an existing empty folder', () => {
    const t = userTree(join(dir, 'empty'));
    const out = join(t.home, 'empty-out');
    mkdirSync(out);
    expect(cli(['annex.md', '--out', out], t.work).status).toBe(0);
    expect(existsSync(join(out, 'projects.csv'))).toBe(true);
  });

  it('refuses a folder whose manifest is forged by a non-JSON file', () => {
    const t = userTree(join(dir, 'forged'));
    const out = join(t.home, 'forged');
    mkdirSync(out);
    writeFileSync(join(out, '.conciliazione-output.json'), 'not json');
    writeFileSync(join(out, 'data.csv'), 'mine');
    refused(cli(['annex.md', '--out', out], t.work), /not written by conciliazione/);
    expect(readFileSync(join(out, 'data.csv'), 'utf8')).toBe('mine');
  });
});
