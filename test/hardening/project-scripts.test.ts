// Issue 13: what the npm scripts run, in which order. A deploy pushes only a bundle that passed
// type check, lint and every test; the test command lints and looks for dead code before the suites.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../pipeline/helpers.js';

const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The commands a script chains with &&, each with npm's `run` and `--silent` left out. */
function steps(name: string): string[] {
  const script = scripts[name];
  if (script === undefined) throw new Error(`no npm script "${name}"`);
  return script.split('&&').map((s) => s.trim().replace(/^npm run (\S+)(?: --silent)?$/, '$1').replace(/^npm test$/, 'test'));
}

/** Every command a script runs, with the scripts it calls expanded in place. */
function expanded(name: string): string[] {
  return steps(name).flatMap((s) => (s in scripts && s !== name ? expanded(s) : [s]));
}

describe('npm scripts', () => {
  it('deploy: clasp push comes last, after the type check, lint, the add-on build and the tests', () => {
    const run = expanded('deploy');
    expect(run.at(-1)).toBe('clasp push');
    for (const before of ['tsc --noEmit -p tsconfig.json', 'node scripts/build-addon.mjs', 'vitest run']) {
      expect(run.indexOf(before), before).toBeGreaterThanOrEqual(0);
      expect(run.indexOf(before), before).toBeLessThan(run.length - 1);
    }
    expect(run.some((s) => s.startsWith('eslint '))).toBe(true);
  });

  it('test: type check, lint and knip before the suites', () => {
    const run = expanded('test');
    const vitest = run.indexOf('vitest run');
    expect(vitest).toBe(run.length - 1);
    for (const tool of ['tsc ', 'eslint ', 'knip']) {
      const at = run.findIndex((s) => s.startsWith(tool));
      expect(at, tool).toBeGreaterThanOrEqual(0);
      expect(at, tool).toBeLessThan(vitest);
    }
  });

  it('clasp pushes the folder the add-on build writes', () => {
    const clasp = JSON.parse(readFileSync(join(ROOT, '.clasp.json.example'), 'utf8')) as { rootDir: string };
    const build = readFileSync(join(ROOT, 'scripts/build-addon.mjs'), 'utf8');
    expect(clasp.rootDir).toBe('dist/addon');
    expect(build).toMatch(/join\(root, 'dist', 'addon'\)/);
  });
});
