// report.html written as each annex is read (pipeline/outputs/report/index.ts): a project's
// section and its row are on disk once its annex is added, not held until the end; the page put
// together at the end is renderReport's, byte for byte; nothing but report.html is left.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport, REPORT_FILE, reportSink } from '../../pipeline/outputs/report/index.js';
import type { AnnexQuotes } from '../../pipeline/outputs/report/quotes.js';
import type { AnnexRecord } from '../../pipeline/records.js';
import { readAnnexFile } from '../../pipeline/run.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { scratch, SEED, SEED_TEXT, writeVariant } from '../pipeline/helpers.js';

let dir: string;
const annexes: AnnexRecord[] = [];
const quotes = new Map<string, AnnexQuotes>();

beforeAll(async () => {
  dir = scratch('report-stream');
  const second = writeVariant(dir, 'second.md', SEED_TEXT.replace('PROGETTO: Eugenio 20-23', 'PROGETTO: Zefiro 20-23'));
  for (const f of [SEED, second]) annexes.push(await readAnnexFile(f, DEFAULT_PROFILE, undefined, {}, undefined, quotes));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file under `folder`'s parts folder, as text. */
function partsText(folder: string): string {
  const parts = readdirSync(folder).find((n) => n.endsWith('.parts'));
  if (!parts) return '';
  return readdirSync(join(folder, parts)).map((n) => readFileSync(join(folder, parts, n), 'utf8')).join('');
}

describe('report.html, an annex at a time', () => {
  it('has each annex\'s sections on disk once it is added, and ends as renderReport\'s page', async () => {
    for (const lang of ['it', 'en'] as const) {
      const staging = mkdtempSync(join(dir, 'staging-'));
      const sink = reportSink(staging, { lang, profile: DEFAULT_PROFILE, many: true });
      sink.add(annexes[0]!, quotes.get(annexes[0]!.annexFile));
      expect(partsText(staging)).toContain('Eugenio 20-23');
      expect(partsText(staging)).not.toContain('Zefiro 20-23');
      sink.add(annexes[1]!, quotes.get(annexes[1]!.annexFile));
      expect(partsText(staging)).toContain('Zefiro 20-23');
      expect(await sink.finish()).toEqual([REPORT_FILE]);
      expect(readdirSync(staging)).toEqual([REPORT_FILE]);
      const whole = renderReport({ generator: 'conciliazione', profile: DEFAULT_PROFILE.id, annexes }, { lang, profile: DEFAULT_PROFILE, quotes });
      expect(readFileSync(join(staging, REPORT_FILE), 'utf8')).toBe(whole);
    }
  });

  it('leaves nothing behind when the run fails', () => {
    const staging = mkdtempSync(join(dir, 'abort-'));
    const sink = reportSink(staging, { lang: 'it', profile: DEFAULT_PROFILE, many: false });
    sink.add(annexes[0]!, quotes.get(annexes[0]!.annexFile));
    sink.abort();
    expect(readdirSync(staging)).toEqual([]);
  });
});
