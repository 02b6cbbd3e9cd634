// report.html as an output of the run, written as each annex is read: the parts of the page
// that grow with the projects (contents, overview rows and totals, the chart's description,
// findings, project sections) go to files of their own in the staging folder, and the page is
// put together from them at the end, a piece at a time, so the run keeps only a chart point per
// project (see ReportPage).
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { join } from 'node:path';
import type { Profile } from '../../../shared/profile.js';
import type { AnnexRecord } from '../../records.js';
import type { Lang } from '../../run.js';
import type { AnnexQuotes } from './quotes.js';
import { POINTS, REPORT_PARTS, ReportPage, type ReportFile } from './report.js';

export { renderReport } from './report.js';
export type { AnnexQuotes } from './quotes.js';

export const REPORT_FILE = 'report.html';

/** A file written piece by piece. */
function appender(path: string): { write(text: string): void; close(): void; fd: number } {
  const fd = openSync(path, 'w');
  return {
    fd,
    write(text) {
      const buf = Buffer.from(text, 'utf8');
      let done = 0;
      while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done);
    },
    close: () => closeSync(fd),
  };
}

// 64 KB: as few system calls as a megabyte would take, near enough, and the lines read at a
// time (each split off as a string) are a few hundred, not thousands.
const BLOCK = 64 * 1024;

/** The lines of the file at `path` (each ended by a newline), read a block at a time. */
function* linesOf(path: string): Generator<string> {
  const from = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(BLOCK);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (let n = readSync(from, buf, 0, buf.length, null); n > 0; n = readSync(from, buf, 0, buf.length, null)) {
      const lines = (rest + decoder.write(buf.subarray(0, n))).split('\n');
      rest = lines.pop()!;
      yield* lines;
    }
  } finally {
    closeSync(from);
  }
}

/** Appends the file at `path` to the open file `fd`, a block at a time. */
function copyInto(fd: number, path: string): void {
  const from = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(BLOCK);
    for (let n = readSync(from, buf, 0, buf.length, null); n > 0; n = readSync(from, buf, 0, buf.length, null)) {
      let done = 0;
      while (done < n) done += writeSync(fd, buf, done, n - done);
    }
  } finally {
    closeSync(from);
  }
}

export interface ReportSink {
  /** An annex, with the lines its findings rest on. */
  add(annex: AnnexRecord, quotes: AnnexQuotes | undefined): void;
  /** Writes report.html; the names written. */
  finish(): Promise<string[]>;
  /** Leaves nothing behind. */
  abort(): void;
}

/** report.html in `staging`; `many`: the run reads more than one annex. */
export function reportSink(staging: string, options: { lang: Lang; profile: Profile; many: boolean }): ReportSink {
  const dir = join(staging, `${REPORT_FILE}.${process.pid}.parts`);
  mkdirSync(dir, { recursive: true });
  const files: readonly ReportFile[] = [...REPORT_PARTS, POINTS];
  const parts = Object.fromEntries(files.map((p) => [p, appender(join(dir, p))])) as Record<ReportFile, ReturnType<typeof appender>>;
  const page = new ReportPage({ lang: options.lang, profile: options.profile }, options.many, (file, text) => parts[file].write(text));
  const closeParts = () => {
    for (const p of Object.values(parts)) {
      try {
        p.close();
      } catch {
        // closed already
      }
    }
  };
  return {
    add: (annex, quotes) => page.add(annex, quotes),
    async finish() {
      closeParts();
      const { before, end } = page.frame(linesOf(join(dir, POINTS)));
      const out = appender(join(staging, REPORT_FILE));
      try {
        for (const part of REPORT_PARTS) {
          // Piece by piece: the overview's chart alone is a mark per project.
          for (const piece of before[part]) out.write(piece);
          copyInto(out.fd, join(dir, part));
        }
        out.write(end);
      } finally {
        out.close();
      }
      rmSync(dir, { recursive: true, force: true });
      return [REPORT_FILE];
    },
    abort() {
      closeParts();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
