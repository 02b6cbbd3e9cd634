// The CSV tables of DESIGN §4, built from annex.json's records. Columns come in the contract's
// order; extra columns only at the end. Each column says what it holds, so that the writer
// formats amounts as numbers and neutralises only text.
import { firstAtOrAfter } from '../annex/bisect.js';
import { lineOf, type Finding, type LineCode } from '../../shared/model.js';
import { renderFinding } from '../../shared/findings/render.js';
import type { AnnexJson, AnnexRecord, ProjectRecord } from '../records.js';

/** lines: source line numbers separated by spaces ('657 662 410'), written as text. */
export type ColumnKind = 'text' | 'amount' | 'integer' | 'number' | 'boolean' | 'lines';
export type Cell = string | number | boolean | null;

export interface Column {
  name: string;
  kind: ColumnKind;
}

export interface OutputTable {
  file: string;
  columns: Column[];
  rows: Cell[][];
}

const col = (name: string, kind: ColumnKind = 'text'): Column => ({ name, kind });

/**
 * The page a line is on: exact where the source has pages (PDF, Word), else when the printed
 * page numbers around it leave no doubt (a number ends its page).
 */
export function pageOfLine(annex: Pick<AnnexRecord, 'pageNumbers' | 'pageStarts'>, line: number): number | null {
  const starts = annex.pageStarts ?? [];
  if (starts.length > 0) return starts[firstAtOrAfter(starts, line + 1) - 1]?.page ?? null;
  const numbers = annex.pageNumbers ?? [];
  const i = firstAtOrAfter(numbers, line);
  const next = numbers[i];
  if (!next) return null;
  if (next.line === line) return next.page;
  const before = numbers[i - 1];
  return before && next.page === before.page + 1 ? next.page : null;
}

function declared(p: ProjectRecord, code: LineCode): string | null {
  return lineOf(p.budget, code)?.amount ?? null;
}

/**
 * What projects.csv says of the re-planning: no-award, not-needed, incomplete (the budget lacks
 * TOTALE, CONTRIBUTO or COFINANZIAMENTO), proposed, or not-possible (no proposal meets the rules).
 */
function replanStatus(p: ProjectRecord): string | null {
  const r = p.replan;
  if (!r) return null;
  if (r.status === 'needed') return r.ok ? 'proposed' : 'not-possible';
  return r.status;
}

/** Where a row comes from: its annex, its project ('' for the annex's own rows), its page. */
interface Source {
  file: string;
  id: string;
  page: (line: number | null) => number | null;
}

/** A column and how a row's cell in it is taken from what the row is about. */
interface Field<T> {
  name: string;
  kind: ColumnKind;
  value: (row: T, from: Source) => Cell;
}

const field = <T>(name: string, kind: ColumnKind, value: (row: T, from: Source) => Cell): Field<T> => ({ name, kind, value });
const annexFile: Field<unknown> = field('annex_file', 'text', (_, from) => from.file);
const projectId: Field<unknown> = field('project_id', 'text', (_, from) => from.id);
const pageOf = <T extends { line: number | null }>(name = 'page'): Field<T> => field(name, 'integer', (row, from) => from.page(row.line));

type Project = ProjectRecord & { counts: Record<Finding['severity'], number> };
const PROJECT_FIELDS: Field<Project>[] = [
  annexFile,
  projectId,
  field('title', 'text', (p) => p.header.title),
  field('lead_entity', 'text', (p) => p.header.leadEntity),
  field('alliance', 'text', (p) => p.header.alliance),
  field('referent', 'text', (p) => p.header.referent),
  field('referent_email', 'text', (p) => p.header.referentEmail),
  field('referent_phone', 'text', (p) => p.header.referentPhone),
  field('score', 'number', (p) => p.header.score),
  field('assigned_eur', 'amount', (p) => p.header.assigned),
  field('total_eur', 'amount', (p) => declared(p, 'TOTAL')),
  field('contribution_eur', 'amount', (p) => declared(p, 'CONTRIBUTION')),
  field('cofinancing_eur', 'amount', (p) => declared(p, 'COFINANCING')),
  field('line', 'integer', (p) => p.header.line),
  field('short_name', 'text', (p) => p.header.shortName ?? ''),
  field('page_first', 'integer', (p) => p.pages?.[0] ?? null),
  field('page_last', 'integer', (p) => p.pages?.[1] ?? null),
  field('partners', 'integer', (p) => p.partners.length),
  field('cofinancers', 'integer', (p) => p.budget.cofinancers.length),
  field('errors', 'integer', (p) => p.counts.error),
  field('warnings', 'integer', (p) => p.counts.warning),
  field('infos', 'integer', (p) => p.counts.info),
  field('replan_total_eur', 'amount', (p) => p.replan?.newTotal ?? null),
  field('replan_status', 'text', replanStatus),
];

const PARTNER_FIELDS: Field<ProjectRecord['partners'][number]>[] = [
  annexFile,
  projectId,
  field('seq', 'integer', (x) => x.seq),
  field('name', 'text', (x) => x.name),
  field('type', 'text', (x) => x.type),
  field('role', 'text', (x) => x.role),
  field('referent', 'text', (x) => x.referent),
  field('email', 'text', (x) => x.email),
  field('phone', 'text', (x) => x.phone),
  field('line', 'integer', (x) => x.line),
  pageOf(),
];

const INTERVENTION_FIELDS: Field<ProjectRecord['interventions'][number]>[] = [
  annexFile,
  projectId,
  field('code', 'text', (i) => i.code),
  field('label', 'text', (i) => i.label),
  field('selected', 'boolean', (i) => i.selected),
  field('line', 'integer', (i) => i.line),
  pageOf(),
];

type BudgetRow = ProjectRecord['budget']['lines'][number] & { line: number | null };
const BUDGET_FIELDS: Field<BudgetRow>[] = [
  annexFile,
  projectId,
  field('code', 'text', (l) => l.code),
  field('label', 'text', (l) => l.label),
  field('amount_eur', 'amount', (l) => l.amount),
  field('funded_eur', 'amount', (l) => l.funded),
  field('cofinanced_eur', 'amount', (l) => l.cofinanced),
  field('raw', 'text', (l) => l.raw),
  field('line', 'integer', (l) => l.line),
  field('status', 'text', (l) => l.status),
  field('details', 'text', (l) => l.details.map((d) => `${d.amount} ${d.note}`.trim()).join('; ')),
  pageOf(),
];

type CofinancingRow = ProjectRecord['budget']['cofinancers'][number] & {
  link: ProjectRecord['cofinancerLinks'][number] | undefined;
  line: number | null;
};
const COFINANCING_FIELDS: Field<CofinancingRow>[] = [
  annexFile,
  projectId,
  field('entity', 'text', (c) => c.entity),
  field('monetary_eur', 'amount', (c) => c.monetary),
  field('in_kind_eur', 'amount', (c) => c.inKind),
  field('partner_seq', 'integer', (c) => c.link?.partnerSeq ?? null),
  field('match', 'text', (c) => c.link?.match ?? 'none'),
  field('line', 'integer', (c) => c.line),
  field('match_score', 'number', (c) => (c.link ? Math.round(c.link.score * 1000) / 1000 : null)),
  field('partner_name', 'text', (c) => c.link?.partnerName ?? null),
  field('raw_monetary', 'text', (c) => c.rawMonetary),
  field('raw_in_kind', 'text', (c) => c.rawInKind),
  pageOf(),
];

/** A finding worded in the run's language, with the source lines it rests on. */
type FindingRow = ReturnType<typeof renderFinding> & { finding: Finding; lines: number[]; line: number | null };
const FINDING_FIELDS: Field<FindingRow>[] = [
  annexFile,
  projectId,
  field('rule', 'text', (f) => f.finding.rule),
  field('severity', 'text', (f) => f.finding.severity),
  field('message', 'text', (f) => f.message),
  field('expected', 'text', (f) => f.expected),
  field('actual', 'text', (f) => f.actual),
  field('line', 'integer', (f) => f.line),
  field('lines', 'lines', (f) => f.lines.join(' ')),
  pageOf(),
];

const SECTION_FIELDS: Field<ProjectRecord['sections'][number]>[] = [
  annexFile,
  projectId,
  field('heading', 'text', (s) => s.heading),
  field('text', 'text', (s) => s.text),
  field('line', 'integer', (s) => s.line),
  field('lines', 'lines', (s) => (s.lines ?? [s.line]).join(' ')),
  pageOf(),
];

/** One cell of an extra table; row 0 is the table's header. */
type ExtraCell = { table: number; row: number; column: number; header: string; value: string; line: number };
const EXTRA_FIELDS: Field<ExtraCell>[] = [
  annexFile,
  projectId,
  field('table', 'integer', (x) => x.table),
  field('row', 'integer', (x) => x.row),
  field('column', 'integer', (x) => x.column),
  field('header', 'text', (x) => x.header),
  field('value', 'text', (x) => x.value),
  field('line', 'integer', (x) => x.line),
  pageOf(),
];

type Replan = NonNullable<ProjectRecord['replan']>;
/** A re-planned line, or (no proposal) one row that says why, with no line of its own. */
type ReplanRow = {
  replan: Replan;
  change: Replan['lines'][number] | null;
  reason: string;
  line: number | null;
};
const REPLAN_FIELDS: Field<ReplanRow>[] = [
  annexFile,
  projectId,
  field('code', 'text', (r) => r.change?.code ?? ''),
  field('label', 'text', (r) => r.change?.label ?? ''),
  field('declared_eur', 'amount', (r) => r.change?.declared ?? null),
  field('proposed_eur', 'amount', (r) => r.change?.proposed ?? null),
  field('delta_eur', 'amount', (r) => r.change?.delta ?? null),
  field('reason', 'text', (r) => r.reason),
  field('line', 'integer', (r) => r.line),
  field('strategy', 'text', (r) => r.replan.strategy),
  field('awarded_eur', 'amount', (r) => r.replan.awarded),
  field('new_total_eur', 'amount', (r) => r.replan.newTotal),
  field('ok', 'boolean', (r) => r.replan.ok),
  pageOf(),
];

/** A CSV table being filled: its columns, and the rows added so far. */
class TableBuilder<T> {
  readonly rows: Cell[][] = [];
  constructor(
    readonly file: string,
    private readonly fields: Field<T>[],
  ) {}

  add(from: Source, items: Iterable<T>): void {
    for (const item of items) this.rows.push(this.fields.map((f) => f.value(item, from)));
  }

  table(): OutputTable {
    return { file: this.file, columns: this.fields.map(({ name, kind }) => col(name, kind)), rows: this.rows };
  }
}

function findingRows(findings: readonly Finding[], lang: 'it' | 'en'): FindingRow[] {
  return findings.map((finding) => {
    const lines = finding.at.flatMap((p) => ('line' in p ? [p.line] : []));
    return { ...renderFinding(finding, lang), finding, lines, line: lines[0] ?? null };
  });
}

function replanRows(p: ProjectRecord, lang: 'it' | 'en'): ReplanRow[] {
  const replan = p.replan;
  if (!replan || replan.status === 'no-award' || replan.status === 'not-needed') return [];
  if (replan.ok) return replan.lines.map((change) => ({ replan, change, reason: change.reason[lang], line: change.line }));
  // No proposal: one row that says why, on the budget's first line.
  const line = p.budgetRowLines[0] ?? p.header.line;
  return [{ replan, change: null, reason: replan.reasons.map((x) => x[lang]).join(' '), line }];
}

function extraCells(p: ProjectRecord): ExtraCell[] {
  return p.extraTables.flatMap((t, ti) =>
    [{ cells: t.header, line: t.line }, ...t.rows].flatMap((r, ri) =>
      r.cells.map((value, ci) => ({ table: ti + 1, row: ri, column: ci + 1, header: t.header[ci] ?? '', value, line: r.line })),
    ),
  );
}

export function buildTables(json: AnnexJson, lang: 'it' | 'en'): OutputTable[] {
  const projects = new TableBuilder('projects.csv', PROJECT_FIELDS);
  const partners = new TableBuilder('partners.csv', PARTNER_FIELDS);
  const interventions = new TableBuilder('interventions.csv', INTERVENTION_FIELDS);
  const budgetLines = new TableBuilder('budget_lines.csv', BUDGET_FIELDS);
  const cofinancing = new TableBuilder('cofinancing.csv', COFINANCING_FIELDS);
  const findings = new TableBuilder('findings.csv', FINDING_FIELDS);
  const sections = new TableBuilder('sections.csv', SECTION_FIELDS);
  const extra = new TableBuilder('extra_tables.csv', EXTRA_FIELDS);
  const replan = new TableBuilder('replan.csv', REPLAN_FIELDS);

  for (const annex of json.annexes) {
    const page = (line: number | null) => (line === null ? null : pageOfLine(annex, line));
    const ofAnnex: Source = { file: annex.annexFile, id: '', page };
    findings.add(ofAnnex, findingRows(annex.findings, lang));
    sections.add(ofAnnex, annex.preamble ?? []);
    for (const p of annex.projects) {
      const from: Source = { ...ofAnnex, id: p.id };
      const counts = { error: 0, warning: 0, info: 0 };
      for (const f of p.findings) counts[f.severity]++;
      projects.add(from, [{ ...p, counts }]);
      replan.add(from, replanRows(p, lang));
      partners.add(from, p.partners);
      interventions.add(from, p.interventions);
      budgetLines.add(from, p.budget.lines.map((l) => ({ ...l, line: p.budgetRowLines[l.cell.row] ?? null })));
      cofinancing.add(
        from,
        p.budget.cofinancers.map((c, i) => ({ ...c, link: p.cofinancerLinks[i], line: p.budgetRowLines[c.entityCell.row] ?? null })),
      );
      findings.add(from, findingRows(p.findings, lang));
      sections.add(from, p.sections);
      extra.add(from, extraCells(p));
    }
  }
  return [projects, partners, interventions, budgetLines, cofinancing, findings, sections, extra, replan].map((t) => t.table());
}
