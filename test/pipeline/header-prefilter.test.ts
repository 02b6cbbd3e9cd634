// The prefilter that lets the splitter pass over prose: a line (or cell) mayStateHeader says
// no to must be one that every header test finds nothing in. Checked on each line and cell of
// every text fixture, on the forms labels take (glued to their value, accented, in markup), and
// on prose that opens like a label word without being one.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fieldOfLabel, headerFieldOf, headerFieldsOfLine, headerFieldsOfRow, headerFieldWithoutColon, headerLabelOnly, LABEL_OPENINGS, mayStateHeader, opensLikeLabel,
  WORD_OPENINGS,
} from '../../pipeline/annex/header.js';
import { readDocument } from '../../pipeline/annex/document.js';
import { foldedChar, visibleText } from '../../shared/text.js';
import { HOSTILE } from '../fixtures/hostile-strings.js';
import { TEXT_FIXTURES } from './helpers.js';

/** What any header test finds in `raw` (empty when none finds anything). */
function anyHeaderFinding(raw: string): unknown[] {
  return [
    headerFieldOf(raw, 1, true), headerFieldOf(raw, 1, false), headerFieldWithoutColon(raw, 1), headerLabelOnly(raw), fieldOfLabel(raw), fieldOfLabel(visibleText(raw)),
    ...headerFieldsOfLine(raw, 1), ...headerFieldsOfRow(raw.split('\t'), 1),
  ].filter((x) => x !== null);
}

describe('mayStateHeader', () => {
  it('says no only to lines and cells no header test finds anything in, in every text fixture', () => {
    expect(TEXT_FIXTURES.length).toBeGreaterThan(10);
    let refused = 0;
    for (const file of TEXT_FIXTURES) {
      for (const line of readFileSync(file, 'utf8').split(/\r\n|\r|\n/)) {
        for (const raw of line.includes('\t') ? [line, ...line.split('\t')] : [line]) {
          if (mayStateHeader(raw)) continue;
          refused++;
          expect(anyHeaderFinding(raw), `${file}: ${raw}`).toEqual([]);
        }
      }
    }
    // Most of an annex is prose: the filter has work to skip.
    expect(refused).toBeGreaterThan(5000);
  });

  it.each([
    'Sub-Allegato 2.1', 'Suballegato 2.1', 'Punti59', 'Punteggio: 72', 'Assegnato€ 34.800,00', 'ID12', 'Cod. 7', 'NProgetto 4', 'N°progetto 4',
    'Nr. progetto 4', 'Numero progetto: 4', 'Tìtolo del progetto: Famiglie', 'TITOLO: Famiglie', '• Titolo: Famiglie', '## **Ente capofila:** Comune di Lodi',
    '<b>Capofila</b> Comune di Lodi', '**Referente** Anna Neri', '&lt;b&gt;Titolo: Famiglie', 'Del contributo assegnato: € 1.000,00',
    'Durata: 24 mesi – Punti: 72 – Contributo assegnato: € 30.000,00', 'Note; Capofila: Comune di Lodi | Referente: Anna Neri',
    'Nome del progetto: Famiglie', 'Nominativo referente: Anna Neri', 'Quota contributo assegnato: € 1.000,00', 'Progetto Borgo Virgilio',
  ])('"%s" may state a header', (raw) => {
    expect(mayStateHeader(raw)).toBe(true);
  });

  it.each([
    'Il progetto mira a dare risposte alle esigenze di conciliazione: vita e lavoro.',
    "Nell'anno 2009 la sperimentazione di uno Sportello della conciliazione",
    'Nella fase 1 verrà costituito il comitato: ne fanno parte i partner – tutti',
    'Della rete fanno parte: Comune di Lodi; ASST di Lodi',
    'Idee e proposte: molte',
    'Attività 1 – Voucher di conciliazione',
    'Sostenibilità',
    '2.1 Famiglie al centro',
  ])('"%s" states no header', (raw) => {
    expect(mayStateHeader(raw)).toBe(false);
    expect(anyHeaderFinding(raw)).toEqual([]);
  });

  // Lines made of the pieces labels are made of, in every case, accent, mark and glue.
  const PIECES = [
    'Titolo', 'TÌTOLO', 'Tì', 'tolo', 'Ente', 'capofila', 'CAPOFILA', 'N.', 'N°', 'n', 'nr', 'progetto', 'Progetto', 'ID', '12', '2.1', 'Punti',
    'Punteggio', '59', 'Assegnato', 'Contributo', 'concesso', '€', '34.800,00', 'Referente', 'Alleanza', 'locale', 'di', 'conciliazione', 'del',
    'Del', 'Sub', '-', 'Allegato', 'Quota', 'Importo', 'Codice', 'Cod.', 'Scheda', 'Nome', 'Denominazione', 'Soggetto', 'Recapiti', 'Nominativo',
    ':', ' ', '  ', ' – ', ' | ', '; ', '**', '__', '<b>', '</b>', '#', '&amp;', '&lt;', '&gt;', '[', '](#)', '(', ')', '\u0301', '\u00a0', '’', '`',
    '.', '\t', 'Comune di Lodi', 'Anna Neri', 'a@b.it', '0371 1', 'Nella', 'Idea', 'è',
  ];
  it('says no only where no header test finds anything, on lines made of label pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 10 }), (pieces) => {
        const raw = pieces.join('');
        if (!mayStateHeader(raw)) expect(anyHeaderFinding(raw)).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });

  // Fields after each cut a line is read in pieces at, the line's start naming none.
  it.each([' – ', ' — ', ' - ', ' | ', '| ', '; ', ' ; '])('reads the fields after "%s"', (cut) => {
    const raw = `Note${cut}Punti: 72${cut}Contributo assegnato: € 30.000,00`;
    expect(headerFieldsOfLine(raw, 1).map((h) => h.field)).toEqual(['score', 'assigned']);
    expect(mayStateHeader(raw)).toBe(true);
  });

  it('looks for labels and markup only where labels are read: the start, and before a colon', () => {
    const prose = 'Il progetto mira a dare risposte alle esigenze di conciliazione vita-lavoro dei lavoratori '.repeat(4);
    const fields = `${prose} – Punti: 72 – Contributo assegnato: € 30.000,00`;
    expect(headerFieldsOfLine(fields, 1).map((h) => h.field)).toEqual(['score', 'assigned']);
    expect(mayStateHeader(fields)).toBe(true);
    expect(mayStateHeader(`${prose} – &lt;b&gt;Punti: 72`)).toBe(true);
    // Markup that a first cleaning leaves ("&lt;i&gt;" becomes "<i>"), far from any label's place.
    expect(mayStateHeader(`${prose} &lt;i&gt;qui&lt;/i&gt;`)).toBe(false);
    expect(mayStateHeader(`${prose.slice(0, 150)} &lt;i&gt;qui&lt;/i&gt;`)).toBe(true);
    expect(mayStateHeader(`${prose} &lt;i&gt;qui&lt;/i&gt;: sì`)).toBe(true);
  });

  it('says no to none of the hostile strings that a header test reads something in', () => {
    for (const raw of HOSTILE) if (!mayStateHeader(raw)) expect(anyHeaderFinding(raw)).toEqual([]);
  });
});

describe('headerFieldsOfRow', () => {
  // The row's test passes over a cell that may state no field (mayStateHeader): asked of every
  // filled cell instead, it must read the same fields.
  const everyFilledCell = (visible: readonly string[]) => (i: number) => visible[i] !== '';
  const sameFields = (cells: string[], visible = cells.map(visibleText)) => {
    expect(headerFieldsOfRow(cells, 7, visible), cells.join(' | ')).toEqual(headerFieldsOfRow(cells, 7, visible, everyFilledCell(visible)));
  };

  it('reads the same fields with and without the prefilter, on every table row and tab-separated line of every text fixture', () => {
    let rows = 0;
    for (const file of TEXT_FIXTURES) {
      const bytes = readFileSync(file);
      for (const r of readDocument(bytes, file).tables.rows) {
        sameFields(r.cells, r.visible);
        rows++;
      }
      for (const line of bytes.toString('utf8').split(/\r\n|\r|\n/)) if (line.includes('\t')) sameFields(line.split('\t'));
    }
    expect(rows).toBeGreaterThan(1000);
  });

  it('reads the same fields with and without the prefilter, on rows made of label pieces', () => {
    const cell = fc.array(fc.constantFrom('Titolo', 'Ente capofila', 'Comune di Lodi', '1. Comune di Lodi', 'Punti', '72', 'Contributo assegnato', '€ 30.000,00',
      'Referente', 'Anna Neri', 'a@b.it', 'ID', '12', ':', ' ', '**', '<b>', '</b>', 'Progetto', 'Ente locale', 'X', '', '\u00a0', 'N.', '2.1'), { maxLength: 4 }).map((p) => p.join(''));
    fc.assert(fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (cells) => sameFields(cells)), { numRuns: 20000 });
  });
});

describe('bold labels', () => {
  // A bold label is looked for only on lines that open with a mark, past spaces and heading marks.
  it.each([
    ['  ## **Capofila** Comune di Lodi', 'leadEntity', 'Comune di Lodi'],
    ['<strong>Titolo</strong>: Famiglie', 'title', 'Famiglie'],
    ['\u00a0__Referente__ Anna Neri', 'referent', 'Anna Neri'],
    ['#**Punti** 72', 'score', '72'],
  ])('"%s" states %s', (raw, field, value) => {
    expect(headerFieldOf(raw, 1, false)).toEqual({ field, value, line: 1 });
  });
});

/**
 * opensLikeLabel as its comment says it reads: past ASCII other than letters and digits, the
 * text's first word folded character by character (yes to a character beyond the fold's table)
 * opens with a label's word. No shortcut: every character is folded, whatever its first two are.
 */
function opensLikeLabelByFold(text: string, from: number): boolean {
  let at = from;
  while (at < text.length && text.charCodeAt(at) < 0x80 && !/[a-z0-9%']/i.test(text[at]!)) at++;
  let head = '';
  // As far as the longest opening and the character after it, where a word opening must end.
  const longest = Math.max(...[...LABEL_OPENINGS, ...WORD_OPENINGS].map((w) => w.length));
  for (let i = at; i < text.length && head.length <= longest; i++) {
    const folded = foldedChar(text[i]!);
    if (folded === undefined) return true;
    if (folded === ' ' || folded === '.') {
      if (head !== '') break;
    } else head += folded;
  }
  return LABEL_OPENINGS.some((w) => head.startsWith(w)) || WORD_OPENINGS.some((w) => head.startsWith(w) && !/^[a-z]/.test(head.slice(w.length)));
}

describe('opensLikeLabel', () => {
  it('agrees with the fold of the first word, at the start and after each cut of every line and cell of every text fixture', () => {
    let asked = 0;
    for (const file of TEXT_FIXTURES) {
      for (const line of readFileSync(file, 'utf8').split(/\r\n|\r|\n/)) {
        for (const text of [line, ...line.split('\t'), visibleText(line)]) {
          for (let at = 0; at >= 0 && at < text.length; at = text.indexOf(' ', at + 1)) {
            asked++;
            expect(opensLikeLabel(text, at), `${file}: ${text.slice(at, at + 40)}`).toBe(opensLikeLabelByFold(text, at));
          }
        }
      }
    }
    expect(asked).toBeGreaterThan(100000);
  });

  it('agrees with the fold of the first word on text made of label pieces', () => {
    const pieces = [
      'Titolo', 'TÌTOLO', 'tolo', 'Ente', 'capofila', 'N.', 'N°', 'n', 'nr', 'progetto', 'ID', '12', 'Punti', 'Sub', '-', 'Del', 'del', 'Nella', 'Idea',
      ' ', ':', '**', '<b>', '#', '.', '\t', '\u00a0', '’', '`', '–', 'è', 'Il', 'La', 'Co', 'Na', 'NR', 'iD', 'Dé', 'd\'', 'A', 'i', '3', '%', "'", 'Ì', 'ñ', '\u0301', '\u{1F600}', '&'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 6 }), fc.nat(3), (parts, from) => {
        const text = parts.join('');
        expect(opensLikeLabel(text, from)).toBe(opensLikeLabelByFold(text, from));
      }),
      { numRuns: 20000 },
    );
  });


  it('reads a label word from any place in the text, past marks and spaces', () => {
    expect(opensLikeLabel('Note – Capofila', 7)).toBe(true);
    expect(opensLikeLabel('Note – Partner', 7)).toBe(false);
    expect(opensLikeLabel('  **_Referente', 0)).toBe(true);
  });

  it('folds a word beyond ASCII as foldText does, and says yes to what it cannot fold', () => {
    expect(opensLikeLabel('Tìtolo')).toBe(true);
    expect(opensLikeLabel('Ente\u0301')).toBe(true);
    expect(opensLikeLabel('E\u0301nte capofila')).toBe(true);
    expect(opensLikeLabel('– • Titolo')).toBe(true);
    expect(opensLikeLabel('N° 4')).toBe(true);
    expect(opensLikeLabel('Attività')).toBe(false);
    expect(opensLikeLabel('è importante')).toBe(false);
    expect(opensLikeLabel('€ 500,00')).toBe(false);
    expect(opensLikeLabel('Ñoño')).toBe(false);
    expect(opensLikeLabel('')).toBe(false);
    expect(opensLikeLabel('– ')).toBe(false);
    expect(opensLikeLabel('❖ la sensibilizzazione')).toBe(true);
    expect(opensLikeLabel('\u{1F600} Titolo')).toBe(true);
  });
});
