// The command line: npx conciliazione [options] <annex files or folders...>
// Exit codes: 0 done, 1 --strict and an error finding exists, 2 anything the user can act on
// (unusable input or arguments, an output folder that is not ours or cannot be written), 70 only
// a bug of ours. Every failure is one line on stderr; only --debug adds the stack of a bug.
// The exit code is set, never forced with process.exit: stdout and stderr are flushed first, and
// a handle left open would show as a run that does not end (the tests time it).
import { inspect } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError, Option } from 'commander';
import { InputError, printable } from './errors.js';
import { restoreOutFolder } from './out-folder.js';
import type { CsvDialect } from './outputs/csv.js';
import { DEFAULT_MAX_INPUT_BYTES, loadProfile, OUTPUT_FORMATS, resolveInputs, run, type Lang, type OutputFormat, type RunSummary } from './run.js';
import { REPLAN_STRATEGIES, type ReplanStrategy } from '../shared/replan/index.js';
// Only this field is bundled (esbuild keeps the JSON fields that are imported).
import { version } from '../package.json';

// Memory that does not grow with the number of annexes: the run holds one annex at a time, but
// V8 lets its heap grow to several times what is live before collecting, so a long run's peak
// climbs with its length (10 and 1,000 files of the seed: 130 and 257 MB). Collecting once the
// heap is half again what is live keeps it level (121 and 174-181 MB) for about a tenth more
// CPU time on 1,000 files. A value given on node's command line is left as it is.
const GROWING = '--heap-growing-percent';
if (![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes(GROWING))) setFlagsFromString(`${GROWING}=50`);

const EXIT_INPUT = 2;
const EXIT_INTERNAL = 70;

// Messages name files and repeat arguments as the user gave them: printable() keeps them on one
// line and shows any control character escaped, so a file name cannot drive the terminal.
function say(message: string): void {
  process.stderr.write(`conciliazione: ${printable(message).trim()}\n`);
}

/** The exit code of a run that threw: the user's mistake in one line, a bug of ours said as one. */
function exitCodeOf(e: unknown, debug: boolean, lang: Lang): number {
  if (e instanceof InputError) {
    say(e.oneLine(lang));
    return EXIT_INPUT;
  }
  if (debug) {
    // inspect() also shows the error's cause and its own fields (an errno's code and path).
    const report = inspect(e, { depth: 4 }).split('\n').map(printable);
    process.stderr.write(`conciliazione: internal error (a bug of ours, please report it with what follows):\n${report.join('\n')}\n`);
  } else {
    const message = e instanceof Error ? e.message : String(e);
    say(`internal error (a bug of ours): ${message}; run again with --debug to see where it happened`);
  }
  return EXIT_INTERNAL;
}

const EXIT_IO = 74;

// A reader that closes early (`conciliazione ... | head`) is not a failure of the run. Any other
// failure to write the summary (a full disk, a closed descriptor) comes after the outputs are in
// place: it is said in one line, not thrown as a bug of ours.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') return;
  const code = e.code ?? e.message;
  say(runLang() === 'en'
    ? `cannot write to standard output (${code}); output files are not affected`
    : `impossibile scrivere sullo standard output (${code}); i file di output non ne risentono`);
  process.exitCode = EXIT_IO;
});

/** "csv,xlsx" -> ['csv', 'xlsx']: known names only, at least one, each once. */
function parseFormats(list: string): OutputFormat[] {
  const names = list.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const known = new Set<string>(OUTPUT_FORMATS);
  const unknown = names.find((n) => !known.has(n));
  if (unknown !== undefined) {
    throw new InputError('--formats', null, {
      en: `unknown output "${unknown}": choose among ${OUTPUT_FORMATS.join(', ')}`,
      it: `output sconosciuto "${unknown}": scegliere tra ${OUTPUT_FORMATS.join(', ')}`,
    });
  }
  if (names.length === 0) {
    throw new InputError('--formats', null, { en: `no output named: choose among ${OUTPUT_FORMATS.join(', ')}`, it: `nessun output indicato: scegliere tra ${OUTPUT_FORMATS.join(', ')}` });
  }
  return OUTPUT_FORMATS.filter((f) => names.includes(f));
}

function commandLine(): Command {
  return new Command()
    .name('conciliazione')
    .description('Reads annexes of approved work-life alliance projects and writes CSV, JSON and findings.')
    .argument('<inputs...>', 'annex files (.pdf, .docx, .md, .txt, .html) or folders holding them; - reads standard input')
    .option('-o, --out <dir>', 'output folder (replaced as a whole when the run succeeds)', 'out')
    .option('-p, --profile <file>', 'call profile (JSON) with the thresholds; default ATS Val Padana 2020')
    .addOption(new Option('-l, --lang <lang>', 'language of the messages in findings.csv').choices(['it', 'en']).default('it'))
    .addOption(new Option('-d, --csv-dialect <dialect>', 'standard: comma, dot decimals; it: semicolon, decimal comma, BOM').choices(['standard', 'it']).default('standard'))
    .option('--strict', 'exit with code 1 when any error finding exists', false)
    .option(
      '--max-input-mb <mb>',
      'refuse (exit 2) an annex larger than this many megabytes (files, pipes and standard input alike)',
      String(DEFAULT_MAX_INPUT_BYTES / (1024 * 1024)),
    )
    .addOption(
      new Option('--replan-strategy <strategy>', 'how a budget is cut down to an award below the request (replan.csv)')
        .choices([...REPLAN_STRATEGIES])
        .default('proportional'),
    )
    .option(
      '-f, --formats <list>',
      `outputs to write, separated by commas: csv (the CSV files and datapackage.json), json (annex.json), xlsx (annex.xlsx), report (report.html)`,
      OUTPUT_FORMATS.join(','),
    )
    .option('--no-report', 'do not write report.html')
    .option('-q, --quiet', 'print nothing but errors', false)
    .option('--debug', 'on an internal error (exit 70), print its stack trace', false)
    .version(version, '-V, --version', 'print the version and exit')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => {
        // Commander's own messages ("error: unknown option") become our one-line form.
        const line = s.replace(/^error:\s*/i, '').split('\n').find((l) => l.trim() !== '');
        if (line) say(line);
      },
    });
}

interface Options {
  out: string;
  profile?: string;
  lang: Lang;
  csvDialect: CsvDialect;
  strict: boolean;
  quiet: boolean;
  maxInputMb: string;
  replanStrategy: ReplanStrategy;
  report: boolean;
  formats: string;
}

/** The options, or the exit code when the command line alone ends the run (help, version, a bad option). */
async function parseArguments(program: Command, argv: string[]): Promise<Options | number> {
  try {
    program.parse(argv);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return 0;
    // Refused for its arguments, the run still puts back outputs a killed run left retired.
    const out = program.opts<{ out?: unknown }>().out;
    if (typeof out === 'string') await restoreOutFolder(out);
    return EXIT_INPUT;
  }
  return program.opts<Options>();
}

/** --max-input-mb as bytes: a positive number of megabytes, written plainly. */
function maxInputBytes(mb: string): number {
  const value = Number(mb);
  if (!/^\d+(\.\d+)?$/.test(mb.trim()) || !(value > 0)) {
    throw new InputError('--max-input-mb', null, {
      en: `expected a positive number of megabytes, got "${mb}"`,
      it: `atteso un numero positivo di megabyte, non "${mb}"`,
    });
  }
  return Math.floor(value * 1024 * 1024);
}

/** A progress bar on a terminal, for a run over several files; none otherwise. */
async function progressBar(files: number, quiet: boolean) {
  if (quiet || files < 2 || process.stderr.isTTY !== true) return null;
  // The progress bar's package is loaded only when a bar is shown.
  const cliProgress = (await import('cli-progress')).default;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'conciliazione [{bar}] {value}/{total} {file}', clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(files, 0, { file: '' });
  return bar;
}

function summaryLine(summary: RunSummary, lang: Lang): string {
  const f = summary.findings;
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return lang === 'en'
    ? `conciliazione: ${n(summary.projects, 'project', 'projects')} from ${n(summary.files, 'file', 'files')}; ${n(f.error, 'error', 'errors')}, ${n(f.warning, 'warning', 'warnings')}, ${n(f.info, 'note', 'notes')}; written to ${printable(summary.outDir)}\n`
    : `conciliazione: ${n(summary.projects, 'progetto', 'progetti')} da ${summary.files} file; ${n(f.error, 'errore', 'errori')}, ${n(f.warning, 'avviso', 'avvisi')}, ${n(f.info, 'nota', 'note')}; scritto in ${printable(summary.outDir)}\n`;
}

async function main(program: Command, argv: string[]): Promise<number> {
  const opts = await parseArguments(program, argv);
  if (typeof opts === 'number') return opts;
  // Before anything can refuse this run: outputs a killed run left retired are put back.
  await restoreOutFolder(opts.out);
  const maxBytes = maxInputBytes(opts.maxInputMb);
  const formats = parseFormats(opts.formats);
  const profile = opts.profile ? await loadProfile(opts.profile) : undefined;
  const inputs = await resolveInputs(program.args);
  const bar = await progressBar(inputs.length, opts.quiet);
  let summary: RunSummary;
  try {
    summary = await run({
      inputs,
      out: opts.out,
      profile,
      lang: opts.lang,
      dialect: opts.csvDialect,
      strict: opts.strict,
      maxInputBytes: maxBytes,
      replanStrategy: opts.replanStrategy,
      report: opts.report,
      formats,
      // One annex at a time in memory: the summary's record list is not needed here.
      keepRecords: false,
      onProgress: (done, _total, file) => bar?.update(done, { file: printable(file) }),
    });
  } finally {
    bar?.stop();
  }
  if (!opts.quiet) process.stdout.write(summaryLine(summary, opts.lang));
  return summary.exitCode;
}

const program = commandLine();

/** The run's language once its options are read: Italian unless --lang en. */
function runLang(): Lang {
  return program.opts<{ lang?: Lang }>().lang === 'en' ? 'en' : 'it';
}
main(program, process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // The user's mistake in the language of the run, as its findings.
    process.exitCode = exitCodeOf(e, program.opts<{ debug?: boolean }>().debug === true, runLang());
  },
);
