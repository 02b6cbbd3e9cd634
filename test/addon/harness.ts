// Builds the add-on when its sources are newer than the bundle, and loads dist/addon/Code.js
// into a fresh node:vm context that holds only what Apps Script offers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { Env } from './fake-spreadsheet.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist', 'addon');
export const CODE = join(DIST, 'Code.js');
const SOURCES = [join(ROOT, 'addon'), join(ROOT, 'shared'), join(ROOT, 'scripts', 'build-addon.mjs'), join(ROOT, 'appsscript.json')];

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

function fresh(): boolean {
  try {
    const built = Math.min(...['Code.js', 'appsscript.json', 'sidebar.html'].map((f) => statSync(join(DIST, f)).mtimeMs));
    return built >= Math.max(...SOURCES.map(newest));
  } catch {
    return false;
  }
}

/** Test files run in parallel: a lock directory keeps two of them from building at once. */
export function ensureBuilt(): void {
  if (fresh()) return;
  const lock = join(ROOT, 'dist', '.build-addon.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - started > 60_000) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    if (!fresh()) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-addon.mjs')], { stdio: 'pipe' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

type Main = typeof import('../../addon/main.js');
/**
 * The bundle's global functions: addon/main.ts's, re-declared at the top of the script, as the
 * tests reach them in the vm context. Their arguments are fakes of Apps Script's objects.
 */
export type Addon = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [K in keyof Main as Main[K] extends (...args: never[]) => unknown ? K : never]: Main[K] extends (...args: never[]) => infer R ? (...args: any[]) => R : never;
};

function load(env: Env): { addon: Addon; context: vm.Context } {
  const context = vm.createContext({ ...env.globals(), console });
  vm.runInContext(readFileSync(CODE, 'utf8'), context, { filename: 'Code.js' });
  return { addon: context as unknown as Addon, context };
}

export function setup(): { env: Env; addon: Addon; context: vm.Context } {
  const env = new Env(DIST);
  return { env, ...load(env) };
}

/** Calls on the spreadsheet itself (reads and writes), as opposed to lock, UI or rule builders. */
export function isSheetCall(call: string): boolean {
  if (call === 'SpreadsheetApp.newConditionalFormatRule') return false;
  return /^(SpreadsheetApp|Spreadsheet|Sheet|Range|RangeList)\./.test(call);
}
