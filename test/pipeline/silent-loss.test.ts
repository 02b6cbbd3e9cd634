// Data that looks like a cofinancing table and is not read must say so: a cofinancing table
// whose header names no known column leaves its rows to extra_tables.csv, and every one of them
// becomes a finding, where before they went there in silence.
import { describe, expect, it } from 'vitest';
import { compact } from '../fixtures/figures.js';
import { annexOf, SEED_TEXT } from './helpers.js';

describe('a cofinancing table that is not read', () => {
  it('reports each of its rows when the header is not recognised', () => {
    const broken = SEED_TEXT.replace('ENTE\tCOFINANZIAMENTO\tCOFINANZIAMENTO\n\tMONETARIO\tVALORIZZAZIONE', 'SOGGETTO\tQUOTA A\tQUOTA B');
    expect(broken).not.toBe(SEED_TEXT);
    const p21 = annexOf(broken).projects.find((p) => p.id === '2.1')!;
    expect(p21.budget.cofinancers).toHaveLength(0);
    const lost = p21.findings.filter((f) => f.rule === 'table-row-unreadable');
    expect(lost.map((f) => compact(f.actual))).toContain('LUBIAM | 7.245,00 € | 0 €');
    expect(lost.length).toBeGreaterThanOrEqual(11);
    expect(lost.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('stays quiet when the table is read, or when the budget states no cofinancing', () => {
    const seed = annexOf(SEED_TEXT);
    for (const p of seed.projects) expect(p.findings.filter((f) => f.rule === 'table-row-unreadable')).toEqual([]);
  });
});
