// Errors the user can act on: they name the file and line and end the run with exit code 2.
// Anything else that escapes is a bug, reported on one line too but with another exit code.
// Each says what is wrong in both languages; the command line prints the one of --lang.

export type Lang = 'it' | 'en';
export interface Words {
  it: string;
  en: string;
}

export class InputError extends Error {
  readonly words: Words;

  constructor(
    readonly file: string,
    readonly line: number | null,
    message: Words,
  ) {
    // Error's own message stays English: it is what a stack trace or a log of ours shows.
    super(message.en);
    this.words = message;
    this.name = 'InputError';
  }

  /** "file:line: message", the form compilers use, so editors can jump to the spot. */
  oneLine(lang: Lang = 'en'): string {
    const where = this.line === null ? this.file : `${this.file}:${this.line}`;
    return `${where}: ${this.words[lang].replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run))}`;
  }
}

// Line breaks of any kind, and characters a terminal acts on instead of showing: C0 and C1
// controls (ESC starts the ANSI sequences that recolour, move or retitle), DEL, and the
// bidirectional marks and overrides that reorder what follows them.
const BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text safe to print on a terminal as one line: runs of spaces that hold a line break become one
 * space, and every control character is shown escaped ("\\x1b", "\\u202e"), never obeyed.
 */
export function printable(text: string): string {
  return text
    .replace(/\s+/g, (run) => (BREAK.test(run) ? ' ' : run))
    .replace(UNPRINTABLE, (ch) => {
      const code = ch.charCodeAt(0);
      return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    });
}
