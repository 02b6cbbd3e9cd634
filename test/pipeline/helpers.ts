// Shared helpers for the pipeline tests: the seed annex, variants derived from its text, and
// running the pipeline (in process or as the built CLI) into a scratch folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { readAnnex } from '../../pipeline/annex/read-annex.js';
import type { AnnexRecord } from '../../pipeline/records.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SEED = join(ROOT, 'seeds/sub-allegato-2-ats-val-padana-2020.md');
export const SEED_TEXT = readFileSync(SEED, 'utf8');
export const SEED_LINES = SEED_TEXT.split('\n');

/** Every text annex among the fixtures (the seed, its text renderings, variants, agencies' and unseen annexes). */
export const TEXT_FIXTURES = ['seeds', ...['renderings', 'variants', 'agencies', 'unseen'].map((d) => join('test', 'fixtures', d))].flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.(md|txt|html)$/.test(f) && f !== 'README.md')
    .map((f) => join(ROOT, dir, f)),
);

export function scratch(name: string): string {
  const base = join(ROOT, 'test/.tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${name}-`));
}

export function annexOf(text: string | Uint8Array, file = 'variant.md'): AnnexRecord {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return readAnnex(bytes, file, DEFAULT_PROFILE);
}

export function writeVariant(dir: string, name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export function readCsv(dir: string, name: string, delimiter = ','): Record<string, string>[] {
  const text = readFileSync(join(dir, name), 'utf8').replace(/^\ufeff/, '');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, delimiter });
  if (parsed.errors.length > 0) throw new Error(`${name}: ${parsed.errors[0]!.message}`);
  return parsed.data;
}

// ---- Variants of the seed -------------------------------------------------------------------

export function crlfWithBom(text: string): string {
  return '\ufeff' + text.replace(/\n/g, '\r\n');
}

/** Another ATS's page furniture: every running header line replaced by other words. */
export function otherFurniture(text: string): string {
  const swap: Record<string, string> = {
    'Conciliazione Vita-Lavoro': 'ATS Brianza',
    'Sistema Socio Sanitario': 'Regione Lombardia - DG Famiglia',
    'ATS Val Padana': 'Welfare e conciliazione 2020',
    'Regione Lombardia': 'Sistema Sanitario Regionale',
  };
  return text
    .split('\n')
    .map((l) => swap[l.trim()] ?? l)
    .join('\n');
}

function isTabRow(line: string): boolean {
  return line.includes('\t') && line.replace(/\t/g, '').trim() !== '';
}

/** Blocks of consecutive tab-separated rows, each rewritten by `render` (line count may change). */
function rewriteTabBlocks(text: string, render: (rows: string[][]) => string[], only?: (firstLine: string) => boolean): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!isTabRow(lines[i]!)) {
      out.push(lines[i]!);
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && isTabRow(lines[j]!)) j++;
    const block = lines.slice(i, j);
    if (only && !only(block[0]!)) out.push(...block);
    else out.push(...render(block.map((l) => l.split('\t'))));
    i = j;
  }
  return out.join('\n');
}

/** Budget-part tables start with "Voce di costo", "ENTE" or "AZIONI". */
const budgetBlock = (first: string) => /^(<b>)?(Voce di costo|ENTE|AZIONI)\b/.test(first.trim());

export function asPipeTables(text: string, only = budgetBlock): string {
  return rewriteTabBlocks(
    text,
    (rows) => {
      const width = Math.max(...rows.map((r) => r.length));
      const line = (r: string[]) => `| ${Array.from({ length: width }, (_, k) => (r[k] ?? '').trim().replace(/\|/g, '\\|')).join(' | ')} |`;
      return [line(rows[0]!), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)];
    },
    only,
  );
}

export function asHtmlTables(text: string, only = budgetBlock): string {
  return rewriteTabBlocks(
    text,
    (rows) => ['<table>', ...rows.map((r) => `<tr>${r.map((c) => `<td>${c.trim()}</td>`).join('')}</tr>`), '</table>'],
    only,
  );
}

/** 1-based number of the first line that contains `needle` after line `after`. */
export function lineContaining(text: string, needle: string, after = 0): number {
  const lines = text.split('\n');
  for (let i = after; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  throw new Error(`"${needle}" not found`);
}

// ---- The built CLI -------------------------------------------------------------------------

let built = false;
export function buildCli(): void {
  if (built) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build-cli failed: ${r.stderr}`);
  built = true;
}

export function cli(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'pipeline/bin/conciliazione.mjs'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
