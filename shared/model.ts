// The data model. Every type the pipeline, the workbook and the add-on exchange is a zod
// schema here, with the TypeScript type inferred from it. Amounts are canonical decimal
// strings ("84878.00"): exact, JSON-safe, and turned into Money only where arithmetic happens.
import { z } from 'zod';
import { Figure, RULE_DATA, RULE_IDS, type RuleData } from './findings/data.js';

export { Figure } from './findings/data.js';

export const AmountString = z.string().regex(/^-?\d+\.\d{2}$/, 'amount as a plain decimal with two places');
export type AmountString = z.infer<typeof AmountString>;

export const BUDGET_CODES = ['A', 'A_coord', 'B', 'C', 'D', 'E', 'TOTAL', 'CONTRIBUTION', 'COFINANCING'] as const;
const COFIN_TOTAL_CODES = ['COFIN_MONETARY_TOTAL', 'COFIN_IN_KIND_TOTAL'] as const;
export const LINE_CODES = [...BUDGET_CODES, ...COFIN_TOTAL_CODES] as const;
export const LineCode = z.enum(LINE_CODES);
export type LineCode = z.infer<typeof LineCode>;
export const COST_CODES = ['A', 'B', 'C', 'D', 'E'] as const satisfies readonly LineCode[];

/** A cell of the grid a budget was read from (0-based row and column). */
export const CellRef = z.object({ row: z.number().int().nonnegative(), col: z.number().int().nonnegative() });
export type CellRef = z.infer<typeof CellRef>;

/** Where a fact came from: a grid cell, or a line of a source file for facts outside the grid. */
export const Position = z.union([CellRef, z.object({ line: z.number().int().positive() })]);
export type Position = z.infer<typeof Position>;

export const AmountStatus = z.enum(['stated', 'not-stated', 'unreadable']);
export type AmountStatus = z.infer<typeof AmountStatus>;

export const BudgetLine = z.object({
  code: LineCode,
  label: z.string(),
  raw: z.string(),
  status: AmountStatus,
  amount: AmountString.nullable(),
  funded: AmountString.nullable(),
  cofinanced: AmountString.nullable(),
  details: z.array(z.object({ amount: AmountString, note: z.string() })),
  labelCell: CellRef,
  cell: CellRef,
});
export type BudgetLine = z.infer<typeof BudgetLine>;

export const Cofinancer = z.object({
  entity: z.string(),
  monetary: AmountString.nullable(),
  inKind: AmountString.nullable(),
  rawMonetary: z.string(),
  rawInKind: z.string(),
  monetaryStatus: AmountStatus,
  inKindStatus: AmountStatus,
  entityCell: CellRef,
  monetaryCell: CellRef,
  inKindCell: CellRef,
});
export type Cofinancer = z.infer<typeof Cofinancer>;

export const ReadProblem = z.object({
  kind: z.enum(['amount-unreadable', 'row-unrecognised', 'line-duplicated']),
  cell: CellRef,
  text: z.string(),
  reason: z.string(),
});
export type ReadProblem = z.infer<typeof ReadProblem>;

export const Budget = z.object({
  lines: z.array(BudgetLine),
  cofinancers: z.array(Cofinancer),
  /** Optional facts a budget tab may state about the project (the annex states them elsewhere). */
  assigned: z.object({ amount: AmountString.nullable(), raw: z.string(), cell: CellRef }).nullable(),
  problems: z.array(ReadProblem),
  /** Rows the budget occupies in its grid: [first, last], for adapters that must find it again. */
  span: z.tuple([z.number().int(), z.number().int()]).nullable(),
});
export type Budget = z.infer<typeof Budget>;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const RuleId = z.enum(RULE_IDS);
export type RuleId = z.infer<typeof RuleId>;

/** The parts every finding has, whatever its rule. */
const findingBase = {
  severity: Severity,
  /** Rendered from the rule and its data by shared/findings/render.ts, and nowhere else. */
  message: z.object({ it: z.string(), en: z.string() }),
  /** What the rule requires. */
  expected: Figure.nullable(),
  /** What the annex or the sheet says. */
  actual: Figure.nullable(),
  at: z.array(Position),
};

function variant<R extends RuleId>(rule: R) {
  return z.object({ rule: z.literal(rule), data: RULE_DATA[rule], ...findingBase });
}

/** One value of this union per finding: the rule's id tells which facts it carries. */
export const Finding = z.discriminatedUnion(
  'rule',
  RULE_IDS.map(variant) as unknown as [ReturnType<typeof variant<RuleId>>, ...ReturnType<typeof variant<RuleId>>[]],
) as unknown as z.ZodType<Finding>;
export type Finding = { [R in RuleId]: FindingOf<R> }[RuleId];
export type FindingOf<R extends RuleId> = {
  rule: R;
  data: RuleData<R>;
  severity: Severity;
  message: { it: string; en: string };
  expected: Figure | null;
  actual: Figure | null;
  at: Position[];
};

export const Partner = z.object({
  seq: z.number().int().positive(),
  name: z.string(),
  type: z.string(),
  role: z.string(),
  referent: z.string(),
  email: z.string(),
  phone: z.string(),
  line: z.number().int().positive(),
});
export type Partner = z.infer<typeof Partner>;

export function lineOf(budget: Budget, code: LineCode): BudgetLine | undefined {
  return budget.lines.find((l) => l.code === code);
}
