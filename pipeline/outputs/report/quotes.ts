// The annex lines the report quotes. annex.json keeps line numbers, not the lines: the run
// picks, while the document is still in memory, the lines that findings rest on and hands them
// to the report writer. Only those lines are kept (findings are capped per rule), each once,
// and at most MAX_QUOTE_CHARS of each.
import type { AnnexRecord } from '../../records.js';

/** A quoted line longer than this is cut (the rest counted), so one huge line cannot swell the report. */
const MAX_QUOTE_CHARS = 600;

/** A line as the document holds it (table cells joined by tabs), cut to MAX_QUOTE_CHARS, and its full length. */
export interface QuotedLine {
  text: string;
  length: number;
}
/** Line number -> the line. */
export type AnnexQuotes = ReadonlyMap<number, QuotedLine>;
/** Per annex file (AnnexRecord.annexFile). */
export type Quotes = ReadonlyMap<string, AnnexQuotes>;

/** Every line a finding of the annex (of the file or of a project) rests on, in order of appearance. */
function citedLines(annex: AnnexRecord): number[] {
  const lines = new Set<number>();
  const findings = [...annex.findings, ...annex.projects.flatMap((p) => p.findings)];
  for (const f of findings) for (const at of f.at) if ('line' in at) lines.add(at.line);
  return [...lines];
}

/** The cited lines of an annex, read from its document's text. */
export function quotesOf(annex: AnnexRecord, text: (line: number) => string): Map<number, QuotedLine> {
  const out = new Map<number, QuotedLine>();
  for (const line of citedLines(annex)) {
    const t = text(line);
    if (t.length <= MAX_QUOTE_CHARS) {
      out.set(line, { text: t, length: t.length });
      continue;
    }
    // The cut keeps a surrogate pair whole.
    const end = /[\ud800-\udbff]/.test(t[MAX_QUOTE_CHARS - 1]!) ? MAX_QUOTE_CHARS + 1 : MAX_QUOTE_CHARS;
    out.set(line, { text: t.slice(0, end), length: t.length });
  }
  return out;
}
