// Splitting an annex into projects. A project starts with a cluster of header lines (annex
// number, title, lead entity, alliance, referent, score, grant) that only blank lines,
// furniture and page numbers separate; it runs to the next cluster. The table of contents
// before the first project lists the projects and is kept to be checked against them.
import { readAmount } from '../../shared/amounts.js';
import { toPlain } from '../../shared/money.js';
import { opensBudget } from './budget.js';
import { foldText } from '../../shared/text.js';
import type { AnnexDocument } from './document.js';
import {
  continuesHeaderValue, fieldOfLabel, headerFieldOf, isContactOnly, headerFieldsOfLine, headerFieldWithoutColon, headerFieldsOfRow, hasDotLeader, headerLabelOnly, headerTextOf, hitOfPair, cellMayStateHeader, mayStateHeader, type HeaderField,
  type HeaderHit,
} from './header.js';
import { foldedCells, rowsBetween, type TableRow } from './tables.js';

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

/** A row of a ranking ("graduatoria") of every project, before the first project. */
export interface RankingEntry {
  id: string | null;
  title: string;
  leadEntity: string;
  score: number | null;
  /** The grant the ranking gives, as a plain amount; null when its cell states none. */
  assigned: string | null;
  line: number;
}

export interface Split {
  toc: TocEntry[];
  /** Lines of the table of contents' own table (header row included), or its lines of dot leaders. */
  tocLines: number[];
  ranking: RankingEntry[];
  /** Lines of the ranking's table (header row included). */
  rankingLines: number[];
  projects: ProjectSpan[];
}

const ID = /^\d+(?:\.\d+)+$/;
/** A project's number in a contents table with named columns: "4", "Progetto n. 4", "ID 12". */
const NUMBERED = /^(?:(?:progetto|prog\.)\s*(?:(?:n\.?|n°|nr\.?)\s*)?|id\s*)?(\d{1,4}(?:\.\d{1,4})*)$/i;
/** A table of contents entry whose number and title a converter ran into one cell. */
const ID_AND_TITLE = /^(\d+(?:\.\d+)+)\s+(\S.*)$/s;

/** Lines a wrapped header value may go on over. */
const MAX_WRAPPED = 3;
/** Non-header lines (each short) that may stand between two halves of one project's header. */
const MAX_BETWEEN = 6;
const SHORT_LINE = 60;
const NO_HITS: readonly HeaderHit[] = [];

interface Cluster {
  hits: HeaderHit[];
  /** The content lines after the cluster's last line, up to the next cluster (or the end): the first MAX_BETWEEN + 1. */
  after: number[];
}

/**
 * Header fields stated by table rows: a table of label and value pairs ("Capofila" | "Comune di
 * …") where at least two fields are named (or every row names one), or a row of labels over a
 * single row of values. Rows of such a table that name no field are `neutral`: they do not end
 * the header they stand in.
 */
function tableHits(doc: AnnexDocument): { hits: Map<number, HeaderHit[]>; neutral: Set<number> } {
  const hits = new Map<number, HeaderHit[]>();
  const neutral = new Set<number>();
  const byTable = new Map<number, TableRow[]>();
  for (const r of doc.tables.rows) {
    if (!doc.isContent(r.line)) continue;
    const list = byTable.get(r.table);
    if (list) list.push(r);
    else byTable.set(r.table, [r]);
  }
  for (const rows of byTable.values()) {
    // Each cell asked at most once whether it may state a field: the pairs below and the rows of
    // labels after ask the same cells.
    const may = rows.map(cellsMayStateHeader);
    const perRow = rows.map((r, i) => headerFieldsOfRow(r.cells, r.line, r.visible, may[i]));
    const fields = new Set<HeaderField>();
    for (const row of perRow) for (const h of row) fields.add(h.field);
    if (fields.size >= 2 || (fields.size === 1 && perRow.every((h) => h.length > 0))) {
      rows.forEach((r, i) => (perRow[i]!.length > 0 ? hits.set(r.line, perRow[i]!) : neutral.add(r.line)));
      continue;
    }
    // Labels in a row, their values in the one row under them (a second row of values like it
    // would make a ranking). A text's tables may run into each other: any row can be the labels.
    const filled = (r: TableRow) => r.visible.filter((v) => v !== '').length;
    for (let i = 0; i + 1 < rows.length; i++) {
      const named = fieldsOfLabels(rows[i]!, may[i]!);
      if (named === null) continue;
      const labels = rows[i]!.visible;
      // A ranking or a table of contents of one project is not that project's header.
      if (labels.some((l) => /^(pos|posizione|pag|pagina|graduatoria|rank)\b/i.test(l))) continue;
      const distinct = new Set(named.filter((f): f is HeaderField => f !== null));
      if (distinct.size < 3) continue;
      const after = rows[i + 2];
      if (after && filled(after) === filled(rows[i + 1]!) && perRow[i + 2]!.length === 0) continue;
      const values = rows[i + 1]!.visible;
      const row: HeaderHit[] = [];
      named.forEach((f, k) => {
        const hit = f && values[k] ? headerFieldsOfRow([labels[k]!, values[k]!], rows[i + 1]!.line)[0] : undefined;
        if (hit && !row.some((h) => h.field === hit.field)) row.push(hit);
      });
      if (row.length >= 2) {
        hits.set(rows[i + 1]!.line, row);
        neutral.add(rows[i]!.line);
      }
    }
  }
  return { hits, neutral };
}

/** Whether each cell of a row may state a header field (cellMayStateHeader), asked once per cell when first needed. */
function cellsMayStateHeader(row: TableRow): (cell: number) => boolean {
  const known: (boolean | undefined)[] = [];
  return (c) => (known[c] ??= row.visible[c] !== '' && cellMayStateHeader(row.cells[c]!, row.visible[c]!));
}

/**
 * The field each cell of a row of labels names (null for an empty cell), or null when a filled
 * cell names none: the first such cell ends the test (most rows are no header's).
 */
function fieldsOfLabels(row: TableRow, may: (cell: number) => boolean): (HeaderField | null)[] | null {
  const named: (HeaderField | null)[] = [];
  for (let i = 0; i < row.cells.length; i++) {
    const label = row.visible[i]!;
    const field = may(i) ? fieldOfLabel(label) : null;
    if (field === null && label !== '') return null;
    named.push(field);
  }
  return named;
}

/**
 * A project's number that the front end took for page furniture (each project opens a page
 * with "Progetto n. 4", and only the digits change from page to page): it is the project's when
 * the header's other fields come right after it.
 */
function numbersTakenForFurniture(doc: AnnexDocument, rowHits: Map<number, HeaderHit[]>): Set<number> {
  const out = new Set<number>();
  for (let n = 1; n <= doc.lines.length; n++) {
    if (doc.kind(n) !== 'furniture') continue;
    const hit = headerFieldOf(doc.text(n), n, false);
    if (hit?.field !== 'id') continue;
    let m = n + 1;
    while (m <= doc.lines.length && !doc.isContent(m) && m - n <= 4) m++;
    if (m > doc.lines.length || !doc.isContent(m)) continue;
    const next = rowHits.get(m)?.[0] ?? headerFieldOf(doc.text(m), m, true, lineHeaderText(doc, m));
    if (next && next.field !== 'id') out.add(n);
  }
  return out;
}

/** A line's text as header fields are read from it, from the line's visible text the document keeps. */
function lineHeaderText(doc: AnnexDocument, n: number): string {
  return headerTextOf(doc.visible(n));
}

function clusters(doc: AnnexDocument): HeaderHit[][] {
  const found: Cluster[] = [];
  const { hits: rowHits, neutral } = tableHits(doc);
  const rescued = numbersTakenForFurniture(doc, rowHits);
  let current: HeaderHit[] = [];
  // Labels seen alone on their lines, waiting for their values on the lines after.
  // `immediate`: a label of free text alone on its line ("Titolo del progetto", as a converter
  // writes a two-column table one cell to a line): its value is the very next line or none.
  let pending: { field: string; label: string; line: number; immediate?: boolean }[] = [];
  let strays = 0;
  // Called on every line of prose: what is already empty is kept, not made anew.
  const close = () => {
    if (current.length > 0) {
      found.push({ hits: current, after: [] });
      current = [];
    }
    if (pending.length > 0) pending = [];
    strays = 0;
  };
  const nextContent = (n: number) => {
    let m = n + 1;
    while (m <= doc.lines.length && !doc.isContent(m)) m++;
    return m <= doc.lines.length ? m : null;
  };
  for (let n = 1; n <= doc.lines.length; n++) {
    if (!doc.isContent(n) && !rescued.has(n)) continue;
    const row = doc.tables.rowAt.get(n);
    const inTable = row !== undefined;
    if (row) {
      const inRow = rowHits.get(row.line);
      if (inRow) {
        if (row.line === n) {
          if (inRow.some((h) => current.some((c) => c.field === h.field && !c.continues))) close();
          current.push(...inRow.map((h) => ({ ...h })));
          pending = [];
        }
        continue;
      }
      if (neutral.has(row.line) && current.length > 0) continue;
    }
    const last = current.at(-1);
    const raw = doc.text(n);
    // Prose (most lines) states no field and no label: it skips those tests. So does a row of
    // cells apart, which every test of a line for fields refuses (its fields are its cells').
    const cellsApart = inTable && raw.includes('\t');
    const text = cellsApart ? '' : lineHeaderText(doc, n);
    const labelled = !cellsApart && mayStateHeader(raw, text);
    // Several fields on one line: "Punti: 72 – Contributo assegnato: € 30.000,00".
    const several = labelled ? headerFieldsOfLine(raw, n, text) : NO_HITS;
    if (several.length >= 2) {
      if (several.some((s) => current.some((h) => h.field === s.field && !h.continues))) close();
      current.push(...several);
      pending = [];
      continue;
    }
    // The referent's phone or e-mail on a paragraph of its own ("Telefono: 02 …", "E-mail: …");
    // on the very next line it may be the wrapped rest of a contact (below).
    const referent = current.find((h) => h.field === 'referent' && !h.continues);
    if (referent && last?.line !== n - 1 && !inTable && isContactOnly(raw, text)) {
      const more = text;
      referent.value = `${referent.value} – ${more}`;
      current.push({ field: 'referent', value: more, line: n, continues: true });
      continue;
    }
    const hit = !labelled ? null : headerFieldOf(raw, n, last?.field === 'id', text) ??
      (current.length > 0 && pending.length === 0 ? headerFieldWithoutColon(raw, n, text) : null);
    if (hit && current.some((h) => h.field === hit.field && !h.continues)) {
      // A field seen twice means a new header has begun right after the previous one.
      close();
    }
    if (hit) {
      current.push(hit);
      continue;
    }
    // A label alone ("Sub-Allegato", "Punti"): its value comes after the other labels.
    const label = !labelled || inTable ? null : headerLabelOnly(raw, text);
    if (label && pending.length < 6) {
      const immediate = !text.endsWith(':') && !['id', 'shortName', 'score', 'assigned'].includes(label);
      pending = pending.filter((p) => !p.immediate);
      pending.push({ field: label, label: text, line: n, ...(immediate ? { immediate } : {}) });
      continue;
    }
    if (pending.length > 0 && !inTable && (current.length > 0 || pending.some((p) => p.field === 'id' || p.label.endsWith(':')))) {
      // Values come in the labels' order; only an annex number, which nothing else looks like,
      // is taken out of it (a value the converter cut in two would otherwise pair the wrong way).
      const value = lineHeaderText(doc, n);
      const match = pending
        .map((p, at) => ({
          p, at,
          hit: at === 0 || p.field === 'id' || p.immediate
            ? headerFieldOf(`${p.label} ${value}`, n, p.field === 'shortName') ?? hitOfPair(p.label.replace(/:$/, ''), value, n)
            : null,
        }))
        .find(({ p, hit }) => hit !== null && hit.field === p.field && !current.some((h) => h.field === p.field && !h.continues));
      if (match) {
        current.push(match.hit!, { field: match.hit!.field, value: '', line: match.p.line, continues: true });
        pending.splice(match.at, 1);
        pending = pending.filter((p) => !p.immediate);
        continue;
      }
      pending = pending.filter((p) => !p.immediate);
      // A value that pairs with none: the labels wait a few lines more for theirs.
      if (strays < 3 && pending.some((p) => p.field === 'id')) {
        strays++;
        continue;
      }
    }
    // The wrapped rest of the last field's value, on the very next line.
    if (last && last.line === n - 1 && !inTable && !doc.tables.rowAt.has(last.line)) {
      const owner = [...current].reverse().find((h) => !h.continues)!;
      const wrapped = current.filter((h) => h.continues && h.field === owner.field).length;
      const after = nextContent(n);
      const beforeField = after !== null && !doc.text(after).includes('\t') && mayStateHeader(doc.text(after), lineHeaderText(doc, after)) &&
        headerFieldOf(doc.text(after), after, false, lineHeaderText(doc, after)) !== null;
      if (wrapped < MAX_WRAPPED && continuesHeaderValue(owner, raw, beforeField, lineHeaderText(doc, n))) {
        const more = lineHeaderText(doc, n);
        owner.value = /\p{L}-$/u.test(owner.value) && /^\p{Ll}/u.test(more) ? owner.value + more : `${owner.value} ${more}`;
        current.push({ field: owner.field, value: more, line: n, continues: true });
        continue;
      }
    }
    close();
    // Past MAX_BETWEEN lines, no merge asks which they are.
    const previous = found[found.length - 1];
    if (previous && previous.after.length <= MAX_BETWEEN) previous.after.push(n);
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
      const stray = gap.length <= MAX_BETWEEN && gap.every((n) => !doc.tables.rowAt.has(n) && doc.visible(n).length <= SHORT_LINE);
      if (disjoint && stray && isProject([...prev.hits, ...c.hits]) && (!isProject(prev.hits) || !isProject(c.hits) || complementary(prev.hits, c.hits))) {
        prev.hits.push(...c.hits);
        prev.after = c.after;
        continue;
      }
    }
    merged.push({ hits: [...c.hits], after: c.after });
  }
  // A project's number alone, its other header fields not read (a header table a front end
  // broke): still a project when a budget follows it before the next header. What its header
  // lacks is then said field by field.
  // Only the rows between two headers are asked (seldom, and most tables are not budgets).
  const budgetBetween = (from: number, to: number) => rowsBetween(doc.tables, from + 1, to - 1).some(opensBudget);
  return merged
    .filter((c, i) => {
      if (isProject(c.hits)) return true;
      const id = c.hits.find((h) => h.field === 'id' && !h.continues);
      if (!id) return false;
      const from = Math.max(...c.hits.map((h) => h.line));
      const next = merged.slice(i + 1).find((m) => isProject(m.hits) || m.hits.some((h) => h.field === 'id'));
      const to = next ? Math.min(...next.hits.map((h) => h.line)) : doc.lines.length + 1;
      return budgetBetween(from, to);
    })
    .map((c) => c.hits)
    // A summary of a project before it (a ranking or contents of one row, a cover's box) names
    // the same project with nothing of a project between them: the header is the second.
    .filter((hits, i, all) => {
      const next = all[i + 1];
      if (!next) return true;
      const key = (h: HeaderHit[]) => h.find((x) => x.field === 'id' && !x.continues)?.value ?? null;
      if (key(hits) === null || key(hits) !== key(next)) return true;
      const from = Math.min(...hits.map((h) => h.line));
      const to = Math.min(...next.map((h) => h.line));
      return budgetBetween(from, to) || rowsBetween(doc.tables, from + 1, to - 1).some((r) => !hits.some((h) => h.line === r.line));
    });
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

function readToc(doc: AnnexDocument, before: number, rankings: ReadonlySet<number>): { toc: TocEntry[]; lines: number[] } {
  const rows = doc.tables.rows.filter((r) => r.line < before && !rankings.has(r.table));
  const toc: TocEntry[] = [];
  const lines: number[] = [];
  const byTable = new Map<number, typeof rows>();
  for (const r of rows) {
    const table = byTable.get(r.table);
    if (table) table.push(r);
    else byTable.set(r.table, [r]);
  }
  for (const tableRows of byTable.values()) {
    const firstText = (r: (typeof rows)[number]) => r.visible.find((v) => v !== '') ?? '';
    const headerRow = tableRows[0]!;
    // A table whose header names its columns may number its projects "1", "Progetto n. 1", "ID 12".
    const named = foldedCells(headerRow).some((c) => /titolo|progetto|pag/.test(c)) && !ID.test(firstText(headerRow));
    // "Progetto 5 – Titolo" and its page, a contents line with a tab before the page (Word's).
    const pageLast = (r: (typeof rows)[number]) => /^\d{1,4}$/.test(r.visible[r.visible.length - 1] ?? '');
    const isEntry = (r: (typeof rows)[number]) =>
      ID.test(firstText(r)) || ID_AND_TITLE.test(firstText(r)) || (named && r !== headerRow && NUMBERED.test(firstText(r))) ||
      (pageLast(r) && r.visible.filter((v) => v !== '').length === 2 && /^(?:progetto|id|sub)/i.test(firstText(r)) && TOC_ENTRY.test(firstText(r)));
    const entries = tableRows.filter(isEntry);
    if (entries.length === 0) continue;
    const header = tableRows.find((r) => r.line < entries[0]!.line);
    let cols = { title: -1, lead: -1, page: -1 };
    if (header) {
      const f = foldedCells(header);
      cols = {
        title: f.findIndex((c) => /titolo|progetto|title/.test(c)),
        lead: f.findIndex((c) => /capofila|ente|lead/.test(c)),
        page: f.findIndex((c) => /^(pag|pagina|p)\.?$|page/.test(c)),
      };
      // The header row stays with the preamble's text: only entries are records.
    }
    for (const r of entries) {
      let cells = [...r.visible];
      const idCol = cells.findIndex((c) => c !== '');
      const numbered = NUMBERED.exec(cells[idCol]!);
      if (numbered && !ID.test(cells[idCol]!)) cells[idCol] = numbered[1]!;
      // Number and title run into one cell: the header's column for it is the title's.
      const fused = ID.test(cells[idCol]!) ? null : ID_AND_TITLE.exec(cells[idCol]!) ?? TOC_ENTRY.exec(cells[idCol]!);
      if (fused) cells = [...cells.slice(0, idCol), fused[1]!, fused[2]!, ...cells.slice(idCol + 1)];
      const at = (c: number) => (fused && c >= idCol ? c + 1 : c);
      const all = cells.map((c, i) => ({ c, i })).filter(({ c, i }) => i > idCol && c !== '');
      const lastCell = all[all.length - 1]?.c ?? '';
      // Without a page column, a last cell that is a number is the page, not the lead entity.
      const rest = cols.page < 0 && /^\d{1,4}$/.test(lastCell) ? all.slice(0, -1) : all;
      const pick = (col: number, fallback: number) => (col >= 0 ? cells[at(col)] ?? '' : rest[fallback]?.c ?? '');
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

/** A contents line's project number and title: "Progetto n. 1 – Titolo", "2.1 Titolo (Capofila)". */
const TOC_ENTRY = /^(?:(?:sub[\s-]*)?allegato\s*|(?:scheda\s+)?progetto\s+(?:n\.?\s*|n°\s*|nr\.?\s*)?|id\s*)?(\d{1,4}(?:\.\d{1,4})*)(?:\s*[-–—:.)])?\s+(\S.*)$/i;

/**
 * A table of contents written as lines with dot leaders ("Progetto n. 1 – Famiglie al centro
 * ........ 3", "2.1 Titolo (Capofila) ..... pag. 4"): every such line before the first project is
 * the contents'; those that number a project are its entries.
 */
function readDotToc(doc: AnnexDocument, before: number): { toc: TocEntry[]; lines: number[] } {
  const toc: TocEntry[] = [];
  const lines: number[] = [];
  for (let n = 1; n < before && n <= doc.lines.length; n++) {
    if (!doc.isContent(n) || doc.tables.rowAt.has(n)) continue;
    const raw = doc.text(n);
    const text = lineHeaderText(doc, n);
    if (text.length > 300) continue;
    const page = /(\d{1,4})$/.exec(text);
    let rest = page ? text.slice(0, page.index) : text;
    const pag = /(?:pag(?:ina)?\.?|p\.)$/i.exec(rest.trimEnd());
    rest = pag ? rest.trimEnd().slice(0, pag.index) : rest;
    // The leader itself: dots, ellipses, underscores and spaces at the end.
    let end = rest.length;
    while (end > 0 && /[.…_\s]/.test(rest[end - 1]!)) end--;
    const leader = rest.slice(end);
    // A leader of dots; or, for a line that numbers a project, a tab or a wide gap before the
    // page (a Word contents' tab leader), or "pag." before it.
    const dotted = hasDotLeader(leader);
    if (!dotted && !(page && (pag !== null || /\t| {3,}/.test(raw.trimEnd().slice(-40))))) continue;
    if (!dotted && !TOC_ENTRY.test(rest.slice(0, end).trim())) continue;
    lines.push(n);
    const entry = TOC_ENTRY.exec(rest.slice(0, end).trim());
    if (!entry) continue;
    let title = entry[2]!.trim();
    let leadEntity = '';
    const lead = /^(.*\S)\s*\(([^()]+)\)$/.exec(title);
    if (lead) {
      title = lead[1]!;
      leadEntity = lead[2]!.trim();
    }
    toc.push({ id: entry[1]!, title, leadEntity, page: page ? Number(page[1]) : null, line: n });
  }
  return { toc, lines };
}

type RankingColumn = 'id' | 'title' | 'lead' | 'score' | 'assigned' | 'position';

function rankingColumnOf(header: string): RankingColumn | null {
  const f = foldText(header).replace(/\./g, ' ').replace(/\s+/g, ' ').trim();
  if (/^(pos|posizione|rank|ordine|graduatoria|n ordine)$/.test(f)) return 'position';
  if (/^(id|codice|cod|n|n°|nr|numero)( (del )?progetto)?$|^(id|codice|numero|progetto)( n| n°)?$/.test(f)) return 'id';
  if (/punt/.test(f)) return 'score';
  // The grant awarded, not the one asked for nor the project's cost.
  if (/richiest|costo|totale progetto|cofinanz/.test(f)) return null;
  if (/contributo|assegnat|concess|finanziament|importo/.test(f)) return 'assigned';
  if (/capofila|^ente|soggetto|proponente/.test(f)) return 'lead';
  if (/titolo|progetto|denominazione/.test(f)) return 'title';
  return null;
}

/**
 * A ranking of the projects before the first of them ("Pos. | N. progetto | Ente capofila |
 * Titolo | Punteggio | Contributo concesso"): a table whose header names a score or a grant and
 * something that tells the project (its number, title or lead entity).
 */
function readRanking(doc: AnnexDocument, before: number): { ranking: RankingEntry[]; lines: number[]; tables: Set<number> } {
  const ranking: RankingEntry[] = [];
  const lines: number[] = [];
  const tables = new Set<number>();
  const rows = doc.tables.rows.filter((r) => r.line < before && doc.isContent(r.line));
  const byTable = new Map<number, TableRow[]>();
  for (const r of rows) {
    const table = byTable.get(r.table);
    if (table) table.push(r);
    else byTable.set(r.table, [r]);
  }
  for (const [table, tableRows] of byTable) {
    const header = tableRows[0]!;
    const cols = new Map<RankingColumn, number>();
    header.cells.forEach((c, i) => {
      const kind = rankingColumnOf(c);
      if (kind && !cols.has(kind)) cols.set(kind, i);
      // "Contributo" beside "Contributo assegnato": the one that says it was awarded.
      if (kind === 'assigned' && cols.get('assigned') !== i && /assegnat|concess|finanziat|ammess/.test(foldedCells(header)[i]!)) {
        if (!/assegnat|concess|finanziat|ammess/.test(foldedCells(header)[cols.get('assigned')!]!)) cols.set('assigned', i);
      }
    });
    // "N." alone beside no other number: the project's number.
    if (!cols.has('score') && !cols.has('assigned')) continue;
    if (!cols.has('id') && !cols.has('title') && !cols.has('lead')) continue;
    const body = tableRows.slice(1).filter((r) => !r.visible.every((v, i) => v === (header.visible[i] ?? '')));
    if (body.length === 0) continue;
    tables.add(table);
    lines.push(...header.lines);
    for (const r of tableRows.slice(1)) {
      lines.push(...r.lines);
      if (!body.includes(r)) continue;
      const cell = (k: RankingColumn) => (cols.has(k) ? r.visible[cols.get(k)!] ?? '' : '');
      const id = NUMBERED.exec(cell('id')) ?? /^(?:n\.?\s*)(\d{1,6}(?:\.\d{1,4})*)$/i.exec(cell('id'));
      const score = /^(\d{1,3}(?:[.,]\d+)?)\s*(?:(?:\/|su)\s*\d{1,3})?$/.exec(cell('score'));
      const amount = readAmount(cell('assigned'));
      ranking.push({
        id: id ? id[1]! : null,
        title: cell('title'),
        leadEntity: cell('lead'),
        score: score ? Number(score[1]!.replace(',', '.')) : null,
        assigned: amount.kind === 'amount' ? toPlain(amount.value) : null,
        line: r.line,
      });
    }
  }
  return { ranking, lines, tables };
}

export function splitProjects(doc: AnnexDocument): Split {
  const found = clusters(doc);
  const projects: ProjectSpan[] = found.map((hits, i) => {
    const start = hits[0]!.line;
    const next = found[i + 1]?.[0]!.line;
    return { start, end: next === undefined ? doc.lines.length : next - 1, hits };
  });
  const before = projects[0]?.start ?? doc.lines.length + 1;
  const ranking = readRanking(doc, before);
  const table = readToc(doc, before, ranking.tables);
  const dots = readDotToc(doc, before);
  return {
    toc: [...table.toc, ...dots.toc],
    tocLines: [...table.lines, ...dots.lines],
    ranking: ranking.ranking,
    rankingLines: ranking.lines,
    projects,
  };
}
