// The attacks of the security review (issue 11), generated rather than stored: each returns the
// hostile input at a chosen size, so that the hardening tests and the before/after measurements
// feed the same strings.
import { SEED_TEXT } from './mutate.js';

/** Replaces one occurrence of `find` in the seed (it must be there). */
function seedWith(find: string | RegExp, replace: string, text = SEED_TEXT): string {
  const out = text.replace(find, replace);
  if (out === text) throw new Error(`attack: "${String(find)}" not found in the seed`);
  return out;
}

// ---- 2. Regular expressions -------------------------------------------------------------------

/** Page-number line: runs of spaces around digits that never make a page number. */
export const pageLineAttack = (n: number) => `${' '.repeat(n)}0 ${' '.repeat(n)} 0`;

/** Pipe separator: runs of spaces between dashes that never close a separator. */
export const pipeSeparatorAttack = (n: number) => `| ${' '.repeat(n)}--${' '.repeat(n)}:--x`;

/** A line of nothing but spaces (the review's 8,000-space line). */
export const spacesLine = (n: number) => ' '.repeat(n);

/** E-mail: a referent that is a long run of local-part characters and no "@". */
export const emailAttack = (n: number) => '-'.repeat(n);

/** Heading: "#", spaces, then a line separator (U+2028) that "." cannot cross. */
export const headingAttack = (n: number) => `#${' '.repeat(n)}x\u2028y`;

/** Tags: opening brackets that never close. */
export const tagAttacks = (n: number) => [
  '<a'.repeat(n / 2),
  `A${'<A\u0001a'.repeat(n / 5)}</A>`,
  `${'ailto:['.repeat(n / 7)}ailto:][]()`,
  '[a]('.repeat(n / 4),
];

/** Trailing runs that the cleaners strip, broken by one other character near the end. */
export const trailingRunAttacks = (n: number) => [
  `x${'\t'.repeat(n)}\u0001\t`,
  `x${' -'.repeat(n / 2)}\u0001 `,
  `x${',;'.repeat(n / 2)}\u0001,`,
  `x${"'".repeat(n)}\u0001'`,
  `x${'.'.repeat(n)}\u0001.`,
];

/** Header lines: long blank runs where a field's value should be (after cleaning: one space each). */
export const headerAttacks = (n: number) => [
  `PUNTI${' \u2028'.repeat(n / 2)}`,
  `ASSEGNATO${'\u2028 '.repeat(n / 2)}x\u2028`,
  `TITOLO:${' x'.repeat(n / 2)}\u2028`,
  `Sub-Allegato 2.1:${' -'.repeat(n / 2)}\u2028`,
  `progetto ${'\u2028 '.repeat(n / 2)}:`,
];

/** A company name made of domain-looking runs that end in no domain. */
export const domainAttack = (n: number) => `${'u-'.repeat(n / 2)}u\u0001e.it`;

// ---- 4. Blow-ups ---------------------------------------------------------------------------

/** `count` projects of one header each: "Sub-Allegato 2.n" and a title, nothing else. */
export function tinyHeaders(count: number): string {
  const parts: string[] = [];
  for (let i = 1; i <= count; i++) parts.push(`Sub-Allegato 2.${i}\nPROGETTO: p${i}\n`);
  return parts.join('\n');
}

/** One project whose budget is an HTML table with one row per line, `rows` rows long. */
export function htmlTableOneRowPerLine(rows: number): string {
  const body: string[] = [];
  for (let i = 0; i < rows; i++) body.push(`<tr><td>Voce ${i}</td><td>€ ${(i % 900) + 100},00</td></tr>`);
  return [
    'Sub-Allegato 2.1', 'PROGETTO: Tabella lunga', 'Ente capofila: Comune di Prova', '',
    '## PIANO DEI CONTI DEL PROGETTO', '', '<table>', '<tr><td>Voce di costo</td><td>Importo</td></tr>', ...body, '</table>', '',
  ].join('\n');
}

// ---- 5. Values that cannot be right ------------------------------------------------------------

/** Line B at -5,000.00 and line C raised by as much: the budget still adds up. */
export const negativeCostLine = () =>
  seedWith('C. Costo di acquisto di servizi\t€ 31.500,00', 'C. Costo di acquisto di servizi\t€ 36.500,00',
    seedWith('B. Costo di acquisto, noleggio, leasing di beni o software\t€ 0,00', 'B. Costo di acquisto, noleggio, leasing di beni o software\t€ -5.000,00'));

/** One cofinancer down from 7,245.00 to -1,000.00 and another up by as much: the cofinancing table still adds up. */
export const negativeCofinancing = () =>
  seedWith('NOVELLINI\t8.820,00 €', 'NOVELLINI\t17.065,00 €', seedWith('LUBIAM\t7.245,00 €', 'LUBIAM\t-1.000,00 €'));

/** Line D stated as "9" written 400 times (beyond any double: Infinity in a spreadsheet). */
export const hugeAmount = () =>
  seedWith('D. Costi relativi ad erogazione voucher/rimborsi\t€ 40.000,00', `D. Costi relativi ad erogazione voucher/rimborsi\t€ ${'9'.repeat(400)}`);

// ---- 7. Outputs -------------------------------------------------------------------------------

/** Formula starters a spreadsheet still runs after Unicode normalisation or behind invisible marks. */
export const DISGUISED_FORMULAS = [
  '＝1+1', '＋SUM(A1:A9)', '－2+3', '＠SUM(A1)',
  '\u200b=1+1', '\u200e+1+1', '\u202e-2+3', '\ufeff@SUM(A1)', '\u2066=HYPERLINK("http://evil.invalid")',
  '\u00a0=1+1', ' =1+1',
];

/** `count` projects listed in a table of contents, each a header and a paragraph: no other structure. */
export function tocAndProjects(count: number, withIds = true): string {
  const toc = ['\tTitolo progetto\tEnte capofila\tPag.'];
  const body: string[] = [];
  const filler = 'Il progetto promuove la conciliazione dei tempi di vita e di lavoro sul territorio. '.repeat(4);
  for (let i = 1; i <= count; i++) {
    toc.push(`2.${i}\tProgetto numero ${i}\tComune ${i}\t${i + 1}`);
    if (withIds) body.push(`Sub-Allegato 2.${i}`);
    body.push(`PROGETTO: Progetto numero ${i}`, `Ente capofila: Comune ${i}`, '', filler, '');
  }
  return [...toc, '', ...body].join('\n');
}
