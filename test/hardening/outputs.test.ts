// Outputs are atomic (a failed or killed run leaves the previous out/ as it was) and
// deterministic (same inputs: byte-identical CSV and JSON, an XLSX with identical content).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../pipeline/helpers.js';
import { ROOT, SEED_FILE, SEED_TEXT } from './mutate.js';

const BIN = join(ROOT, 'pipeline/bin/conciliazione.mjs');
let dir: string;

function cli(args: string[]) {
  return spawnSync(process.execPath, [BIN, '--quiet', ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
}

function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(folder).sort()) out[name] = readFileSync(join(folder, name)).toString('base64');
  return out;
}

beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'conciliazione-outputs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('atomic outputs', () => {
  it('a run that fails on its second input leaves the previous outputs byte for byte', () => {
    const out = join(dir, 'out-fail');
    expect(cli(['--out', out, SEED_FILE]).status).toBe(0);
    const before = snapshot(out);
    const bad = join(dir, 'bad.md');
    writeFileSync(bad, 'nothing to see here\n');
    const r = cli(['--out', out, SEED_FILE, bad]);
    expect(r.status).toBe(2);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(dir).filter((n) => n.startsWith('.out-fail.'))).toEqual([]);
  }, 120_000);

  it('a run killed midway leaves the previous outputs intact, and the next run clears its staging folder', async () => {
    const out = join(dir, 'out-kill');
    expect(cli(['--out', out, SEED_FILE]).status).toBe(0);
    const before = snapshot(out);
    const batch = join(dir, 'batch');
    rmSync(batch, { recursive: true, force: true });
    spawnSync('mkdir', [batch]);
    for (let i = 0; i < 60; i++) writeFileSync(join(batch, `annex-${String(i).padStart(2, '0')}.md`), SEED_TEXT);

    const child = spawn(process.execPath, [BIN, '--quiet', '--out', out, batch], { cwd: dir, stdio: 'ignore' });
    // Kill it once it is writing (the staging folder appeared), or after reading for a while.
    const started = Date.now();
    let sawStaging = false;
    while (Date.now() - started < 20_000) {
      if (readdirSync(dir).some((n) => n.startsWith('.out-kill.tmp-'))) {
        sawStaging = true;
        break;
      }
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(child.exitCode, 'the batch finished before it could be killed').toBeNull();
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    console.log(`[atomic] killed after ${Date.now() - started} ms, staging folder seen: ${sawStaging}`);
    expect(snapshot(out)).toEqual(before);

    // The next run removes what the killed one left, and succeeds.
    expect(cli(['--out', out, SEED_FILE]).status).toBe(0);
    expect(readdirSync(dir).filter((n) => n.startsWith('.out-kill.'))).toEqual([]);
    expect(Object.keys(snapshot(out))).toEqual(Object.keys(before));
  }, 180_000);
});

async function xlsxParts(file: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) if (!zip.files[name]!.dir) parts[name] = await zip.files[name]!.async('string');
  return parts;
}

describe('deterministic outputs', () => {
  it('two runs give byte-identical CSV and JSON and an XLSX with identical parts', async () => {
    const a = join(dir, 'det-a');
    const b = join(dir, 'det-b');
    expect(cli(['--out', a, SEED_FILE]).status).toBe(0);
    await new Promise((r) => setTimeout(r, 1100)); // a clock that moved must not show
    expect(cli(['--out', b, SEED_FILE]).status).toBe(0);
    const names = readdirSync(a).sort();
    expect(readdirSync(b).sort()).toEqual(names);
    for (const name of names.filter((n) => /\.(csv|json)$/.test(n))) {
      expect(readFileSync(join(b, name)).equals(readFileSync(join(a, name))), name).toBe(true);
    }
    expect(names).toContain('annex.xlsx');
    const [pa, pb] = await Promise.all([xlsxParts(join(a, 'annex.xlsx')), xlsxParts(join(b, 'annex.xlsx'))]);
    expect(Object.keys(pb)).toEqual(Object.keys(pa));
    for (const part of Object.keys(pa)) expect(pb[part], part).toBe(pa[part]);
    expect(pa['docProps/core.xml']).not.toContain(String(new Date().getFullYear()) + '-');
    expect(statSync(join(a, 'annex.xlsx')).size).toBeGreaterThan(0);
    expect(existsSync(join(a, 'annex.json'))).toBe(true);
  }, 180_000);
});
