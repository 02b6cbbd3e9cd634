// Whole-annex runs on variants derived from the seed's text: other line endings, other
// furniture, other table markup, broken amounts, a file cut short.
import { compact } from '../fixtures/figures.js';
import { describe, expect, it } from 'vitest';
import type { AnnexRecord } from '../../pipeline/records.js';
import { visibleText } from '../../shared/text.js';
import {
  annexOf, asHtmlTables, asPipeTables, crlfWithBom, lineContaining, otherFurniture, SEED_TEXT,
} from './helpers.js';

const seed = annexOf(SEED_TEXT, 'seed.md');

/** What must not change whatever the markup: the facts, not their line numbers. */
function facts(a: AnnexRecord) {
  return a.projects.map((p) => ({
    id: p.id,
    score: p.header.score,
    assigned: p.header.assigned,
    partners: p.partners.map((x) => [x.seq, x.name, x.role, x.email, x.phone]),
    ticked: p.interventions.filter((i) => i.selected).map((i) => i.code).join(''),
    budget: p.budget.lines.map((l) => [l.code, l.amount, l.funded, l.cofinanced]),
    cofinancers: p.budget.cofinancers.map((c, i) => [c.entity, c.monetary, c.inKind, p.cofinancerLinks[i]!.partnerSeq]),
    extra: p.extraTables.map((t) => [t.header, t.rows.map((r) => r.cells)]),
    findings: p.findings.map((f) => [f.rule, f.severity]).sort(),
  }));
}

/** Every record's line must hold the text the record came from. */
function linesPointAtSource(a: AnnexRecord, text: string) {
  const raw = text.replace(/^\ufeff/, '').split(/\r?\n/);
  // A row written over several lines (HTML) is the text from its line to the next row.
  const lines = raw.map((l, i) => {
    if (!/<tr\b/i.test(l) || /<\/tr>/i.test(l)) return l;
    let j = i + 1;
    while (j < raw.length && !/<tr\b|<\/table>/i.test(raw[j]!)) j++;
    return raw.slice(i, j).join(' ');
  });
  for (const p of a.projects) {
    for (const l of p.budget.lines) {
      const line = lines[p.budgetRowLines[l.cell.row]! - 1]!;
      if (l.raw.trim() !== '') expect(line, `${p.id} ${l.code}`).toContain(l.raw.trim());
    }
    for (const c of p.budget.cofinancers) {
      expect(lines[p.budgetRowLines[c.entityCell.row]! - 1], `${p.id} ${c.entity}`).toContain(c.entity);
    }
    for (const x of p.partners) expect(visibleText(lines[x.line - 1]!), `${p.id} ${x.name}`).toContain(x.name);
  }
}

describe('variants of the seed', () => {
  it('reads CRLF with a byte-order mark exactly like the original, lines included', () => {
    const variant = annexOf(crlfWithBom(SEED_TEXT));
    expect(facts(variant)).toEqual(facts(seed));
    expect(variant.projects.map((p) => p.budgetRowLines)).toEqual(seed.projects.map((p) => p.budgetRowLines));
    expect(variant.coverage).toEqual(seed.coverage);
  });

  it('finds other page furniture from the document itself', () => {
    const text = otherFurniture(SEED_TEXT);
    const variant = annexOf(text);
    expect(facts(variant)).toEqual(facts(seed));
    expect(variant.furniture!.strings).toEqual(expect.arrayContaining(['ats brianza', 'regione lombardia - dg famiglia']));
    expect(variant.furniture!.strings).not.toContain('ats val padana');
    const sectionLines = variant.projects.flatMap((p) => p.sections.flatMap((s) => s.text.split('\n')));
    expect(sectionLines).not.toContain('ATS Brianza');
    expect(variant.coverage.placedLines).toBe(variant.coverage.contentLines);
  });

  it('reads budget and cofinancing tables written as markdown pipe tables', () => {
    const text = asPipeTables(SEED_TEXT);
    expect(text).toContain('| --- |');
    const variant = annexOf(text);
    expect(facts(variant)).toEqual(facts(seed));
    linesPointAtSource(variant, text);
    expect(variant.coverage.placedLines).toBe(variant.coverage.contentLines);
  });

  it('reads every table (contents, partners, budgets) written as pipe tables', () => {
    const text = asPipeTables(SEED_TEXT, () => true);
    const variant = annexOf(text);
    expect(facts(variant)).toEqual(facts(seed));
    expect(variant.toc).toHaveLength(7);
    linesPointAtSource(variant, text);
  });

  it('reads tables written as HTML <table> markup', () => {
    const text = asHtmlTables(SEED_TEXT, () => true);
    expect(text).toContain('<table>');
    const variant = annexOf(text);
    expect(facts(variant)).toEqual(facts(seed));
    linesPointAtSource(variant, text);
    expect(variant.coverage.placedLines).toBe(variant.coverage.contentLines);
  });

  it('reads multi-line HTML tables with <th> header cells', () => {
    const headed = asHtmlTables(SEED_TEXT).replace(/(<table>\n<tr>)(.*)/g, (_, open: string, row: string) =>
      open + row.replace(/<td>/g, '<th scope="col">').replace(/<\/td>/g, '</th>'));
    expect(headed).toContain('<th scope="col">');
    const text = headed.replace(/<tr>/g, '<tr>\n  ').replace(/<\/t([dh])>/g, '</t$1>\n  ');
    const variant = annexOf(text);
    expect(facts(variant)).toEqual(facts(seed));
    linesPointAtSource(variant, text);
  });

  it('reports broken amounts with their line and keeps reading the rest', () => {
    const cLine = lineContaining(SEED_TEXT, '€ 31.500,00');
    const dLine = lineContaining(SEED_TEXT, '€ 40.000,00', cLine - 1);
    const lines = SEED_TEXT.split('\n');
    lines[cLine - 1] = lines[cLine - 1]!.replace('€ 31.500,00', '€ 12,3,4');
    lines[dLine - 1] = lines[dLine - 1]!.replace('€ 40.000,00', 'abc');
    const variant = annexOf(lines.join('\n'));
    const p21 = variant.projects[0]!;
    const unreadable = p21.findings.filter((f) => f.rule === 'amount-unreadable');
    expect(unreadable.map((f) => f.at)).toEqual([[{ line: cLine }], [{ line: dLine }]]);
    expect(unreadable.every((f) => f.severity === 'error')).toBe(true);
    expect(p21.budget.lines.find((l) => l.code === 'C')).toMatchObject({ status: 'unreadable', amount: null, raw: '€ 12,3,4' });
    expect(p21.budget.lines.find((l) => l.code === 'TOTAL')!.amount).toBe('84878.00');
    // The other projects are untouched.
    expect(facts(variant).slice(1)).toEqual(facts(seed).slice(1));
  });

  it('reads a file cut in the middle of a project and says what is missing', () => {
    const cut = lineContaining(SEED_TEXT, 'B. Costo di acquisto', lineContaining(SEED_TEXT, 'Sub-Allegato 2.5'));
    const lines = SEED_TEXT.split('\n').slice(0, cut);
    lines[cut - 1] = lines[cut - 1]!.slice(0, 20); // cut mid-line too
    const variant = annexOf(lines.join('\n'));
    expect(variant.projects.map((p) => p.id)).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5']);
    expect(facts(variant).slice(0, 4)).toEqual(facts(seed).slice(0, 4));
    const p25 = variant.projects[4]!;
    expect(p25.partners).toHaveLength(6);
    expect(p25.budget.lines.find((l) => l.code === 'A')!.amount).toBe('14142.85');
    const incomplete = p25.findings.filter((f) => f.rule === 'budget-incomplete');
    expect(incomplete.length).toBeGreaterThan(0);
    const missing = variant.findings.filter((f) => f.rule === 'toc-mismatch');
    expect(missing.map((f) => compact(f.expected))).toEqual(['in-document', 'in-document']);
    expect(missing.map((f) => compact(f.actual))).toEqual(['2.6', '2.7']);
    expect(variant.coverage.placedLines).toBe(variant.coverage.contentLines);
  });

  it('reads a project cut before its budget', () => {
    const cut = lineContaining(SEED_TEXT, 'Calendario delle attività', lineContaining(SEED_TEXT, 'Sub-Allegato 2.7'));
    const variant = annexOf(SEED_TEXT.split('\n').slice(0, cut).join('\n'));
    const p27 = variant.projects[6]!;
    expect(p27.budget.span).toBeNull();
    expect(p27.findings.map((f) => f.rule)).toContain('budget-incomplete');
    expect(p27.partners).toHaveLength(14);
  });

  it('decodes a Windows-1252 file and says so', () => {
    const latin = Uint8Array.from([...SEED_TEXT.replace(/[^\u0000-\u00ff€–’“”]/g, '?')].map((ch) => {
      const special: Record<string, number> = { '€': 0x80, '–': 0x96, '’': 0x92, '“': 0x93, '”': 0x94 };
      return special[ch] ?? ch.charCodeAt(0);
    }));
    const variant = annexOf(latin);
    expect(variant.encoding).toBe('windows-1252');
    expect(variant.findings.map((f) => f.rule)).toContain('encoding-guessed');
    expect(variant.projects.map((p) => p.header.assigned)).toEqual(seed.projects.map((p) => p.header.assigned));
  });
});

describe('repeated header data', () => {
  // Four or more projects awarded the same grant and score: lines that repeat like running
  // headers, but that are data and must never be taken for page furniture.
  it('keeps every "Assegnato" and "Punti" line when all seven projects share them', () => {
    const same = SEED_TEXT.replace(/Assegnato € [\d.,]+/g, 'Assegnato € 34.800,00').replace(/Punti \d+/g, 'Punti 59');
    const a = annexOf(same, 'same.md');
    expect(a.projects.map((p) => [p.header.score, p.header.assigned])).toEqual(
      Array.from({ length: 7 }, () => [59, '34800.00']),
    );
    expect(a.coverage.placedLines).toBe(a.coverage.contentLines);
  });
});
