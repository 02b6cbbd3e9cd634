// The workbook's zip writer: readable by another unzipper, an entry written in pieces equal to
// its text, and the same bytes for the same entries (dates fixed).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipWriter } from '../../pipeline/workbook/zip.js';

const dir = mkdtempSync(join(tmpdir(), 'conciliazione-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string): { file: string; big: string } {
  const file = join(dir, name);
  const zip = new ZipWriter(file);
  zip.add('[Content_Types].xml', '<Types/>');
  const entry = zip.open('xl/worksheets/sheet1.xml');
  const pieces: string[] = [];
  // Over a megabyte, so that it is deflated in several pieces.
  for (let i = 0; i < 60_000; i++) {
    const row = `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i % 1009}</v></c></row>`;
    pieces.push(row);
    entry.write(row);
  }
  entry.close();
  zip.add('xl/empty.xml', '');
  zip.add('docProps/àè.xml', new TextEncoder().encode('ü'));
  zip.close();
  return { file, big: pieces.join('') };
}

describe('ZipWriter', () => {
  it('writes entries another unzipper reads back, pieces and all', () => {
    const { file, big } = write('a.zip');
    const files = unzipSync(readFileSync(file));
    expect(Object.keys(files)).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'xl/empty.xml', 'docProps/àè.xml']);
    expect(Buffer.from(files['xl/worksheets/sheet1.xml']!).toString('utf8')).toBe(big);
    expect(Buffer.from(files['xl/empty.xml']!).length).toBe(0);
    expect(Buffer.from(files['docProps/àè.xml']!).toString('utf8')).toBe('ü');
    expect(big.length).toBeGreaterThan(2 ** 20);
  });

  it('writes the same bytes for the same entries', () => {
    expect(readFileSync(write('b.zip').file).equals(readFileSync(write('c.zip').file))).toBe(true);
  });
});
