// pdf.js' legacy build brings core-js, which replaces Array.prototype.push and JSON.parse for the
// whole process with slower JavaScript copies (and makes them print as "[native code]", so only
// their identity tells). After a PDF is read, both must be the engine's own again, as this file
// found them before anything loaded pdf.js (each test file runs in a process of its own), and
// pdf.js must still work with them: a second read gives the same document.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../../pipeline/document/pdf/read-pdf.js';
import { ROOT } from '../pipeline/helpers.js';

const NATIVE = { push: Array.prototype.push, parse: JSON.parse };
const PDF = join(ROOT, 'test/fixtures/renderings/seed.writer.pdf');

describe('reading a PDF leaves the built-ins native', () => {
  it('Array.prototype.push and JSON.parse are the same functions after a read, and a second read gives the same document', async () => {
    const first = await readPdf(readFileSync(PDF), PDF);
    expect(Array.prototype.push).toBe(NATIVE.push);
    expect(JSON.parse).toBe(NATIVE.parse);
    expect(first.lines.length).toBeGreaterThan(1000);
    const second = await readPdf(readFileSync(PDF), PDF);
    expect(second).toEqual(first);
  });
});
