// The text front end on texts with one table cell per line or block (pdftotext without -layout,
// LibreOffice's "save as text"): how the converter put its cells is told from the text, and
// what the converter ran together or split apart is put back where the text says how.
import { describe, expect, it } from 'vitest';
import { cellMode, cellTables, textSkips } from '../../pipeline/document/text/cells.js';
import { rejoinJustified } from '../../pipeline/document/text/justified.js';
import { pageRoles, pagesOf } from '../../pipeline/document/text/pages.js';
import { isAmountCell, streamTables } from '../../pipeline/document/text/stream.js';

/** pdftotext's way: every block ends with a blank line. */
const blocks = (...cells: string[]) => cells.flatMap((c) => [...c.split('\n'), '']);
const rowsOf = (texts: string[]) => cellTables(texts, new Set()).rows.map((r) => r.cells);

describe('how the converter put its cells', () => {
  const prose = Array.from({ length: 30 }, (_, i) => `Riga ${i} di una cella breve`);

  it('a cell per line with hardly a blank line is LibreOffice text, even where every line is short', () => {
    expect(cellMode(prose)).toBe('lines');
  });

  it('short lines in blocks ended by blank lines are pdftotext', () => {
    expect(cellMode(prose.flatMap((l, i) => (i % 2 ? [l, ''] : [l])))).toBe('blocks');
  });
});

describe('numbers on lines of their own (LibreOffice text)', () => {
  const partners = (n: number) => Array.from({ length: n }, (_, i) => [`${i + 1}`, `Comune ${i + 1}`, 'Partner', 'Ente pubblico', `ref${i + 1}@comune.example.it`]).flat();
  const prose = (n: number) => Array.from({ length: n }, (_, i) => `Una riga di testo ${i} del progetto, abbastanza lunga da essere prosa.`);

  it('a table\'s row numbers a few lines apart are cells, not page numbers', () => {
    const texts = ['N.', 'Denominazione', 'Ruolo', 'Tipologia', 'E-mail', ...partners(8)];
    expect([...textSkips(texts)]).toEqual([]);
  });

  it('a lone number between pages of text is still a page number', () => {
    const texts = [...prose(30), '1', ...prose(30), '2', ...prose(30), '3', ...prose(5)];
    expect([...textSkips(texts)].sort((a, b) => a - b)).toEqual([30, 61, 92]);
  });
});

describe('numbered tables whose cells pdftotext ran together', () => {
  it('cuts a header cell of two header words, and a cell whose end fills a cell of its own in other rows', () => {
    const texts = blocks(
      'ENTE', 'RUOLO', 'TIPOLOGIA REFERENTE',
      '1. Comune di Lodi', 'Capofila', 'Ente locale', 'Referente 1 0371 40000\nuno@comune.example.it',
      '2. Comune di Codogno', 'Partner attuativo Ente locale', 'Referente 2 0371 40001\ndue@comune.example.it',
      '3. Comune di Tavazzano', 'Partner di rete', 'Ente locale', 'Referente 3 0371 40002',
      '4. Comune di Maleo', 'Partner attuativo Ente locale', 'Referente 4 0371 40003\nquattro@comune.example.it',
    );
    expect(rowsOf(texts)).toEqual([
      ['ENTE', 'RUOLO', 'TIPOLOGIA', 'REFERENTE'],
      ['1. Comune di Lodi', 'Capofila', 'Ente locale', 'Referente 1 0371 40000 uno@comune.example.it'],
      ['2. Comune di Codogno', 'Partner attuativo', 'Ente locale', 'Referente 2 0371 40001 due@comune.example.it'],
      ['3. Comune di Tavazzano', 'Partner di rete', 'Ente locale', 'Referente 3 0371 40002'],
      ['4. Comune di Maleo', 'Partner attuativo', 'Ente locale', 'Referente 4 0371 40003 quattro@comune.example.it'],
    ]);
  });

  it('ends the last row where its e-mail stands a column early (two cells ran together), not in the text after the table', () => {
    const texts = blocks(
      'ENTE', 'RUOLO', 'TIPOLOGIA', 'REFERENTE',
      '1. Comune di Lodi', 'Capofila', 'Ente locale', 'Referente 1\nuno@comune.example.it',
      '2. Comune di Codogno', 'Partner di rete', 'Ente locale', 'Referente 2\ndue@comune.example.it',
      '3. Comune di Maleo', 'Partner di rete', 'Ente locale', 'Referente 3\ntre@comune.example.it',
      '4. Comune di Tavazzano', 'Partner attuativo Ente locale', 'Referente 4\nquattro@comune.example.it',
      'Indicare la tipologia di intervento (anche più di una tipologia):',
    );
    expect(rowsOf(texts)[4]).toEqual(['4. Comune di Tavazzano', 'Partner attuativo', 'Ente locale', 'Referente 4 quattro@comune.example.it']);
  });

  it('leaves a row short, padded with empty cells, where no part of a cell is known elsewhere', () => {
    const texts = blocks(
      'NOME DELL\'ENTE', 'TIPOLOGIA', 'REFERENTE',
      '1. Comune di Crema', 'Ente pubblico', 'Mario Rossi',
      '2. Coop Il Cerchio', 'Cooperativa sociale Anna Bianchi anna@cerchio.example.it',
      '3. Comune di Lodi', 'Ente pubblico', 'Luca Verdi',
      '4. Comune di Maleo', 'Ente pubblico', 'Sara Neri\nsara@comune.example.it',
      '5. Comune di Codogno', 'Ente pubblico', 'Paolo Gialli\npaolo@comune.example.it',
      '6. Comune di Maleo', 'Ente pubblico', 'Rita Blu\nrita@comune.example.it',
    );
    expect(rowsOf(texts)[2]).toEqual(['2. Coop Il Cerchio', 'Cooperativa sociale Anna Bianchi anna@cerchio.example.it', '']);
  });

  it('keeps the empty corner of a table of contents whose numbers are cells of their own', () => {
    const texts = blocks(
      'Titolo progetto', 'Ente capofila', 'Pag.',
      ...[1, 2, 3, 4, 5, 6].flatMap((n) => [`3.${n}`, `Progetto ${n}`, `Comune ${n}`, `${n + 2}`]),
    );
    expect(rowsOf(texts)[0]).toEqual(['', 'Titolo progetto', 'Ente capofila', 'Pag.']);
  });
});

describe('stream tables (pdftotext -layout) as pdftotext sets them', () => {
  const tables = (lines: string[]) => streamTables({ texts: lines, skip: () => false, page: () => null });

  it('keeps a wrapped row whose last line is a word under the first column and one under the last, where prose is justified', () => {
    const prose = 'Il progetto sostiene le famiglie che lavorano con servizi di conciliazione nei comuni del';
    const lines = [
      ` ${prose}`,
      ` ${prose}`,
      '',
      ' ENTE                         RUOLO              TIPOLOGIA     REFERENTE',
      ' 1. Comune di Lodi            Capofila           Ente locale   Referente 1 0371 40000',
      ' 2. Comune di                 Partner di rete    Ente locale   Referente 2 0371 40001',
      // Ends at the paragraphs' right margin, as a justified line of two words would.
      ` Casalpusterlengo${' '.repeat(prose.length - 16 - 'conciliazione2@comune.it'.length)}conciliazione2@comune.it`,
      ' 3. Comune di Tavazzano       Partner di rete    Ente locale   Referente 3 0371 40002',
    ];
    const [t] = tables(lines);
    expect(t!.rows.map((r) => r.cells[0])).toEqual(['ENTE', '1. Comune di Lodi', '2. Comune di Casalpusterlengo', '3. Comune di Tavazzano']);
  });

  it('cuts an amount set one space after its label, left of its column', () => {
    const lines = [
      ' ENTE                     COFINANZIAMENTO                  COFINANZIAMENTO VALORIZZAZIONE',
      '                          MONETARIO                        ECONOMICA',
      ' Comune di Codogno 4.500,00 €                              3.000,00 €',
      ' TOTALE                   4.500,00 €                       3.000,00 €',
    ];
    const [t] = tables(lines);
    expect(t!.rows.map((r) => r.cells)[1]).toEqual(['Comune di Codogno', '4.500,00 €', '3.000,00 €']);
  });

  it('finds a table whose rows ran cells together, from a header whose columns hold every chunk, each full line a row', () => {
    const lines = [
      ' Ruolo       Denominazione         Tipologia               Referente          Contatti',
      ' Capofila Comunità Montana         Ente pubblico           Chiara Bertolini   0342 210331 –',
      '          Valtellina di                                                       c.b@cm.example.it',
      ' Partner     Comune di Sondrio     Ente pubblico           Marco Della Nave 0342 526111 –',
      '                                                                              m.d@comune.example.it',
      ' Partner     Cooperativa           Cooperativa sociale Alessia Rinaldi        0342 200500 –',
      '             Grandangolo                                                      info@gr.example.it',
    ];
    const [t] = tables(lines);
    expect(t!.rows.map((r) => r.cells)).toEqual([
      ['Ruolo', 'Denominazione', 'Tipologia', 'Referente', 'Contatti'],
      ['Capofila', 'Comunità Montana Valtellina di', 'Ente pubblico', 'Chiara Bertolini', '0342 210331 – c.b@cm.example.it'],
      ['Partner', 'Comune di Sondrio', 'Ente pubblico', 'Marco Della Nave', '0342 526111 – m.d@comune.example.it'],
      ['Partner', 'Cooperativa Grandangolo', 'Cooperativa sociale', 'Alessia Rinaldi', '0342 200500 – info@gr.example.it'],
    ]);
  });

  it('opens a row at a header label, at a tick, and at a lettered line with its value, after a full line', () => {
    const header = [
      ' N. progetto         7',
      ' Referente           Chiara Bertolini, 0342 210331, c.bertolini@cmsondrio.example.it',
      ' Punti               70',
    ];
    expect(tables(header)[0]!.rows.map((r) => r.cells)).toEqual([
      ['N. progetto', '7'], ['Referente', 'Chiara Bertolini, 0342 210331, c.bertolini@cmsondrio.example.it'], ['Punti', '70'],
    ]);
    const ticks = [
      ' Tipologia                                                                                  SI/NO',
      ' Servizi per la gestione del pre e post scuola e dei periodi di chiusura scolastica         SI',
      ' Servizi Salva tempo                                                                        NO',
    ];
    expect(tables(ticks)[0]!.rows).toHaveLength(3);
    const budget = [
      ' Voce di costo                                                                         Importo',
      ' di cui per coordinamento, monitoraggio, rendicontazione e valutazione del progetto    € 4500,00',
      ' B. Costo di acquisto, noleggio, leasing di beni o software                            0',
    ];
    expect(tables(budget)[0]!.rows.map((r) => r.cells[1])).toEqual(['Importo', '€ 4500,00', '0']);
  });

  it('never parts an amount from the euro sign after it, and takes a header spread to the margin for a header', () => {
    const prose = 'Il progetto sostiene le famiglie che lavorano con servizi di conciliazione nei comuni del territorio';
    const lines = [
      prose, prose, '',
      ' Voce di costo                                                  Totale        di cui contributo di cui',
      '                                                                                                cofinanziamento',
      ' C - Acquisto di servizi                                        12.000,00 € 9.000,00 €          3.000,00 €',
      ' D - Erogazione voucher/rimborsi                                10.000,00 €   9.000,00 €        1.000,00 €',
      '',
      // Three words whose ends reach the paragraphs' margin, far apart: not a justified line.
      ` Soggetto${' '.repeat(45)}Monetario${' '.repeat(prose.length - 64 - 'Valorizzazione'.length)}Valorizzazione`,
      ' Comune di Como                                       7.000,00 €                    5.000,00 €',
      ' TOTALE                                               7.000,00 €                    5.000,00 €',
    ];
    const [budget, cofinancing] = tables(lines);
    expect(budget!.rows[1]!.cells).toEqual(['C - Acquisto di servizi', '12.000,00 €', '9.000,00 €', '3.000,00 €']);
    expect(cofinancing!.rows[0]!.cells).toEqual(['Soggetto', 'Monetario', 'Valorizzazione']);
  });

  it('takes the columns from a header that has more than rows which all ran the same two cells together', () => {
    const lines = [
      'N.   Denominazione            Ruolo       Tipologia       Referente   E-mail                             Telefono',
      '1    Comune di Treviglio      Capofila Ente pubblico Referente 1      uno@comuni.example.it              0363 300100',
      '2    Comune di Caravaggio     Partner     Ente pubblico Referente 2   due@comuni.example.it              0363 300101',
      '3    Comune di Brignano       Partner     Ente pubblico Referente 3   tre@comuni.example.it              0363 300102',
    ];
    const [t] = tables(lines);
    expect(t!.rows.map((r) => r.cells.slice(2, 5))).toEqual([
      ['Ruolo', 'Tipologia', 'Referente'],
      ['Capofila', 'Ente pubblico', 'Referente 1'],
      ['Partner', 'Ente pubblico', 'Referente 2'],
      ['Partner', 'Ente pubblico', 'Referente 3'],
    ]);
  });

  it('takes a lone dash for an empty amount (a row of its own), and cuts before an e-mail address though it starts in lower case', () => {
    const budget = [
      ' Voce                                                                 Importo (€)',
      ' Personale interno ed esterno                                         18 000,00',
      ' di cui per coordinamento e monitoraggio del progetto                 4 000,00',
      ' Acquisto o noleggio di beni e software                               —',
      ' Acquisto di servizi                                                  12 500,00',
    ];
    expect(tables(budget)[0]!.rows.map((r) => r.cells[1])).toEqual(['Importo (€)', '18 000,00', '4 000,00', '—', '12 500,00']);
    const partners = [
      'N.   Denominazione            Ruolo       Tipologia       Referente   E-mail                             Telefono',
      '1    Comune di Treviglio      Capofila    Ente pubblico   Referente 1 uno@comuni.example.it              0363 300100',
      '2    Comune di Caravaggio     Partner     Ente pubblico   Referente 2 due@comuni.example.it              0363 300101',
      '10   Comune di Castel         Partner     Ente pubblico Referente 10 dieci@comuni.example.it 0363 300109',
    ];
    const row = tables(partners)[0]!.rows[3]!.cells;
    expect(row[4]).toBe('Referente 10');
    expect(row[5]).toMatch(/^dieci@comuni\.example\.it/);
  });

  it('cuts a row-number column\'s "N." off the header cell one space after it', () => {
    const lines = [
      ' N. Ente                         Ruolo       Referente           Telefono      E-mail',
      ' 1   Comune di Como              Capofila Roberto Frigerio 031 252111          r.f@comune.example.it',
      ' 2   Cooperativa Lavoro e        Partner     Ilaria Corti        031 555666 i.c@coop.example.it',
      '     Famiglia',
    ];
    const [t] = tables(lines);
    expect(t!.rows.map((r) => r.cells.slice(0, 3))).toEqual([
      ['N.', 'Ente', 'Ruolo'], ['1', 'Comune di Como', 'Capofila'], ['2', 'Cooperativa Lavoro e Famiglia', 'Partner'],
    ]);
  });

  it('cuts a cell set up to eight characters left of its column, never inside a phone number', () => {
    const lines = [
      ' Ente                               Contatti                                    Tipologia                 Ruolo',
      ' Azienda Speciale Consortile        Franco Belotti 030 7400123                  Azienda consortile Capofila',
      ' Comune di Chiari                   Sara Bono 030 7008211                       Ente locale               Partner',
      ' Oratorio San Luigi                 don Carlo Ravelli 030 711456                Ente religioso            Partner',
    ];
    expect(tables(lines)[0]!.rows[1]!.cells.slice(2)).toEqual(['Azienda consortile', 'Capofila']);
    const phones = [
      ' N.  Ente                        Ruolo       Referente           Telefono      E-mail',
      ' 1   Comune di Como              Capofila Roberto Frigerio 031 252111          r.f@comune.example.it',
      ' 2   Cooperativa Lavoro          Partner     Ilaria Corti        031 555666    i.c@coop.example.it',
      ' 3   Comune di Cantù             Partner     Paolo Neri          031 717111    p.n@comune.example.it',
    ];
    expect(tables(phones)[0]!.rows[1]!.cells.slice(2, 5)).toEqual(['Capofila', 'Roberto Frigerio', '031 252111']);
  });

  it('reads the header of a table whose rows open with their own number as a row of its own', () => {
    const lines = [
      '        Titolo progetto                                            Ente capofila                   Pag.',
      ' 3.1    Tempi comuni: conciliare nel Lodigiano                     Comune di Lodi                  3',
      ' 3.2    Estate insieme                                             Comune di Codogno               9',
    ];
    const [t] = tables(lines);
    expect(t!.rows.map((r) => r.cells)).toEqual([
      ['', 'Titolo progetto', 'Ente capofila', 'Pag.'],
      ['3.1', 'Tempi comuni: conciliare nel Lodigiano', 'Comune di Lodi', '3'],
      ['3.2', 'Estate insieme', 'Comune di Codogno', '9'],
    ]);
  });
});

describe('tables of a Word file in LibreOffice text, one cell per line', () => {
  const filler = Array.from({ length: 12 }, (_, i) => `Paragrafo ${i} di testo del progetto.`);

  it('reads a header table as label and value, and a checklist as label and tick (an empty line an empty tick)', () => {
    const texts = [
      'Progetto n. 1', 'Titolo del progetto', 'Famiglie al centro', 'Ente capofila', 'Comune di Bergamo',
      'Punteggio attribuito', '72/100', 'Contributo concesso', '€ 30.000,00', 'Descrizione sintetica', ...filler,
      'Tipologia di intervento', 'X', 'a) Servizi di assistenza', 'X', 'b) Servizi Salva tempo', '', 'c) Servizi di consulenza', 'X', 'Piano economico',
    ];
    const rows = rowsOf(texts);
    expect(rows.slice(0, 4)).toEqual([
      ['Titolo del progetto', 'Famiglie al centro'], ['Ente capofila', 'Comune di Bergamo'],
      ['Punteggio attribuito', '72/100'], ['Contributo concesso', '€ 30.000,00'],
    ]);
    expect(rows.slice(4)).toEqual([
      ['Tipologia di intervento', 'X'], ['a) Servizi di assistenza', 'X'], ['b) Servizi Salva tempo', ''], ['c) Servizi di consulenza', 'X'],
    ]);
  });

  it('reads a partner table without row numbers under its header, whose run of header words takes in the first cell', () => {
    const texts = [
      'Soggetti della rete', 'Ruolo', 'Denominazione', 'Tipologia', 'Referente', 'Contatti',
      'Capofila', 'Comunità Montana di Sondrio', 'Ente pubblico', 'Chiara Bertolini', '0342 210331 – c.b@cm.example.it',
      'Partner', 'Cooperativa Grandangolo', '', 'Alessia Rinaldi', 'info@grandangolo.example.it',
      'Tipologie di intervento', ...filler,
    ];
    expect(rowsOf(texts).slice(0, 3)).toEqual([
      ['Ruolo', 'Denominazione', 'Tipologia', 'Referente', 'Contatti'],
      ['Capofila', 'Comunità Montana di Sondrio', 'Ente pubblico', 'Chiara Bertolini', '0342 210331 – c.b@cm.example.it'],
      ['Partner', 'Cooperativa Grandangolo', '', 'Alessia Rinaldi', 'info@grandangolo.example.it'],
    ]);
  });

  it('reads amounts whose thousands are grouped by spaces, not a phone number', () => {
    const texts = ['Voce', 'Importo (€)', 'Personale interno ed esterno', '18 000,00', 'Acquisto di servizi', '12 500,00', 'Spese generali', '', 'COSTO COMPLESSIVO', '30 500,00', ...filler];
    expect(rowsOf(texts)).toEqual([
      ['Voce', 'Importo (€)'], ['Personale interno ed esterno', '18 000,00'], ['Acquisto di servizi', '12 500,00'], ['Spese generali', ''], ['COSTO COMPLESSIVO', '30 500,00'],
    ]);
    expect(isAmountCell('030 2977111')).toBe(false);
  });

  it('takes a numbered table\'s header from as many lines before its first row as its rows have cells, and ends it at a numbered heading', () => {
    const texts = [
      'GRADUATORIA FINALE', 'Posizione', 'ID', 'Titolo', 'Capofila', 'Punteggio',
      '1', '2.1', 'Insieme per il lavoro', 'Comune di Varese', '81',
      '2', '2.2', 'Lavoro e cura a Como', 'Comune di Como', '74',
      ...filler,
      '2. PARTNER DELL\'ALLEANZA', 'N.', 'Ente', 'Ruolo', 'Referente', 'E-mail',
      '1', 'Comune di Como', 'Capofila', 'Roberto Frigerio', 'r.f@comune.example.it',
      '2', 'Cooperativa Lavoro e Famiglia', 'Partner', 'Ilaria Corti', 'i.c@coop.example.it',
      '3. TIPOLOGIA DI INTERVENTO (indicare con [x] le tipologie previste dal progetto)', '[ ] a. Servizi di assistenza', '[x] b. Servizi Salva tempo', '[ ] c. Servizi di consulenza', '[ ] d. Servizi di supporto',
    ];
    const rows = rowsOf(texts);
    expect(rows.slice(0, 3)).toEqual([
      ['Posizione', 'ID', 'Titolo', 'Capofila', 'Punteggio'],
      ['1', '2.1', 'Insieme per il lavoro', 'Comune di Varese', '81'],
      ['2', '2.2', 'Lavoro e cura a Como', 'Comune di Como', '74'],
    ]);
    expect(rows.slice(3)).toEqual([
      ['N.', 'Ente', 'Ruolo', 'Referente', 'E-mail'],
      ['1', 'Comune di Como', 'Capofila', 'Roberto Frigerio', 'r.f@comune.example.it'],
      ['2', 'Cooperativa Lavoro e Famiglia', 'Partner', 'Ilaria Corti', 'i.c@coop.example.it'],
    ]);
  });

  it('reads a bare "0" under a budget line\'s label as its amount, not a page number', () => {
    const more = (n: number) => filler.map((l) => `${l} (${n})`);
    const texts = [
      ...filler, 'Voce di costo', 'Importo', 'A. Costi di personale interno ed esterno', '€ 15000,00',
      'B. Costo di acquisto, noleggio, leasing di beni o software', '0', 'C. Costo di acquisto di servizi', '€ 10000,00', 'TOTALE', '€ 25000,00',
      ...more(1), '1', ...more(2), '2', ...more(3),
    ];
    expect([...textSkips(texts)].map((i) => texts[i])).toEqual(['1', '2']);
    expect(rowsOf(texts)).toContainEqual(['B. Costo di acquisto, noleggio, leasing di beni o software', '0']);
  });

  it('reads a ranking whose rows open with two numbers (position, project) as rows as long as its header', () => {
    const texts = [
      'GRADUATORIA', 'Pos.', 'N. progetto', 'Ente capofila', 'Titolo del progetto', 'Punteggio', 'Contributo concesso',
      '1', '2', 'Comune di Treviglio', 'Tempo per noi', '78/100', '€ 35.000,00',
      '2', '1', 'Comune di Bergamo', 'Famiglie al centro', '72/100', '€ 30.000,00',
      '3', '3', 'Comunità Montana Valle Seriana', 'Rete WelfareLab', '66/100', '€ 19.000,00',
      ...filler,
    ];
    expect(rowsOf(texts).slice(0, 4)).toEqual([
      ['Pos.', 'N. progetto', 'Ente capofila', 'Titolo del progetto', 'Punteggio', 'Contributo concesso'],
      ['1', '2', 'Comune di Treviglio', 'Tempo per noi', '78/100', '€ 35.000,00'],
      ['2', '1', 'Comune di Bergamo', 'Famiglie al centro', '72/100', '€ 30.000,00'],
      ['3', '3', 'Comunità Montana Valle Seriana', 'Rete WelfareLab', '66/100', '€ 19.000,00'],
    ]);
  });

  it('keeps the labels of a header table that every project repeats (not furniture)', () => {
    const text = (n: number) => filler.map((l) => `${l} (progetto ${n})`);
    const project = (n: number) => [`Progetto n. ${n}`, 'Titolo del progetto', `Titolo ${n}`, 'Punteggio attribuito', `${60 + n}/100`, 'Contributo concesso', `€ ${n}0.000,00`, ...text(n)];
    const texts = [1, 2, 3, 4].flatMap(project);
    expect([...textSkips(texts)]).toEqual([]);
  });
});

describe('pdftotext without -layout: what it breaks apart', () => {
  it('puts back a justified header line it wrote one word per block, around the box beside it', () => {
    const texts = [
      'Ente capofila: Comune di Cremona', 'REFERENTE', 'DI', 'PROGETTO:', 'pari@comune.cremona.it', '', 'Eugenia', '',
      'Sub-Allegato 2.5', 'Punti 29', '91', '', 'Grossi,', '', '0372', '', '407330-407006', '',
    ];
    const pages = texts.map(() => 1);
    rejoinJustified({ texts, skip: new Set([10]), pages });
    expect(texts[1]).toBe('REFERENTE DI PROGETTO: pari@comune.cremona.it Eugenia Grossi, 0372 407330-407006');
    expect(texts.filter((t) => t !== '')).toEqual(['Ente capofila: Comune di Cremona', texts[1], 'Sub-Allegato 2.5', 'Punti 29', '91']);
  });

  it('puts the last words of a broken line, which come after the paragraph\'s next line, before it', () => {
    const texts = [
      'Alleanza: Alleanza Brescia Est', 'Referente:', 'e-mail', 'l.verdi@comune.example.it', '–',
      'protocollo@pec.comune.example.it – tel. 030 2977111 – dott.ssa Laura Verdi', '', 'PEC', '', 'Punti: 68',
    ];
    rejoinJustified({ texts, skip: new Set(), pages: texts.map(() => 1) });
    expect(texts.filter((t) => t !== '')).toEqual([
      'Alleanza: Alleanza Brescia Est',
      'Referente: e-mail l.verdi@comune.example.it – PEC protocollo@pec.comune.example.it – tel. 030 2977111 – dott.ssa Laura Verdi',
      'Punti: 68',
    ]);
  });

  it('leaves one-word lines alone where they open no header field, or more text follows on the page', () => {
    const list = ['AZIONI', 'PREVISTE', 'NEL', 'PROGETTO:', '', 'uno', '', 'Altro testo qui', '', 'due', '', 'e ancora testo'];
    const texts = [...list];
    rejoinJustified({ texts, skip: new Set(), pages: texts.map(() => 1) });
    expect(texts).toEqual(list);
  });

  it('keeps an amount cell whole over the blank line it put inside it (a page break), where its line stopped short', () => {
    const amounts = ['A. Costi di personale', '€ 18.000,00', 'B. Beni', '€ 1.000,00', 'D. Voucher', '€ 2.000,00', 'E. Spese generali', '€ 500,00'];
    const prose = Array.from({ length: 8 }, (_, i) => `Il progetto prevede azioni di conciliazione per le famiglie, riga ${i}`).join('\n');
    const texts = blocks(
      prose, 'Voce di costo', 'Importo', 'C. Costo di acquisto di servizi', '€ 34.000,00 (finanziamento) di cui: € 9.000,00 Servizi estivi per',
      'famiglie del territorio; € 8.000,00 (cof) € 42.000,00\n(Totale)', ...amounts, 'TOTALE', '€ 63.500,00', 'di cui CONTRIBUTO RICHIESTO', '€ 40.000,00',
    );
    expect(rowsOf(texts)[1]).toEqual(['C. Costo di acquisto di servizi', '€ 34.000,00 (finanziamento) di cui: € 9.000,00 Servizi estivi per famiglie del territorio; € 8.000,00 (cof) € 42.000,00 (Totale)']);
  });
});

describe('pdftotext without -layout: a table of amounts whose cells ran together', () => {
  it('cuts a header cell of two column names, and takes an amount out of the label it was written into', () => {
    const prose = Array.from({ length: 8 }, (_, i) => `Per quanto concerne la ripartizione del budget per azioni, riga ${i}`).join('\n');
    const texts = blocks(
      prose, 'AZIONI', 'FONDI CONCILIAZIONE\nATS', 'CO-FINANZIAMENTO TOTALE',
      'Maggiordomo di comunità', '€ 11.000,00', '-----', '€ 11.000,00',
      'Personale interno/esterno', '-----', '€ 7.000,00', '€ 7.000,00',
      'Sostegno alle famiglie di lavoratori estate € 29.000,00\n2020', '€ 11.000,00', '€ 40.000,00',
      'TOTALE', '€ 40.000,00', '€ 18.000,00', '€ 58.000,00',
    );
    expect(rowsOf(texts)).toEqual([
      ['AZIONI', 'FONDI CONCILIAZIONE ATS', 'CO-FINANZIAMENTO', 'TOTALE'],
      ['Maggiordomo di comunità', '€ 11.000,00', '-----', '€ 11.000,00'],
      ['Personale interno/esterno', '-----', '€ 7.000,00', '€ 7.000,00'],
      ['Sostegno alle famiglie di lavoratori estate 2020', '€ 29.000,00', '€ 11.000,00', '€ 40.000,00'],
      ['TOTALE', '€ 40.000,00', '€ 18.000,00', '€ 58.000,00'],
    ]);
  });

  it('keeps a partner\'s e-mail that three projects repeat (not a letterhead)', () => {
    const project = (n: number) => [
      `Progetto ${n}`, `Testo del progetto numero ${n}, una riga.`, '', `${n}. Comune di Crema`, '', 'Ente pubblico', '', 'Mario Rossi 0373 12345', 'mario.rossi@auser.example.it', '',
      'PRESENTAZIONE DEL PROGETTO', 'Obiettivi:', `Obiettivo ${n}`, '',
    ];
    const texts = [1, 2, 3].flatMap(project);
    const skipped = [...textSkips(texts)].map((i) => texts[i]);
    expect(skipped).not.toContain('mario.rossi@auser.example.it');
    expect(skipped).toContain('PRESENTAZIONE DEL PROGETTO');
  });
});

describe('pages of a text with form feeds', () => {
  it('never takes an amount that ends several pages for furniture', () => {
    const labels = ['', 'Personale', 'Servizi', 'Voucher'];
    const page = (n: number) => [`Testo della pagina ${'x'.repeat(n)}`, labels[n]!, `${n} 500,00`];
    const lines = [1, 2, 3].flatMap((n, i) => page(n).map((l, j) => (i > 0 && j === 0 ? `\f${l}` : l)));
    const paged = pagesOf(lines);
    expect([...pageRoles(paged).values()].filter((r) => r.kind === 'furniture')).toEqual([]);
  });

  it('never takes the header every project opens its page with for a running header', () => {
    const titles = ['', 'Famiglie al centro', 'Tempo per noi', 'Rete WelfareLab', 'Estate insieme'];
    const page = (n: number) => [`Progetto n. ${n}`, 'Titolo del progetto', '', titles[n]!, '', 'Testo del progetto, diverso per ognuno: ' + 'x'.repeat(n), 'Intestazione ATS'];
    const lines = [1, 2, 3, 4].flatMap((n, i) => page(n).map((l, j) => (i > 0 && j === 0 ? `\f${l}` : l)));
    const paged = pagesOf(lines);
    const furniture = [...pageRoles(paged)].filter(([, r]) => r.kind === 'furniture').map(([i]) => paged.texts[i]);
    expect(new Set(furniture)).toEqual(new Set(['Intestazione ATS']));
  });
});

describe('pdftotext without -layout: headers and contacts run together', () => {
  const prose = Array.from({ length: 8 }, (_, i) => `Il progetto prevede azioni di conciliazione per le famiglie, riga ${i}`).join('\n');

  it('cuts a header block of three amount columns where each next column starts with a capital', () => {
    const texts = blocks(
      prose, 'Voce di spesa', 'Importo totale Quota contributo Quota\ncofinanziamento',
      'A) Costi di personale interno ed esterno', '20.000,00', '12.000,00', '8.000,00',
      'C) Acquisto di servizi', '15.000,00', '10.000,00', '5.000,00',
      'TOTALE PROGETTO', '35.000,00', '22.000,00', '13.000,00',
    );
    expect(rowsOf(texts)[0]).toEqual(['Voce di spesa', 'Importo totale', 'Quota contributo', 'Quota cofinanziamento']);
  });

  it('cuts a referent, an e-mail and a phone run into one cell under E-mail and Telefono columns, and the "N." of the number column', () => {
    const texts = blocks(
      prose, 'N. Denominazione', 'Ruolo', 'Tipologia', 'Referente', 'E-mail', 'Telefono',
      '1', 'Comune di Bergamo', 'Capofila', 'Ente pubblico', 'Mario Rossi m.rossi@comune.example.it 035 399111',
      '2', 'Cooperativa Il Sole', 'Partner', 'Terzo settore', 'Anna Bassi', 'a.bassi@ilsole.example.it', '035 220011',
      '3', 'Confartigianato', 'Partner', 'Associazione di categoria', 'Paolo Riva', 'p.riva@conf.example.it', '035 274111',
    );
    expect(rowsOf(texts).slice(0, 2)).toEqual([
      ['N.', 'Denominazione', 'Ruolo', 'Tipologia', 'Referente', 'E-mail', 'Telefono'],
      ['1', 'Comune di Bergamo', 'Capofila', 'Ente pubblico', 'Mario Rossi', 'm.rossi@comune.example.it', '035 399111'],
    ]);
  });
});

describe('pdftotext without -layout: amounts of neighbouring columns in one block', () => {
  it('reads one cell per amount, and a header block of two shares as two cells', () => {
    const prose = Array.from({ length: 8 }, (_, i) => `Il progetto prevede azioni di conciliazione per le famiglie, riga ${i}`).join('\n');
    const texts = blocks(
      prose, 'Voce di costo', 'Totale', 'di cui contributo di cui\ncofinanziamento',
      'A - Costi di personale interno ed esterno', '25.000,00 € 15.000,00 €', '10.000,00 €',
      'C - Acquisto di servizi', '15.000,00 € 10.000,00 €', '5.000,00 €',
      'TOTALE', '40.000,00 € 25.000,00 €', '15.000,00 €',
    );
    expect(rowsOf(texts)).toEqual([
      ['Voce di costo', 'Totale', 'di cui contributo', 'di cui cofinanziamento'],
      ['A - Costi di personale interno ed esterno', '25.000,00 €', '15.000,00 €', '10.000,00 €'],
      ['C - Acquisto di servizi', '15.000,00 €', '10.000,00 €', '5.000,00 €'],
      ['TOTALE', '40.000,00 €', '25.000,00 €', '15.000,00 €'],
    ]);
  });
});

describe('pdftotext without -layout: partner tables whose cells ran together', () => {
  const prose = Array.from({ length: 8 }, (_, i) => `Il progetto prevede azioni di conciliazione per le famiglie, riga ${i}`).join('\n');

  it('reads a table without row numbers under its header, a cell run into the next one cut where the next column\'s values are known', () => {
    const texts = blocks(
      prose, 'Ente', 'Contatti', 'Tipologia', 'Ruolo',
      'Comune di Brescia', 'Laura Verdi, 030 2977111,\nl.verdi@comune.example.it', 'Ente locale', 'Capofila',
      'CISL Brescia', 'Piero Gatti, 030 3844511, p.gatti@cisl.example.it', 'Sindacato', 'Partner',
      'Impresa Sociale La Rete', 'Elena Ferri, 030 2400100, e.ferri@larete.example.it', 'Impresa sociale Partner',
      'Tipologie di intervento previste',
    );
    expect(rowsOf(texts).slice(0, 4)).toEqual([
      ['Ente', 'Contatti', 'Tipologia', 'Ruolo'],
      ['Comune di Brescia', 'Laura Verdi, 030 2977111, l.verdi@comune.example.it', 'Ente locale', 'Capofila'],
      ['CISL Brescia', 'Piero Gatti, 030 3844511, p.gatti@cisl.example.it', 'Sindacato', 'Partner'],
      ['Impresa Sociale La Rete', 'Elena Ferri, 030 2400100, e.ferri@larete.example.it', 'Impresa sociale', 'Partner'],
    ]);
  });

  it('cuts a one-word cell run into a capitalised one where nothing else is known, not a name', () => {
    const texts = blocks(
      prose, 'N. Denominazione', 'Ruolo', 'Tipologia', 'Referente',
      '1', 'Comune di Bergamo', 'Capofila Ente pubblico', 'Mario Rossi',
      '2', 'Cooperativa Il Sole', 'Partner', 'Terzo settore', 'Anna Bassi',
      '3', 'Confartigianato', 'Partner', 'Associazione di categoria', 'Paolo Riva',
    );
    expect(rowsOf(texts)[1]).toEqual(['1', 'Comune di Bergamo', 'Capofila', 'Ente pubblico', 'Mario Rossi']);
  });
});
