// shared/ runs in Node and in Apps Script: it may import only its own files and three pure libraries.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));
const ALLOWED = new Set(['decimal.js', 'zod', 'fastest-levenshtein']);

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every module specifier: static imports and re-exports, dynamic import(), require(). */
function specifiers(source: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) out.push(m[1]!);
  return out;
}

const files = tsFiles(SHARED);

describe('shared/ stays pure', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.map((f) => relative(SHARED, f))).toEqual(expect.arrayContaining(['money.ts', 'rules/index.ts']));
  });

  it('the import scanner sees every form of import', () => {
    expect(specifiers(`import a from 'fs';\nimport { b } from "node:path";\nimport type { C } from './c.js';\nexport * from '../d.js';\nimport './e.js';\nconst f = await import('exceljs');\nconst g = require('os');`))
      .toEqual(['fs', 'node:path', './c.js', '../d.js', './e.js', 'exceljs', 'os']);
  });

  describe.each(files.map((f) => [relative(SHARED, f), f] as const))('%s', (_name, file) => {
    const source = readFileSync(file, 'utf8');

    it('imports only shared files, decimal.js, zod and fastest-levenshtein', () => {
      for (const spec of specifiers(source)) {
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec);
          expect(relative(SHARED, target).startsWith('..'), `${spec} leaves shared/`).toBe(false);
        } else {
          expect(ALLOWED.has(spec), `imports ${spec}`).toBe(true);
        }
      }
    });

    it('uses no Node or Apps Script globals', () => {
      const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const banned of [/\bprocess\./, /\bBuffer\b/, /\b__dirname\b/, /\brequire\s*\(/, /\bSpreadsheetApp\b/, /\bUtilities\./, /\bPropertiesService\b/, /\bHtmlService\b/, /\bDriveApp\b/, /\bUrlFetchApp\b/, /\bexceljs\b/i]) {
        expect(code, `${banned}`).not.toMatch(banned);
      }
    });
  });
});
