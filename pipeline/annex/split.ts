// Splitting an annex into projects. A project starts with a cluster of header lines (annex
// number, title, lead entity, alliance, referent, score, grant) that only blank lines,
// furniture and page numbers separate; it runs to the next cluster. The table of contents
// before the first project lists the projects and is kept to be checked against them.
import { foldText, visibleText } from '../../shared/text.js';
import type { AnnexDocument } from './document.js';
import { headerFieldOf, type HeaderHit } from './header.js';

export interface TocEntry {
  id: string;
  title: string;
  leadEntity: string;
  page: number | null;
  line: number;
}

export interface ProjectSpan {
  start: number; // first line of the header cluster
  end: number; // last line of the project (inclusive)
  hits: HeaderHit[];
}

export interface Split {
  toc: TocEntry[];
  /** Lines of the table of contents' own table (header row included). */
  tocLines: number[];
  projects: ProjectSpan[];
}

const ID = /^\d+(?:\.\d+)+$/;

function clusters(doc: AnnexDocument): HeaderHit[][] {
  const out: HeaderHit[][] = [];
  let current: HeaderHit[] = [];
  const close = () => {
    if (current.length > 0) out.push(current);
    current = [];
  };
  for (let n = 1; n <= doc.lines.length; n++) {
    if (!doc.isContent(n)) continue;
    const last = current[current.length - 1];
    const hit = headerFieldOf(doc.text(n), n, last?.field === 'id');
    if (hit && current.some((h) => h.field === hit.field)) {
      // A field seen twice means a new header has begun right after the previous one.
      close();
    }
    if (hit) current.push(hit);
    else close();
  }
  close();
  // A project header names the project (number or title) and says at least one more thing.
  return out.filter((c) => c.some((h) => h.field === 'id' || h.field === 'title') && new Set(c.map((h) => h.field)).size >= 2);
}

function readToc(doc: AnnexDocument, before: number): { toc: TocEntry[]; lines: number[] } {
  const rows = doc.tables.rows.filter((r) => r.line < before);
  const toc: TocEntry[] = [];
  const lines: number[] = [];
  const byTable = new Map<number, typeof rows>();
  for (const r of rows) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r]);
  for (const tableRows of byTable.values()) {
    const entries = tableRows.filter((r) => ID.test(visibleText(r.cells.find((c) => visibleText(c) !== '') ?? '')));
    if (entries.length === 0) continue;
    const header = tableRows.find((r) => r.line < entries[0]!.line);
    let cols = { title: -1, lead: -1, page: -1 };
    if (header) {
      const f = header.cells.map((c) => foldText(c));
      cols = {
        title: f.findIndex((c) => /titolo|progetto|title/.test(c)),
        lead: f.findIndex((c) => /capofila|ente|lead/.test(c)),
        page: f.findIndex((c) => /^(pag|pagina|p)\.?$|page/.test(c)),
      };
      // The header row stays with the preamble's text: only entries are records.
    }
    for (const r of entries) {
      const cells = r.cells.map((c) => visibleText(c));
      const idCol = cells.findIndex((c) => c !== '');
      const rest = cells.map((c, i) => ({ c, i })).filter(({ c, i }) => i > idCol && c !== '');
      const pick = (col: number, fallback: number) => (col >= 0 ? cells[col] ?? '' : rest[fallback]?.c ?? '');
      const lastCell = rest[rest.length - 1]?.c ?? '';
      const pageText = cols.page >= 0 ? cells[cols.page] ?? '' : /^\d{1,4}$/.test(lastCell) ? lastCell : '';
      toc.push({
        id: cells[idCol]!,
        title: pick(cols.title, 0),
        leadEntity: pick(cols.lead, 1),
        page: /^\d{1,4}$/.test(pageText) ? Number(pageText) : null,
        line: r.line,
      });
      lines.push(...r.lines);
    }
  }
  return { toc, lines };
}

export function splitProjects(doc: AnnexDocument): Split {
  const found = clusters(doc);
  const projects: ProjectSpan[] = found.map((hits, i) => {
    const start = hits[0]!.line;
    const next = found[i + 1]?.[0]!.line;
    return { start, end: next === undefined ? doc.lines.length : next - 1, hits };
  });
  const { toc, lines } = readToc(doc, projects[0]?.start ?? doc.lines.length + 1);
  return { toc, tocLines: lines, projects };
}
