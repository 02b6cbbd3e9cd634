// Whole-annex run on the seed: the facts the issue lists, read back from the written outputs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, type RunSummary } from '../../pipeline/run.js';
import type { AnnexJson } from '../../pipeline/records.js';
import { visibleText } from '../../shared/text.js';
import { readCsv, scratch, SEED, SEED_LINES } from './helpers.js';

let out: string;
let summary: RunSummary;
let json: AnnexJson;
const csv: Record<string, Record<string, string>[]> = {};

beforeAll(async () => {
  out = join(scratch('seed'), 'out');
  summary = await run({ inputs: [SEED], out, lang: 'en' });
  json = JSON.parse(readFileSync(join(out, 'annex.json'), 'utf8'));
  for (const f of ['projects', 'partners', 'interventions', 'budget_lines', 'cofinancing', 'findings', 'sections', 'extra_tables']) {
    csv[f] = readCsv(out, `${f}.csv`);
  }
});

const byProject = (rows: Record<string, string>[]) => {
  const m = new Map<string, Record<string, string>[]>();
  for (const r of rows) m.set(r.project_id!, [...(m.get(r.project_id!) ?? []), r]);
  return m;
};

/** "€ 84.878,00" -> "84878.00", done on the digits so that no float is involved. */
function canonical(amount: string): string {
  const [int, dec = ''] = amount.replace(/\./g, '').split(',');
  return `${int!.replace(/^0+(?=\d)/, '')}.${(dec + '00').slice(0, 2)}`;
}
const AMOUNT = /(?<![\d.,])(\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+,\d{2}|\d+)(?![\d%])/g;

describe('the seed annex', () => {
  it('has seven projects with the header cluster read', () => {
    expect(csv.projects!.map((p) => p.project_id)).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7']);
    expect(summary.projects).toBe(7);
    const p21 = csv.projects![0]!;
    expect(p21.lead_entity).toBe('Comune di Borgo Virgilio');
    expect(p21.referent).toBe('ANNAMARIA PECCHINI');
    expect(p21.referent_email).toBe('a.pecchini@borgovirgilio.gov.it');
    expect(p21.referent_phone).toBe('0376/283079');
    expect(p21.alliance).toBe('EUGENIO - NUOVE RISPOSTE A NUOVI BISOGNI');
    for (const p of csv.projects!) {
      expect(p.title, p.project_id).not.toBe('');
      expect(p.lead_entity, p.project_id).not.toBe('');
      expect(p.alliance, p.project_id).not.toBe('');
      expect(p.referent, p.project_id).not.toBe('');
    }
  });

  it('reads the score and the assigned grant of all seven', () => {
    expect(csv.projects!.map((p) => p.score)).toEqual(['59', '44', '50', '57', '29', '47', '60']);
    expect(csv.projects!.map((p) => p.assigned_eur)).toEqual([
      '34800.00', '15180.00', '23100.00', '34800.00', '20038.40', '26400.00', '17400.00',
    ]);
  });

  it('counts partner rows per project, across page breaks', () => {
    const counts = [...byProject(csv.partners!).values()].map((rows) => rows.length);
    expect(counts).toEqual([11, 8, 13, 15, 6, 13, 14]);
    for (const rows of byProject(csv.partners!).values()) {
      expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    }
  });

  it('splits partner cells into name, role, referent, email and phone', () => {
    const p24 = byProject(csv.partners!).get('2.4')!;
    const altana = p24.find((p) => p.seq === '2')!;
    expect(altana).toMatchObject({
      name: 'Altana', type: 'Società Cooperativa Sociale', role: 'Partner attuativo', referent: 'Erica Gaioli',
      email: 'segreteria@altanacooperativa.it', phone: '0372 412334',
    });
    // Row 12 comes after the page break and its furniture.
    expect(p24.find((p) => p.seq === '12')).toMatchObject({ name: 'Koala', role: 'Partner attuativo' });
    const zanini = byProject(csv.partners!).get('2.3')![0]!;
    expect(zanini).toMatchObject({ referent: 'Dott. MARCO ZANINI', phone: '0376.234201', email: 'zanini@mn.camcom.it' });
  });

  it('counts cofinancer rows per project', () => {
    const counts = [...byProject(csv.cofinancing!).values()].map((rows) => rows.length);
    expect(counts).toEqual([11, 8, 1, 15, 2, 10, 14]);
  });

  it('links every cofinancer to the right partner', () => {
    const partners = byProject(csv.partners!);
    const partnerOf = (pid: string, entity: string) => {
      const c = csv.cofinancing!.find((r) => r.project_id === pid && r.entity === entity)!;
      return partners.get(pid)!.find((p) => p.seq === c.partner_seq)?.name;
    };
    expect(partnerOf('2.1', 'COMUNE DI BORGIO VIRGILIO')).toBe('Comune di Borgo Virgilio');
    expect(partnerOf('2.1', 'THUN LOGISTCS')).toBe('Connecthub Srl ( ex Thun Logistics Srl)');
    expect(partnerOf('2.4', 'Coop. Cospes')).toBe('COSPER Società Cooperative Sociale');
    expect(partnerOf('2.2', 'RSA Pietro Sissa')).toBe('RSA P Sissa');
    for (const c of csv.cofinancing!) {
      expect(c.partner_seq, `${c.project_id} ${c.entity}`).not.toBe('');
      expect(['exact', 'strong'], `${c.project_id} ${c.entity}`).toContain(c.match);
    }
    expect(csv.findings!.filter((f) => f.rule === 'cofinancer-is-partner')).toEqual([]);
  });

  it('ticks the interventions exactly as the annex does', () => {
    const ticked = [...byProject(csv.interventions!)].map(([pid, rows]) => [pid, rows.filter((r) => r.selected === 'true').map((r) => r.code).join('')]);
    expect(Object.fromEntries(ticked)).toEqual({ '2.1': 'abc', '2.2': 'abe', '2.3': 'd', '2.4': 'b', '2.5': 'ab', '2.6': 'bc', '2.7': 'de' });
    for (const rows of byProject(csv.interventions!).values()) expect(rows.map((r) => r.code)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    // 2.5's list has no letters: the codes come from what each line says.
    const p25 = byProject(csv.interventions!).get('2.5')!;
    expect(p25.find((r) => r.code === 'd')!.label).toBe('Servizi di consulenza');
  });

  it("reads 2.5's split personnel line and leaves 2.3's coordination not stated", () => {
    const a25 = csv.budget_lines!.find((r) => r.project_id === '2.5' && r.code === 'A')!;
    expect(a25).toMatchObject({ amount_eur: '14142.85', funded_eur: '5000.00', cofinanced_eur: '9142.85' });
    const coord23 = csv.budget_lines!.find((r) => r.project_id === '2.3' && r.code === 'A_coord')!;
    expect(coord23.amount_eur).toBe('');
    expect(coord23.status).toBe('not-stated');
  });

  it('writes the declared totals into projects.csv', () => {
    const p = csv.projects!.find((r) => r.project_id === '2.1')!;
    expect([p.total_eur, p.contribution_eur, p.cofinancing_eur]).toEqual(['84878.00', '40000.00', '44878.00']);
  });

  it('has every declared amount of every budget and cofinancing table, on its line', () => {
    // Walk the annex text itself: from each "Voce di costo" row to the cofinancing TOTALE.
    const atLine = new Map<number, Set<string>>();
    const add = (line: string, values: (string | undefined)[]) => {
      const set = atLine.get(Number(line)) ?? new Set<string>();
      for (const v of values) if (v) set.add(v);
      atLine.set(Number(line), set);
    };
    for (const r of csv.budget_lines!) {
      add(r.line!, [r.amount_eur, r.funded_eur, r.cofinanced_eur, ...r.details!.split('; ').map((d) => d.split(' ')[0])]);
    }
    for (const r of csv.cofinancing!) add(r.line!, [r.monetary_eur, r.in_kind_eur]);
    let inBudget = false;
    let sawEntity = false;
    let checked = 0;
    SEED_LINES.forEach((raw, i) => {
      if (!raw.includes('\t')) return;
      const cells = raw.split('\t').map((c) => visibleText(c));
      const label = cells.find((c) => c !== '') ?? '';
      if (/^Voce di costo/i.test(label)) {
        inBudget = true;
        sawEntity = false;
        return;
      }
      if (!inBudget) return;
      if (/^ENTE$/.test(label)) sawEntity = true;
      const first = cells.findIndex((c) => c !== '');
      for (const cell of cells.slice(first + 1)) {
        for (const m of cell.matchAll(AMOUNT)) {
          expect(atLine.get(i + 1), `line ${i + 1}: ${cell}`).toBeDefined();
          expect([...atLine.get(i + 1)!], `line ${i + 1}: ${cell}`).toContain(canonical(m[1]!));
          checked++;
        }
      }
      if (sawEntity && /^TOTALE$/.test(label)) inBudget = false;
    });
    expect(checked).toBeGreaterThan(150);
  });

  it("keeps 2.6's per-action table", () => {
    const rows = csv.extra_tables!.filter((r) => r.project_id === '2.6');
    expect(new Set(rows.map((r) => r.row)).size).toBe(6);
    const total = rows.filter((r) => r.value === '€ 60.000,00');
    expect(total).toHaveLength(1);
    expect(total[0]!.header).toBe('TOTALE');
  });

  it("warns that 2.5's cofinancing is 30% short by half a cent", () => {
    const f = csv.findings!.filter((r) => r.rule === 'cofinancing-min');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ project_id: '2.5', severity: 'warning' });
    expect(Number(f[0]!.line)).toBe(Number(csv.budget_lines!.find((r) => r.project_id === '2.5' && r.code === 'COFINANCING')!.line));
  });

  it('checks the table of contents against the headers', () => {
    const toc = csv.findings!.filter((r) => r.rule === 'toc-mismatch');
    // 2.1's contents say "Eugenio 2020-23", its header "Eugenio 20-23".
    expect(toc.some((f) => f.project_id === '2.1' && /2020-23/.test(f.message!) && f.severity === 'info')).toBe(true);
    expect(toc.every((f) => f.severity === 'info')).toBe(true);
    expect(json.annexes[0]!.toc).toHaveLength(7);
  });

  it('raises no error finding on the seed', () => {
    expect(csv.findings!.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('detects the furniture from the document and keeps it out of every record', () => {
    const annex = json.annexes[0]!;
    const strings = new Set(annex.furniture!.strings);
    expect(strings.has('ats val padana')).toBe(true);
    expect(strings.has('sistema socio sanitario')).toBe(true);
    for (const s of csv.sections!) {
      for (const line of s.text!.split('\n')) expect(strings.has(line.trim().toLowerCase()), line).toBe(false);
    }
    expect(annex.pageNumbers!.map((p) => p.page)).toEqual([38, 39, 60, 61, 76, 77, 82, 90, 91, 98, 104, 111, 112, 113, 114, 119]);
  });

  it('places every non-furniture line in a record or a section (coverage)', () => {
    const annex = json.annexes[0]!;
    const furniture = new Set(annex.furniture!.strings);
    const pages = new Set(annex.pageNumbers!.map((p) => p.line));
    const content: number[] = [];
    SEED_LINES.forEach((raw, i) => {
      const t = raw.trim();
      if (t.replace(/\t/g, '') === '' || pages.has(i + 1)) return;
      if (furniture.has(t.replace(/\s+/g, ' ').toLowerCase())) return;
      content.push(i + 1);
    });
    const placed = new Set<number>();
    const add = (...ls: (number | undefined)[]) => ls.forEach((l) => l && placed.add(l));
    for (const t of annex.toc ?? []) add(t.line);
    for (const s of annex.preamble ?? []) add(...(s.lines ?? []));
    for (const p of annex.projects) {
      add(...Object.values(p.header.lines), ...(p.partnerTable?.headerLines ?? []));
      add(...p.partners.map((x) => x.line), ...p.interventions.map((x) => x.line), ...p.budgetRowLines);
      for (const t of p.extraTables) add(t.line, ...t.rows.map((r) => r.line));
      for (const s of p.sections) add(...(s.lines ?? []));
    }
    const missing = content.filter((l) => !placed.has(l));
    const figure = `${content.length - missing.length}/${content.length}`;
    console.log(`coverage of the seed: ${figure} non-furniture lines placed`);
    expect(missing.map((l) => `${l}: ${SEED_LINES[l - 1]!.slice(0, 60)}`)).toEqual([]);
    expect(annex.coverage).toMatchObject({ contentLines: content.length, placedLines: content.length });
  });
});
