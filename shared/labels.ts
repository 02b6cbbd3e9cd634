// Recognising budget rows by what their labels say, never by where they are.
import type { LineCode } from './model.js';
import { foldText } from './text.js';

interface LabelRule {
  code: LineCode;
  test: (folded: string) => boolean;
  /** Patterns one of which every label the rule takes matches: its wordings, and the first of `together`. */
  needs: readonly RegExp[];
}

/** Rules, and the one pattern that every label any of them takes matches (ruleSet). */
interface RuleSet {
  rules: readonly LabelRule[];
  any: RegExp;
}

// The label tests are asked of every cell of a table that might be a budget, and most cells are
// none of these labels: what cannot be one is turned down before it is folded (the first fold of
// a cell is most of a test's cost). Folding never lengthens a text (markup, entities and runs of
// spaces shrink; every other character folds to one character or none), so a text shorter than
// a label's shortest wording is never that label: most cells of a Gantt chart ("X", "12") are.
// Every wording is made of letters, and only an ASCII letter or a character beyond ASCII (but
// "€") folds to one: an amount ("€ 13.378,00") is none of them either.
const SHORTEST = { heading: 4, amount: 4, share: 9, total: 6, entity: 4, cofinColumn: 7, assigned: 9 } as const;
const MAY_FOLD_TO_LETTER = /[A-Za-z\u0080-\u20ab\u20ad-\uffff]/;

// Each test below takes a label's text and, from a caller that already has it (a document keeps
// its lines' and table cells' folded forms), its folded form: foldText(text), worked out here when
// not given. A caller asking several tests of one cell folds it once.

/** Whether a text may fold to a wording at least `shortest` characters long. */
function mayBe(text: string, shortest: number): boolean {
  return text.length >= shortest && MAY_FOLD_TO_LETTER.test(text);
}

/**
 * Whether a text may be any label below (it has something that folds to a letter): a caller
 * folding cells for the tests folds only these.
 */
export function mayBeLabel(text: string): boolean {
  return MAY_FOLD_TO_LETTER.test(text);
}

const TOTAL = /^(totale( (costi|costo|progetto|del progetto|di progetto|generale|complessivo|costi del progetto|costi di progetto))?|costo (totale|complessivo)( del progetto| di progetto)?|importo (totale|complessivo)( del progetto| di progetto)?)( a ?b ?c ?d ?e| a e)?( €)?$/;

// Each rule's patterns are made once, here: a regular expression literal inside a function is a
// new object every time the function runs, and the rules are asked of every label.
const PERSONNEL = /^(a ?\.? )?cost[oi] (di|del) personale/;

/** A line's rule: any of `wordings` matches the folded label, or every one of `together` does. */
function rule(code: LineCode, wordings: readonly RegExp[], together: readonly RegExp[] = []): LabelRule {
  const needs = together.length > 0 ? [...wordings, together[0]!] : wordings;
  return { code, needs, test: (f) => matchesAny(wordings, f) || (together.length > 0 && matchesAll(together, f)) };
}

/**
 * Rules, with the alternation of the patterns they need: most labels name no line, and this one
 * pattern turns them down (three times faster than trying each rule's patterns in turn).
 */
function ruleSet(rules: readonly LabelRule[]): RuleSet {
  const needs = rules.flatMap((r) => r.needs);
  // Flags would be lost in the alternation: the rules' patterns have none.
  if (needs.some((p) => p.flags !== '')) throw new Error('a label rule with flags');
  return { rules, any: new RegExp(needs.map((p) => `(?:${p.source})`).join('|')) };
}

/** The codes of the rules that `f` matches, in the rules' order. */
function codesMatching({ rules, any }: RuleSet, f: string): LineCode[] {
  const codes: LineCode[] = [];
  if (!any.test(f)) return codes;
  for (const r of rules) if (r.test(f)) codes.push(r.code);
  return codes;
}

function matchesAny(patterns: readonly RegExp[], f: string): boolean {
  for (const p of patterns) if (p.test(f)) return true;
  return false;
}

function matchesAll(patterns: readonly RegExp[], f: string): boolean {
  for (const p of patterns) if (!p.test(f)) return false;
  return true;
}

const RULES = ruleSet([
  rule('A_coord', [], [/coordinamento/, /(monitoraggio|rendicontazione|valutazione|15 ?%|di cui|^cui)/]),
  rule('A', [PERSONNEL], [/^a ?[.)] /, /personale/]),
  rule('B', [/^(b ?[.)] )?cost[oi] (di )?acquisto ?,? noleggio/], [/^b ?[.)] /, /(beni|software|noleggio|leasing)/]),
  rule('C', [/^(c ?[.)] )?cost[oi] (di )?acquisto (di )?servizi/], [/^c ?[.)] /, /servizi/]),
  rule('D', [/^(d ?[.)] )?cost[oi] relativi (ad |a )?erogazione/], [/^d ?[.)] /, /(voucher|rimborsi)/]),
  rule('E', [/^(e ?[.)] )?spese generali/], [/^e ?[.)] /, /(spese|funzionamento)/]),
  rule('TOTAL', [TOTAL]),
  rule('CONTRIBUTION', [
    /^(di cui )?(il )?contributo( richiesto)?( a ats| ats)?( \(?max [^)]*\)?)?$/,
    /^(di cui )?contributo richiesto/,
    /^(di cui )?finanziamento (richiesto|ats)/,
    /^(di cui )?(quota )?(contributo|finanziamento)( (ats|regionale|pubblico|di regione lombardia))+ richiesto( €)?$/,
    /^(di cui )?quota (a carico (di |dell )?(ats|regione)|contributo)( €)?$/,
  ]),
  rule('COFINANCING', [
    /^(di cui )?(il )?co-? ?finanziamento( \(?min[^)]*\)?| totale)?$/,
    /^(di cui )?(quota (di )?|totale )co-? ?finanziamento( \(?min[^)]*\)?)?( €)?$/,
    /^(di cui )?co-? ?finanziamento (dei partner|del partenariato|a carico (del partenariato|dei partner))( \(?min[^)]*\)?)?( €)?$/,
  ]),
]);

/**
 * The line's letter in one form, "b. …", whatever mark follows it in the annex ("B)", "B -",
 * "B:", "(B)"): folding turns those marks into spaces, and "b beni" alone says too little.
 */
const LETTER_MARK = /^\s*(?:<[^>]{0,40}>\s*){0,4}(?:voce\s{1,3})?\(?([A-Ea-e])\s{0,3}[.):\-–—]/i;
const FOLDED_LETTER = /^(?:voce )?\(?[a-e]\.?\s*/;

function withLetterMark(label: string, folded: string): string {
  const m = LETTER_MARK.exec(label);
  if (!m) return folded;
  return `${m[1]!.toLowerCase()}. ${folded.replace(FOLDED_LETTER, '')}`;
}

// Words templates shorten to fit a column ("Tot. progetto", "Costi pers.", "Cofin. (min 30%)"):
// only with their dot, so that a word that merely starts alike is never taken for one.
const ABBREVIATIONS: Record<string, string> = {
  tot: 'totale', pers: 'personale', cofin: 'cofinanziamento', contrib: 'contributo', serv: 'servizi', rimb: 'rimborsi',
  funz: 'funzionamento', compl: 'complessivo', acq: 'acquisto', rich: 'richiesto', gen: 'generali', fin: 'finanziamento',
};
const ABBREVIATED = /\b(tot|pers|cofin|contrib|serv|rimb|funz|compl|acq|rich|gen|fin)\.(?= |$)/g;

/** The label folded, with its abbreviations written out and its letter in one form. */
function normalised(label: string, f: string): string {
  // Every abbreviation ends with its dot: a label without one (nearly all) has none to write out.
  const folded = f.includes('.') ? f.replace(ABBREVIATED, (_, w: string) => ABBREVIATIONS[w]!) : f;
  return withLetterMark(label, folded);
}

// A template without letters names each line in its own words ("Personale interno ed esterno",
// "Acquisto di servizi", "Voucher e rimborsi alle famiglie"): what the label is about tells the
// line, when one line only fits it, the label is short and no letter other than A-E marks it.
const UNLETTERED = ruleSet([
  rule('A', [/\bpersonale\b/]),
  rule('B', [/\b(beni|software|noleggio|leasing|attrezzatur[ae]|strumentazion[ei]|arredi)\b/]),
  rule('C', [/\bservizi\b/]),
  rule('D', [/\b(voucher|rimbors[oi]|buoni|titoli sociali)\b/]),
  rule('E', [/\b(spese generali|funzionamento|costi indiretti|costi generali)\b/]),
]);
const OTHER_LETTER = /^\s*(?:<[^>]{0,40}>\s*){0,4}\(?[a-z]\s{0,3}[.):\-–—]/i;
const NEVER_A_COST = /^(di cui|totale|contributo|co-? ?finanziamento|quota)\b/;

function unletteredCode(label: string, f: string): LineCode[] {
  if (f.length > 90 || OTHER_LETTER.test(label)) return [];
  // A coordination or funding label is never a cost line, however it is worded.
  if (NEVER_A_COST.test(f)) return [];
  const codes = codesMatching(UNLETTERED, f);
  // "Voucher per servizi": a voucher line that names what it buys.
  if (codes.length === 2 && codes.includes('D') && codes.includes('C')) return ['D'];
  return codes.length === 1 ? codes : [];
}

/**
 * The budget codes a label names as the call's own wording (its letter, or the call's words for
 * the line): enough to tell that a table is a budget. budgetCodesOf also reads a template's own
 * words for an unlettered line, which only a table already known to be a budget may use.
 */
export function strictBudgetCodesOf(label: string, folded?: string): LineCode[] {
  return callWording(label, folded).codes;
}

/** Every budget code a label names. A merged row ("A. ... di cui per coordinamento ...") names two. */
export function budgetCodesOf(label: string, folded?: string): LineCode[] {
  const { f, codes } = callWording(label, folded);
  if (f === '') return [];
  return codes.length > 0 ? codes : unletteredCode(label, f);
}

/**
 * The budget codes a label names in a template's own words only: budgetCodesOf of a label whose
 * strictBudgetCodesOf is empty. A caller that has the strict codes asks this rather than
 * budgetCodesOf, which would test the call's wording again.
 */
export function ownWordingCodesOf(label: string, folded?: string): LineCode[] {
  if (!MAY_FOLD_TO_LETTER.test(label)) return [];
  const f = normalised(label, folded ?? foldText(label));
  return f === '' ? [] : unletteredCode(label, f);
}

/** A label normalised and the codes it names in the call's wording. */
function callWording(label: string, folded: string | undefined): { f: string; codes: LineCode[] } {
  // Every line's wording is made of letters: a label with nothing that folds to one (a figure,
  // "2020", "€ 5.208,00" on a row of its own) names none, and is not folded to be told so.
  if (!MAY_FOLD_TO_LETTER.test(label)) return { f: '', codes: [] };
  const f = normalised(label, folded ?? foldText(label));
  return { f, codes: f === '' ? [] : codesOf(f) };
}

/**
 * The codes whose rules a folded label matches, of the call's wording or of a template's own
 * words: through the alternation as the readers ask them, or (`oneByOne`) each rule asked in
 * turn, which the tests hold the alternation to.
 */
export function ruleCodes(f: string, wording: 'call' | 'own', oneByOne = false): LineCode[] {
  const set = wording === 'call' ? RULES : UNLETTERED;
  return oneByOne ? set.rules.filter((r) => r.test(f)).map((r) => r.code) : codesMatching(set, f);
}

function codesOf(f: string): LineCode[] {
  const codes = codesMatching(RULES, f);
  // A coordination label that also opens with the personnel line is the annex's merged row.
  if (codes.includes('A_coord')) {
    const merged = codes.includes('A') || PERSONNEL.test(f);
    return merged ? ['A', 'A_coord'] : ['A_coord'];
  }
  return codes;
}

const MAIN_HEADING = /^piano dei conti( del progetto)?$/;
const COLUMN_HEADING = /^(voce|voci|macrovoce|macrovoci)( di (costo|spesa))?( importo)?$/;
const KIND_HEADING = /^(tipologia|categoria|descrizione)( della| di)? (spesa|costo|voce|voce di (costo|spesa))$/;
const AMOUNT_HEADER = /^(importo|importi|importo €|importo in euro|importo euro|valore|euro|importo (totale|complessivo|previsto)( €)?|(costo|spesa) (totale|complessiv[oa]|previst[oa])( €)?|costo( €)?|spesa( €)?)$/;
const COFINANCED_SHARE = /^(di cui |quota )?(di |a )?co-? ?finanziamento( €)?$|^(di cui |quota )?cofinanziat|^quota a carico (del partenariato|dei partner|del capofila)/;
const FUNDED_SHARE = /^(di cui |quota )?(di |a )?(contributo|finanziamento)( richiesto| ats| regionale)?( €)?$|^(di cui |quota )?finanziat|^quota a carico (di |dell )?(ats|regione)/;
const ENTITY_HEADER = /^(nome dell')?((ente|enti|soggetto|soggetti|partner|denominazione|ragione sociale)( cofinanziator[ei])?|cofinanziator[ei])$/;
const MONETARY = /monetari/;
const IN_KIND = /valorizz|in natura|figurativ|in kind/;
const ASSIGNED = /^(contributo )?assegnato( €)?$|^contributo assegnato|^importo assegnato/;

export function isBudgetHeading(text: string, folded?: string): boolean {
  if (!mayBe(text, SHORTEST.heading)) return false;
  const f = folded ?? foldText(text);
  return MAIN_HEADING.test(f) || COLUMN_HEADING.test(f) || KIND_HEADING.test(f);
}

/** "PIANO DEI CONTI (DEL PROGETTO)": the budget's heading that alone makes a tab a budget. */
export function isMainBudgetHeading(text: string, folded?: string): boolean {
  return mayBe(text, SHORTEST.heading) && MAIN_HEADING.test(folded ?? foldText(text));
}

export function isAmountHeader(text: string, folded?: string): boolean {
  if (!mayBe(text, SHORTEST.amount)) return false;
  return AMOUNT_HEADER.test(folded ?? foldText(text));
}

/** A budget header column that splits each line by funding source. */
export function shareColumnOf(text: string, folded?: string): 'funded' | 'cofinanced' | null {
  if (!mayBe(text, SHORTEST.share)) return null;
  const f = folded ?? foldText(text);
  if (COFINANCED_SHARE.test(f)) return 'cofinanced';
  if (FUNDED_SHARE.test(f)) return 'funded';
  return null;
}

export function isTotalLabel(text: string, folded?: string): boolean {
  if (!mayBe(text, SHORTEST.total)) return false;
  return TOTAL.test(folded ?? foldText(text));
}

export function isEntityHeader(text: string, folded?: string): boolean {
  if (!mayBe(text, SHORTEST.entity)) return false;
  return ENTITY_HEADER.test(folded ?? foldText(text));
}

export type CofinColumn = 'monetary' | 'inKind';

/** Which cofinancing column a header names (its text may span two header rows). */
export function cofinColumnOf(header: string, folded?: string): CofinColumn | null {
  if (!mayBe(header, SHORTEST.cofinColumn)) return null;
  const f = folded ?? foldText(header);
  if (MONETARY.test(f)) return 'monetary';
  if (IN_KIND.test(f)) return 'inKind';
  return null;
}

export function isAssignedLabel(text: string, folded?: string): boolean {
  if (!mayBe(text, SHORTEST.assigned)) return false;
  return ASSIGNED.test(folded ?? foldText(text));
}

export const CODE_LABELS_IT: Record<LineCode, string> = {
  A: 'A. Costi di personale interno ed esterno',
  A_coord:
    'di cui per coordinamento, monitoraggio, rendicontazione e valutazione del progetto (max 15% del costo totale di progetto)',
  B: 'B. Costo di acquisto, noleggio, leasing di beni o software',
  C: 'C. Costo di acquisto di servizi',
  D: 'D. Costi relativi ad erogazione voucher/rimborsi',
  E: 'E. Spese generali di funzionamento e gestione',
  TOTAL: 'TOTALE',
  CONTRIBUTION: 'di cui CONTRIBUTO RICHIESTO',
  COFINANCING: 'di cui COFINANZIAMENTO (min 30%)',
  COFIN_MONETARY_TOTAL: 'TOTALE cofinanziamento monetario',
  COFIN_IN_KIND_TOTAL: 'TOTALE cofinanziamento valorizzazione economica',
};
