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
  'per', 'a', 'al', 'alla', 'allo', 'in', 'da', 'partner', 'attuativo', 'istituzionale', 'rete', 'ente', 'rsa',
]);
// Kinds of entity: they count, but far less than a proper name.
const GENERIC = new Set([
  'comune', 'azienda', 'aziende', 'speciale', 'consortile', 'consorzio', 'cooperativa', 'cooperative', 'sociale',
  'sociali', 'associazione', 'fondazione', 'camera', 'commercio', 'industria', 'artigianato', 'agricoltura',
  'servizi', 'provincia', 'ospedale', 'territoriale', 'volontariato', 'comprensorio', 'confederazione', 'nazionale',
  'persona', 'asst', 'ats',
]);
const ABBREVIATIONS: Record<string, string> = {
  coop: 'cooperativa', cooperativo: 'cooperativa', assoc: 'associazione', ass: 'associazione', az: 'azienda',
  fond: 'fondazione', fondaz: 'fondazione', cons: 'consorzio', com: 'comune', s: 'san', st: 'santo', cciaa: 'camera',
};

interface NameForm {
  tokens: string[];
}

/** A name's comparable forms: the name itself and any former name given as "(ex ...)". */
export function nameForms(name: string): NameForm[] {
  const folded = foldText(name)
    .replace(/(?<![a-z0-9-])(www\.)?([a-z0-9-]+)\.(com|it|net|org|eu)\b/g, '$2')
    .replace(/\b([a-z])\.(?=[a-z]\b)/g, '$1') // R.S.A. / Re.Le.Vi. -> rsa / relevi
    .replace(/\.(?=[a-z])/g, '')
    .replace(/['.]/g, ' ');
  const parts = folded.split(/\bex\b/);
  return parts
    .map((p) => ({ tokens: tokensOf(p) }))
    .filter((f) => f.tokens.length > 0);
}

function tokensOf(text: string): string[] {
  return text
    .split(/[^a-z0-9]+/)
    .map((t) => ABBREVIATIONS[t] ?? t)
    .filter((t) => t !== '' && !DROP.has(t));
}

const weight = (t: string) => (GENERIC.has(t) ? 0.3 : 1);

function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  // An initial stands for a name: "P Sissa" / "Pietro Sissa".
  if ((a.length === 1 || b.length === 1) && a[0] === b[0]) return 0.9;
  const longest = Math.max(a.length, b.length);
  if (longest < 4) return 0;
  const sim = 1 - distance(a, b) / longest;
  return sim >= 0.75 ? sim : 0;
}

/** Weighted share of the shorter name found in the longer one, blended with overall overlap. */
function formSimilarity(x: NameForm, y: NameForm): number {
  const [short, long] = x.tokens.length <= y.tokens.length ? [x.tokens, y.tokens] : [y.tokens, x.tokens];
  let matched = 0;
  let shortWeight = 0;
  for (const t of short) {
    shortWeight += weight(t);
    let best = 0;
    for (const u of long) best = Math.max(best, tokenSimilarity(t, u));
    matched += best * weight(t);
  }
  const longWeight = long.reduce((s, t) => s + weight(t), 0);
  if (shortWeight === 0) return 0;
  const containment = matched / shortWeight;
  const dice = (2 * matched) / (shortWeight + longWeight);
  // A name made only of generic words ("Comune") must not match every Comune.
  const distinctive = short.some((t) => !GENERIC.has(t)) ? 1 : 0.6;
  return (0.75 * containment + 0.25 * dice) * distinctive;
}

export function similarity(a: string, b: string): number {
  return formsSimilarity(nameForms(a), nameForms(b));
}

function formsSimilarity(a: readonly NameForm[], b: readonly NameForm[]): number {
  let best = 0;
  for (const x of a) for (const y of b) best = Math.max(best, formSimilarity(x, y));
  return Math.round(best * 1000) / 1000;
}

export function linkPartner(
  entity: string,
  partners: readonly Partner[],
  profile: Pick<Profile, 'partnerMatchStrong' | 'partnerMatchWeak'>,
): PartnerLink {
  let best: PartnerLink = { partner: null, score: 0, match: 'none' };
  const target = foldText(entity);
  // The entity's forms serve every partner it is compared with.
  const forms = nameForms(entity);
  for (const p of partners) {
    if (foldText(p.name) === target) return { partner: p, score: 1, match: 'exact' };
    const score = formsSimilarity(forms, nameForms(p.name));
    if (score > best.score) best = { partner: p, score, match: 'none' };
  }
  if (best.score >= profile.partnerMatchStrong) return { ...best, match: 'strong' };
  if (best.score >= profile.partnerMatchWeak) return { ...best, match: 'weak' };
  return { partner: null, score: best.score, match: 'none' };
}
