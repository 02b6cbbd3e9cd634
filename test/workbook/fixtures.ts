// AnnexJson for the workbook tests: seedAnnex() runs the real pipeline's reader on the seed (or
// an edited copy of its text).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PROFILE, type Profile } from '../../shared/profile.js';
import { visibleText } from '../../shared/text.js';
import { readAnnex } from '../../pipeline/annex/read-annex.js';
import type { AnnexJson } from '../../pipeline/records.js';
import { PROJECT_IDS } from '../fixtures/seed.js';

const SEED_FILE = 'sub-allegato-2-ats-val-padana-2020.md';
const SEED = fileURLToPath(new URL(`../../seeds/${SEED_FILE}`, import.meta.url));
const seedText = readFileSync(SEED, 'utf8');

const firstCell = (line: string) => visibleText(line.split('\t')[0] ?? '');

/** [first, last] 0-based line index of each project's budget block (from "Voce di costo" to the second TOTALE). */
function budgetBlocks(lines: readonly string[]): [number, number][] {
  const starts = lines.flatMap((l, i) => (firstCell(l) === 'Voce di costo' ? [i] : []));
  return starts.map((start) => {
    let totals = 0;
    let end = start;
    for (; end < lines.length; end++) if (firstCell(lines[end]!) === 'TOTALE' && ++totals === 2) break;
    return [start, end];
  });
}

/** The seed (or an edited copy of its text) as the pipeline hands it to writeWorkbook. */
export function seedAnnex(text: string = seedText, profile: Profile = DEFAULT_PROFILE, annexFile = SEED_FILE): AnnexJson {
  const record = readAnnex(new TextEncoder().encode(text), annexFile, profile);
  return { generator: 'conciliazione', profile: profile.id, annexes: [record] };
}

/**
 * The seed text with edits inside one project's budget block: each `from` must occur in that
 * block (first occurrence replaced), so a variant cannot silently edit nothing.
 */
export function editBudget(projectId: string, edits: [from: string, to: string][], text: string = seedText): string {
  const lines = text.split('\n');
  const k = PROJECT_IDS.indexOf(projectId as (typeof PROJECT_IDS)[number]);
  const [start, end] = budgetBlocks(lines)[k]!;
  for (const [from, to] of edits) {
    const i = lines.findIndex((l, j) => j >= start && j <= end && l.includes(from));
    if (i < 0) throw new Error(`variant of ${projectId}: "${from}" not in its budget`);
    lines[i] = lines[i]!.replace(from, to);
  }
  return lines.join('\n');
}

/** Budgets broken the ways the call's rules catch, plus float-boundary cases. */
export const BROKEN_VARIANTS: { name: string; text: () => string }[] = [
  { name: 'TOTALE sbagliato (2.1)', text: () => editBudget('2.1', [['<b>€ 84.878,00</b>', '<b>€ 84.978,00</b>']]) },
  { name: 'coordinamento oltre il 15% (2.2)', text: () => editBudget('2.2', [['<b>€ 5.000,00</b>', '<b>€ 6.000,01</b>']]) },
  {
    name: 'coordinamento esattamente al 15% con TOTALE che in virgola mobile arrotonda male (2.2)',
    text: () => editBudget('2.2', [['<b>€ 5.000,00</b>', '<b>€ 153,69</b>'], ['<b>€ 40.000,00</b>', '<b>€ 1.024,60</b>']]),
  },
  {
    name: 'cofinanziamento sotto il 30% di esattamente un centesimo (2.3)',
    text: () => editBudget('2.3', [['<b>€ 50.000,00</b>', '<b>€ 1.000,00</b>'], ['<b>€ 15.000,00</b>', '<b>€ 299,99</b>']]),
  },
  { name: 'cofinanziamento sotto il 30% (2.7)', text: () => editBudget('2.7', [['<b>€ 16.000,00</b>', '<b>€ 9.000,00</b>']]) },
  { name: 'contributo oltre il massimale (2.3)', text: () => editBudget('2.3', [['<b>€ 35.000,00</b>', '<b>€ 45.000,00</b>']]) },
  { name: 'coordinamento oltre la voce A (2.7)', text: () => editBudget('2.7', [['€ 5.300,00', '€ 12.000,00']]) },
  { name: 'tabella del cofinanziamento che non quadra (2.6)', text: () => editBudget('2.6', [['AZIENDA OGLIO PO\t€ 6.500,00', 'AZIENDA OGLIO PO\t€ 6.400,00']]) },
  { name: 'TOTALE non indicato (2.2)', text: () => editBudget('2.2', [['<b>€ 40.000,00</b>', '<b>€ -----</b>']]) },
  { name: 'importo illeggibile (2.4)', text: () => editBudget('2.4', [['€ 22.400,00', '€ 22.400,00 circa']]) },
];

/** Annex text that tries to become formulas in a spreadsheet (DESIGN §7). */
export const HOSTILE_TEXTS = ['=HYPERLINK("http://example.com","x")', '+SUM(1,1)', '-1+2', '@SUM(1)', '=1+1', '-----'];

export function hostileText(): string {
  let text = editBudget('2.2', [
    ['Ospedale di Suzzara', HOSTILE_TEXTS[0]!],
    ['Fondazione Boni', HOSTILE_TEXTS[1]!],
    ['RSA BOVI', HOSTILE_TEXTS[2]!],
    ['Ospedale di Gonzaga', HOSTILE_TEXTS[3]!],
    // An amount that is not one: the tab keeps the annex's text in the amount cell.
    ['RSA i Tulipani\t-----', `RSA i Tulipani\t${HOSTILE_TEXTS[4]!}`],
  ]);
  // The title, in the table of contents and in the project's own heading.
  text = text.replace('<a href="#"><u>#TU-SITTER #TU-TUTOR</u></a>', '=2+2').replace('## PROGETTO: #TU-SITTER #TU-TUTOR', '## PROGETTO: =2+2');
  return text;
}
