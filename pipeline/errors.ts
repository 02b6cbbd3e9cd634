// Errors the user can act on: they name the file and line and end the run with exit code 2.
// Anything else that escapes is a bug, reported on one line too but with another exit code.

export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** "file:line: message", the form compilers use, so editors can jump to the spot. */
  oneLine(): string {
    const where = this.line === null ? this.file : `${this.file}:${this.line}`;
    return `${where}: ${this.message.replace(/\s*\n\s*/g, ' ')}`;
  }
}
