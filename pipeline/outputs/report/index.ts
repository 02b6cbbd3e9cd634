// report.html as an output of the run: written beside the CSV files from annex.json's records
// and the annex lines the run kept for quoting (see quotes.ts).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Profile } from '../../../shared/profile.js';
import type { OutputWriter } from '../../run.js';
import type { Quotes } from './quotes.js';
import { renderReport } from './report.js';

export { renderReport } from './report.js';
export { quotesOf, type AnnexQuotes, type Quotes } from './quotes.js';

export const REPORT_FILE = 'report.html';

/** `quotes` is read when the writer runs (after every annex was read), so the run may fill it as it reads. */
export function reportWriter(profile: Profile, quotes?: Quotes): OutputWriter {
  return {
    name: REPORT_FILE,
    write: (json, dir, o) => writeFile(join(dir, REPORT_FILE), renderReport(json, { lang: o.lang, profile, quotes }), 'utf8'),
  };
}
