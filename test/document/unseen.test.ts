// Annexes in house styles written after the readers were built (test/fixtures/unseen/make-*.mjs),
// read as a hidden annex of another agency would be. ATS Pavia: the header a four-column table
// with the referent's contacts in a cell labelled "Recapiti", the budget's letters in a column of
// their own ("A", "A.1"), whole euros, "TOTALE COMPLESSIVO", a cofinancing table headed
// "Cofinanziatore | Risorse monetarie | Risorse in natura", ✓ in a "Prevista" column. ATS Milano:
// a code for a number ("MI-2023-014"), header lines with a dash for a colon, the referent's phone
// and e-mail on lines of their own, a decimal score, "euro 38.500,00", X in a "Sì" or a "No"
// column, budget lines numbered 1-5, shares on every line and no CONTRIBUTO/COFINANZIAMENTO rows.
// The records are stated here by hand; then every published form (PDF from Chromium with and
// without ruling lines, the Word file and its Writer PDF, the HTML) reads like the .md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAnnexDocument } from '../../pipeline/annex/read-annex.js';
import { readSource } from '../../pipeline/document/read-source.js';
import type { AnnexRecord } from '../../pipeline/records.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { agreement } from '../fixtures/agreement.js';
import { ROOT } from '../pipeline/helpers.js';

const DIR = join(ROOT, 'test/fixtures/unseen');
const read = async (name: string): Promise<AnnexRecord> => {
  const path = join(DIR, name);
  return readAnnexDocument(await readSource(readFileSync(path), path), DEFAULT_PROFILE);
};

let annex: AnnexRecord;
let milano: AnnexRecord;
beforeAll(async () => {
  annex = await read('ats-pavia-2024.md');
  milano = await read('ats-milano-2023.md');
});
const header = (a: AnnexRecord) => a.projects.map((p) => {
  const h = p.header;
  return [p.id, h.title, h.leadEntity, h.alliance, h.referent, h.referentEmail, h.referentPhone, h.score, h.assigned];
});
const amounts = (a: AnnexRecord) => a.projects.map((p) => Object.fromEntries(p.budget.lines.map((l) => [l.code, l.amount])));
const cofinancers = (a: AnnexRecord) => a.projects.map((p) => p.budget.cofinancers.map((c) => [c.entity, c.monetary, c.inKind]));
const ticked = (a: AnnexRecord) => a.projects.map((p) => p.interventions.filter((i) => i.selected).map((i) => i.code).join(''));

describe('ATS Pavia, a house style the readers never saw', () => {
  it('reads the four-column header, the referent beside "Recapiti"', () => {
    expect(header(annex)).toEqual([
      ['5', 'Tempo di famiglia', 'Comune di Pavia', 'Alleanza Pavia Nord', 'Federica Gatti', 'f.gatti@comune.pavia.example.it', '0382 399111', 74, '25000.00'],
      ['8', 'Lomellina che concilia', 'Azienda Speciale Consortile Lomellina', 'Alleanza Lomellina', 'Gianni Sacchi', 'g.sacchi@aslomellina.example.it', '0381 690111', 66, '18900.00'],
    ]);
  });

  it('reads "Ragione sociale | Natura giuridica | Ruolo nel progetto | Referente | Recapiti"', () => {
    expect(annex.projects[1]!.partners.map((x) => [x.seq, x.name, x.type, x.role, x.referent, x.email, x.phone])).toEqual([
      [1, 'Azienda Speciale Consortile Lomellina', 'Azienda consortile', 'Capofila', 'Gianni Sacchi', 'g.sacchi@aslomellina.example.it', '0381 690111'],
      [2, 'Comune di Vigevano', 'Ente pubblico', 'Partner', 'Paola Rossetti', 'p.rossetti@comune.vigevano.example.it', '0381 299111'],
    ]);
    expect(annex.projects[0]!.partners).toHaveLength(3);
  });

  it('reads ✓ in a "Prevista" column', () => {
    expect(ticked(annex)).toEqual(['ace', 'bdf']);
  });

  it('reads a budget whose letters stand in a column of their own, in whole euros', () => {
    expect(amounts(annex)).toEqual([
      { A: '14000.00', A_coord: '4000.00', B: '1000.00', C: '12000.00', D: '8000.00', E: '1000.00', TOTAL: '36000.00', CONTRIBUTION: '25000.00', COFINANCING: '11000.00' },
      { A: '10000.00', A_coord: '2500.00', B: '0.00', C: '9000.00', D: '6000.00', E: '2000.00', TOTAL: '27000.00', CONTRIBUTION: '18900.00', COFINANCING: '8100.00' },
    ]);
    expect(cofinancers(annex)).toEqual([
      [['Comune di Pavia', '5000.00', '4000.00'], ['Cooperativa Sociale Aurora', '0.00', '2000.00']],
      [['Azienda Speciale Consortile Lomellina', '3000.00', '5100.00']],
    ]);
  });

  it('finds nothing wrong in an annex that breaks no rule', () => {
    expect(annex.projects.flatMap((p) => p.findings.map((f) => `${p.id} ${f.rule}`))).toEqual([]);
  });
});

describe('ATS Milano, a second house style the readers never saw', () => {
  it('opens a project at its code, reads dashes for colons and the referent over three lines', () => {
    expect(header(milano)).toEqual([
      ['MI-2023-014', 'Milano concilia', 'Comune di Milano', 'Alleanza Milano Centro', 'Marco Bianchi', 'm.bianchi@comune.milano.example.it', '02 88451234', 82.5, '38500.00'],
      ['MI-2023-021', 'Sud Milano al lavoro', 'Azienda Sociale Sud Est Milano', 'Alleanza Sud Est', 'Anna Galli', 'a.galli@assemi.example.it', '02 9820011', 71, '20000.00'],
    ]);
    // The list of projects before the first one is no project.
    expect(milano.projects).toHaveLength(2);
  });

  it('reads "Ente partner | Natura | Ruolo | Persona di riferimento | Telefono | Email"', () => {
    expect(milano.projects[0]!.partners.map((x) => [x.seq, x.name, x.type, x.role, x.referent, x.email, x.phone])).toEqual([
      [1, 'Comune di Milano', 'Ente pubblico', 'Capofila', 'Marco Bianchi', 'm.bianchi@comune.milano.example.it', '02 88451234'],
      [2, 'Fondazione Welfare Ambrosiano', 'Fondazione', 'Partner', 'Sara Colombo', 's.colombo@fwa.example.it', '02 6700100'],
      [3, 'CGIL Camera del Lavoro di Milano', 'Sindacato', 'Partner', 'Luigi Re', 'l.re@cgil.example.it', '02 55025111'],
    ]);
  });

  it('reads an X in the "Sì" column as a tick and one in the "No" column as none', () => {
    expect(ticked(milano)).toEqual(['abd', 'cf']);
  });

  it('reads numbered budget lines with their shares, CONTRIBUTO and COFINANZIAMENTO from the total row', () => {
    expect(amounts(milano)).toEqual([
      { A: '24000.00', A_coord: '7000.00', B: '2000.00', C: '18000.00', D: '10000.00', E: '1000.00', TOTAL: '55000.00', CONTRIBUTION: '38500.00', COFINANCING: '16500.00' },
      { A: '12000.00', A_coord: '3500.00', B: '0.00', C: '10000.00', D: '6000.00', E: '1000.00', TOTAL: '29000.00', CONTRIBUTION: '20000.00', COFINANCING: '9000.00' },
    ]);
    expect(milano.projects[0]!.budget.lines.find((l) => l.code === 'C')).toMatchObject({ funded: '12500.00', cofinanced: '5500.00' });
    expect(cofinancers(milano)).toEqual([
      [['Comune di Milano', '6000.00', '5000.00'], ['Fondazione Welfare Ambrosiano', '0.00', '5500.00']],
      [['Azienda Sociale Sud Est Milano', '4000.00', '5000.00']],
    ]);
    expect(milano.projects.flatMap((p) => p.findings.map((f) => `${p.id} ${f.rule}`))).toEqual([]);
  });
});

// Every published form of both annexes reads like its .md, field for field.
const FORMS = ['chromium.pdf', 'noborder.pdf', 'writer.pdf', 'docx', 'html'];
describe.each(FORMS.flatMap((form) => [['ats-pavia-2024', form], ['ats-milano-2023', form]]))('%s.%s', (name, form) => {
  it('reads like the .md', async () => {
    const a = agreement(name === 'ats-pavia-2024' ? annex : milano, await read(`${name}.${form}`));
    expect(a.differences.slice(0, 15)).toEqual([]);
    expect(a.percent).toBe(100);
  }, 60_000);
});
