// annex.json: the same content as the CSV files, validated against the schema before it is
// written, so that a consumer never reads a file the schema would reject.
import { AnnexJson, AnnexRecord } from '../records.js';

export function toJson(json: AnnexJson): string {
  const checked = AnnexJson.safeParse(json);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`annex.json failed its schema at ${issue.path.join('.')}: ${issue.message}`);
  }
  return JSON.stringify(checked.data, null, 2) + '\n';
}

/**
 * annex.json written an annex at a time, the same bytes as toJson: head(), then annex() for each
 * annex (validated against the schema on its own), then tail(). Each annex is written a project
 * at a time, so no text longer than one project's is ever made.
 */
export class JsonStream {
  private count = 0;

  constructor(private readonly write: (text: string) => void) {}

  head(profile: string): void {
    this.write(`{\n  "generator": "conciliazione",\n  "profile": ${JSON.stringify(profile)},\n  "annexes": [`);
  }

  annex(annex: AnnexRecord): void {
    const checked = AnnexRecord.safeParse(annex);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new Error(`annex.json failed its schema at ${['annexes', this.count, ...issue.path].join('.')}: ${issue.message}`);
    }
    this.write(`${this.count === 0 ? '' : ','}\n    `);
    writeObject(checked.data as Record<string, unknown>, '    ', this.write);
    this.count++;
  }

  tail(): void {
    this.write(this.count === 0 ? ']\n}\n' : '\n  ]\n}\n');
  }
}

/** JSON.stringify(value, null, 2) as it stands at `indent`, its line breaks indented. */
function indented(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
}

/** An object as JSON.stringify(object, null, 2) writes it at `indent`, its array "projects" an element at a time. */
function writeObject(object: Record<string, unknown>, indent: string, write: (text: string) => void): void {
  const inner = `${indent}  `;
  const keys = Object.keys(object).filter((k) => {
    const v = object[k];
    return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
  });
  if (keys.length === 0) {
    write('{}');
    return;
  }
  write('{');
  keys.forEach((k, i) => {
    const v = object[k];
    write(`${i === 0 ? '' : ','}\n${inner}${JSON.stringify(k)}: `);
    if (k === 'projects' && Array.isArray(v) && v.length > 0) {
      write('[');
      v.forEach((p, j) => write(`${j === 0 ? '' : ','}\n${inner}  ${indented(p, `${inner}  `)}`));
      write(`\n${inner}]`);
    } else write(indented(v, inner));
  });
  write(`\n${indent}}`);
}
