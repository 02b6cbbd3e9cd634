// Issue 17: what a field or a table is, whatever the template. Small annexes in house styles
// other than the fixtures' (test/fixtures/agencies), and the pieces the readers use one by one.
import { compact } from '../fixtures/figures.js';
import { describe, expect, it } from 'vitest';
import { fieldOfLabel, headerFieldOf, headerFieldsOfRow } from '../../pipeline/annex/header.js';
import type { ProjectRecord } from '../../pipeline/records.js';
import { readAmount } from '../../shared/amounts.js';
import { budgetCodesOf, isAmountHeader, isBudgetHeading, shareColumnOf } from '../../shared/labels.js';
import { annexOf } from './helpers.js';
import { TYPES } from '../fixtures/intervention-types.mjs';

const header = (p: ProjectRecord) => {
  const h = p.header;
  return [p.id, h.title, h.leadEntity, h.alliance, h.referent, h.referentEmail, h.referentPhone, h.score, h.assigned];
};
const ticked = (p: ProjectRecord) => p.interventions.filter((i) => i.selected).map((i) => i.code).join('');
const amounts = (p: ProjectRecord) => Object.fromEntries(p.budget.lines.map((l) => [l.code, l.amount]));
const rules = (p: ProjectRecord) => p.findings.map((f) => [f.rule, f.severity, compact(f.expected), compact(f.actual)]);

describe('header labels agencies use', () => {
  it.each([
    ['Ente capofila', 'leadEntity'], ['Capofila', 'leadEntity'], ['Soggetto capofila', 'leadEntity'], ['Ente proponente', 'leadEntity'],
    ['Titolo', 'title'], ['Titolo del progetto', 'title'], ['PROGETTO', 'title'], ['Denominazione del progetto', 'title'],
    ['Alleanza', 'alliance'], ["Denominazione dell'Alleanza", 'alliance'], ['ALLEANZA LOCALE DI CONCILIAZIONE', 'alliance'],
    ['Referente', 'referent'], ['Referente di progetto', 'referent'], ['Referente (nome, e-mail, telefono)', 'referent'], ['Contatti referente', 'referent'],
    ['Punti', 'score'], ['Punteggio', 'score'], ['Punteggio attribuito', 'score'], ['Punteggio totale (su 100)', 'score'],
    ['Assegnato', 'assigned'], ['Contributo assegnato', 'assigned'], ['Contributo concesso', 'assigned'], ['Importo assegnato (€)', 'assigned'],
    ['N. progetto', 'id'], ['ID', 'id'], ['Codice progetto', 'id'], ['Sub-Allegato', 'id'],
  ])('"%s" names %s', (label, field) => {
    expect(fieldOfLabel(label)).toBe(field);
  });

  it.each(['Contributo richiesto', 'Costo totale', 'Descrizione', 'Partner', 'Durata', 'Tipologia'])('"%s" names no header field', (label) => {
    expect(fieldOfLabel(label)).toBeNull();
  });

  it.each([
    ['Sub-Allegato 2.1', 'id', '2.1'],
    ['## Progetto n. 4', 'id', '4'],
    ['PROGETTO N° 4', 'id', '4'],
    ['**PROGETTO 2.1**', 'id', '2.1'],
    ['ID 12', 'id', '12'],
    ['ID progetto: 12', 'id', '12'],
    ['Codice progetto: ALC-12', 'id', 'ALC-12'],
    ['**Soggetto capofila:** Comune di Brescia', 'leadEntity', 'Comune di Brescia'],
    ['**Capofila** Comune di Lodi', 'leadEntity', 'Comune di Lodi'],
    ['<b>Titolo:</b> Tempo per noi', 'title', 'Tempo per noi'],
    ["Denominazione dell'Alleanza: Alleanza del Po", 'alliance', 'Alleanza del Po'],
    ['PUNTEGGIO: 81/100', 'score', '81'],
    ['Punteggio attribuito: 72 punti', 'score', '72'],
    ['Punti 59', 'score', '59'],
    ['CONTRIBUTO CONCESSO: € 30.000,00', 'assigned', '€ 30.000,00'],
    ['Contributo assegnato: € 30.000,00 (trentamila/00)', 'assigned', '€ 30.000,00'],
    ['Assegnato € 34.800,00', 'assigned', '€ 34.800,00'],
  ])('%s', (line, field, value) => {
    expect(headerFieldOf(line, 1, false)).toMatchObject({ field, value });
  });

  it.each([
    'Progetto n. 1 – Famiglie al centro ........................ 3',
    'Capofila del progetto è il Comune di Lodi, che coordina la rete.',
    'Il progetto: una storia di conciliazione',
    'PROGETTO: pariopportunita@comune.cremona.it',
    'Contributo richiesto: € 40.000,00',
  ])('"%s" is not a header field', (line) => {
    expect(headerFieldOf(line, 1, false)).toBeNull();
  });

  it('reads label and value cells in pairs, never a row that is not all pairs', () => {
    expect(headerFieldsOfRow(['Capofila', 'Comune di Pavia', 'Punteggio', '70'], 1).map((h) => [h.field, h.value])).toEqual([['leadEntity', 'Comune di Pavia'], ['score', '70']]);
    expect(headerFieldsOfRow(['Titolo', 'Lecco al lavoro', 'Contributo', ''], 1).map((h) => [h.field, h.value])).toEqual([['title', 'Lecco al lavoro']]);
    expect(headerFieldsOfRow(['Progetto', '4'], 1).map((h) => [h.field, h.value])).toEqual([['id', '4']]);
    // A partner whose role is "Capofila"; a ranking's header; a budget line.
    expect(headerFieldsOfRow(['Capofila', 'Comune di Sondrio', 'Ente pubblico', 'Chiara Bertolini', '0342 210331'], 1)).toEqual([]);
    expect(headerFieldsOfRow(['Capofila', 'Comune di Sondrio', 'Ente pubblico', 'Chiara Bertolini'], 1)).toEqual([]);
    expect(headerFieldsOfRow(['Pos.', 'N. progetto', 'Ente capofila', 'Titolo del progetto', 'Punteggio', 'Contributo concesso'], 1)).toEqual([]);
    expect(headerFieldsOfRow(['A) Costi di personale', '20.000,00'], 1)).toEqual([]);
  });
});

describe('budget columns and labels', () => {
  it('knows the columns of a budget with shares on every line', () => {
    expect(isBudgetHeading('Voce di spesa')).toBe(true);
    expect(isBudgetHeading('Voce')).toBe(true);
    expect(['Importo totale', 'Importo (€)', 'Costo totale'].every((t) => isAmountHeader(t))).toBe(true);
    // Alone, "Totale" names the TOTALE row, and "€ -----" is an amount, not a column.
    expect(isAmountHeader('Totale')).toBe(false);
    expect(isAmountHeader('€ -----')).toBe(false);
    expect(['Quota contributo', 'di cui contributo', 'Contributo richiesto'].map((t) => shareColumnOf(t))).toEqual(['funded', 'funded', 'funded']);
    expect(['Quota cofinanziamento', 'di cui cofinanziamento', 'Quota di cofinanziamento'].map((t) => shareColumnOf(t))).toEqual(['cofinanced', 'cofinanced', 'cofinanced']);
  });

  it.each([
    ['Personale interno ed esterno', 'A'], ['Costi di personale', 'A'], ['Acquisto o noleggio di beni e software', 'B'],
    ['Acquisto di servizi', 'C'], ['Voucher e rimborsi alle famiglie', 'D'], ['Voucher per servizi di cura', 'D'], ['Spese generali', 'E'],
    ['TOTALE (A+B+C+D+E)', 'TOTAL'], ['Totale complessivo', 'TOTAL'], ['Contributo ATS richiesto', 'CONTRIBUTION'],
    ['Quota di cofinanziamento', 'COFINANCING'], ['Cofinanziamento dei partner', 'COFINANCING'],
  ])('%s is line %s', (label, code) => {
    expect(budgetCodesOf(label)).toEqual([code]);
  });

  it.each(['F) Servizi', 'Totale partner', 'Servizi di personale e beni'])('%s names no line', (label) => {
    expect(budgetCodesOf(label)).toEqual([]);
  });

  it('reads dashes of any width as nothing, and thousands set apart by spaces', () => {
    expect(['—', '–', '-'].map((t) => readAmount(t).kind)).toEqual(['placeholder', 'placeholder', 'placeholder']);
    expect(readAmount('12 500,00')).toMatchObject({ kind: 'amount' });
    expect(String((readAmount('€ 1 234 567,89') as { value: unknown }).value)).toBe('1234567.89');
  });
});

// ATS Pavia: a header as a row of labels over a row of values, the referent on a line of its own;
// partners "Tipologia ente | Denominazione | …"; ✓ marks and a SI | NO table; a budget under
// "Descrizione | Importo" with unlettered labels; tables apart by blank lines only.
const PAVIA = `# ATS Pavia – Allegato A

N. progetto\tTitolo\tCapofila\tAlleanza\tPunteggio\tContributo assegnato
4\tConciliamo Pavia\tComune di Pavia\tAlleanza pavese\t75/100\t€ 25.000,00

Referente: Anna Neri, anna.neri@comune.pavia.example.it, 0382 399111

Partner dell'alleanza

Tipologia ente\tDenominazione\tRuolo\tReferente\tTelefono\tE-mail
Ente pubblico\tComune di Pavia\tCapofila\tAnna Neri\t0382 399111\tanna.neri@comune.pavia.example.it
Terzo settore\tCoop. Aurora\tPartner\tLuigi Bassi\t0382 123456\tl.bassi@aurora.example.it

Tipologia di intervento (selezionare con ✓)

✓ a) ${TYPES[0]}
b) ${TYPES[1]}
✓ c) ${TYPES[2]}
d) ${TYPES[3]}
e) ${TYPES[4]}
f) ${TYPES[5]}

Descrizione\tImporto
Costi di personale\t15.000,00
di cui coordinamento e monitoraggio\t3.000,00
Acquisto di beni e software\t0
Acquisto di servizi\t10.000,00
Voucher\t10.000,00
Spese generali\t2.000,00
TOTALE (A+B+C+D+E)\t37.000,00
Contributo ATS richiesto\t25.900,00
Quota di cofinanziamento\t11.100,00

N. progetto\tTitolo\tCapofila\tAlleanza\tPunteggio\tContributo assegnato
6\tPavia in rete\tComune di Vigevano\tAlleanza Lomellina\t70/100\t€ 20.000,00

Referente: Marco Sala – tel. 0381 299111 – m.sala@comune.vigevano.example.it

Tipologia ente\tDenominazione\tRuolo\tReferente\tTelefono\tE-mail
Ente pubblico\tComune di Vigevano\tCapofila\tMarco Sala\t0381 299111\tm.sala@comune.vigevano.example.it

Tipologia di intervento\tSI\tNO
${TYPES[0]}\t\tX
${TYPES[1]}\tX\t
${TYPES[2]}\t\tX
${TYPES[3]}\tX\t
${TYPES[4]}\t\tX
${TYPES[5]}\t\tX

Descrizione\tImporto
Costi di personale\t10.000,00
di cui coordinamento e monitoraggio\t2.000,00
Acquisto di servizi\t10.000,00
Voucher\t8.600,00
TOTALE\t28.600,00
Contributo ATS richiesto\t20.000,00
Quota di cofinanziamento\t8.600,00
`;

// ATS Brianza: a ranking whose "N." is the position; a contents list with a tab before the page;
// a four-column header table; "SI"/"NO" after each label, or an "X"; shares on every line with a
// "Totale" column; a referent with a PEC in brackets.
const BRIANZA = `AGENZIA DI TUTELA DELLA SALUTE DELLA BRIANZA

Graduatoria

N.\tCapofila\tTitolo\tPunti\tImporto assegnato
1\tComune di Monza\tBrianza concilia\t80\t35.000,00
2\tComune di Lecco\tLecco al lavoro\t70\t20.000,00
3\tComune di Merate\tNon finanziato\t40\t0,00

Indice
Progetto 5 – Lecco al lavoro\t3
Progetto 8 – Brianza concilia\t5

PROGETTO N. 5

Capofila\tComune di Lecco\tPunteggio\t70
Titolo\tLecco al lavoro\tContributo\t
Alleanza\tAlleanza lecchese\tAssegnato\t€ 20.000,00
Referente\tPaolo Riva (PEC lecco@pec.example.it)\t\t

TIPOLOGIA DI INTERVENTO
a) ${TYPES[0]}: SI
b) ${TYPES[1]}: NO
c) ${TYPES[2]}: SI
d) ${TYPES[3]}: NO
e) ${TYPES[4]}: NO
f) ${TYPES[5]}: NO

PARTNER
N.\tPartner\tReferente e contatti
1\tComune di Lecco\tPaolo Riva 0341 481111 p.riva@comune.lecco.example.it
2\tCooperativa Sole\tAda Neri 0341 222333 ada@sole.example.it

PIANO FINANZIARIO
Voce\tTotale\tContributo\tCofinanziamento
A) Personale\t20.000\t15.000\t5.000
di cui coordinamento\t3.000\t2.000\t1.000
B) Beni\t-\t-\t-
C) Servizi\t5.000\t5.000\t0
D) Voucher\t3.000\t0\t3.000
E) Spese generali\t2.000\t0\t2.000
TOTALE\t30.000\t20.000\t10.000

PROGETTO N. 8

Capofila\tComune di Monza\tPunteggio\t82
Titolo\tBrianza concilia\tAssegnato\t€ 35.000,00
Alleanza\tAlleanza monzese\tReferente\tSara Villa, 039 2372111

Tipologia di intervento:
a) ${TYPES[0]} X
b) ${TYPES[1]}
c) ${TYPES[2]} X
d) ${TYPES[3]}
e) ${TYPES[4]}
f) ${TYPES[5]}

PARTNER
N.\tPartner\tReferente e contatti
1\tComune di Monza\tSara Villa 039 2372111 s.villa@comune.monza.example.it

PIANO FINANZIARIO
Voce\tImporto
A) Personale\t30.000
B) Beni\t0
C) Servizi\t10.000
D) Voucher\t10.000
E) Spese generali\t0
TOTALE\t50.000
Contributo richiesto\t35.000
Cofinanziamento\t15.000
`;

describe('ATS Pavia: labels over values, ✓, SI | NO, unlettered budget', () => {
  const a = annexOf(PAVIA, 'pavia.md');

  it('reads both headers, the referent beside them', () => {
    expect(a.projects.map(header)).toEqual([
      ['4', 'Conciliamo Pavia', 'Comune di Pavia', 'Alleanza pavese', 'Anna Neri', 'anna.neri@comune.pavia.example.it', '0382 399111', 75, '25000.00'],
      ['6', 'Pavia in rete', 'Comune di Vigevano', 'Alleanza Lomellina', 'Marco Sala', 'm.sala@comune.vigevano.example.it', '0381 299111', 70, '20000.00'],
    ]);
  });

  it('reads partners with the type first, and stops at the next table', () => {
    expect(a.projects.map((p) => p.partners.map((x) => [x.name, x.type, x.role, x.referent, x.email, x.phone]))).toEqual([
      [['Comune di Pavia', 'Ente pubblico', 'Capofila', 'Anna Neri', 'anna.neri@comune.pavia.example.it', '0382 399111'],
        ['Coop. Aurora', 'Terzo settore', 'Partner', 'Luigi Bassi', 'l.bassi@aurora.example.it', '0382 123456']],
      [['Comune di Vigevano', 'Ente pubblico', 'Capofila', 'Marco Sala', 'm.sala@comune.vigevano.example.it', '0381 299111']],
    ]);
  });

  it('reads ✓ marks and a SI | NO table', () => {
    expect(a.projects.map(ticked)).toEqual(['ac', 'bd']);
    expect(a.projects.map((p) => p.interventions.map((i) => i.label))).toEqual([TYPES, TYPES]);
  });

  it('reads the budget under "Descrizione | Importo" in the template\'s words', () => {
    expect(amounts(a.projects[0]!)).toEqual({
      A: '15000.00', A_coord: '3000.00', B: '0.00', C: '10000.00', D: '10000.00', E: '2000.00', TOTAL: '37000.00', CONTRIBUTION: '25900.00', COFINANCING: '11100.00',
    });
    expect(amounts(a.projects[1]!)).toEqual({
      A: '10000.00', A_coord: '2000.00', C: '10000.00', D: '8600.00', TOTAL: '28600.00', CONTRIBUTION: '20000.00', COFINANCING: '8600.00',
    });
    expect(a.projects.flatMap(rules).filter((r) => r[1] !== 'info')).toEqual([]);
  });
});

describe('ATS Brianza: a ranking by position, a tab-leader index, four-column headers, SI/NO after the label', () => {
  const a = annexOf(BRIANZA, 'brianza.md');

  it('reads both headers from their four-column tables', () => {
    expect(a.projects.map(header)).toEqual([
      ['5', 'Lecco al lavoro', 'Comune di Lecco', 'Alleanza lecchese', 'Paolo Riva', 'lecco@pec.example.it', '', 70, '20000.00'],
      ['8', 'Brianza concilia', 'Comune di Monza', 'Alleanza monzese', 'Sara Villa', '', '039 2372111', 82, '35000.00'],
    ]);
  });

  it('reads the index and the ranking, matching rows to projects by title when "N." is the position', () => {
    expect(a.toc!.map((t) => [t.id, t.title, t.page])).toEqual([['5', 'Lecco al lavoro', 3], ['8', 'Brianza concilia', 5]]);
    expect(a.projects.map((p) => p.findings.filter((f) => f.rule === 'ranking-mismatch').map((f) => [f.severity, compact(f.expected), compact(f.actual)]))).toEqual([
      [], [['warning', '80', '82']],
    ]);
    expect(a.findings.map((f) => [f.rule, f.severity, compact(f.expected), compact(f.actual)])).toEqual([['ranking-mismatch', 'info', 'in-annex', '3']]);
  });

  it('reads "SI"/"NO" after each label and an "X" after it', () => {
    expect(a.projects.map(ticked)).toEqual(['ac', 'ac']);
    expect(a.projects.map((p) => p.interventions.map((i) => i.label))).toEqual([TYPES, TYPES]);
  });

  it('reads shares per line under "Totale | Contributo | Cofinanziamento"', () => {
    const p5 = a.projects[0]!;
    expect(amounts(p5)).toEqual({
      A: '20000.00', A_coord: '3000.00', B: null, C: '5000.00', D: '3000.00', E: '2000.00', TOTAL: '30000.00', CONTRIBUTION: '20000.00', COFINANCING: '10000.00',
    });
    expect(p5.budget.lines.find((l) => l.code === 'A')).toMatchObject({ funded: '15000.00', cofinanced: '5000.00' });
    expect(rules(p5).filter((r) => r[1] !== 'info')).toEqual([]);
  });
});

// ATS Città Metropolitana: a ranking that names each project "Progetto n. 3" and gives both the
// grant asked for and the one awarded; "Progetto n. 3 – title" headings, a label alone before
// its value, a referent whose e-mail and PEC go on the lines after; boxes after the labels; a
// budget that gives "€" a column of its own.
const MILANO = `AGENZIA DI TUTELA DELLA SALUTE DELLA CITTÀ METROPOLITANA DI MILANO

GRADUATORIA DEI PROGETTI FINANZIATI

Progetto\tCapofila\tContributo richiesto\tContributo assegnato\tPunteggio
Progetto n. 3\tComune di Milano\t€ 40.000,00\t€ 30.000,00\t77
Progetto n. 7\tComune di Rho\t€ 14.000,00\t€ 14.000,00\t64

## Progetto n. 3 – Milano concilia

Titolo del progetto:
Milano concilia

Ente capofila: Comune di Milano

Alleanza: Alleanza Milano Nord

Referente: Mario Bianchi
e-mail: m.bianchi@comune.milano.example.it
PEC: conciliazione@pec.comune.milano.example.it

Punteggio attribuito: 77

Contributo concesso: € 30.000,00 (trentamila/00)

Tipologie di intervento (indicare con una X):

a. ${TYPES[0]} [X]
b. ${TYPES[1]} [ ]
c. ${TYPES[2]} [ ]
d. ${TYPES[3]} [X]
e. ${TYPES[4]} [ ]
f. ${TYPES[5]} [ ]

PIANO DEI CONTI
Voce di costo\tImporto\t
A. Costi di personale interno ed esterno\t€\t20.000,00
di cui per coordinamento\t€\t6.000,00
B. Costo di acquisto, noleggio, leasing di beni o software\t€\t-
C. Costo di acquisto di servizi\t€\t20.000,00
D. Costi relativi ad erogazione voucher/rimborsi\t€\t15.000,00
E. Spese generali di funzionamento e gestione\t€\t2.000,00
TOTALE\t€\t57.000,00
di cui CONTRIBUTO RICHIESTO\t€\t40.000,00
di cui COFINANZIAMENTO\t€\t17.000,00

## Progetto n. 7 – Rho per le famiglie

Titolo del progetto:
Rho per le famiglie

Ente capofila: Comune di Rho

Referente: Lucia Gatti, 02 933321

Punteggio attribuito: 64

Contributo concesso: € 14.000,00
`;

describe('ATS Città Metropolitana: "Progetto n. 3" everywhere, labels alone, "€" in a column of its own', () => {
  const a = annexOf(MILANO, 'milano.md');

  it('reads the headers, the title from the line after its label, the contacts from the lines after the referent', () => {
    expect(a.projects.map(header)).toEqual([
      ['3', 'Milano concilia', 'Comune di Milano', 'Alleanza Milano Nord', 'Mario Bianchi',
        'm.bianchi@comune.milano.example.it; conciliazione@pec.comune.milano.example.it', '', 77, '30000.00'],
      ['7', 'Rho per le famiglie', 'Comune di Rho', '', 'Lucia Gatti', '', '02 933321', 64, '14000.00'],
    ]);
    // Said, not guessed: project 7 names no alliance.
    expect(a.projects[1]!.findings.filter((f) => f.rule === 'header-field-missing').map((f) => compact(f.expected))).toContain('field:alliance');
  });

  it('matches ranking rows by "Progetto n. 3" and compares the grant awarded, not the one asked for', () => {
    expect(a.projects.flatMap((p) => p.findings.filter((f) => f.rule === 'ranking-mismatch'))).toEqual([]);
    expect(a.findings).toEqual([]);
  });

  it('reads boxes after the labels', () => {
    expect(ticked(a.projects[0]!)).toBe('ad');
  });

  it('reads the amounts beside a column of "€"', () => {
    expect(amounts(a.projects[0]!)).toEqual({
      A: '20000.00', A_coord: '6000.00', B: null, C: '20000.00', D: '15000.00', E: '2000.00', TOTAL: '57000.00', CONTRIBUTION: '40000.00', COFINANCING: '17000.00',
    });
  });
});

describe('a project whose header is not read past its number', () => {
  it('is still a project when a budget follows, and its header says what it lacks', () => {
    const text = [
      'PROGETTO N. 5', '',
      'Capofila Titolo\tComune di Lecco Lecco al lavoro\tPunteggio Contributo\t70', '',
      'PIANO FINANZIARIO',
      'Voce\tImporto',
      'A) Personale\t20.000', 'B) Beni\t0', 'C) Servizi\t5.000', 'D) Voucher\t3.000', 'E) Spese generali\t2.000',
      'TOTALE\t30.000', 'Contributo richiesto\t20.000', 'Cofinanziamento\t10.000', '',
      'Progetto n. 6 – una nota che non è un progetto', '',
    ].join('\n');
    const a = annexOf(text, 'broken.md');
    expect(a.projects.map((p) => p.id)).toEqual(['5']);
    const missing = a.projects[0]!.findings.filter((f) => f.rule === 'header-field-missing').map((f) => compact(f.expected));
    expect(missing).toEqual(expect.arrayContaining(['field:title', 'field:leadEntity', 'field:score', 'field:assigned']));
    expect(a.projects[0]!.budget.lines.find((l) => l.code === 'TOTAL')!.amount).toBe('30000.00');
  });
});

describe('several header fields on one line', () => {
  it('cuts the line at its dashes, bars and semicolons', () => {
    const text = [
      'ID 21', 'Capofila: Comune di Lodi | Titolo: Lodi concilia', 'Referente: Anna Neri – tel. 0371 409111 – a.neri@comune.lodi.example.it',
      'Punteggio: 72/100 – Contributo assegnato: € 30.000,00', '',
      'Voce\tImporto', 'A) Personale\t20.000', 'TOTALE\t40.000', 'Contributo richiesto\t30.000', 'Cofinanziamento\t10.000',
    ].join('\n');
    const a = annexOf(text, 'lodi.md');
    expect(a.projects.map(header)).toEqual([
      ['21', 'Lodi concilia', 'Comune di Lodi', '', 'Anna Neri', 'a.neri@comune.lodi.example.it', '0371 409111', 72, '30000.00'],
    ]);
  });
});

describe('a ranking of one project', () => {
  it('is the ranking, not a second header of the project it lists', () => {
    const text = [
      'Graduatoria', '',
      'N. progetto\tCapofila\tTitolo\tPunteggio\tContributo assegnato',
      '4\tComune di Pavia\tConciliamo Pavia\t75\t€ 25.000,00', '',
      'Progetto n. 4', '', 'Titolo: Conciliamo Pavia', 'Capofila: Comune di Pavia', 'Punteggio: 74', 'Contributo assegnato: € 25.000,00', '',
      'Voce\tImporto', 'A) Personale\t25.000', 'TOTALE\t35.000', 'Contributo richiesto\t25.000', 'Cofinanziamento\t10.500',
    ].join('\n');
    const a = annexOf(text, 'one.md');
    expect(a.projects.map((p) => [p.id, p.header.score])).toEqual([['4', 74]]);
    expect(a.projects[0]!.findings.filter((f) => f.rule === 'ranking-mismatch').map((f) => [compact(f.expected), compact(f.actual)])).toEqual([['75', '74']]);
    expect(a.findings.filter((f) => f.rule === 'project-id-duplicate')).toEqual([]);
  });
});

describe('labels without a colon, as a PDF gives a bold label', () => {
  it('pairs them with their values inside a header, never in prose', () => {
    const text = [
      'Progetto n. 2', 'Ente capofila Comune di Crema', 'Titolo del progetto Crema concilia', 'Referente Luca Riva, 0373 894111',
      'Punteggio attribuito 66', 'Contributo concesso € 18.000,00', '',
      'Ente capofila del progetto è il Comune di Crema, che coordina la rete.', '',
      'Voce\tImporto', 'A) Personale\t18.000', 'TOTALE\t26.000', 'Contributo richiesto\t18.000', 'Cofinanziamento\t8.000',
    ].join('\n');
    const a = annexOf(text, 'crema.md');
    expect(a.projects.map(header)).toEqual([['2', 'Crema concilia', 'Comune di Crema', '', 'Luca Riva', '', '0373 894111', 66, '18000.00']]);
    expect(a.projects[0]!.sections.map((s) => s.text).join('\n')).toContain('Ente capofila del progetto è il Comune di Crema');
  });
});
