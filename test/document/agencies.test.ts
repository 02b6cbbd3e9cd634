// Four agencies' annexes, each in its own house style (test/fixtures/agencies/make-agencies.mjs),
// read as the records their authors meant, typed here by hand: headers as tables, paragraphs or
// lines under other names; a cover, a dot-leader index and a ranking that are never projects;
// budgets with share columns, without letters, with dashes and spaces in the amounts;
// interventions as X or SI/NO columns, boxes and [x]; partner columns in any order. Then every
// rendering (scripts/render-annex/render.sh) is read like its .md.
import { compact } from '../fixtures/figures.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAnnexDocument } from '../../pipeline/annex/read-annex.js';
import { readSource } from '../../pipeline/document/read-source.js';
import type { AnnexRecord, ProjectRecord } from '../../pipeline/records.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { agreement } from '../fixtures/agreement.js';
import { ROOT } from '../pipeline/helpers.js';
import { TYPES } from '../fixtures/intervention-types.mjs';

const DIR = join(ROOT, 'test/fixtures/agencies');
const read = async (name: string): Promise<AnnexRecord> => {
  const path = join(DIR, name);
  return readAnnexDocument(await readSource(readFileSync(path), path), DEFAULT_PROFILE);
};

const header = (p: ProjectRecord) => {
  const h = p.header;
  return [p.id, h.title, h.leadEntity, h.alliance, h.referent, h.referentEmail, h.referentPhone, h.score, h.assigned];
};
const ticked = (p: ProjectRecord) => p.interventions.filter((i) => i.selected).map((i) => i.code).join('');
const listed = (p: ProjectRecord) => p.interventions.map((i) => i.code).join('');
const amounts = (p: ProjectRecord) => Object.fromEntries(p.budget.lines.map((l) => [l.code, l.amount]));
const shares = (p: ProjectRecord) => Object.fromEntries(p.budget.lines.filter((l) => l.funded !== null || l.cofinanced !== null).map((l) => [l.code, [l.funded, l.cofinanced]]));
const partners = (p: ProjectRecord) => p.partners.map((x) => [x.seq, x.name, x.type, x.role, x.referent, x.email, x.phone]);
const cofinancers = (p: ProjectRecord) => p.budget.cofinancers.map((c) => [c.entity, c.monetary, c.inKind]);
const findings = (p: ProjectRecord) => p.findings.map((f) => [f.rule, f.severity, compact(f.expected), compact(f.actual)]);

const annexes: Record<string, AnnexRecord> = {};
beforeAll(async () => {
  for (const name of ['ats-bergamo-2022', 'ats-brescia-2023', 'ats-insubria-2021', 'ats-montagna-2022']) annexes[name] = await read(`${name}.md`);
});

describe('ATS Bergamo: cover, dot-leader index, ranking; headers as two-column tables; share columns', () => {
  it('finds the three projects, not the cover, the index or the ranking', () => {
    const a = annexes['ats-bergamo-2022']!;
    expect(a.projects.map(header)).toEqual([
      ['1', 'Famiglie al centro', 'Comune di Bergamo', 'Alleanza Bergamo Città', 'Mario Rossi', 'm.rossi@comune.bergamo.example.it', '035 399111', 72, '30000.00'],
      ['2', 'Tempo per noi', 'Comune di Treviglio', 'Alleanza della Pianura', 'Giovanna Colombo', 'g.colombo@comune.treviglio.example.it', '0363 317111', 78, '35000.00'],
      ['3', 'Rete WelfareLab', 'Comunità Montana Valle Seriana', 'Alleanza Valle Seriana', 'Luca Ghilardi', 'luca.ghilardi@cmvs.example.it', '035 740111', 65, '19000.00'],
    ]);
    expect(a.toc!.map((t) => [t.id, t.title, t.page])).toEqual([['1', 'Famiglie al centro', 3], ['2', 'Tempo per noi', 4], ['3', 'Rete WelfareLab', 6]]);
    expect(a.findings).toEqual([]);
  });

  it('reads partners by their headers, the long table over a page break with its header repeated', () => {
    const [p1, p2, p3] = annexes['ats-bergamo-2022']!.projects;
    expect(partners(p1!)).toEqual([
      [1, 'Comune di Bergamo', 'Ente pubblico', 'Capofila', 'Mario Rossi', 'm.rossi@comune.bergamo.example.it', '035 399111'],
      [2, 'Cooperativa Sociale Il Sole', 'Terzo settore', 'Partner', 'Anna Bassi', 'a.bassi@ilsole.example.it', '035 220011'],
      [3, 'Confartigianato Bergamo', 'Associazione di categoria', 'Partner', 'Paolo Riva', 'p.riva@confartigianato.example.it', '035 274111'],
    ]);
    expect(p2!.partners.map((x) => x.seq)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(partners(p2!)[16]).toEqual([17, 'Comune di Osio Sotto', 'Ente pubblico', 'Partner', 'Referente 17', 'conciliazione17@comuni.example.it', '0363 300116']);
    expect(p2!.partnerTable!.headerLines).toHaveLength(2);
    expect(partners(p3!).map((x) => x[1])).toEqual(['Comunità Montana Valle Seriana', 'Fondazione Casa Amica']);
  });

  it('reads the "X" column of the intervention table', () => {
    const projects = annexes['ats-bergamo-2022']!.projects;
    expect(projects.map(ticked)).toEqual(['abc', 'bd', 'af']);
    expect(projects.map(listed)).toEqual(['abcdef', 'abcdef', 'abcdef']);
    expect(projects[0]!.interventions.map((i) => i.label)).toEqual(TYPES);
  });

  it('reads each line with its shares; the TOTALE row\'s shares are the contribution and the cofinancing', () => {
    const [p1, p2, p3] = annexes['ats-bergamo-2022']!.projects;
    expect(amounts(p1!)).toEqual({
      A: '20000.00', A_coord: '6000.00', B: '0.00', C: '15000.00', D: '12000.00', E: '3000.00', TOTAL: '50000.00',
      CONTRIBUTION: '30000.00', COFINANCING: '20000.00', COFIN_MONETARY_TOTAL: '7000.00', COFIN_IN_KIND_TOTAL: '13000.00',
    });
    expect(shares(p1!)).toEqual({
      A: ['12000.00', '8000.00'], A_coord: ['3000.00', '3000.00'], B: ['0.00', '0.00'], C: ['10000.00', '5000.00'],
      D: ['8000.00', '4000.00'], E: ['0.00', '3000.00'], TOTAL: ['30000.00', '20000.00'],
    });
    expect(cofinancers(p1!)).toEqual([
      ['Comune di Bergamo', '5000.00', '8000.00'], ['Cooperativa Sociale Il Sole', '0.00', '5000.00'], ['Confartigianato Bergamo', '2000.00', '0.00'],
    ]);
    expect(amounts(p2!)).toMatchObject({ A: '24000.00', C: '18000.00', TOTAL: '55000.00', CONTRIBUTION: '35000.00', COFINANCING: '20000.00' });
    expect(shares(p2!).C).toEqual(['13000.00', '4500.00']);
    expect(amounts(p3!)).toMatchObject({ A: '12000.00', B: '1000.00', E: '0.00', TOTAL: '28000.00', CONTRIBUTION: '19000.00', COFINANCING: '9000.00' });
  });

  it('says where shares do not add up, and where the ranking differs from a header', () => {
    const [p1, p2, p3] = annexes['ats-bergamo-2022']!.projects;
    expect(findings(p1!)).toEqual([]);
    expect(findings(p2!)).toEqual([
      ['line-split-sum', 'error', '17500.00', '18000.00'],
      ['shares-sum', 'error', '19500.00', '20000.00'],
    ]);
    expect(findings(p3!)).toEqual([['ranking-mismatch', 'warning', '66', '65']]);
  });
});

describe('ATS Brescia: headers as paragraphs in another order; unlettered budget; ☒/☐', () => {
  it('reads the header fields whatever their order and names', () => {
    const a = annexes['ats-brescia-2023']!;
    expect(a.projects.map(header)).toEqual([
      ['12', 'Conciliare in città', 'Comune di Brescia', 'Alleanza Brescia Est', 'dott.ssa Laura Verdi',
        'l.verdi@comune.brescia.example.it; protocollo@pec.comune.brescia.example.it', '030 2977111', 68, '26500.00'],
      ['15', 'Estate in rete', 'Azienda Speciale Consortile Ovest Solidale', 'Alleanza Ovest Bresciano', 'dott. Franco Belotti',
        'f.belotti@ovestsolidale.example.it', '030 7400123', 61, '17300.00'],
    ]);
    expect(a.toc).toEqual([]);
    expect(a.findings).toEqual([]);
  });

  it('reads partners from "Ente | Contatti | Tipologia | Ruolo", numbering them in order', () => {
    const [p12, p15] = annexes['ats-brescia-2023']!.projects;
    expect(partners(p12!)).toEqual([
      [1, 'Comune di Brescia', 'Ente locale', 'Capofila', 'Laura Verdi', 'l.verdi@comune.brescia.example.it', '030 2977111'],
      [2, 'Associazione Genitori Insieme', 'Associazione', 'Partner', 'Marta Lenzi', 'info@genitoriinsieme.example.it', '331 4455667'],
      [3, 'CISL Brescia', 'Sindacato', 'Partner', 'Piero Gatti', 'p.gatti@cisl.example.it', '030 3844511'],
      [4, 'Impresa Sociale La Rete', 'Impresa sociale', 'Partner', 'Elena Ferri', 'e.ferri@larete.example.it', '030 2400100'],
    ]);
    expect(partners(p15!)[2]).toEqual([3, 'Oratorio San Luigi', 'Ente religioso', 'Partner', 'don Carlo Ravelli', 'oratorio@sanluigi.example.it', '030 711456']);
  });

  it('reads the boxes, not the instruction to tick with an X', () => {
    const projects = annexes['ats-brescia-2023']!.projects;
    expect(projects.map(ticked)).toEqual(['ac', 'be']);
    expect(projects.map(listed)).toEqual(['abcdef', 'abcdef']);
    expect(projects[1]!.interventions.map((i) => i.label)).toEqual(TYPES);
  });

  it('reads lines named in the template\'s own words, "—" and empty as not stated, thousands with spaces', () => {
    const [p12, p15] = annexes['ats-brescia-2023']!.projects;
    expect(amounts(p12!)).toEqual({
      A: '18000.00', A_coord: '4000.00', B: null, C: '12500.00', D: '9000.00', E: null, TOTAL: '39500.00',
      CONTRIBUTION: '26500.00', COFINANCING: '13000.00', COFIN_MONETARY_TOTAL: '6000.00', COFIN_IN_KIND_TOTAL: '7000.00',
    });
    expect(p12!.budget.lines.filter((l) => l.amount === null).map((l) => [l.code, l.status, l.raw])).toEqual([['B', 'not-stated', '—'], ['E', 'not-stated', '']]);
    expect(cofinancers(p12!)).toEqual([['Comune di Brescia', '6000.00', '5000.00'], ['Impresa Sociale La Rete', null, '2000.00']]);
    expect(amounts(p15!)).toMatchObject({ A: '10000.00', A_coord: '3000.00', B: '1500.00', E: '800.00', TOTAL: '25300.00', CONTRIBUTION: '17300.00', COFINANCING: '8000.00' });
    expect(annexes['ats-brescia-2023']!.projects.flatMap(findings)).toEqual([]);
  });
});

describe('ATS Insubria: capital-letter header lines, ranking and index; [x] lists; shares per line', () => {
  it('reads "PROGETTO 2.1" headers and the index, and checks the ranking', () => {
    const a = annexes['ats-insubria-2021']!;
    expect(a.projects.map(header)).toEqual([
      ['2.1', 'Insieme per il lavoro', 'Comune di Varese', 'Alleanza del Varesotto', 'Giulia Neri',
        'protocollo@pec.comune.varese.example.it; g.neri@comune.varese.example.it', '0332 255111', 81, '40000.00'],
      ['2.2', 'Lavoro e cura a Como', 'Comune di Como', 'Alleanza Lariana', 'Roberto Frigerio', 'r.frigerio@comune.como.example.it', '031 252111', 74, '28000.00'],
    ]);
    expect(a.toc!.map((t) => [t.id, t.title, t.leadEntity, t.page])).toEqual([
      ['2.1', 'Insieme per il lavoro', 'Comune di Varese', 3], ['2.2', 'Lavoro e cura a Como', 'Comune di Como', 4],
    ]);
    expect(a.findings).toEqual([]);
  });

  it('reads partners with phone and e-mail in columns of their own, and says the table has no type', () => {
    const [p21, p22] = annexes['ats-insubria-2021']!.projects;
    expect(partners(p21!)).toEqual([
      [1, 'Comune di Varese', '', 'Capofila', 'Giulia Neri', 'g.neri@comune.varese.example.it', '0332 255111'],
      [2, "Università dell'Insubria", '', 'Partner', 'Carla Motta', 'c.motta@uninsubria.example.it', '0332 219000'],
      [3, 'Confcommercio Varese', '', 'Partner', 'Davide Sala', 'd.sala@confcommercio.example.it', '0332 342111'],
    ]);
    expect(findings(p21!)).toEqual([['partners-missing', 'info', 'column:type', null]]);
    expect(partners(p22!).map((x) => x[1])).toEqual(['Comune di Como', 'Cooperativa Lavoro e Famiglia']);
  });

  it('reads [x] and [ ], not the "[x]" of the instruction', () => {
    const projects = annexes['ats-insubria-2021']!.projects;
    expect(projects.map(ticked)).toEqual(['abcd', 'f']);
    expect(projects.map((p) => p.interventions.map((i) => i.label))).toEqual([TYPES, TYPES]);
  });

  it('reads shares per line beside CONTRIBUTO and COFINANZIAMENTO rows, and says when they do not add up', () => {
    const [p21, p22] = annexes['ats-insubria-2021']!.projects;
    expect(amounts(p21!)).toEqual({
      A: '25000.00', A_coord: '8000.00', B: '3000.00', C: '15000.00', D: '15000.00', E: '2000.00', TOTAL: '60000.00',
      CONTRIBUTION: '40000.00', COFINANCING: '20000.00', COFIN_MONETARY_TOTAL: '10000.00', COFIN_IN_KIND_TOTAL: '10000.00',
    });
    expect(shares(p21!)).toEqual({
      A: ['15000.00', '10000.00'], A_coord: ['5000.00', '3000.00'], B: ['3000.00', '0.00'], C: ['10000.00', '5000.00'],
      D: ['12000.00', '3000.00'], E: ['0.00', '2000.00'], TOTAL: ['40000.00', '20000.00'],
    });
    expect(cofinancers(p21!)).toEqual([['Comune di Varese', '10000.00', '6000.00'], ['Confcommercio Varese', '0.00', '4000.00']]);
    expect(amounts(p22!)).toMatchObject({ TOTAL: '40000.00', CONTRIBUTION: '28000.00', COFINANCING: '12000.00' });
    expect(shares(p22!).TOTAL).toEqual(['29000.00', '11000.00']);
    expect(findings(p22!)).toEqual([
      ['shares-sum', 'error', '29000.00', '28000.00'],
      ['shares-sum', 'error', '11000.00', '12000.00'],
      ['partners-missing', 'info', 'column:type', null],
      ['ranking-mismatch', 'warning', '30000.00', '28000.00'],
    ]);
  });
});

describe('ATS della Montagna: the number inside the header table; SI/NO; one amount column', () => {
  it('reads the two-column header with its "N. progetto" row', () => {
    const a = annexes['ats-montagna-2022']!;
    expect(a.projects.map(header)).toEqual([
      ['7', 'Montagna che concilia', 'Comunità Montana Valtellina di Sondrio', 'Alleanza Valtellina Centrale', 'Chiara Bertolini',
        'c.bertolini@cmsondrio.example.it', '0342 210331', 70, '23000.00'],
      ['9', 'Valchiavenna family friendly', 'Comune di Chiavenna', 'Alleanza Valchiavenna', 'Stefano Tam', 's.tam@comune.chiavenna.example.it', '', 58, '12500.00'],
    ]);
    expect(findings(a.projects[1]!)).toEqual([['header-field-missing', 'info', 'field:referentPhone', null]]);
  });

  it('reads "Ruolo | Denominazione | Tipologia | Referente | Contatti"', () => {
    const [p7, p9] = annexes['ats-montagna-2022']!.projects;
    expect(partners(p7!)).toEqual([
      [1, 'Comunità Montana Valtellina di Sondrio', 'Ente pubblico', 'Capofila', 'Chiara Bertolini', 'c.bertolini@cmsondrio.example.it', '0342 210331'],
      [2, 'Comune di Sondrio', 'Ente pubblico', 'Partner', 'Marco Della Nave', 'm.dellanave@comune.sondrio.example.it', '0342 526111'],
      [3, 'Cooperativa Grandangolo', 'Cooperativa sociale', 'Partner', 'Alessia Rinaldi', 'info@grandangolo.example.it', '0342 200500'],
    ]);
    expect(partners(p9!)).toEqual([
      [1, 'Comune di Chiavenna', 'Ente pubblico', 'Capofila', 'Stefano Tam', 's.tam@comune.chiavenna.example.it', ''],
      [2, 'Consorzio Turistico Valchiavenna', 'Consorzio', 'Partner', 'Laura Guanella', '', '0343 37485'],
    ]);
  });

  it('reads the SI/NO column of a list without letters', () => {
    const projects = annexes['ats-montagna-2022']!.projects;
    expect(projects.map(ticked)).toEqual(['ab', 'cdf']);
    expect(projects.map(listed)).toEqual(['abcdef', 'abcdef']);
  });

  it('reads "0" as zero and "-" as not stated, amounts without thousands separators', () => {
    const [p7, p9] = annexes['ats-montagna-2022']!.projects;
    expect(amounts(p7!)).toEqual({
      A: '15000.00', A_coord: '4500.00', B: '0.00', C: '10000.00', D: '8000.00', E: null, TOTAL: '33000.00',
      CONTRIBUTION: '23000.00', COFINANCING: '10000.00', COFIN_MONETARY_TOTAL: '3000.00', COFIN_IN_KIND_TOTAL: '7000.00',
    });
    expect(cofinancers(p7!)).toEqual([['Comunità Montana Valtellina di Sondrio', '3000.00', '3000.00'], ['Comune di Sondrio', null, '4000.00']]);
    expect(amounts(p9!)).toMatchObject({ D: '0.00', TOTAL: '18000.00', CONTRIBUTION: '12500.00', COFINANCING: '5500.00' });
    expect(findings(p7!)).toEqual([]);
  });
});

// Every rendering reads like its .md, field for field.
const FORMS: [string, string][] = [];
for (const name of ['ats-bergamo-2022', 'ats-brescia-2023', 'ats-insubria-2021', 'ats-montagna-2022']) {
  for (const form of ['chromium.pdf', 'noborder.pdf', 'writer.pdf', 'docx', 'html']) FORMS.push([name, `${name}.${form}`]);
}

describe.each(FORMS)('%s: %s', (name, file) => {
  it('reads like the .md', async () => {
    const annex = await read(file);
    const a = agreement(annexes[name]!, annex);
    console.log(`[agencies] ${file}: ${a.percent.toFixed(1)}% of ${a.fields} fields agree with the .md`);
    expect(a.differences.slice(0, 15)).toEqual([]);
    expect(a.percent).toBe(100);
  }, 60_000);
});

// What the PDF front end lays, where a table's rows are told apart by the text alone: rows with
// an empty cell are rows, never the wrapped end of the row above.
describe('rows with an empty cell, in PDFs', () => {
  const rows = async (file: string, first: string, count: number) => {
    const path = join(DIR, file);
    const doc = await readSource(readFileSync(path), path);
    const at = doc.lines.findIndex((l) => l.startsWith(first));
    expect(at, `${first} in ${file}`).toBeGreaterThanOrEqual(0);
    return doc.lines.slice(at).filter((l) => l !== '').slice(0, count);
  };

  it('a short label with its amount left empty, under a row that did not fill its column', async () => {
    for (const file of ['ats-brescia-2023.noborder.pdf', 'ats-brescia-2023.writer.pdf']) {
      // In the Writer PDF the page breaks between the two rows: still two rows.
      expect(await rows(file, 'Voucher e rimborsi alle famiglie\t', 3)).toEqual(['Voucher e rimborsi alle famiglie\t9 000,00', 'Spese generali\t', 'COSTO COMPLESSIVO\t39 500,00']);
    }
  });

  it('item rows left unticked, after the last tick and between ticks', async () => {
    const lines = await rows('ats-bergamo-2022.noborder.pdf', 'Tipologia di intervento\tX', 80);
    expect(lines.slice(0, 7)).toEqual([
      'Tipologia di intervento\tX',
      'a) Servizi di assistenza e supporto al caregiver familiare\tX',
      'b) Servizi per la gestione del pre e post scuola e dei periodi di chiusura scolastica\tX',
      'c) Servizi Salva tempo\tX',
      'd) Servizi di consulenza\t',
      'e) Servizi di supporto a sostegno dei lavoratori/collaboratori autonomi e dei liberi professionisti\t',
      'f) Servizi a sostegno delle politiche dei tempi e degli orari nelle città\t',
    ]);
  });

  it('a heading set left of two tables keeps them apart', async () => {
    const lines = await rows('ats-montagna-2022.noborder.pdf', 'Servizi a sostegno delle politiche', 3);
    expect(lines).toEqual(['Servizi a sostegno delle politiche dei tempi e degli orari nelle città\tNO', 'Piano dei conti', 'Voce di costo\tImporto']);
  });

  it('a table with more columns than the one before it is a table of its own', async () => {
    expect(await rows('ats-brescia-2023.noborder.pdf', 'Soggetto cofinanziatore', 2)).toEqual(['Soggetto cofinanziatore\tQuota monetaria\tQuota valorizzata', 'Comune di Brescia\t6 000,00\t5 000,00']);
  });
});
