import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetCodesOf, isBudgetHeading, isTotalLabel } from '../../shared/labels.js';
import { foldedIncludes, foldText, visibleIncludesFolded, visibleText } from '../../shared/text.js';
import { referenceFold } from './reference-text.js';

describe('visibleText', () => {
  it('drops tags, entities, markdown emphasis and link syntax', () => {
    expect(visibleText('<b>€ 84.878,00</b>')).toBe('€ 84.878,00');
    expect(visibleText('<a href="mailto:x@y.it">x@y.it</a>')).toBe('x@y.it');
    expect(visibleText('[a.pecchini@borgovirgilio.gov.it](mailto:a.pecchini@borgovirgilio.gov.it)')).toBe('a.pecchini@borgovirgilio.gov.it');
    expect(visibleText('**REFERENTE** *Sara*')).toBe('REFERENTE Sara');
    expect(visibleText('A &amp; B&nbsp;C')).toBe('A & B C');
    expect(visibleText('  riga\tcon\u00a0spazi  ')).toBe('riga con spazi');
  });

  // The cheap test of whether a line needs cleaning (a search for the plain space when no other
  // space or mark is present) must agree with the full one at the ends, in runs, and around marks.
  it.each([
    ['a\u2003b', 'a\u2003b'],
    ['a\u2003 b', 'a b'],
    [' a', 'a'],
    ['a ', 'a'],
    ['a  b', 'a b'],
    ['\u2003a', 'a'],
    ['a\u2003', 'a'],
    ['***a*** b', 'a b'],
    ['a ** b', 'a b'],
    ['**a**b**', 'ab'],
    ['__a__ _b_ ___c___', 'a _b_ c_'],
    ['x*y * z', 'xy * z'],
    ['* elenco', '* elenco'],
    ['a\u00a0\u00a0b', 'a b'],
    ['a\u00a0b \u2007c\u202fd', 'a b c d'],
    ['\u00a0a\u00a0', 'a'],
    ['\ufeffa', 'a'],
    ['a\tb', 'a b'],
    ['a \t b', 'a b'],
  ])('cleans %j to %j', (raw, visible) => {
    expect(visibleText(raw)).toBe(visible);
  });

  it('its result is trimmed, has no double spaces and is a fixed point', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const v = visibleText(s);
        expect(v).toBe(v.trim());
        expect(v).not.toMatch(/\s\s/);
        expect(visibleText(v)).toBe(v);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('foldText', () => {
  it('lower case, no accents, punctuation as spaces', () => {
    expect(foldText('<b>di cui COFINANZIAMENTO (min 30%)</b>')).toBe('di cui cofinanziamento min 30%');
    expect(foldText('Comunità  Sociale – Cremasca')).toBe('comunita sociale cremasca');
    expect(foldText('dell’Asolano')).toBe("dell'asolano");
    expect(foldText('COOP AGORà')).toBe(foldText('coop agora'));
  });
});

describe('labels of the seed', () => {
  it.each([
    ['A. Costi di personale interno ed esterno', ['A']],
    ['<b>A. Costi di personale interno ed esterno</b>', ['A']],
    ['A. Costi di personale interno Costi di personale esterno TOTALE', ['A']],
    ['<i>di cui per coordinamento, monitoraggio, rendicontazione e valutazione del progetto (max 15% del costo totale di progetto)</i>', ['A_coord']],
    ['<i>cui per coordinamento, monitoraggio, rendicontazione e valutazione del progetto (max 15% del costo totale di progetto)</i>', ['A_coord']],
    ['A. Costi di personale interno ed esterno <i>di cui per coordinamento, monitoraggio, rendicontazione e valutazione del progetto (max 15% del costo totale di progetto)</i>', ['A', 'A_coord']],
    ['B. Costo di acquisto, noleggio, leasing di beni o software', ['B']],
    ['C. Costo di acquisto di servizi', ['C']],
    ['D. Costi relativi ad erogazione voucher/rimborsi', ['D']],
    ['E. Spese generali di funzionamento e gestione', ['E']],
    ['<b>TOTALE</b>', ['TOTAL']],
    ['<b>di cui CONTRIBUTO RICHIESTO</b>', ['CONTRIBUTION']],
    ['<b>di cui COFINANZIAMENTO (min 30%)</b>', ['COFINANCING']],
    ['ENTE', []],
    ['F. Altre spese', []],
    ['Controllo: 2 errori, 1 avviso', []],
    ['', []],
  ])('%j names %j', (label, codes) => {
    expect(budgetCodesOf(label)).toEqual(codes);
  });

  it('headings and totals', () => {
    expect(isBudgetHeading('**PIANO DEI CONTI DEL PROGETTO**')).toBe(true);
    expect(isBudgetHeading('<b>Voce di costo</b>')).toBe(true);
    expect(isTotalLabel('<b>TOTALE</b>')).toBe(true);
    expect(isTotalLabel('TOTALE cofinanziamento')).toBe(false);
  });
});

// The general fold the one-pass table stands in for: NFD, accents dropped, lower case, punctuation as spaces.
const referenceFoldText = (s: string) => referenceFold(visibleText(s));

describe('foldText against the general fold', () => {
  it('agrees on every character of the first code blocks, alone and between letters', () => {
    for (let c = 0; c < 0x3000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `x${ch}y`, `${ch}\u0301`, `-${ch} `]) expect(foldText(s)).toBe(referenceFoldText(s));
    }
  });

  it('agrees on strings of Italian, accented and odd characters', () => {
    const alphabet = ['a', 'B', ' ', '.', '-', "'", '’', '€', '\u0301', 'é', 'È', 'ß', 'Æ', 'İ', 'K', '\u1dc0', '%', '\t', '\u00a0', '–', '“', '*', '<b>', '&amp;'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        expect(foldText(s)).toBe(referenceFoldText(s));
        for (const words of ['intervent', ['care', 'orari'], 'e']) {
          const list = typeof words === 'string' ? [words] : words;
          expect(foldedIncludes(s, words)).toBe(list.some((w) => foldText(s).includes(w)));
        }
      }),
    );
  });

  // The pattern seeks a word from its rarest letter and checks the letters before it behind that
  // one: strings made of the word's letters, their accented forms and accents tell the two apart.
  it('finds a word wherever its letters, accented or not, stand in order, as folding would', () => {
    const letters = ['i', 'Ì', 'ï', 'n', 'Ñ', 't', 'Ţ', 'e', 'è', 'Ě', 'r', 'Ř', 'v', 'V', '\u0301', '\u0300', ' ', '-', '*'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters), { maxLength: 16 }), (parts) => {
        const s = parts.join('');
        for (const words of ['intervent', 'ver', ['tre', 'vent'], 'v']) {
          const list = typeof words === 'string' ? [words] : words;
          const want = list.some((w) => foldText(s).includes(w));
          expect(foldedIncludes(s, words)).toBe(want);
          expect(visibleIncludesFolded(visibleText(s), () => foldText(s), words)).toBe(want);
        }
      }),
      { numRuns: 2000 },
    );
    expect(foldedIncludes('ÌNTË\u0301RVÈNT', 'intervent')).toBe(true);
    expect(foldedIncludes('intervenT', 'intervent')).toBe(true);
    expect(foldedIncludes('interv-ent', 'intervent')).toBe(false);
  });

  it('finds a word hidden by markup or accents, as folding would', () => {
    expect(foldedIncludes('Tipologia di INTER**vènto**', 'intervent')).toBe(true);
    expect(foldedIncludes('inter vento', 'intervent')).toBe(false);
    expect(foldedIncludes('<b>inter</b>vento', 'intervent')).toBe(true);
  });

});
