// AnnexJson for the workbook tests. seedAnnex() runs the real pipeline's reader on the seed
// (or an edited copy of its text); handMadeAnnex() builds the same records from hand-made cuts
// of the seed (test/fixtures/seed.ts) and is kept as a fallback should the pipeline be
// broken while the workbook is worked on: switch seedAnnex to it here, nowhere else.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readAmount, statedValue } from '../../shared/amounts.js';
import { readBudget, type Grid } from '../../shared/budget-reader.js';
import { checkBudget } from '../../shared/check-budget.js';
import type { Finding, Partner, Position } from '../../shared/model.js';
import { toPlain } from '../../shared/money.js';
import { DEFAULT_PROFILE, type Profile } from '../../shared/profile.js';
import { visibleText } from '../../shared/text.js';
import { readAnnex } from '../../pipeline/annex/read-annex.js';
import type { AnnexJson, ProjectRecord } from '../../pipeline/records.js';
import { isFurniture, PROJECT_IDS } from '../fixtures/seed.js';

export const SEED_FILE = 'sub-allegato-2-ats-val-padana-2020.md';
const SEED = fileURLToPath(new URL(`../../seeds/${SEED_FILE}`, import.meta.url));
export const seedText = readFileSync(SEED, 'utf8');

const firstCell = (line: string) => visibleText(line.split('\t')[0] ?? '');

/** [first, last] 0-based line index of each project's budget block (from "Voce di costo" to the second TOTALE). */
export function budgetBlocks(lines: readonly string[]): [number, number][] {
  const starts = lines.flatMap((l, i) => (firstCell(l) === 'Voce di costo' ? [i] : []));
  return starts.map((start) => {
    let totals = 0;
    let end = start;
    for (; end < lines.length; end++) if (firstCell(lines[end]!) === 'TOTALE' && ++totals === 2) break;
    return [start, end];
  });
}

function partnersOf(lines: readonly string[]): Partner[][] {
  const heads = lines.flatMap((l, i) => (/^NOME DELL'ENTE\t/.test(l) ? [i] : []));
  return heads.map((h) => {
    const out: Partner[] = [];
    for (let i = h + 1; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.trim() === '' || isFurniture(l)) continue;
      const m = /^(\d+)\.\s+([^\t]*)\t([^\t]*)\t?(.*)$/.exec(l);
      if (!m) break;
      out.push({ seq: Number(m[1]), name: m[2]!.trim(), type: m[3]!.trim(), role: '', referent: m[4]!.trim(), email: '', phone: '', line: i + 1 });
    }
    return out;
  });
}

/** The seed (or an edited copy of its text) as the pipeline hands it to writeWorkbook. */
export function seedAnnex(text: string = seedText, profile: Profile = DEFAULT_PROFILE, annexFile = SEED_FILE): AnnexJson {
  const record = readAnnex(new TextEncoder().encode(text), annexFile, profile);
  return { generator: 'conciliazione', profile: profile.id, annexes: [record] };
}

/** The same records from hand-made cuts of the seed, independent of pipeline/. */
export function handMadeAnnex(text: string = seedText, profile: Profile = DEFAULT_PROFILE, annexFile = SEED_FILE): AnnexJson {
  const lines = text.split('\n');
  const toc = new Map<string, { title: string; lead: string }>();
  for (const l of lines.slice(0, 30)) {
    const m = /^(2\.\d)\t([^\t]*)\t([^\t]*)\t/.exec(l);
    if (m) toc.set(m[1]!, { title: visibleText(m[2]!), lead: visibleText(m[3]!) });
  }
  const heads = new Map<string, { line: number; score: number | null; assigned: string | null; assignedLine: number }>();
  lines.forEach((l, i) => {
    const m = /^Sub-Allegato (2\.\d)\s*$/.exec(l.trim());
    if (!m) return;
    const near = lines.slice(i, i + 5);
    const score = near.map((x) => /^Punti (\d+)/.exec(x.trim())).find(Boolean);
    const k = near.findIndex((x) => /^Assegnato /.test(x.trim()));
    const value = k < 0 ? null : statedValue(readAmount(near[k]!.trim().replace(/^Assegnato /, '')));
    heads.set(m[1]!, { line: i + 1, score: score ? Number(score[1]) : null, assigned: value && toPlain(value), assignedLine: i + 1 + Math.max(k, 0) });
  });
  const partners = partnersOf(lines);

  const projects: ProjectRecord[] = budgetBlocks(lines).map(([start, end], k) => {
    const id = PROJECT_IDS[k]!;
    const rowLines: number[] = [];
    const grid: string[][] = [];
    for (let i = start; i <= end; i++) {
      if (isFurniture(lines[i]!)) continue;
      rowLines.push(i + 1);
      grid.push(lines[i]!.split('\t'));
    }
    const budget = readBudget(grid as Grid);
    const head = heads.get(id)!;
    const projectPartners = partners[k] ?? [];
    const assigned = { amount: head.assigned, at: { line: head.assignedLine } as Position };
    const { links, findings } = checkBudget(budget, profile, { partners: projectPartners, assigned });
    const toLine = (p: Position): Position => ('line' in p ? p : { line: rowLines[p.row]! });
    return {
      annexFile,
      id,
      header: {
        id, title: toc.get(id)?.title ?? '', leadEntity: toc.get(id)?.lead ?? '', alliance: '', referent: '', referentEmail: '',
        referentPhone: '', score: head.score, assigned: head.assigned, lines: {}, line: head.line,
      },
      partners: projectPartners,
      interventions: [],
      budget,
      budgetRowLines: rowLines,
      cofinancerLinks: links.map((l) => ({
        partnerSeq: l.partner?.seq ?? null, partnerName: l.partner?.name ?? null, score: l.score, match: l.match,
      })),
      extraTables: [],
      sections: [],
      findings: findings.map((f): Finding => ({ ...f, at: f.at.map(toLine) })),
      pages: null,
    };
  });
  return {
    generator: 'conciliazione',
    profile: profile.id,
    annexes: [{ annexFile, projects, findings: [], coverage: { contentLines: 0, placedLines: 0, furnitureLines: 0 } }],
  };
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
