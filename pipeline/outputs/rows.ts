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

/** A finding's rule, severity, message, expected and actual, worded in the run's language. */
function findingCells(f: Finding, lang: 'it' | 'en'): Cell[] {
  const shown = renderFinding(f, lang);
  return [f.rule, f.severity, shown.message, shown.expected, shown.actual];
}

export function buildTables(json: AnnexJson, lang: 'it' | 'en'): OutputTable[] {
  const projects: Cell[][] = [];
  const partners: Cell[][] = [];
  const interventions: Cell[][] = [];
  const budgetLines: Cell[][] = [];
  const cofinancing: Cell[][] = [];
  const findings: Cell[][] = [];
  const sections: Cell[][] = [];
  const extra: Cell[][] = [];
  const replan: Cell[][] = [];

  for (const annex of json.annexes) {
    const file = annex.annexFile;
    const page = (line: number | null) => (line === null ? null : pageOfLine(annex, line));
    for (const f of annex.findings) {
      const lines = f.at.flatMap((p) => ('line' in p ? [p.line] : []));
      findings.push([file, '', ...findingCells(f, lang), lines[0] ?? null, lines.join(' '), page(lines[0] ?? null)]);
    }
    for (const s of annex.preamble ?? []) {
      sections.push([file, '', s.heading, s.text, s.line, (s.lines ?? [s.line]).join(' '), page(s.line)]);
    }
    for (const p of annex.projects) {
      const h = p.header;
      const counts = { error: 0, warning: 0, info: 0 };
      for (const f of p.findings) counts[f.severity]++;
      projects.push([
        file, p.id, h.title, h.leadEntity, h.alliance, h.referent, h.referentEmail, h.referentPhone, h.score,
        h.assigned, declared(p, 'TOTAL'), declared(p, 'CONTRIBUTION'), declared(p, 'COFINANCING'), h.line,
        h.shortName ?? '', p.pages?.[0] ?? null, p.pages?.[1] ?? null, p.partners.length, p.budget.cofinancers.length,
        counts.error, counts.warning, counts.info, p.replan?.newTotal ?? null, replanStatus(p),
      ]);
      const r = p.replan;
      if (r && r.status !== 'no-award' && r.status !== 'not-needed') {
        const common = [r.strategy, r.awarded, r.newTotal, r.ok] as const;
        if (r.ok) {
          for (const l of r.lines) {
            replan.push([file, p.id, l.code, l.label, l.declared, l.proposed, l.delta, l.reason[lang], l.line, ...common, page(l.line)]);
          }
        } else {
          // No proposal: one row that says why, on the budget's first line.
          const line = p.budgetRowLines[0] ?? h.line;
          replan.push([file, p.id, '', '', null, null, null, r.reasons.map((x) => x[lang]).join(' '), line, ...common, page(line)]);
        }
      }
      for (const x of p.partners) {
        partners.push([file, p.id, x.seq, x.name, x.type, x.role, x.referent, x.email, x.phone, x.line, page(x.line)]);
      }
      for (const i of p.interventions) {
        interventions.push([file, p.id, i.code, i.label, i.selected, i.line, page(i.line)]);
      }
      for (const l of p.budget.lines) {
        const line = p.budgetRowLines[l.cell.row] ?? null;
        budgetLines.push([
          file, p.id, l.code, l.label, l.amount, l.funded, l.cofinanced, l.raw, line,
          l.status, l.details.map((d) => `${d.amount} ${d.note}`.trim()).join('; '), page(line),
        ]);
      }
      p.budget.cofinancers.forEach((c, i) => {
        const link = p.cofinancerLinks[i];
        const line = p.budgetRowLines[c.entityCell.row] ?? null;
        cofinancing.push([
          file, p.id, c.entity, c.monetary, c.inKind, link?.partnerSeq ?? null, link?.match ?? 'none', line,
          link ? Math.round(link.score * 1000) / 1000 : null, link?.partnerName ?? null, c.rawMonetary, c.rawInKind, page(line),
        ]);
      });
      for (const f of p.findings) {
        const lines = f.at.flatMap((pos) => ('line' in pos ? [pos.line] : []));
        findings.push([file, p.id, ...findingCells(f, lang), lines[0] ?? null, lines.join(' '), page(lines[0] ?? null)]);
      }
      for (const s of p.sections) {
        sections.push([file, p.id, s.heading, s.text, s.line, (s.lines ?? [s.line]).join(' '), page(s.line)]);
      }
      p.extraTables.forEach((t, ti) => {
        const all = [{ cells: t.header, line: t.line }, ...t.rows];
        all.forEach((r, ri) => {
          r.cells.forEach((value, ci) => {
            extra.push([file, p.id, ti + 1, ri, ci + 1, t.header[ci] ?? '', value, r.line, page(r.line)]);
          });
        });
      });
    }
  }

  return [
    {
      file: 'projects.csv',
      columns: [
        col('annex_file'), col('project_id'), col('title'), col('lead_entity'), col('alliance'), col('referent'),
        col('referent_email'), col('referent_phone'), col('score', 'number'), col('assigned_eur', 'amount'),
        col('total_eur', 'amount'), col('contribution_eur', 'amount'), col('cofinancing_eur', 'amount'), col('line', 'integer'),
        col('short_name'), col('page_first', 'integer'), col('page_last', 'integer'), col('partners', 'integer'),
        col('cofinancers', 'integer'), col('errors', 'integer'), col('warnings', 'integer'), col('infos', 'integer'),
        col('replan_total_eur', 'amount'), col('replan_status'),
      ],
      rows: projects,
    },
    {
      file: 'partners.csv',
      columns: [
        col('annex_file'), col('project_id'), col('seq', 'integer'), col('name'), col('type'), col('role'), col('referent'),
        col('email'), col('phone'), col('line', 'integer'), col('page', 'integer'),
      ],
      rows: partners,
    },
    {
      file: 'interventions.csv',
      columns: [col('annex_file'), col('project_id'), col('code'), col('label'), col('selected', 'boolean'), col('line', 'integer'), col('page', 'integer')],
      rows: interventions,
    },
    {
      file: 'budget_lines.csv',
      columns: [
        col('annex_file'), col('project_id'), col('code'), col('label'), col('amount_eur', 'amount'), col('funded_eur', 'amount'),
        col('cofinanced_eur', 'amount'), col('raw'), col('line', 'integer'), col('status'), col('details'), col('page', 'integer'),
      ],
      rows: budgetLines,
    },
    {
      file: 'cofinancing.csv',
      columns: [
        col('annex_file'), col('project_id'), col('entity'), col('monetary_eur', 'amount'), col('in_kind_eur', 'amount'),
        col('partner_seq', 'integer'), col('match'), col('line', 'integer'), col('match_score', 'number'), col('partner_name'),
        col('raw_monetary'), col('raw_in_kind'), col('page', 'integer'),
      ],
      rows: cofinancing,
    },
    {
      file: 'findings.csv',
      columns: [
        col('annex_file'), col('project_id'), col('rule'), col('severity'), col('message'), col('expected'), col('actual'),
        col('line', 'integer'), col('lines', 'lines'), col('page', 'integer'),
      ],
      rows: findings,
    },
    {
      file: 'sections.csv',
      columns: [col('annex_file'), col('project_id'), col('heading'), col('text'), col('line', 'integer'), col('lines', 'lines'), col('page', 'integer')],
      rows: sections,
    },
    {
      file: 'extra_tables.csv',
      columns: [
        col('annex_file'), col('project_id'), col('table', 'integer'), col('row', 'integer'), col('column', 'integer'),
        col('header'), col('value'), col('line', 'integer'), col('page', 'integer'),
      ],
      rows: extra,
    },
    {
      file: 'replan.csv',
      columns: [
        col('annex_file'), col('project_id'), col('code'), col('label'), col('declared_eur', 'amount'), col('proposed_eur', 'amount'),
        col('delta_eur', 'amount'), col('reason'), col('line', 'integer'), col('strategy'), col('awarded_eur', 'amount'),
        col('new_total_eur', 'amount'), col('ok', 'boolean'), col('page', 'integer'),
      ],
      rows: replan,
    },
  ];
}
