// The run: inputs -> records -> outputs, free of argv and of the terminal so that tests and
// other front ends can call it. Outputs are written into a fresh folder beside the target and
// renamed into place only when every file was written: a failed run leaves the old outputs.
import { constants as fsConstants, type Stats } from 'node:fs';
import { closeSync, openSync, writeSync } from 'node:fs';
import { open, readdir, readFile, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { countBySeverity } from '../shared/engine.js';
import { DEFAULT_PROFILE, parseProfile, type Profile } from '../shared/profile.js';
import { readAnnexDocument, type ReadOptions } from './annex/read-annex.js';
import { readSource } from './document/read-source.js';
import type { ReplanStrategy } from '../shared/replan/index.js';
import { InputError, type Words } from './errors.js';
import { checkOutFolder, replaceOutFolder, restoreOutFolder } from './out-folder.js';
import { csvHead, csvRows, type CsvDialect } from './outputs/csv.js';
import { DATAPACKAGE_FILE, toDataPackage } from './outputs/datapackage.js';
import { JsonStream } from './outputs/json.js';
import { quotesOf, type AnnexQuotes } from './outputs/report/quotes.js';
import type { ReportSink } from './outputs/report/index.js';
import { buildTables } from './outputs/rows.js';
import type { AnnexJson, AnnexRecord } from './records.js';

export type Lang = 'it' | 'en';

/**
 * What a run writes: csv (the CSV files and datapackage.json, which describes them), json
 * (annex.json), xlsx (annex.xlsx), report (report.html). All by default.
 */
export const OUTPUT_FORMATS = ['csv', 'json', 'xlsx', 'report'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

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
  /** Records larger than this many times the input (plus OUTPUT_ALLOWANCE) are refused (default OUTPUT_FACTOR). */
  outputFactor?: number;
  replanStrategy?: ReplanStrategy;
  /** Outputs beyond the CSV files, annex.json and datapackage.json; by default the workbook annex.xlsx and report.html. */
  writers?: OutputWriter[];
  /** Write report.html among the default outputs (default true). */
  report?: boolean;
  /** The outputs to write (default OUTPUT_FORMATS, all of them); report: false takes the report out. */
  formats?: readonly OutputFormat[];
  /**
   * Keep every annex's records for the summary (RunSummary.json), default true. Without them the
   * run holds one annex at a time, whatever their number (report.html keeps a few figures per
   * project); custom writers need them all, so they are kept for those anyway.
   */
  keepRecords?: boolean;
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
  /** The records of the run; annexes is empty when they were not kept (keepRecords: false). */
  json: AnnexJson;
}

/** 50 MB: the seed annex is 0.26 MB; a file this big is not an annex, and reading it would cost gigabytes. */
export const DEFAULT_MAX_INPUT_BYTES = 50 * 1024 * 1024;

/**
 * An annex's records (as compact JSON) may be at most this many times its bytes, plus
 * OUTPUT_ALLOWANCE: the seed's are 1.3 times its size (2.5 times its Word file, which is
 * compressed), and every output (CSV, annex.json, the workbook's tabs) grows with them. A
 * document that would give more (thousands of projects that are a header and nothing else) is
 * refused before any of its outputs is written, rather than turning a few bytes into a budget
 * tab each. The bound is per annex: outputs are written an annex at a time, so what one annex
 * may cost in memory is bounded, and the outputs on disk stay within a few times the input.
 */
export const OUTPUT_FACTOR = 4;
export const OUTPUT_ALLOWANCE = 4 * 1024 * 1024;

const ANNEX_FILE = /\.(md|markdown|txt|text|html?|pdf|docx)$/i;

/** The input named "-": standard input, read through the same byte counter as a file. */
const STDIN = '-';
const STDIN_NAME = 'stdin';

/** Why a path cannot be used, in words, from the error code of stat, open or readdir. */
const IS_A_FOLDER: Words = { en: 'is a folder', it: 'è una cartella' };

function pathProblem(code: string | undefined): Words {
  switch (code) {
    case 'ENOENT':
      return { en: 'no such file or folder', it: 'file o cartella inesistente' };
    case 'ENOTDIR':
      return { en: 'no such file or folder (a part of the path is a file)', it: 'file o cartella inesistente (una parte del percorso è un file)' };
    case 'EACCES':
    case 'EPERM':
      return { en: 'permission denied: check that you may read it', it: 'permesso negato: verificare di poterlo leggere' };
    case 'ELOOP':
      return { en: 'a loop of symbolic links', it: 'un ciclo di collegamenti simbolici' };
    case 'ENAMETOOLONG':
      return { en: 'the name is too long', it: 'il nome è troppo lungo' };
    default:
      return { en: `cannot be read (${code ?? 'error'})`, it: `non si può leggere (${code ?? 'errore'})` };
  }
}

function notAFile(info: Stats): Words {
  const [en, it] = info.isFIFO()
    ? ['a named pipe', 'una pipe con nome']
    : info.isCharacterDevice() || info.isBlockDevice()
      ? ['a device', 'un dispositivo']
      : info.isSocket()
        ? ['a socket', 'un socket']
        : ['not a regular file', 'non un file regolare'];
  return {
    en: `${en}, not an annex file: give the file itself, or "-" to read standard input (e.g. conciliazione - < annex.md)`,
    it: `${it}, non il file di un allegato: indicare il file stesso, o "-" per leggere lo standard input (es. conciliazione - < allegato.md)`,
  };
}

/**
 * Files as given, folders as their annex files: *.md, *.txt, *.html, *.pdf, *.docx (sorted, not
 * recursive), "-" as standard input. A named pipe or a device is refused: it has no size to check
 * beforehand and may never end; "-" reads such a stream through the size limit.
 */
export async function resolveInputs(args: readonly string[]): Promise<string[]> {
  if (args.length === 0) throw new InputError('conciliazione', null, { en: 'no annex file given', it: 'nessun file di allegato indicato' });
  const files: string[] = [];
  for (const arg of args) {
    if (arg === STDIN) {
      files.push(STDIN);
      continue;
    }
    let info;
    try {
      info = await stat(arg);
    } catch (e) {
      throw new InputError(arg, null, pathProblem((e as NodeJS.ErrnoException).code));
    }
    if (info.isDirectory()) {
      let entries: string[];
      try {
        entries = await readdir(arg);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new InputError(arg, null, {
          en: `cannot list the folder (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? 'error'}): check that you may read it, or name its files`,
          it: `impossibile elencare la cartella (${code === 'EACCES' || code === 'EPERM' ? 'permesso negato' : code ?? 'errore'}): verificare di poterla leggere, o indicarne i file`,
        });
      }
      const names = entries.filter((n) => ANNEX_FILE.test(n)).sort();
      if (names.length === 0) throw new InputError(arg, null, { en: 'the folder holds no annex (.pdf, .docx, .md, .txt or .html)', it: 'la cartella non contiene allegati (.pdf, .docx, .md, .txt o .html)' });
      files.push(...names.map((n) => join(arg, n)));
    } else if (info.isFile()) files.push(arg);
    else throw new InputError(arg, null, notAFile(info));
  }
  return [...new Set(files)];
}

export async function loadProfile(path: string): Promise<Profile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InputError(path, null, { en: 'cannot read the profile file', it: 'impossibile leggere il file del profilo' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new InputError(path, null, { en: `the profile is not valid JSON (${(e as Error).message})`, it: `il profilo non è un JSON valido (${(e as Error).message})` });
  }
  const parsed = parseProfile(value);
  if (!parsed.ok) throw new InputError(path, null, { en: `invalid profile: ${parsed.error}`, it: `profilo non valido: ${parsed.error}` });
  return parsed.profile;
}

function displayName(file: string): string {
  if (file === STDIN) return STDIN_NAME;
  const rel = relative(process.cwd(), resolve(file));
  return rel.startsWith('..') ? resolve(file) : rel.split('\\').join('/');
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Number(mb.toFixed(1))} MB`;
}

/**
 * Every byte passes a counter: reading stops as soon as the total is over the limit, whatever
 * the file says its size is (a pipe or a device says 0). `next` gives the next chunk, or null at
 * the end.
 */
async function readCounted(next: () => Promise<Uint8Array | null>, maxInputBytes: number, over: () => InputError): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let chunk = await next(); chunk !== null; chunk = await next()) {
    total += chunk.length;
    if (total > maxInputBytes) throw over();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

const CHUNK = 1024 * 1024;

async function readStdin(maxInputBytes: number): Promise<Uint8Array> {
  const stream = process.stdin;
  const it = stream[Symbol.asyncIterator]();
  try {
    return await readCounted(
      async () => {
        const r = await it.next();
        return r.done ? null : (r.value as Buffer);
      },
      maxInputBytes,
      () => new InputError(STDIN_NAME, null, {
        en: `standard input is over the ${megabytes(maxInputBytes)} limit for an annex (--max-input-mb): reading stopped there`,
        it: `lo standard input supera il limite di ${megabytes(maxInputBytes)} per un allegato (--max-input-mb): lettura interrotta lì`,
      }),
    );
  } finally {
    stream.destroy();
  }
}

async function readRegularFile(file: string, maxInputBytes: number): Promise<Uint8Array> {
  const name = displayName(file);
  let handle: FileHandle;
  try {
    // Non-blocking, so that a named pipe put in the file's place is refused below instead of
    // waiting forever for a writer; for a regular file the flag changes nothing.
    handle = await open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(name, null, code === 'EISDIR' ? IS_A_FOLDER : code === 'ENXIO' ? { en: 'a socket or a device, not an annex file', it: 'un socket o un dispositivo, non il file di un allegato' } : pathProblem(code));
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new InputError(name, null, IS_A_FOLDER);
    if (!info.isFile()) throw new InputError(name, null, notAFile(info));
    // The size is checked before reading, so that a huge file costs no memory.
    if (info.size > maxInputBytes) {
      throw new InputError(name, null, {
        en: `the file is ${megabytes(info.size)}, over the ${megabytes(maxInputBytes)} limit for an annex (--max-input-mb)`,
        it: `il file è di ${megabytes(info.size)}, oltre il limite di ${megabytes(maxInputBytes)} per un allegato (--max-input-mb)`,
      });
    }
    let position = 0;
    const chunk = Math.min(CHUNK, maxInputBytes + 1, Math.max(64 * 1024, info.size + 1));
    return await readCounted(
      async () => {
        const buffer = Buffer.allocUnsafe(chunk);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
        position += bytesRead;
        return bytesRead === 0 ? null : buffer.subarray(0, bytesRead);
      },
      maxInputBytes,
      () => new InputError(name, null, {
        en: `the file grew over the ${megabytes(maxInputBytes)} limit while being read (--max-input-mb)`,
        it: `il file è cresciuto oltre il limite di ${megabytes(maxInputBytes)} mentre veniva letto (--max-input-mb)`,
      }),
    );
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(name, null, { en: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, it: `impossibile leggere il file (${(e as NodeJS.ErrnoException).code ?? 'errore'})` });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The bytes of one input ("-" is standard input), never more than maxInputBytes of them. */
async function readInputBytes(file: string, maxInputBytes = DEFAULT_MAX_INPUT_BYTES): Promise<Uint8Array> {
  return file === STDIN ? readStdin(maxInputBytes) : readRegularFile(file, maxInputBytes);
}

export async function readAnnexFile(
  file: string,
  profile: Profile,
  maxInputBytes = DEFAULT_MAX_INPUT_BYTES,
  read: ReadOptions = {},
  counted?: { bytes: number },
  quotes?: Map<string, AnnexQuotes>,
): Promise<AnnexRecord> {
  const bytes = await readInputBytes(file, maxInputBytes);
  if (counted) counted.bytes += bytes.length;
  const name = displayName(file);
  const doc = await readSource(bytes, name);
  const annex = readAnnexDocument(doc, profile, read);
  // The lines findings rest on, for report.html to quote: annex.json keeps only their numbers.
  quotes?.set(annex.annexFile, quotesOf(annex, doc.text));
  return annex;
}

/** What the user can do about a failed write, by its error code; null for a failure of ours. */
function writeAdvice(code: string | undefined): Words | null {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { en: 'the disk is full: free some space and run again', it: 'il disco è pieno: liberare spazio e ripetere' };
    case 'EROFS':
      return { en: 'the file system is read-only: choose another folder with --out', it: 'il file system è di sola lettura: scegliere un\'altra cartella con --out' };
    case 'EACCES':
    case 'EPERM':
      return { en: 'permission denied: choose a folder you may write in with --out', it: 'permesso negato: scegliere con --out una cartella in cui si possa scrivere' };
    case 'EBUSY':
      return { en: 'the folder is in use: close the program that holds it, or choose another --out', it: 'la cartella è in uso: chiudere il programma che la tiene, o scegliere un altro --out' };
    case 'ENOTEMPTY':
    case 'EEXIST':
      return { en: 'another run wrote the output folder at the same time: run again', it: 'un\'altra esecuzione ha scritto la cartella di output nello stesso momento: ripetere' };
    case 'EMFILE':
    case 'ENFILE':
      return { en: 'too many open files: close some programs and run again', it: 'troppi file aperti: chiudere qualche programma e ripetere' };
    default:
      return null;
  }
}

/** Runs `write` in a staging folder swapped in for the target; failures to write become advice. */
async function writeOutputs(target: string, write: (staging: string) => Promise<string[]>): Promise<string[]> {
  try {
    return await replaceOutFolder(target, write);
  } catch (e) {
    if (e instanceof InputError) throw e;
    // Each file is within the bound, but together they make a text longer than JavaScript holds.
    if (e instanceof RangeError && /string length/i.test(e.message)) {
      throw new InputError('conciliazione', null, {
        en: 'the inputs together make outputs too large to write (report.html holds them all): give fewer files per run, or leave the report out (--formats)',
        it: 'insieme gli allegati danno output troppo grandi da scrivere (report.html li contiene tutti): indicare meno file per esecuzione, o escludere il report (--formats)',
      });
    }
    const code = (e as NodeJS.ErrnoException).code;
    const advice = writeAdvice(code);
    if (advice === null) throw e;
    // The previous outputs are still in place: replaceOutFolder swaps only after every write.
    throw new InputError(displayName(target), null, { en: `cannot write the outputs (${code}): ${advice.en}`, it: `impossibile scrivere gli output (${code}): ${advice.it}` });
  }
}

/** A file in the staging folder written piece by piece (synchronously: one annex at a time). */
class Appender {
  private readonly fd: number;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  write = (text: string): void => {
    const buf = Buffer.from(text, 'utf8');
    let done = 0;
    while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done);
  };
  close(): void {
    closeSync(this.fd);
  }
}

/** An output written as each annex is read. */
interface AnnexSink {
  add(annex: AnnexRecord): void;
  /** Ends the output; the names written. */
  finish(): Promise<string[]>;
  /** Closes what is open after a failure (the staging folder is then removed). */
  abort(): void;
}

/** The CSV files: the header when opened, each annex's rows appended as it comes. */
function csvSink(staging: string, lang: Lang, dialect: CsvDialect): AnnexSink {
  const empty = buildTables({ generator: 'conciliazione', profile: '', annexes: [] }, lang);
  const files = empty.map((t) => {
    const file = new Appender(join(staging, t.file));
    file.write(csvHead(t, dialect));
    return file;
  });
  return {
    add(annex) {
      buildTables({ generator: 'conciliazione', profile: '', annexes: [annex] }, lang).forEach((t, i) => files[i]!.write(csvRows(t, dialect)));
    },
    async finish() {
      for (const f of files) f.close();
      return empty.map((t) => t.file);
    },
    abort() {
      for (const f of files) {
        try {
          f.close();
        } catch {
          // closed already
        }
      }
    },
  };
}

/** annex.json, streamed: each annex validated and written as it comes. */
function jsonSink(staging: string, profile: string): AnnexSink {
  const file = new Appender(join(staging, 'annex.json'));
  const json = new JsonStream(file.write);
  json.head(profile);
  return {
    add: (annex) => json.annex(annex),
    async finish() {
      json.tail();
      file.close();
      return ['annex.json'];
    },
    abort() {
      try {
        file.close();
      } catch {
        // closed already
      }
    },
  };
}

/** annex.xlsx, streamed (pipeline/workbook/stream.ts): exceljs is loaded with it. */
async function workbookSink(staging: string, profile: Profile, lang: Lang, several: boolean): Promise<AnnexSink> {
  const { WorkbookStream } = await import('./workbook/stream.js');
  const book = await WorkbookStream.open(join(staging, 'annex.xlsx'), { lang, profile, several });
  return {
    add: (annex) => book.add(annex),
    async finish() {
      await book.finish();
      return ['annex.xlsx'];
    },
    abort: () => book.abort(),
  };
}

/**
 * Refuses (exit 2) records that outgrow the input: their compact JSON is measured project by
 * project, and the measuring stops at the limit, so a hostile document costs no more than it.
 */
function checkOutputSize(annex: AnnexRecord, inputBytes: number, factor: number, name: string): void {
  const limit = OUTPUT_ALLOWANCE + factor * inputBytes;
  const { projects, ...rest } = annex;
  let used = JSON.stringify(rest).length;
  for (const p of projects) {
    if (used > limit) break;
    used += JSON.stringify(p).length;
  }
  if (used > limit) {
    throw new InputError(name, null, {
      en: `the records of ${projects.length} projects would be over ${megabytes(limit)} (${factor} times the ${megabytes(inputBytes)} read, plus ${megabytes(OUTPUT_ALLOWANCE)}): this does not look like an annex; check how it was converted`,
      it: `i dati di ${projects.length} progetti supererebbero ${megabytes(limit)} (${factor} volte i ${megabytes(inputBytes)} letti, più ${megabytes(OUTPUT_ALLOWANCE)}): non sembra un allegato; verificare come è stato convertito`,
    });
  }
}

export async function run(options: RunOptions): Promise<RunSummary> {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const lang = options.lang ?? 'it';
  const dialect = options.dialect ?? 'standard';
  // Outputs a killed run left retired are put back first, whether or not this run gets far.
  await restoreOutFolder(options.out);
  const files = await resolveInputs(options.inputs);
  const target = await checkOutFolder(options.out, files.filter((f) => f !== STDIN));
  const formats = new Set(options.formats ?? OUTPUT_FORMATS);
  if (options.report === false) formats.delete('report');
  // report.html is written as each annex is read, from its records and the lines its findings
  // rest on (kept only until the annex is added).
  const quotes = formats.has('report') && options.writers === undefined ? new Map<string, AnnexQuotes>() : undefined;
  const writers = options.writers ?? [];
  // The records are kept only for what needs them all at the end.
  const keep = options.keepRecords !== false || writers.length > 0;
  const annexes: AnnexRecord[] = [];
  const totals = { projects: 0, partners: 0, cofinancers: 0, contentLines: 0, placedLines: 0, findings: { error: 0, warning: 0, info: 0 } };

  const written = await writeOutputs(target, async (staging) => {
    const sinks: AnnexSink[] = [];
    let report: ReportSink | null = null;
    try {
      if (formats.has('csv')) sinks.push(csvSink(staging, lang, dialect));
      if (formats.has('json')) sinks.push(jsonSink(staging, profile.id));
      if (formats.has('xlsx') && options.writers === undefined) sinks.push(await workbookSink(staging, profile, lang, files.length > 1));
      if (quotes) {
        const { reportSink } = await import('./outputs/report/index.js');
        report = reportSink(staging, { lang, profile, many: files.length > 1 });
      }
      for (const [i, file] of files.entries()) {
        const counted = { bytes: 0 };
        const annex = await readAnnexFile(file, profile, options.maxInputBytes, { replanStrategy: options.replanStrategy }, counted, quotes);
        checkOutputSize(annex, counted.bytes, options.outputFactor ?? OUTPUT_FACTOR, displayName(file));
        for (const sink of sinks) sink.add(annex);
        if (report && quotes) {
          report.add(annex, quotes.get(annex.annexFile));
          quotes.delete(annex.annexFile);
        }
        if (keep) annexes.push(annex);
        const found = countBySeverity([...annex.findings, ...annex.projects.flatMap((p) => p.findings)]);
        for (const k of ['error', 'warning', 'info'] as const) totals.findings[k] += found[k];
        totals.projects += annex.projects.length;
        for (const p of annex.projects) {
          totals.partners += p.partners.length;
          totals.cofinancers += p.budget.cofinancers.length;
        }
        totals.contentLines += annex.coverage.contentLines;
        totals.placedLines += annex.coverage.placedLines;
        options.onProgress?.(i + 1, files.length, file);
      }
      // In the order of the manifest: CSV files, annex.json, datapackage.json, workbook, report.
      const names: string[] = [];
      while (sinks.length > 0) {
        names.push(...(await sinks[0]!.finish()));
        sinks.shift();
      }
      if (formats.has('csv')) {
        // The data package describes the CSV files: their columns, not their rows.
        await writeFile(join(staging, DATAPACKAGE_FILE), toDataPackage(buildTables({ generator: 'conciliazione', profile: profile.id, annexes: [] }, lang), dialect), 'utf8');
        const after = names.includes('annex.json') ? names.indexOf('annex.json') + 1 : names.filter((n) => n.endsWith('.csv')).length;
        names.splice(after, 0, DATAPACKAGE_FILE);
      }
      if (report) names.push(...(await report.finish()));
      report = null;
      const json: AnnexJson = { generator: 'conciliazione', profile: profile.id, annexes };
      for (const w of writers) {
        await w.write(json, staging, { lang, dialect });
        names.push(w.name);
      }
      return names;
    } catch (e) {
      for (const sink of sinks) sink.abort();
      report?.abort();
      throw e;
    }
  });

  const findings = totals.findings;
  return {
    files: files.length,
    projects: totals.projects,
    partners: totals.partners,
    cofinancers: totals.cofinancers,
    findings,
    coverage: { contentLines: totals.contentLines, placedLines: totals.placedLines },
    outDir: resolve(options.out),
    written,
    exitCode: options.strict && findings.error > 0 ? 1 : 0,
    json: { generator: 'conciliazione', profile: profile.id, annexes },
  };
}
