// An annex in a house style written after the readers were built (test/fixtures/unseen/
// make-pavia.mjs), read as a hidden annex of another agency would be: the header a four-column
// table with the referent's contacts in a cell labelled "Recapiti", the budget's letters in a
// column of their own ("A", "A.1"), whole euros, "TOTALE COMPLESSIVO", a cofinancing table headed
// "Cofinanziatore | Risorse monetarie | Risorse in natura", ✓ in a "Prevista" column. The records
// are stated here by hand; then every published form (PDF from Chromium with and without ruling
// lines, the Word file and its Writer PDF) reads like the .md.
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
beforeAll(async () => {
  annex = await read('ats-pavia-2024.md');
});

describe('ATS Pavia, a house style the readers never saw', () => {
  it('reads the four-column header, the referent beside "Recapiti"', () => {
    expect(annex.projects.map((p) => {
      const h = p.header;
      return [p.id, h.title, h.leadEntity, h.alliance, h.referent, h.referentEmail, h.referentPhone, h.score, h.assigned];
    })).toEqual([
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
    expect(annex.projects.map((p) => p.interventions.filter((i) => i.selected).map((i) => i.code).join(''))).toEqual(['ace', 'bdf']);
  });

  it('reads a budget whose letters stand in a column of their own, in whole euros', () => {
    const amounts = annex.projects.map((p) => Object.fromEntries(p.budget.lines.map((l) => [l.code, l.amount])));
    expect(amounts).toEqual([
      { A: '14000.00', A_coord: '4000.00', B: '1000.00', C: '12000.00', D: '8000.00', E: '1000.00', TOTAL: '36000.00', CONTRIBUTION: '25000.00', COFINANCING: '11000.00' },
      { A: '10000.00', A_coord: '2500.00', B: '0.00', C: '9000.00', D: '6000.00', E: '2000.00', TOTAL: '27000.00', CONTRIBUTION: '18900.00', COFINANCING: '8100.00' },
    ]);
    expect(annex.projects.map((p) => p.budget.cofinancers.map((c) => [c.entity, c.monetary, c.inKind]))).toEqual([
      [['Comune di Pavia', '5000.00', '4000.00'], ['Cooperativa Sociale Aurora', '0.00', '2000.00']],
      [['Azienda Speciale Consortile Lomellina', '3000.00', '5100.00']],
    ]);
  });

  it('finds nothing wrong in an annex that breaks no rule', () => {
    expect(annex.projects.flatMap((p) => p.findings.map((f) => `${p.id} ${f.rule}`))).toEqual([]);
  });

  it.each(['chromium.pdf', 'noborder.pdf', 'writer.pdf', 'docx'])('reads the %s like the .md', async (form) => {
    const a = agreement(annex, await read(`ats-pavia-2024.${form}`));
    expect(a.differences.slice(0, 15)).toEqual([]);
    expect(a.percent).toBe(100);
  }, 60_000);
});
