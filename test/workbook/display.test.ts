// What LibreOffice shows and prints: hostile annex text as the text it is, and every sheet kind
// printed as a reviewer reads it (Italian formats), one page of each rendered to PNG in
// test-output/workbook-pages/ for a person to look at.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { planBudgetTabs, writeWorkbook } from '../../pipeline/workbook/index.js';
import { HOSTILE_TEXTS, hostileText, seedAnnex } from './fixtures.js';
import { recalcToCsv, requireSoffice, toPdf } from './libreoffice.js';

const profile = DEFAULT_PROFILE;
const hasSoffice = requireSoffice();
const dir = mkdtempSync(join(tmpdir(), 'conciliazione-display-'));
const PAGES = join(process.cwd(), 'test-output', 'workbook-pages');

describe.skipIf(!hasSoffice)('LibreOffice shows annex text as text', () => {
  it('cells beginning with = + - @ show their text, not a result', async () => {
    const annex = seedAnnex(hostileText());
    const file = join(dir, 'hostile.xlsx');
    await writeWorkbook(annex, file, { profile });
    const sheets = recalcToCsv([file]).get(file)!;

    const tab = planBudgetTabs(annex, profile).find((t) => t.project.id === '2.2')!;
    const budget = sheets.get(tab.sheetName)!;
    // The placeholder "-----" is no amount: its cell is empty and the note column quotes it.
    const shown = tab.tab.budget.cofinancers.flatMap((c) => [budget[c.entityCell.row]![c.entityCell.col], budget[c.monetaryCell.row]![c.monetaryCell.col], budget[c.entityCell.row]![5]]);
    for (const text of HOSTILE_TEXTS) expect(shown.some((s) => s === text || s?.includes(`«${text}»`)), text).toBe(true);
    expect(budget[1]![0]).toBe('2.2 – =2+2');

    const projects = sheets.get('Progetti')!;
    expect(projects.find((r) => r[0] === '2.2')![1]).toBe('=2+2');
    const cofin = sheets.get('Cofinanziamento')!.map((r) => r[1]);
    for (const text of HOSTILE_TEXTS.slice(0, 4)) expect(cofin).toContain(text);
    // and the checks still compute on the numbers around them
    const verdicts = tab.tab.checks.map((c) => budget[c.verdictCell.row]![c.verdictCell.col]);
    expect(verdicts.every((v) => v === 'OK' || v === 'NON OK' || v === 'AVVISO')).toBe(true);
  });
});

/** Each printed page's text, as pdftotext lays it out. */
function pageTexts(pdf: string): string[] {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)$/m.exec(info)![1]);
  return Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }));
}

/** The smallest height (points) of the words on a page: how small the print is. */
function smallestWord(pdf: string, page: number): number {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  const heights = [...xml.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">[^<]{3,}</g)].map((m) => Number(m[2]) - Number(m[1]));
  return Math.min(...heights);
}

describe.skipIf(!hasSoffice)('printing the workbook', () => {
  let pdf: string;
  let pages: string[];
  const kinds = new Map<string, number[]>(); // sheet kind -> 1-based pages

  beforeAll(async () => {
    const file = join(dir, 'seed.xlsx');
    await writeWorkbook(seedAnnex(), file, { profile });
    pdf = toPdf(file);
    pages = pageTexts(pdf);
    const titles: [string, RegExp][] = [
      ['progetti', /^Progetti: esito dei controlli/], ['partner', /^Partner delle alleanze/],
      ['cofinanziamento', /^Enti cofinanziatori/], ['rilievi', /^Rilievi sui progetti/],
    ];
    pages.forEach((text, i) => {
      const first = text.trimStart();
      const kind = titles.find(([, re]) => re.test(first))?.[0] ?? /Budget (\d\.\d)\s/.exec(text)?.[1] ?? 'unknown';
      kinds.set(kind, [...(kinds.get(kind) ?? []), i + 1]);
    });
    // A picture of each kind of page, for a person (and the closing note) to look at.
    mkdirSync(PAGES, { recursive: true });
    const pictures: [string, number][] = [
      ['progetti', kinds.get('progetti')![0]!], ['partner', kinds.get('partner')![0]!], ['cofinanziamento', kinds.get('cofinanziamento')![0]!],
      ['rilievi', kinds.get('rilievi')![0]!], ['budget-2.5-piano', kinds.get('2.5')![0]!], ['budget-2.5-controlli', kinds.get('2.5')![1]!],
    ];
    for (const [name, page] of pictures) {
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', pdf, join(PAGES, name)]);
    }
  }, 240_000);

  it('gives every page a title and its number, and the coloured sheets a legend', () => {
    for (const [i, text] of pages.entries()) {
      expect(text, `page ${i + 1}`).toMatch(new RegExp(`Pagina ${i + 1} di ${pages.length}`));
      expect(kinds.get('unknown') ?? [], `page ${i + 1} has no title`).not.toContain(i + 1);
    }
    for (const kind of ['progetti', 'rilievi']) for (const p of kinds.get(kind)!) expect(pages[p - 1]).toContain('Colori: rosso = errore, giallo = avviso, verde = nessun rilievo');
    for (const id of ['2.1', '2.5', '2.7']) expect(pages[kinds.get(id)!.at(-1)! - 1]).toContain('Legenda dei colori');
  });

  it('prints Progetti on one A4 page: the key columns, whole words in the headers, a readable size', () => {
    expect(kinds.get('progetti')).toHaveLength(1);
    const text = pages[kinds.get('progetti')![0]! - 1]!;
    for (const h of ['Progetto', 'Titolo', 'Ente capofila', 'Punti', 'Assegnato', 'Costo totale', 'Cofinanziamento', '% cofinanziamento', '% coordinamento', 'Esito']) {
      expect(text).toContain(h);
    }
    expect(text).toContain('Totale (7 progetti)');
    // Columns for filtering on screen are left off the page.
    expect(text).not.toContain('File allegato');
    // No header cut inside a word ("Cofinanziament" / "o").
    expect(text).not.toMatch(/Cofinanziament\s*$/m);
    // Type of at least about 7 points (word boxes of 8; the 16 columns of before gave 6).
    expect(smallestWord(pdf, kinds.get('progetti')![0]!)).toBeGreaterThan(7.5);
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '1', pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page\s+1 size:\s+841\.\d+ x 595\.\d+ pts/);
  });

  it('prints a budget tab as the budget on its page, then the checks, the findings and the legend', () => {
    for (const { project } of planBudgetTabs(seedAnnex(), profile)) {
      const [first, ...rest] = kinds.get(project.id)!.map((p) => pages[p - 1]!);
      expect(first, project.id).toContain('PIANO DEI CONTI DEL PROGETTO');
      expect(first, project.id).not.toContain('CONTROLLI SUL PIANO DEI CONTI');
      expect(rest.join('\n'), project.id).toMatch(/^\s*\S.*\n+\s*CONTROLLI SUL PIANO DEI CONTI/);
      expect(rest.join('\n'), project.id).toContain("RILIEVI SUL PROGETTO COME NELL'ALLEGATO");
    }
    const budget = kinds.get('2.5')!.map((p) => pages[p - 1]!).join('\n');
    expect(budget).toMatch(/Esito dei controlli\s+2 avvisi/);
    expect(budget).toMatch(/Coordinamento entro il massimo dopo l'assegnazione\s+€ 8\.550,00\s+€ 5\.577,18\s+AVVISO/);
    expect(budget).toMatch(/Cofinanziamento almeno al minimo\s+€ 17\.142,85\s+€ 17\.142,86\s+AVVISO/);
    // Placeholders are in the note column, as the annex wrote them.
    expect(budget).toContain("Nell'allegato: «€ -»");
  });

  it('leaves a picture of each kind of page in test-output/workbook-pages', () => {
    for (const name of ['progetti', 'partner', 'cofinanziamento', 'rilievi', 'budget-2.5-piano', 'budget-2.5-controlli']) {
      expect(statSync(join(PAGES, `${name}.png`)).size, name).toBeGreaterThan(5_000);
    }
  });
});
