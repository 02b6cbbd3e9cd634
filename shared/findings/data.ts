// The catalogue of findings as data, in the manner of Frictionless' error types: every finding
// is one rule id, a default severity, and the facts it rests on (exact decimals, the words it
// quotes from the annex or the sheet). Its text in either language is rendered from these facts
// in one place (render.ts); nothing here is worded. This module imports zod only, so that
// model.ts can build the Finding schema on it without an import cycle.
import { z } from 'zod';

/** An exact decimal as text: "17142.855", "-500.00", "30". Never a float. */
const Decimal = z.string().regex(/^-?\d+(?:\.\d+)?$/, 'an exact decimal');

function withCents(value: string): string {
  const [int, dec = ''] = value.split('.');
  return `${int}.${dec.padEnd(2, '0')}`;
}

export const Op = z.enum(['=', '<=', '>=']);
export type Op = z.infer<typeof Op>;

/**
 * Things a finding names in the run's language rather than quoting: the budget lines it needs,
 * the kind of value a cell should hold, a header field, a partner table column.
 */
const TERMS = [
  'stated:TOTAL', 'stated:CONTRIBUTION', 'stated:COFINANCING', 'budget',
  'amount-or-placeholder', 'known-line', 'line-once', 'a-partner', 'ticked-type',
  'field:id', 'field:title', 'field:leadEntity', 'field:alliance', 'field:referent', 'field:referentEmail',
  'field:referentPhone', 'field:score', 'field:assigned', 'column:type', 'column:referent',
  'in-toc', 'in-document', 'in-ranking', 'in-annex', 'unique-number', 'text-on-every-page',
] as const;
export const Term = z.enum(TERMS);
export type Term = z.infer<typeof Term>;

/**
 * A value a finding states: `expected` is always what the rule requires, `actual` always what
 * the annex or the sheet says. Amounts keep the precision the rule compares at (a 30% floor of
 * 57.142,85 is 17.142,855: the rule compares exactly, so the finding says so).
 */
export const Figure = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('amount'), op: Op, value: Decimal }),
  z.object({ kind: z.literal('number'), op: Op, value: Decimal }),
  z.object({ kind: z.literal('text'), value: z.string() }),
  z.object({ kind: z.literal('term'), terms: z.array(Term).min(1) }),
]);
export type Figure = z.infer<typeof Figure>;

/** An amount with at least its two places ("30000" -> "30000.00"), more when the rule compares more. */
export const amountIs = (value: string, op: Op = '='): Figure => ({ kind: 'amount', op, value: withCents(value) });
export const numberIs = (value: string | number, op: Op = '='): Figure => ({ kind: 'number', op, value: String(value) });
export const textIs = (value: string): Figure => ({ kind: 'text', value });
export const termIs = (...terms: Term[]): Figure => ({ kind: 'term', terms });

const Funding = z.enum(['TOTAL', 'CONTRIBUTION', 'COFINANCING']);
const CofinColumn = z.enum(['monetary', 'inKind']);
export const HeaderField = z.enum(['title', 'leadEntity', 'alliance', 'referent', 'referentEmail', 'referentPhone', 'score', 'assigned']);
export type HeaderField = z.infer<typeof HeaderField>;
const Project = z.string();

/**
 * Why an amount could not be read. The readers say it in English; reasonOf (render.ts) turns
 * their words into one of these, so that no message carries a reader's own wording.
 */
export const UNREADABLE_REASONS = [
  'not-a-number', 'not-an-amount', 'free-text', 'unknown-annotation', 'several-amounts', 'same-share-twice',
  'share-unclear', 'implausible', 'other',
] as const;
export const UnreadableReason = z.enum(UNREADABLE_REASONS);
export type UnreadableReason = z.infer<typeof UnreadableReason>;

/** Each rule's facts. A rule with several cases tells them apart by `kind`. */
export const RULE_DATA = {
  'budget-incomplete': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('no-budget') }),
    z.object({ kind: z.enum(['not-stated', 'no-row']), line: Funding }),
  ]),
  'lines-sum': z.object({ declared: Decimal, computed: Decimal }),
  'funding-split': z.object({ total: Decimal, contribution: Decimal, cofinancing: Decimal, computed: Decimal }),
  'cofinancing-min': z.object({ total: Decimal, cofinancing: Decimal, pct: Decimal, floor: Decimal, rounding: z.boolean() }),
  'coordination-max': z.object({ total: Decimal, coordination: Decimal, pct: Decimal, ceiling: Decimal }),
  'coordination-within-personnel': z.object({ personnel: Decimal, coordination: Decimal }),
  'contribution-max': z.object({ contribution: Decimal, cap: Decimal }),
  'cofinancing-table-sum': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('column'), column: CofinColumn, declared: Decimal, computed: Decimal }),
    z.object({ kind: z.literal('parts'), monetary: Decimal, inKind: Decimal, cofinancing: Decimal }),
  ]),
  'line-split-sum': z.object({ label: z.string(), amount: Decimal, funded: Decimal, cofinanced: Decimal }),
  'cofinancer-is-partner': z.object({ entity: z.string(), partner: z.string().nullable(), score: Decimal }),
  'assigned-within-requested': z.object({ assigned: Decimal, requested: Decimal }),
  'amount-negative': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('line'), label: z.string(), amount: Decimal }),
    z.object({ kind: z.literal('cofinancer'), entity: z.string(), column: CofinColumn, amount: Decimal }),
  ]),
  'amount-unreadable': z.object({ text: z.string(), reason: UnreadableReason }),
  'row-unreadable': z.object({ kind: z.enum(['unrecognised', 'duplicated']), text: z.string() }),
  'coordination-max-after-award': z.object({
    awarded: Decimal, newTotal: Decimal, coordination: Decimal, pct: Decimal, ceiling: Decimal,
  }),
  'cofinancing-min-after-award': z.object({ newTotal: Decimal, cofinancing: Decimal, pct: Decimal, floor: Decimal }),
  'replan-needed': z.object({ awarded: Decimal, requested: Decimal, total: Decimal, newTotal: Decimal }),
  'toc-mismatch': z.discriminatedUnion('kind', [
    z.object({ kind: z.enum(['title', 'leadEntity']), project: Project, listed: z.string(), stated: z.string() }),
    z.object({ kind: z.literal('page'), project: Project, listed: z.number().int(), stated: z.string() }),
    z.object({ kind: z.literal('not-in-document'), project: Project, title: z.string() }),
    z.object({ kind: z.literal('not-in-toc'), project: Project }),
  ]),
  'header-field-missing': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('id'), used: Project }),
    z.object({ kind: z.literal('field'), project: Project, field: HeaderField }),
  ]),
  'table-row-unreadable': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('partner-row'), reason: z.enum(['no-name', 'one-cell', 'run-together']), text: z.string() }),
    z.object({ kind: z.literal('budget-row-unused'), text: z.string() }),
  ]),
  'partners-missing': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('table'), project: Project }),
    z.object({ kind: z.literal('columns'), project: Project, missing: z.array(z.enum(['type', 'referent'])).min(1) }),
  ]),
  'interventions-missing': z.discriminatedUnion('kind', [
    z.object({ kind: z.enum(['list', 'no-tick']), project: Project }),
    z.object({ kind: z.literal('partial'), project: Project, missing: z.array(z.string()), listed: z.array(z.string()) }),
  ]),
  'project-id-duplicate': z.object({ project: Project }),
  'encoding-guessed': z.object({ encoding: z.string() }),
  'pages-without-text': z.object({ pages: z.array(z.number().int().positive()).min(1), of: z.number().int().positive() }),
  'shares-sum': z.object({ share: z.enum(['funded', 'cofinanced']), label: z.string(), declared: Decimal, computed: Decimal }),
  'ranking-mismatch': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('unknown-entry'), id: Project.nullable(), name: z.string() }),
    z.object({ kind: z.literal('score'), project: Project, ranking: Decimal, header: Decimal }),
    z.object({ kind: z.literal('assigned'), project: Project, ranking: Decimal, header: Decimal }),
    z.object({ kind: z.literal('not-ranked'), project: Project }),
  ]),
  'cell-too-long': z.object({ where: z.string(), note: z.boolean(), length: z.number().int(), max: z.number().int(), marker: z.string() }),
  /** Past the cap of findings per rule, the rest are counted in one of these. */
  'findings-capped': z.object({ rule: z.string(), count: z.number().int().positive() }),
} as const;

export type RuleId = keyof typeof RULE_DATA;
export const RULE_IDS = Object.keys(RULE_DATA) as [RuleId, ...RuleId[]];
export type RuleData<R extends RuleId> = z.infer<(typeof RULE_DATA)[R]>;
