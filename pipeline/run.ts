// The run: inputs -> records -> outputs, free of argv and of the terminal so that tests and
// other front ends can call it. Outputs are written into a fresh folder beside the target and
// renamed into place only when every file was written: a failed run leaves the old outputs.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { countBySeverity } from '../shared/engine.js';
import { DEFAULT_PROFILE, parseProfile, type Profile } from '../shared/profile.js';
import { readAnnexDocument, type ReadOptions } from './annex/read-annex.js';
import { readSource } from './document/read-source.js';
import type { ReplanStrategy } from '../shared/replan/index.js';
import { InputError } from './errors.js';
import { checkOutFolder, replaceOutFolder } from './out-folder.js';
import { toCsv, type CsvDialect } from './outputs/csv.js';
import { toJson } from './outputs/json.js';
import { buildTables } from './outputs/rows.js';
import type { AnnexJson, AnnexRecord } from './records.js';
import { writeWorkbook } from './workbook/index.js';

export type Lang = 'it' | 'en';

/** A further output written from annex.json into the staging folder (e.g. the workbook). */
export interface OutputWriter {
  name: string;
  write(json: AnnexJson, dir: string, opts: { lang: Lang; dialect: CsvDialect }): Promise<void> | void;
}

export interface RunOptions {
  inputs: string[];
  out: string;
  profile?: Profile;
  lang?: Lang;
  dialect?: CsvDialect;
  strict?: boolean;
  /** Largest annex file read, in bytes (default DEFAULT_MAX_INPUT_BYTES): a bigger file is refused. */
  maxInputBytes?: number;
  replanStrategy?: ReplanStrategy;
  /** Outputs beyond the CSV files and annex.json; by default the workbook annex.xlsx. */
  writers?: OutputWriter[];
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface RunSummary {
  files: number;
  projects: number;
  partners: number;
  cofinancers: number;
  findings: { error: number; warning: number; info: number };
  coverage: { contentLines: number; placedLines: number };
  outDir: string;
  written: string[];
  exitCode: 0 | 1;
  json: AnnexJson;
}

/** 50 MB: the seed annex is 0.26 MB; a file this big is not an annex, and reading it would cost gigabytes. */
export const DEFAULT_MAX_INPUT_BYTES = 50 * 1024 * 1024;

const ANNEX_FILE = /\.(md|markdown|txt|text|html?|pdf|docx)$/i;

/** Files as given, folders as their annex files: *.md, *.txt, *.html, *.pdf, *.docx (sorted, not recursive). */
export async function resolveInputs(args: readonly string[]): Promise<string[]> {
  if (args.length === 0) throw new InputError('conciliazione', null, 'no annex file given');
  const files: string[] = [];
  for (const arg of args) {
    let info;
    try {
      info = await stat(arg);
    } catch {
      throw new InputError(arg, null, 'no such file or folder');
    }
    if (info.isDirectory()) {
      const names = (await readdir(arg)).filter((n) => ANNEX_FILE.test(n)).sort();
      if (names.length === 0) throw new InputError(arg, null, 'the folder holds no annex (.pdf, .docx, .md, .txt or .html)');
      files.push(...names.map((n) => join(arg, n)));
    } else files.push(arg);
  }
  return [...new Set(files)];
}

export async function loadProfile(path: string): Promise<Profile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InputError(path, null, 'cannot read the profile file');
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new InputError(path, null, `the profile is not valid JSON (${(e as Error).message})`);
  }
  const parsed = parseProfile(value);
  if (!parsed.ok) throw new InputError(path, null, `invalid profile: ${parsed.error}`);
  return parsed.profile;
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  return rel.startsWith('..') ? resolve(file) : rel.split('\\').join('/');
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Number(mb.toFixed(1))} MB`;
}

export async function readAnnexFile(
  file: string,
  profile: Profile,
  maxInputBytes = DEFAULT_MAX_INPUT_BYTES,
  read: ReadOptions = {},
): Promise<AnnexRecord> {
  let bytes: Uint8Array;
  try {
    // The size is checked before reading, so that a huge file costs no memory.
    const { size } = await stat(file);
    if (size > maxInputBytes) {
      throw new InputError(displayName(file), null,
        `the file is ${megabytes(size)}, over the ${megabytes(maxInputBytes)} limit for an annex (--max-input-mb)`);
    }
    bytes = await readFile(file);
    if (bytes.length > maxInputBytes) throw new InputError(displayName(file), null, `the file grew over the ${megabytes(maxInputBytes)} limit while being read`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(displayName(file), null, code === 'EISDIR' ? 'is a folder' : `cannot read the file (${code ?? 'error'})`);
  }
  const name = displayName(file);
  return readAnnexDocument(await readSource(bytes, name), profile, read);
}

async function writeOutputs(target: string, files: { name: string; content: string }[], json: AnnexJson, writers: OutputWriter[], opts: { lang: Lang; dialect: CsvDialect }): Promise<string[]> {
  return replaceOutFolder(target, async (staging) => {
    const written: string[] = [];
    for (const f of files) {
      await writeFile(join(staging, f.name), f.content, 'utf8');
      written.push(f.name);
    }
    for (const w of writers) {
      await w.write(json, staging, opts);
      written.push(w.name);
    }
    return written;
  });
}

export function workbookWriter(profile: Profile): OutputWriter {
  return { name: 'annex.xlsx', write: (json, dir, o) => writeWorkbook(json, join(dir, 'annex.xlsx'), { lang: o.lang, profile }) };
}

export async function run(options: RunOptions): Promise<RunSummary> {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const lang = options.lang ?? 'it';
  const dialect = options.dialect ?? 'standard';
  const files = await resolveInputs(options.inputs);
  const target = await checkOutFolder(options.out, files);
  const annexes: AnnexRecord[] = [];
  for (const [i, file] of files.entries()) {
    annexes.push(await readAnnexFile(file, profile, options.maxInputBytes, { replanStrategy: options.replanStrategy }));
    options.onProgress?.(i + 1, files.length, file);
  }
  const json: AnnexJson = { generator: 'conciliazione', profile: profile.id, annexes };
  const tables = buildTables(json, lang);
  const outputs = [
    ...tables.map((t) => ({ name: t.file, content: toCsv(t, dialect) })),
    { name: 'annex.json', content: toJson(json) },
  ];
  const written = await writeOutputs(target, outputs, json, options.writers ?? [workbookWriter(profile)], { lang, dialect });

  const allFindings = annexes.flatMap((a) => [...a.findings, ...a.projects.flatMap((p) => p.findings)]);
  const findings = countBySeverity(allFindings);
  const projects = annexes.flatMap((a) => a.projects);
  return {
    files: files.length,
    projects: projects.length,
    partners: projects.reduce((n, p) => n + p.partners.length, 0),
    cofinancers: projects.reduce((n, p) => n + p.budget.cofinancers.length, 0),
    findings,
    coverage: {
      contentLines: annexes.reduce((n, a) => n + a.coverage.contentLines, 0),
      placedLines: annexes.reduce((n, a) => n + a.coverage.placedLines, 0),
    },
    outDir: resolve(options.out),
    written,
    exitCode: options.strict && findings.error > 0 ? 1 : 0,
    json,
  };
}
