// The one place findings are worded. Every output (CSV, JSON, report, workbook, the add-on's
// column and sidebar) takes its text from here, so a language never leaks into the other and
// amounts read alike everywhere: "€ 17.142,86" in Italian, "€ 17,142.86" in English.
import type { Finding, FindingOf, RuleId } from '../model.js';
import { groupThousands, Money } from '../money.js';
import type { Figure, Term, UnreadableReason } from './data.js';

export type Lang = 'it' | 'en';

/** Where the text is read: a sheet's reader can retype a cell, an annex's cannot. */
export type Medium = 'annex' | 'sheet';

/** A decimal in the language's form, with every place it has ("17.142,855"), at least `min`. */
function formatDecimal(value: string, lang: Lang, min = 0): string {
  const d = new Money(value);
  // Rounding half-up is the same on both sides of zero: the value's own fixed form without its
  // sign is its absolute value's, and no absolute value is made.
  const fixed = unsigned(d.toFixed(Math.max(min, d.decimalPlaces())));
  const dot = fixed.indexOf('.');
  const int = dot < 0 ? fixed : fixed.slice(0, dot);
  const it = lang === 'it';
  const sign = d.isNegative() && !d.isZero() ? '-' : '';
  return `${sign}${groupThousands(int, it ? '.' : ',')}${dot < 0 ? '' : (it ? ',' : '.') + fixed.slice(dot + 1)}`;
}

// A fixed form less its leading minus signs (a non-finite value's may carry two: "--Infinity").
function unsigned(fixed: string): string {
  let i = 0;
  while (fixed.charCodeAt(i) === 0x2d) i++;
  return i === 0 ? fixed : fixed.slice(i);
}

/** "€ 17.142,86" / "€ 17,142.86"; an exact figure keeps its third place ("€ 17.142,855"). */
export function euro(value: string | Money, lang: Lang): string {
  const text = typeof value === 'string' ? value : value.toFixed();
  return `€ ${formatDecimal(text, lang, 2)}`;
}

const OPS = { '=': '', '<=': '≤ ', '>=': '≥ ' } as const;

const TERM_WORDS: Record<Term, Record<Lang, string>> = {
  'stated:TOTAL': { it: 'TOTALE indicato', en: 'TOTAL stated' },
  'stated:CONTRIBUTION': { it: 'CONTRIBUTO RICHIESTO indicato', en: 'REQUESTED CONTRIBUTION stated' },
  'stated:COFINANCING': { it: 'COFINANZIAMENTO indicato', en: 'COFINANCING stated' },
  budget: { it: 'piano dei conti', en: 'a budget' },
  'amount-or-placeholder': { it: 'importo in euro o segnaposto', en: 'an amount in euros or a placeholder' },
  'known-line': { it: 'voce del piano dei conti', en: 'a budget line' },
  'line-once': { it: 'ogni voce una volta sola', en: 'each line once' },
  'a-partner': { it: "partner dell'alleanza", en: 'a partner of the alliance' },
  'ticked-type': { it: 'almeno una tipologia selezionata', en: 'at least one type ticked' },
  'field:id': { it: 'numero del progetto ("Sub-Allegato")', en: 'project number ("Sub-Allegato")' },
  'field:title': { it: 'titolo ("PROGETTO:")', en: 'title ("PROGETTO:")' },
  'field:leadEntity': { it: 'ente capofila', en: 'lead entity' },
  'field:alliance': { it: 'alleanza locale', en: 'local alliance' },
  'field:referent': { it: 'referente di progetto', en: 'project referent' },
  'field:referentEmail': { it: 'email del referente', en: "referent's email" },
  'field:referentPhone': { it: 'telefono del referente', en: "referent's phone" },
  'field:score': { it: 'punteggio ("Punti")', en: 'score ("Punti")' },
  'field:assigned': { it: 'contributo assegnato', en: 'assigned grant' },
  'column:type': { it: 'colonna della tipologia', en: 'type column' },
  'column:referent': { it: 'colonna del referente e dei contatti', en: 'referent and contacts column' },
  'in-toc': { it: "nell'indice", en: 'in the table of contents' },
  'in-document': { it: 'nel documento', en: 'in the document' },
  'in-ranking': { it: 'nella graduatoria', en: 'in the ranking' },
  'in-annex': { it: "tra i progetti dell'allegato", en: "among the annex's projects" },
  'unique-number': { it: 'numero univoco', en: 'unique number' },
  'text-on-every-page': { it: 'testo su ogni pagina', en: 'text on every page' },
};


/** An expected or actual value as the language writes it. */
export function renderFigure(figure: Figure | null, lang: Lang): string | null {
  if (figure === null) return null;
  switch (figure.kind) {
    case 'amount':
      return `${OPS[figure.op]}${euro(figure.value, lang)}`;
    case 'number':
      return `${OPS[figure.op]}${formatDecimal(figure.value, lang)}`;
    case 'text':
      // The annex's or the sheet's own words, in guillemets: they are neither language, and a CSV
      // cell or a spreadsheet keeps them as they are (no quote to double, no formula to fear).
      return `«${figure.value}»`;
    case 'term':
      return figure.terms.map((t) => TERM_WORDS[t][lang]).join(', ');
  }
}

type Words = { it: string; en: string };
type Renderer<R extends RuleId> = (d: FindingOf<R>['data'], f: FindingOf<R>, medium: Medium) => Words;

const LINE_NAME = {
  TOTAL: { it: 'TOTALE', en: 'TOTAL' },
  CONTRIBUTION: { it: 'CONTRIBUTO RICHIESTO', en: 'REQUESTED CONTRIBUTION' },
  COFINANCING: { it: 'COFINANZIAMENTO', en: 'COFINANCING' },
} as const;
const COFIN_COLUMN = { monetary: { it: 'monetario', en: 'monetary' }, inKind: { it: 'in valorizzazione', en: 'in-kind' } } as const;

const REASONS: Record<UnreadableReason, Words> = {
  'not-a-number': { it: 'numero non valido', en: 'not a valid number' },
  'not-an-amount': { it: 'nessun importo', en: 'no amount in it' },
  'free-text': { it: 'testo oltre all\'importo', en: 'words besides the amount' },
  'unknown-annotation': { it: 'annotazione sconosciuta tra parentesi', en: 'an unknown note in brackets' },
  'several-amounts': { it: 'più importi senza la fonte di finanziamento', en: 'several amounts without their funding source' },
  'same-share-twice': { it: 'la stessa quota indicata due volte', en: 'the same share given twice' },
  'share-unclear': { it: 'quota di finanziamento non riconoscibile', en: 'which funding share is meant is unclear' },
  implausible: { it: 'importo oltre ogni contributo plausibile', en: 'beyond any plausible grant' },
  other: { it: 'formato non riconosciuto', en: 'a form not recognised' },
};

const pct = (p: string, lang: Lang) => `${formatDecimal(p, lang)}%`;
const both = (make: (lang: Lang) => string): Words => ({ it: make('it'), en: make('en') });
/** The smallest amount in cents at or above an exact floor, the largest at or under a ceiling. */
const upToCent = (v: string) => new Money(v).toDecimalPlaces(2, Money.ROUND_UP).toFixed(2);
const downToCent = (v: string) => new Money(v).toDecimalPlaces(2, Money.ROUND_DOWN).toFixed(2);

const RENDER: { [R in RuleId]: Renderer<R> } = {
  'budget-incomplete': (d) => {
    if (d.kind === 'no-budget') return { it: 'Nessun piano dei conti trovato.', en: 'No budget found.' };
    const name = LINE_NAME[d.line];
    return d.kind === 'not-stated'
      ? { it: `Il ${name.it} non è indicato.`, en: `The ${name.en} is not stated.` }
      : { it: `Manca la riga ${name.it} nel piano dei conti.`, en: `The budget has no ${name.en} row.` };
  },
  'lines-sum': (d) => ({
    it: `La somma delle voci A-E (${euro(d.computed, 'it')}) non corrisponde al TOTALE dichiarato (${euro(d.declared, 'it')}).`,
    en: `Lines A-E add up to ${euro(d.computed, 'en')}, not the declared TOTAL of ${euro(d.declared, 'en')}.`,
  }),
  'funding-split': (d) => ({
    it: `Contributo richiesto più cofinanziamento fanno ${euro(d.computed, 'it')}, non il TOTALE di ${euro(d.total, 'it')}.`,
    en: `Requested contribution plus cofinancing is ${euro(d.computed, 'en')}, not the TOTAL of ${euro(d.total, 'en')}.`,
  }),
  'cofinancing-min': (d) => {
    const need = upToCent(d.floor);
    // The floor is exact (12.000,009): a shortfall under a cent is shown to the cent.
    return d.rounding
      ? {
          it: `Il cofinanziamento (${euro(d.cofinancing, 'it')}) è sotto il ${pct(d.pct, 'it')} del totale (${euro(need, 'it')}, arrotondato al centesimo) per meno di un centesimo: arrotondamento.`,
          en: `Cofinancing (${euro(d.cofinancing, 'en')}) is below ${pct(d.pct, 'en')} of the total (${euro(need, 'en')}, rounded to the cent) by less than a cent: rounding.`,
        }
      : {
          it: `Il cofinanziamento (${euro(d.cofinancing, 'it')}) è sotto il minimo del ${pct(d.pct, 'it')} del totale: servono almeno ${euro(need, 'it')}.`,
          en: `Cofinancing (${euro(d.cofinancing, 'en')}) is below the ${pct(d.pct, 'en')} minimum of the total: at least ${euro(need, 'en')} is needed.`,
        };
  },
  'coordination-max': (d) => ({
    it: `Il coordinamento (${euro(d.coordination, 'it')}) supera il ${pct(d.pct, 'it')} del costo totale: al massimo ${euro(downToCent(d.ceiling), 'it')}.`,
    en: `Coordination (${euro(d.coordination, 'en')}) exceeds ${pct(d.pct, 'en')} of the total cost: at most ${euro(downToCent(d.ceiling), 'en')}.`,
  }),
  'coordination-within-personnel': (d) => ({
    it: `Il coordinamento (${euro(d.coordination, 'it')}) è una quota della voce A e non può superarla (${euro(d.personnel, 'it')}).`,
    en: `Coordination (${euro(d.coordination, 'en')}) is part of line A and cannot exceed it (${euro(d.personnel, 'en')}).`,
  }),
  'contribution-max': (d) => ({
    it: `Il contributo richiesto (${euro(d.contribution, 'it')}) supera il massimale del bando (${euro(d.cap, 'it')}).`,
    en: `The requested contribution (${euro(d.contribution, 'en')}) exceeds the call's cap (${euro(d.cap, 'en')}).`,
  }),
  'cofinancing-table-sum': (d) =>
    d.kind === 'column'
      ? {
          it: `Le righe del cofinanziamento ${COFIN_COLUMN[d.column].it} sommano a ${euro(d.computed, 'it')}, non al totale dichiarato di ${euro(d.declared, 'it')}.`,
          en: `The ${COFIN_COLUMN[d.column].en} cofinancing rows add up to ${euro(d.computed, 'en')}, not the declared total of ${euro(d.declared, 'en')}.`,
        }
      : both((l) => {
          const parts = new Money(d.monetary).plus(d.inKind);
          return l === 'it'
            ? `Monetario più valorizzazione fanno ${euro(parts, l)}, ma il COFINANZIAMENTO dichiarato è ${euro(d.cofinancing, l)}.`
            : `Monetary plus in-kind is ${euro(parts, l)}, but the declared COFINANCING is ${euro(d.cofinancing, l)}.`;
        }),
  'line-split-sum': (d) =>
    both((l) => {
      const parts = euro(new Money(d.funded).plus(d.cofinanced), l);
      return l === 'it'
        ? `Nella voce "${d.label}" finanziamento e cofinanziamento fanno ${parts}, non ${euro(d.amount, l)}.`
        : `In line "${d.label}" the funded and cofinanced shares make ${parts}, not ${euro(d.amount, l)}.`;
    }),
  'cofinancer-is-partner': (d) =>
    d.partner !== null
      ? {
          it: `Il cofinanziatore "${d.entity}" somiglia solo in parte al partner "${d.partner}" (somiglianza ${formatDecimal(d.score, 'it')}): verificare.`,
          en: `Cofinancer "${d.entity}" only loosely matches partner "${d.partner}" (similarity ${formatDecimal(d.score, 'en')}): check it.`,
        }
      : {
          it: `Il cofinanziatore "${d.entity}" non corrisponde a nessun partner dell'alleanza.`,
          en: `Cofinancer "${d.entity}" matches no partner of the alliance.`,
        },
  'assigned-within-requested': (d) => ({
    it: `Il contributo assegnato (${euro(d.assigned, 'it')}) supera quello richiesto (${euro(d.requested, 'it')}).`,
    en: `The assigned grant (${euro(d.assigned, 'en')}) exceeds the requested contribution (${euro(d.requested, 'en')}).`,
  }),
  'amount-negative': (d) =>
    d.kind === 'line'
      ? {
          it: `La voce "${d.label}" riporta un importo negativo (${euro(d.amount, 'it')}): un costo o un totale non può essere negativo.`,
          en: `Line "${d.label}" states a negative amount (${euro(d.amount, 'en')}): a cost or a total cannot be negative.`,
        }
      : {
          it: `Il cofinanziamento ${COFIN_COLUMN[d.column].it} di "${d.entity}" è negativo (${euro(d.amount, 'it')}): un contributo non può essere negativo.`,
          en: `The ${COFIN_COLUMN[d.column].en} cofinancing of "${d.entity}" is negative (${euro(d.amount, 'en')}): a contribution cannot be negative.`,
        },
  'amount-unreadable': (d, _f, medium) => {
    // In a sheet the lead retypes the cell: what to type says more than why it was not read.
    const why = REASONS[d.reason];
    return medium === 'sheet'
      ? {
          it: `Importo non leggibile: "${d.text}". Scrivere un importo in euro (es. 1.234,56) o lasciare la cella vuota.`,
          en: `Unreadable amount: "${d.text}". Type an amount in euros (e.g. 1.234,56 or 1234.56) or leave the cell empty.`,
        }
      : { it: `Importo non leggibile: "${d.text}" (${why.it}).`, en: `Unreadable amount: "${d.text}" (${why.en}).` };
  },
  'row-unreadable': (d) =>
    d.kind === 'duplicated'
      ? { it: `Voce ripetuta: "${d.text}" compare due volte; vale la prima.`, en: `Repeated line: "${d.text}" appears twice; the first one counts.` }
      : { it: `Riga non riconosciuta nel piano dei conti: "${d.text}".`, en: `Row not recognised in the budget: "${d.text}".` },
  'coordination-max-after-award': (d) =>
    both((l) => {
      const [award, total, coord, ceiling] = [euro(d.awarded, l), euro(d.newTotal, l), euro(d.coordination, l), euro(downToCent(d.ceiling), l)];
      return l === 'it'
        ? `Con il contributo assegnato (${award}) il totale rimodulato è ${total}: il coordinamento (${coord}) supera il ${pct(d.pct, l)} del nuovo totale (al massimo ${ceiling}) e va ridotto.`
        : `With the grant awarded (${award}) the re-planned total is ${total}: coordination (${coord}) exceeds ${pct(d.pct, l)} of the new total (at most ${ceiling}) and must be reduced.`;
    }),
  'cofinancing-min-after-award': (d) =>
    both((l) => {
      const [total, cofin, floor] = [euro(d.newTotal, l), euro(d.cofinancing, l), euro(upToCent(d.floor), l)];
      return l === 'it'
        ? `Con il totale rimodulato di ${total} il cofinanziamento (${cofin}) è sotto il ${pct(d.pct, l)}: servono almeno ${floor}.`
        : `With the re-planned total of ${total} cofinancing (${cofin}) is below ${pct(d.pct, l)}: at least ${floor} is needed.`;
    }),
  'replan-needed': (d) => ({
    it: `Assegnati ${euro(d.awarded, 'it')} su ${euro(d.requested, 'it')} richiesti: il piano va rimodulato a un totale di ${euro(d.newTotal, 'it')}.`,
    en: `${euro(d.awarded, 'en')} awarded of ${euro(d.requested, 'en')} requested: the budget must be re-planned to a total of ${euro(d.newTotal, 'en')}.`,
  }),
  'toc-mismatch': (d) => {
    switch (d.kind) {
      case 'title':
      case 'leadEntity': {
        const what = d.kind === 'title' ? { it: 'il titolo', en: 'the title' } : { it: "l'ente capofila", en: 'the lead entity' };
        return {
          it: `Progetto ${d.project}: ${what.it} nell'indice ("${d.listed}") differisce dall'intestazione ("${d.stated}").`,
          en: `Project ${d.project}: ${what.en} in the table of contents ("${d.listed}") differs from the header ("${d.stated}").`,
        };
      }
      case 'page':
        return {
          it: `Progetto ${d.project}: l'indice lo colloca a pagina ${d.listed}, ma inizia a pagina ${d.stated}.`,
          en: `Project ${d.project}: the table of contents puts it on page ${d.listed}, but it starts on page ${d.stated}.`,
        };
      case 'not-in-document':
        return {
          it: `Il progetto ${d.project} ("${d.title}") è nell'indice ma non nel documento.`,
          en: `Project ${d.project} ("${d.title}") is in the table of contents but not in the document.`,
        };
      case 'not-in-toc':
        return { it: `Il progetto ${d.project} non compare nell'indice.`, en: `Project ${d.project} is not in the table of contents.` };
    }
  },
  'header-field-missing': (d) =>
    d.kind === 'id'
      ? {
          it: `Il progetto non indica il proprio numero ("Sub-Allegato"): usato "${d.used}".`,
          en: `The project does not state its number ("Sub-Allegato"): "${d.used}" used instead.`,
        }
      : {
          it: `Nell'intestazione del progetto ${d.project} manca il campo ${TERM_WORDS[`field:${d.field}`].it}.`,
          en: `The header of project ${d.project} lacks the ${TERM_WORDS[`field:${d.field}`].en}.`,
        },
  'table-row-unreadable': (d) => {
    if (d.kind === 'budget-row-unused') {
      return { it: `Riga del piano dei conti non utilizzata: "${d.text}".`, en: `Budget row not used: "${d.text}".` };
    }
    const why = {
      'no-name': { it: 'senza il nome del partner', en: 'no partner name' },
      'one-cell': { it: 'una sola cella', en: 'only one cell' },
      'run-together': { it: 'tipologia e contatti uniti', en: 'type and contacts run together' },
    }[d.reason];
    return { it: `Riga della tabella partner non leggibile (${why.it}): "${d.text}".`, en: `Unreadable partner table row (${why.en}): "${d.text}".` };
  },
  'partners-missing': (d) => {
    if (d.kind === 'table') return { it: `Progetto ${d.project}: nessuna tabella dei partner trovata.`, en: `Project ${d.project}: no partner table found.` };
    const it = { type: 'la tipologia', referent: 'il referente e i contatti' };
    const en = { type: 'the type', referent: 'the referent and contacts' };
    return {
      it: `Progetto ${d.project}: la tabella dei partner non ha una colonna per ${d.missing.map((m) => it[m]).join(' né per ')} dei partner.`,
      en: `Project ${d.project}: the partner table has no column for ${d.missing.map((m) => en[m]).join(' or ')} of the partners.`,
    };
  },
  'interventions-missing': (d) => {
    switch (d.kind) {
      case 'list':
        return {
          it: `Progetto ${d.project}: elenco delle tipologie di intervento (a-f) non trovato.`,
          en: `Project ${d.project}: list of intervention types (a-f) not found.`,
        };
      case 'no-tick':
        return {
          it: `Progetto ${d.project}: nessuna tipologia di intervento risulta selezionata (segni di spunta non letti?).`,
          en: `Project ${d.project}: no intervention type is ticked (ticks not read?).`,
        };
      case 'partial':
        return {
          it: `Progetto ${d.project}: l'elenco delle tipologie di intervento non riporta ${d.missing.join(', ')}.`,
          en: `Project ${d.project}: the list of intervention types lacks ${d.missing.join(', ')}.`,
        };
    }
  },
  'project-id-duplicate': (d) => ({ it: `Il numero di progetto ${d.project} compare due volte.`, en: `Project number ${d.project} appears twice.` }),
  'pages-without-text': (d) => {
    const list = d.pages.join(', ');
    const one = d.pages.length === 1;
    return {
      it: `${one ? `La pagina ${list}` : `Le pagine ${list}`} (di ${d.of}) non ${one ? 'ha' : 'hanno'} testo: ${one ? 'è una scansione' : 'sono scansioni'} e nulla vi è stato letto; eseguire un OCR del PDF e rileggerlo.`,
      en: `Page${one ? '' : 's'} ${list} (of ${d.of}) ${one ? 'has' : 'have'} no text: scanned, nothing on ${one ? 'it' : 'them'} was read; run OCR on the PDF and read it again.`,
    };
  },
  'encoding-guessed': (d) => ({
    it: `Il file non è UTF-8: letto come ${d.encoding}; verificare le lettere accentate.`,
    en: `The file is not UTF-8: read as ${d.encoding}; check accented letters.`,
  }),
  'shares-sum': (d) => {
    const share = d.share === 'funded' ? { it: 'contributo', en: 'contribution' } : { it: 'cofinanziamento', en: 'cofinancing' };
    return {
      it: `Le quote di ${share.it} delle voci A-E fanno ${euro(d.computed, 'it')}, non ${euro(d.declared, 'it')} come "${d.label}".`,
      en: `The ${share.en} shares of lines A-E make ${euro(d.computed, 'en')}, not the ${euro(d.declared, 'en')} of "${d.label}".`,
    };
  },
  'ranking-mismatch': (d) => {
    switch (d.kind) {
      case 'unknown-entry': {
        const who = d.id !== null ? { it: `il progetto ${d.id}`, en: `project ${d.id}` } : { it: `"${d.name}"`, en: `"${d.name}"` };
        return {
          it: `La graduatoria elenca ${who.it}, che non è tra i progetti dell'allegato.`,
          en: `The ranking lists ${who.en}, which is not among the annex's projects.`,
        };
      }
      case 'score':
        return {
          it: `Progetto ${d.project}: la graduatoria gli attribuisce ${formatDecimal(d.ranking, 'it')} punti, l'intestazione ${formatDecimal(d.header, 'it')}.`,
          en: `Project ${d.project}: the ranking gives it ${formatDecimal(d.ranking, 'en')} points, its header ${formatDecimal(d.header, 'en')}.`,
        };
      case 'assigned':
        return {
          it: `Progetto ${d.project}: la graduatoria gli assegna ${euro(d.ranking, 'it')}, l'intestazione ${euro(d.header, 'it')}.`,
          en: `Project ${d.project}: the ranking awards it ${euro(d.ranking, 'en')}, its header ${euro(d.header, 'en')}.`,
        };
      case 'not-ranked':
        return { it: `Il progetto ${d.project} non compare nella graduatoria.`, en: `Project ${d.project} is not in the ranking.` };
    }
  },
  'cell-too-long': (d) => ({
    it: `${d.note ? 'La nota della cella' : 'La cella'} ${d.where} ha ${d.length} caratteri, oltre il limite di Excel (${formatDecimal(String(d.max), 'it')}): tagliata al limite, con "${d.marker}" in fondo; annex.json e i file CSV riportano il testo intero.`,
    en: `${d.note ? 'The note of cell' : 'Cell'} ${d.where} holds ${d.length} characters, over Excel's limit (${formatDecimal(String(d.max), 'en')}): cut at the limit, ending in "${d.marker}"; annex.json and the CSV files keep the whole text.`,
  }),
  'findings-capped': (d) => ({
    it: `Altri ${d.count} rilievi "${d.rule}" come i precedenti, non elencati; il primo è alla riga indicata.`,
    en: `${d.count} more "${d.rule}" findings like the ones above, not listed; the first of them is at the line given.`,
  }),
};

/** The finding's message in both languages, from its rule and data alone. */
export function renderMessages(f: Finding, medium: Medium = 'annex'): Words {
  const render = RENDER[f.rule] as Renderer<RuleId>;
  return render(f.data, f as FindingOf<RuleId>, medium);
}

export interface RenderedFinding {
  message: string;
  expected: string | null;
  actual: string | null;
}

/** Everything a reader sees of a finding, in one language. */
export function renderFinding(f: Finding, lang: Lang, medium: Medium = 'annex'): RenderedFinding {
  return {
    message: medium === 'annex' ? f.message[lang] : renderMessages(f, medium)[lang],
    expected: renderFigure(f.expected, lang),
    actual: renderFigure(f.actual, lang),
  };
}
