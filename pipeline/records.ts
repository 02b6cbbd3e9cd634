// The records an annex becomes: what annex.json holds (schema-validated) and what the CSV
// files and the workbook are written from. Every record carries its source line.
import { z } from 'zod';
import { AmountString, Budget, Finding, LineCode, Partner } from '../shared/model.js';
import { REPLAN_STRATEGIES } from '../shared/replan/propose.js';

export const Header = z.object({
  id: z.string(),
  title: z.string(),
  leadEntity: z.string(),
  alliance: z.string(),
  referent: z.string(),
  referentEmail: z.string(),
  referentPhone: z.string(),
  score: z.number().nullable(),
  assigned: AmountString.nullable(),
  /** The ATS's short name for the project ("Progetto Borgo Virgilio"), empty when not given. */
  shortName: z.string().optional(),
  /** Source line of each header field that was found. */
  lines: z.record(z.string(), z.number().int().positive()),
  line: z.number().int().positive(),
});
export type Header = z.infer<typeof Header>;

export const INTERVENTION_CODES = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export const Intervention = z.object({
  code: z.enum(INTERVENTION_CODES),
  label: z.string(),
  selected: z.boolean(),
  line: z.number().int().positive(),
});
export type Intervention = z.infer<typeof Intervention>;

const Section = z.object({
  heading: z.string(),
  text: z.string(),
  line: z.number().int().positive(),
  /** Every source line the section holds (its heading and its text). */
  lines: z.array(z.number().int().positive()).optional(),
});
type Section = z.infer<typeof Section>;

const CofinancerLinkRecord = z.object({
  partnerSeq: z.number().int().positive().nullable(),
  partnerName: z.string().nullable(),
  score: z.number(),
  match: z.enum(['exact', 'strong', 'weak', 'none']),
});
type CofinancerLinkRecord = z.infer<typeof CofinancerLinkRecord>;

/** Any other table inside the budget part (2.6's per-action table): kept whole, cell by cell. */
export const ExtraTable = z.object({
  header: z.array(z.string()),
  rows: z.array(z.object({ cells: z.array(z.string()), line: z.number().int().positive() })),
  line: z.number().int().positive(),
});
export type ExtraTable = z.infer<typeof ExtraTable>;

const Bilingual = z.object({ it: z.string(), en: z.string() });

/** One budget line of a re-planning proposal: the declared figure and the one proposed beside it. */
export const ReplanLine = z.object({
  code: LineCode,
  label: z.string(),
  declared: AmountString.nullable(),
  proposed: AmountString.nullable(),
  /** proposed - declared; null when either is not stated. */
  delta: AmountString.nullable(),
  reason: Bilingual,
  /** Source line of the declared figure. */
  line: z.number().int().positive().nullable(),
});
export type ReplanLine = z.infer<typeof ReplanLine>;

/**
 * The re-planning to the grant awarded ("rimodulazione"), computed from the declared budget and
 * the header's "Assegnato". status is the frame's: no-award (nothing assigned), incomplete (the
 * budget lacks what a frame needs), not-needed (awarded >= requested), needed. ok is false when
 * no proposal meets the rules (then reasons say why, and lines hold the rejected draft if any).
 * The declared budget is never changed: the proposal sits beside it.
 */
export const ReplanRecord = z.object({
  status: z.enum(['no-award', 'incomplete', 'not-needed', 'needed']),
  ok: z.boolean(),
  strategy: z.enum(REPLAN_STRATEGIES).nullable(),
  requested: AmountString.nullable(),
  awarded: AmountString.nullable(),
  /** Declared TOTALE. */
  total: AmountString.nullable(),
  /** awarded + cofinancing: the TOTALE of the proposal. */
  newTotal: AmountString.nullable(),
  cofinancing: AmountString.nullable(),
  /** The cofinancing minimum of the new total, in cents (rounded up) and exact. */
  cofinancingFloor: AmountString.nullable(),
  cofinancingFloorExact: z.string().nullable(),
  /** The coordination maximum of the new total, in cents (rounded down) and exact. */
  coordinationCeiling: AmountString.nullable(),
  coordinationCeilingExact: z.string().nullable(),
  lines: z.array(ReplanLine),
  reasons: z.array(Bilingual),
  notes: z.array(Bilingual),
});
export type ReplanRecord = z.infer<typeof ReplanRecord>;

export const ProjectRecord = z.object({
  annexFile: z.string(),
  id: z.string(),
  header: Header,
  partners: z.array(Partner),
  /** The partner table's header row (and its repeats after page breaks), as the annex states it. */
  partnerTable: z
    .object({ header: z.array(z.string()), line: z.number().int().positive(), headerLines: z.array(z.number().int().positive()) })
    .nullable()
    .optional(),
  interventions: z.array(Intervention),
  budget: Budget,
  /** Source line of each row of the grid the budget was read from (budget cells are grid cells). */
  budgetRowLines: z.array(z.number().int().positive()),
  cofinancerLinks: z.array(CofinancerLinkRecord),
  extraTables: z.array(ExtraTable),
  sections: z.array(Section),
  /** Findings with every grid position already turned into { line }. */
  findings: z.array(Finding),
  pages: z.tuple([z.number().int(), z.number().int()]).nullable(),
  /** The re-planning to the grant awarded; optional so that older annex.json files still validate. */
  replan: ReplanRecord.optional(),
});
export type ProjectRecord = z.infer<typeof ProjectRecord>;

export const TocEntry = z.object({
  id: z.string(),
  title: z.string(),
  leadEntity: z.string(),
  page: z.number().int().nullable(),
  line: z.number().int().positive(),
});
export type TocEntry = z.infer<typeof TocEntry>;

export const AnnexRecord = z.object({
  annexFile: z.string(),
  projects: z.array(ProjectRecord),
  /** The table of contents as the annex states it. */
  toc: z.array(TocEntry).optional(),
  /** Text before the first project (titles, notes), as sections without a project. */
  preamble: z.array(Section).optional(),
  /** Page numbers printed in the annex: the line each stands on. */
  pageNumbers: z.array(z.object({ line: z.number().int().positive(), page: z.number().int() })).optional(),
  /** The source's format: a text conversion, a PDF or a Word file. */
  format: z.enum(['text', 'pdf', 'docx']).optional(),
  /** How each table of a PDF or Word file was found (ruling lines, alignment, markup) and how sure the reader is. */
  tables: z
    .array(
      z.object({
        table: z.number().int(),
        pages: z.tuple([z.number().int(), z.number().int()]),
        rows: z.number().int(),
        columns: z.number().int(),
        method: z.enum(['lattice', 'stream', 'markup']),
        accuracy: z.number().min(0).max(1),
        line: z.number().int(),
      }),
    )
    .optional(),
  /** First line of each page of a PDF or paginated Word file: every line's page is exact. */
  pageStarts: z.array(z.object({ line: z.number().int().positive(), page: z.number().int().positive() })).optional(),
  /** Lines recognised as page furniture, and the strings that were. */
  furniture: z.object({ strings: z.array(z.string()), lines: z.number().int() }).optional(),
  encoding: z.string().optional(),
  /** Findings about the file as a whole (table of contents, lines outside any project). */
  findings: z.array(Finding),
  coverage: z.object({ contentLines: z.number().int(), placedLines: z.number().int(), furnitureLines: z.number().int() }),
});
export type AnnexRecord = z.infer<typeof AnnexRecord>;

export const AnnexJson = z.object({
  generator: z.literal('conciliazione'),
  profile: z.string(),
  annexes: z.array(AnnexRecord),
});
export type AnnexJson = z.infer<typeof AnnexJson>;
