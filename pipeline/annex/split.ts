// Splitting an annex into projects. A project starts with a cluster of header lines (annex
// number, title, lead entity, alliance, referent, score, grant) that only blank lines,
// furniture and page numbers separate; it runs to the next cluster. The table of contents
// before the first project lists the projects and is kept to be checked against them.
import { foldText, visibleText } from '../../shared/text.js';
import type { AnnexDocument } from './document.js';
import { continuesHeaderValue, headerFieldOf, headerLabelOnly, headerText, type HeaderHit } from './header.js';

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
/** A table of contents entry whose number and title a converter ran into one cell. */
const ID_AND_TITLE = /^(\d+(?:\.\d+)+)\s+(\S.*)$/s;

/** Lines a wrapped header value may go on over. */
const MAX_WRAPPED = 3;
/** Non-header lines (each short) that may stand between two halves of one project's header. */
const MAX_BETWEEN = 6;
const SHORT_LINE = 60;

interface Cluster {
  hits: HeaderHit[];
  /** The content lines after the cluster's last line, up to the next cluster (or the end). */
  after: number[];
}

function clusters(doc: AnnexDocument): HeaderHit[][] {
  const found: Cluster[] = [];
  let current: HeaderHit[] = [];
  // Labels seen alone on their lines, waiting for their values on the lines after.
  let pending: { field: string; label: string; line: number }[] = [];
  let strays = 0;
  const close = () => {
    if (current.length > 0) found.push({ hits: current, after: [] });
    current = [];
    pending = [];
    strays = 0;
  };
  const nextContent = (n: number) => {
    let m = n + 1;
    while (m <= doc.lines.length && !doc.isContent(m)) m++;
    return m <= doc.lines.length ? m : null;
  };
  for (let n = 1; n <= doc.lines.length; n++) {
    if (!doc.isContent(n)) continue;
    const last = current[current.length - 1];
    const hit = headerFieldOf(doc.text(n), n, last?.field === 'id');
    if (hit && current.some((h) => h.field === hit.field && !h.continues)) {
      // A field seen twice means a new header has begun right after the previous one.
      close();
    }
    if (hit) {
      current.push(hit);
      continue;
    }
    // A label alone ("Sub-Allegato", "Punti"): its value comes after the other labels.
    const label = doc.tables.rowAt.has(n) ? null : headerLabelOnly(doc.text(n));
    if (label && pending.length < 6) {
      pending.push({ field: label, label: headerText(doc.text(n)), line: n });
      continue;
    }
    if (pending.length > 0 && !doc.tables.rowAt.has(n) && (current.length > 0 || pending.some((p) => p.field === 'id'))) {
      // Values come in the labels' order; only an annex number, which nothing else looks like,
      // is taken out of it (a value the converter cut in two would otherwise pair the wrong way).
      const value = headerText(doc.text(n));
      const match = pending
        .map((p, at) => ({ p, at, hit: at === 0 || p.field === 'id' ? headerFieldOf(`${p.label} ${value}`, n, p.field === 'shortName') : null }))
        .find(({ p, hit }) => hit !== null && hit.field === p.field && !current.some((h) => h.field === p.field && !h.continues));
      if (match) {
        current.push(match.hit!, { field: match.hit!.field, value: '', line: match.p.line, continues: true });
        pending.splice(match.at, 1);
        continue;
      }
      // A value that pairs with none: the labels wait a few lines more for theirs.
      if (strays < 3 && pending.some((p) => p.field === 'id')) {
        strays++;
        continue;
      }
    }
    // The wrapped rest of the last field's value, on the very next line.
    if (last && last.line === n - 1 && !doc.tables.rowAt.has(n)) {
      const owner = [...current].reverse().find((h) => !h.continues)!;
      const wrapped = current.filter((h) => h.continues && h.field === owner.field).length;
      const after = nextContent(n);
      const beforeField = after !== null && headerFieldOf(doc.text(after), after, false) !== null;
      if (wrapped < MAX_WRAPPED && continuesHeaderValue(owner, doc.text(n), beforeField)) {
        const more = headerText(doc.text(n));
        owner.value = /\p{L}-$/u.test(owner.value) && /^\p{Ll}/u.test(more) ? owner.value + more : `${owner.value} ${more}`;
        current.push({ field: owner.field, value: more, line: n, continues: true });
        continue;
      }
    }
    close();
    found[found.length - 1]?.after.push(n);
  }
  close();
  // One project's header cut in two by a few stray lines (a justified line a converter broke
  // into words, a figure's caption): halves with no field in common, close together, are one.
  const merged: Cluster[] = [];
  for (const c of found) {
    const prev = merged[merged.length - 1];
    const fields = (x: Cluster) => new Set(x.hits.filter((h) => !h.continues).map((h) => h.field));
    if (prev) {
      const gap = prev.after;
      const disjoint = [...fields(c)].every((f) => !fields(prev).has(f));
      const stray = gap.length <= MAX_BETWEEN && gap.every((n) => !doc.tables.rowAt.has(n) && visibleText(doc.text(n)).length <= SHORT_LINE);
      if (disjoint && stray && isProject([...prev.hits, ...c.hits]) && (!isProject(prev.hits) || !isProject(c.hits) || complementary(prev.hits, c.hits))) {
        prev.hits.push(...c.hits);
        prev.after = c.after;
        continue;
      }
    }
    merged.push({ hits: [...c.hits], after: c.after });
  }
  return merged.map((c) => c.hits).filter(isProject);
}

/** A project header names the project (number or title) and says at least one more thing. */
function isProject(hits: readonly HeaderHit[]): boolean {
  return hits.some((h) => h.field === 'id' || h.field === 'title') && new Set(hits.map((h) => h.field)).size >= 2;
}

/** One half numbers the project, the other titles it: two halves of one header. */
function complementary(a: readonly HeaderHit[], b: readonly HeaderHit[]): boolean {
  const has = (hits: readonly HeaderHit[], f: string) => hits.some((h) => h.field === f);
  return (has(a, 'id') && !has(a, 'title') && has(b, 'title') && !has(b, 'id')) || (has(b, 'id') && !has(b, 'title') && has(a, 'title') && !has(a, 'id'));
}

function readToc(doc: AnnexDocument, before: number): { toc: TocEntry[]; lines: number[] } {
  const rows = doc.tables.rows.filter((r) => r.line < before);
  const toc: TocEntry[] = [];
  const lines: number[] = [];
  const byTable = new Map<number, typeof rows>();
  for (const r of rows) {
    const table = byTable.get(r.table);
    if (table) table.push(r);
    else byTable.set(r.table, [r]);
  }
  for (const tableRows of byTable.values()) {
    const firstText = (r: (typeof rows)[number]) => visibleText(r.cells.find((c) => visibleText(c) !== '') ?? '');
    const entries = tableRows.filter((r) => ID.test(firstText(r)) || ID_AND_TITLE.test(firstText(r)));
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
      let cells = r.cells.map((c) => visibleText(c));
      const idCol = cells.findIndex((c) => c !== '');
      // Number and title run into one cell: the header's column for it is the title's.
      const fused = ID.test(cells[idCol]!) ? null : ID_AND_TITLE.exec(cells[idCol]!);
      if (fused) cells = [...cells.slice(0, idCol), fused[1]!, fused[2]!, ...cells.slice(idCol + 1)];
      const at = (c: number) => (fused && c >= idCol ? c + 1 : c);
      const rest = cells.map((c, i) => ({ c, i })).filter(({ c, i }) => i > idCol && c !== '');
      const pick = (col: number, fallback: number) => (col >= 0 ? cells[at(col)] ?? '' : rest[fallback]?.c ?? '');
      const lastCell = rest[rest.length - 1]?.c ?? '';
      const pageText = cols.page >= 0 ? cells[at(cols.page)] ?? '' : /^\d{1,4}$/.test(lastCell) ? lastCell : '';
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
