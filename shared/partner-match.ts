// Linking cofinancers to the alliance's partners. The two tables are typed by different
// hands ("COMUNE DI BORGIO VIRGILIO" / "Comune di Borgo Virgilio", "THUN LOGISTCS" /
// "Connecthub Srl ( ex Thun Logistics Srl)"), so names are normalised and scored, not compared.
import { distance } from 'fastest-levenshtein';
import type { Partner } from './model.js';
import type { Profile } from './profile.js';
import { foldText } from './text.js';

export type MatchKind = 'exact' | 'strong' | 'weak' | 'none';

export interface PartnerLink {
  partner: Partner | null;
  score: number;
  match: MatchKind;
}

// Legal forms and filler words say nothing about which entity is meant.
const DROP = new Set([
  'spa', 'srl', 'srls', 'snc', 'sas', 'scarl', 'scrl', 'scs', 'onlus', 'aps', 'odv', 'ets', 'impresa', 'societa',
  'soc', 'di', 'del', 'della', 'dei', 'degli', 'delle', 'dell', 'd', 'il', 'lo', 'la', 'i', 'gli', 'le', 'l', 'e', 'ed',
  'per', 'a', 'al', 'alla', 'allo', 'in', 'da',
]);
// Kinds of entity: they count, but far less than a proper name.
const GENERIC = new Set([
  'comune', 'comuni', 'unione', 'azienda', 'aziende', 'speciale', 'consortile', 'consorzio', 'cooperativa', 'cooperative',
  'sociale', 'sociali', 'associazione', 'fondazione', 'camera', 'commercio', 'industria', 'artigianato', 'agricoltura',
  'servizi', 'provincia', 'regione', 'ospedale', 'territoriale', 'volontariato', 'comprensorio', 'confederazione',
  'nazionale', 'persona', 'asst', 'ats', 'rsa', 'ente',
]);
// A Map, not an object: most words are none of these, and a word missing from an object is
// looked for along its prototype chain, slowly (and "constructor" would be found there).
const ABBREVIATIONS = new Map(Object.entries({
  coop: 'cooperativa', cooperativo: 'cooperativa', cooperative: 'cooperativa', assoc: 'associazione', ass: 'associazione',
  az: 'azienda', fond: 'fondazione', fondaz: 'fondazione', cons: 'consorzio', com: 'comune', s: 'san', st: 'santo',
  cciaa: 'camera',
}));
/**
 * Public bodies of different kinds are different partners whatever their place ("Comune di X",
 * "Unione dei Comuni di X", "ASST di X").
 */
const BODY_KINDS = new Set(['comune', 'unione', 'provincia', 'regione', 'asst', 'ats', 'camera']);
/**
 * Kinds whose name is whole: two municipalities, or two cooperatives, are the same only when
 * every proper word of each is in the other ("Comune di Lodi" is not "Comune di Lodi Vecchio").
 */
const WHOLE_NAME_KINDS = new Set(['comune', 'unione', 'provincia', 'cooperativa', 'associazione']);
// The role a partner table appends to a name, after a dash or in italics ("Altana - Partner
// attuativo", "Krikos – <i>Rete</i>"): bounded runs of spaces, so that no input backtracks.
const ROLE = /(?:[-–—]|<i>)\s{0,3}(?:<i>\s{0,3})?(?:partner\s{1,3}(?:attuativo|istituzionale|operativo|associato|di\s{1,3}rete)|rete)\s{0,3}(?:<\/i>)?\s{0,3}$/i;
// A roman or arabic numeral names no entity on its own ("Papa Giovanni XXIII").
const NUMERAL = /^(?:[ivxlc]{1,7}|\d{1,4})$/;

export interface NameForm {
  tokens: string[];
  /** The proper words, without kinds of entity, numerals and one- or two-letter words. */
  proper: string[];
  kinds: string[];
  /** The tokens that are not kinds of entity, and those that are (GENERIC), in order. */
  specific: string[];
  generic: string[];
}

/**
 * A name's comparable forms: the name itself and any former name given as "(ex ...)". Worked
 * out on every call: a caller that compares one name many times keeps them (a prepared partner
 * keeps its own, linkPartner finds a cofinancer's once for every partner).
 */
export function nameForms(name: string): NameForm[] {
  return formsOfName(name, null);
}

// A role opens with a dash or "<i>": a name with neither is not searched for one.
const MAY_HAVE_ROLE = /[-–—<]/;

/** nameForms, given the name's fold when the caller has it (foldText(name), or null). */
function formsOfName(name: string, foldedName: string | null): NameForm[] {
  const bare = MAY_HAVE_ROLE.test(name) ? name.replace(ROLE, '') : name;
  // A name with no role to cut is folded as it is: a fold of it in hand is that fold.
  const folded = withoutDots(bare === name && foldedName !== null ? foldedName : foldText(bare));
  // Most names have no "ex" at all: no former name to split off.
  if (!folded.includes('ex')) return formsOf([folded]);
  return formsOf(folded.split(/\bex\b/));
}

/** The forms of a name's parts (itself, a former name), less those with no word left. */
function formsOf(names: readonly string[]): NameForm[] {
  const forms: NameForm[] = [];
  for (const part of names) {
    const tokens = tokensOf(part);
    if (tokens.length > 0) forms.push(formOf(tokens));
  }
  return forms;
}

// Most names have no dot nor apostrophe once folded: the passes for them are skipped.
function withoutDots(folded: string): string {
  if (!folded.includes('.') && !folded.includes("'")) return folded;
  return folded
    .replace(/(?<![a-z0-9-])(www\.)?([a-z0-9-]+)\.(com|it|net|org|eu)\b/g, '$2')
    .replace(/\b([a-z])\.(?=[a-z]\b)/g, '$1') // R.S.A. / Re.Le.Vi. -> rsa / relevi
    .replace(/\.(?=[a-z])/g, '')
    .replace(/['.]/g, ' ');
}

function formOf(tokens: string[]): NameForm {
  const form: NameForm = { tokens, proper: [], kinds: [], specific: [], generic: [] };
  // One pass sorts each word into the lists it belongs to, in order.
  for (const t of tokens) {
    const generic = GENERIC.has(t);
    if (!generic && !NUMERAL.test(t) && t.length > 2) form.proper.push(t);
    if (BODY_KINDS.has(t) || WHOLE_NAME_KINDS.has(t)) form.kinds.push(t);
    (generic ? form.generic : form.specific).push(t);
  }
  return form;
}

// The words of a folded name, abbreviations spelt out, legal forms and fillers dropped: one
// list made, not one per step.
function tokensOf(text: string): string[] {
  const tokens: string[] = [];
  for (const word of text.split(/[^a-z0-9]+/)) {
    const t = ABBREVIATIONS.get(word) ?? word;
    if (t !== '' && !DROP.has(t)) tokens.push(t);
  }
  return tokens;
}

function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  // An initial stands for a name: "P Sissa" / "Pietro Sissa".
  if ((a.length === 1 || b.length === 1) && a[0] === b[0]) return 0.9;
  // A typo in a long word is still the word (BORGIO / Borgo, LOGISTCS / Logistics); in a short
  // one it is another word (Sale / Salò, Boni / Bovi).
  const longest = Math.max(a.length, b.length);
  if (longest < 5) return 0;
  // The distance is at least the difference in length: past a quarter of the longer word no
  // distance can reach the threshold, and none is computed.
  if (1 - Math.abs(a.length - b.length) / longest < 0.75) return 0;
  const sim = 1 - distance(a, b) / longest;
  return sim >= 0.75 ? sim : 0;
}

/**
 * Share of the shorter list found in the longer one, blended with their overall overlap; 1 when
 * the shorter is empty (nothing in it contradicts the other). Symmetric.
 */
function overlap(x: readonly string[], y: readonly string[]): number {
  // Chosen by two conditionals, not by destructuring a pair made for every comparison.
  const short = x.length <= y.length ? x : y;
  const long = short === x ? y : x;
  if (short.length === 0) return 1;
  let matched = 0;
  for (const t of short) {
    let best = 0;
    // Nothing is more alike than the same word: the search stops at it.
    for (let i = 0; i < long.length && best < 1; i++) best = Math.max(best, tokenSimilarity(t, long[i]!));
    matched += best;
  }
  return 0.75 * (matched / short.length) + 0.25 * ((2 * matched) / (short.length + long.length));
}

/**
 * The proper words decide; the kinds of entity only nudge ("Fondazione Boni" is "RSA Boni": the
 * same home, named by its kind or by its owner). A name made only of kinds ("Comune") matches
 * no particular one strongly.
 */
function formSimilarity(x: NameForm, y: NameForm): number {
  if (x.specific.length === 0 || y.specific.length === 0) return 0.6 * overlap(x.tokens, y.tokens);
  return 0.9 * overlap(x.specific, y.specific) + 0.1 * overlap(x.generic, y.generic);
}

const found = (t: string, in_: readonly string[]) => in_.some((u) => tokenSimilarity(t, u) > 0);

/**
 * Whether two names, however alike, cannot be one partner: public bodies of different kinds,
 * or two entities of a whole-name kind of which one has a proper word the other lacks.
 */
function different(x: NameForm, y: NameForm): boolean {
  if (bodiesDiffer(x.kinds, y.kinds)) return true;
  if (!x.kinds.some((k) => WHOLE_NAME_KINDS.has(k) && y.kinds.includes(k))) return false;
  return !x.proper.every((t) => found(t, y.proper)) || !y.proper.every((t) => found(t, x.proper));
}

const isBody = (k: string) => BODY_KINDS.has(k);

// Both names are public bodies, and of no kind in common. Most names are no public body: the
// kinds are only searched, no list of bodies is made for each comparison.
function bodiesDiffer(x: readonly string[], y: readonly string[]): boolean {
  if (!x.some(isBody) || !y.some(isBody)) return false;
  return !x.some((k) => isBody(k) && y.includes(k));
}

// A near miss keeps three quarters of its score: still a resemblance worth a look (weak at the
// default thresholds), never a link taken for granted.
const NEAR_MISS = 0.75;

export function similarity(a: string, b: string): number {
  return formsSimilarity(nameForms(a), nameForms(b));
}

/** similarity of two names whose forms (nameForms) the caller keeps: a name compared many times is worked out once. */
export function formsSimilarity(a: readonly NameForm[], b: readonly NameForm[]): number {
  let best = 0;
  for (const x of a) for (const y of b) best = Math.max(best, formSimilarity(x, y));
  return Math.round(best * 1000) / 1000;
}

/** How alike a cofinancer's name and a partner's are, as the partner check scores them (0..1). */
export function partnerSimilarity(a: readonly NameForm[], b: readonly NameForm[]): number {
  let best = 0;
  for (const x of a) {
    for (const y of b) {
      const score = formSimilarity(x, y);
      // A near miss only lowers a score: one not above the best so far cannot become it.
      if (score > best) best = Math.max(best, score * (different(x, y) ? NEAR_MISS : 1));
    }
  }
  return Math.round(best * 1000) / 1000;
}

/** A partner with its name's forms, computed once for every cofinancer compared with it. */
export interface PreparedPartner {
  partner: Partner;
  folded: string;
  forms: NameForm[];
}

/**
 * The forms are found when first asked for: a cofinancer written as in the partner table is
 * linked by its folded name alone, and a project whose cofinancers all are needs no forms.
 */
class LazyPartner implements PreparedPartner {
  #forms: NameForm[] | null = null;

  constructor(
    readonly partner: Partner,
    readonly folded: string,
  ) {}

  get forms(): NameForm[] {
    return (this.#forms ??= formsOfName(this.partner.name, this.folded));
  }
}

const prepared = new WeakMap<readonly Partner[], PreparedPartner[]>();

export function preparePartners(partners: readonly Partner[]): PreparedPartner[] {
  let list = prepared.get(partners);
  if (!list) {
    list = partners.map((p) => new LazyPartner(p, foldText(p.name)));
    prepared.set(partners, list);
  }
  return list;
}

export function linkPartner(
  entity: string,
  partners: readonly Partner[],
  profile: Pick<Profile, 'partnerMatchStrong' | 'partnerMatchWeak'>,
): PartnerLink {
  let best: PartnerLink = { partner: null, score: 0, match: 'none' };
  const target = foldText(entity);
  const list = preparePartners(partners);
  // A name written as in the partner table is that partner: no score is needed.
  const same = list.find((p) => p.folded === target);
  if (same) return { partner: same.partner, score: 1, match: 'exact' };
  const forms = formsOfName(entity, target);
  for (const p of list) {
    const score = partnerSimilarity(forms, p.forms);
    if (score > best.score) best = { partner: p.partner, score, match: 'none' };
  }
  if (best.score >= profile.partnerMatchStrong) return { ...best, match: 'strong' };
  if (best.score >= profile.partnerMatchWeak) return { ...best, match: 'weak' };
  return { partner: null, score: best.score, match: 'none' };
}
