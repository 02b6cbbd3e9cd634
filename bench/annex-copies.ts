// Annexes of any size made from the seed: its preamble, then its projects k times over with
// the projects renumbered 2.1 ... 2.(7k), the page numbers carried on (so the pagination stays
// one increasing run) and a table of contents that lists every copy at its page. The result
// reads as one consistent annex: k times the seed's projects and k times its findings.
//
// One more change is needed for that. Page furniture is found as short plain lines that recur
// (pipeline/annex/furniture.ts): copied verbatim, every short line of a project ("Punti 59",
// "Assegnato € 34.800,00", "Progetto CCIAA Cremona") recurs k times and from 3-4 copies on
// would be taken for a running header and dropped. So in copies after the first, each such
// line gets an empty, invisible tag naming its copy (<span id="c2"></span>), placed before any
// closing emphasis: what the core reads from the line (visibleText) is unchanged, but the line
// no longer recurs. The seed's real furniture ("Regione Lombardia"...) is copied as it is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAnnex } from '../pipeline/annex/read-annex.js';
import { findPagination } from '../pipeline/annex/pages.js';
import { headerFieldOf } from '../pipeline/annex/header.js';
import { splitProjects } from '../pipeline/annex/split.js';
import { readDocument } from '../pipeline/annex/document.js';
import { DEFAULT_PROFILE } from '../shared/profile.js';

// BENCH_ROOT: set when this module runs bundled elsewhere (bench/profile.ts).
const ROOT = process.env.BENCH_ROOT ?? fileURLToPath(new URL('..', import.meta.url));
export const SEED = join(ROOT, 'seeds', 'sub-allegato-2-ats-val-padana-2020.md');

export function seedBytes(): Uint8Array {
  return readFileSync(SEED);
}

interface SeedParts {
  preambleBeforeToc: string[];
  tocRows: { id: string; cells: string[] }[]; // cells after the id; the last one is the page
  afterToc: string[]; // lines between the table of contents and the first project
  body: string[]; // the projects
  bodyStart: number; // 0-based index of body[0] in the seed
  pageLines: Map<number, number>; // 0-based index in body -> printed page
  idLines: Map<number, string>; // 0-based index in body -> project id stated there
  shortLines: Set<number>; // 0-based indexes in body of short plain lines to mark per copy
  pageSpan: number;
  projects: number;
}

let parts: SeedParts | null = null;

/** The lines furniture detection looks at (as in pipeline/annex/furniture.ts, not exported there). */
function plainCandidate(raw: string): boolean {
  if (raw.includes('\t') || raw.includes('|')) return false;
  const t = raw.trim();
  if (t === '' || t.length > 60) return false;
  if (/^(#|[-*+•]\s|\d+[.)]\s|<|>|!\[)/.test(t)) return false;
  return /\p{L}/u.test(t);
}

/** An invisible tag inserted before the line's closing emphasis, punctuation and spaces. */
function markCopy(line: string, copy: number): string {
  const tail = /[*_:.;,\s]*$/.exec(line)!.index;
  return `${line.slice(0, tail)}<span id="c${copy}"></span>${line.slice(tail)}`;
}

function seedParts(): SeedParts {
  if (parts) return parts;
  const bytes = seedBytes();
  const text = new TextDecoder().decode(bytes);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const doc = readDocument(bytes, 'seed.md');
  const split = splitProjects(doc);
  const first = split.projects[0]!.start - 1; // 0-based
  const tocLines = new Set(split.toc.map((t) => t.line - 1));
  const tocFirst = Math.min(...tocLines);
  const tocLast = Math.max(...tocLines);
  const tocRows = [...tocLines].sort((a, b) => a - b).map((i) => {
    const cells = lines[i]!.split('\t');
    return { id: cells[0]!, cells: cells.slice(1) };
  });
  const body = lines.slice(first);
  const pagination = findPagination(lines);
  const pageLines = new Map<number, number>();
  for (const [line, page] of pagination.numberLines) if (line - 1 >= first) pageLines.set(line - 1 - first, page);
  const idLines = new Map<number, string>();
  body.forEach((raw, i) => {
    const hit = headerFieldOf(raw, i + 1, false);
    if (hit?.field === 'id') idLines.set(i, hit.value);
  });
  const furniture = new Set(doc.furnitureStrings);
  const shortLines = new Set<number>();
  body.forEach((raw, i) => {
    if (pageLines.has(i) || idLines.has(i) || !plainCandidate(raw)) return;
    if (furniture.has(raw.trim().replace(/\s+/g, ' ').toLowerCase())) return;
    shortLines.add(i);
  });
  const pages = [...pagination.numberLines.values()];
  parts = {
    preambleBeforeToc: lines.slice(0, tocFirst),
    tocRows,
    afterToc: lines.slice(tocLast + 1, first),
    body,
    bodyStart: first,
    pageLines,
    idLines,
    shortLines,
    // Each copy's pages follow the previous copy's last page.
    pageSpan: Math.max(...pages) - Math.min(...[...pageLines.values()]) + 1,
    projects: split.projects.length,
  };
  return parts;
}

export function seedProjectCount(): number {
  return seedParts().projects;
}

/** The seed's annex with its projects k times, renumbered. */
export function annexCopies(k: number): string {
  const p = seedParts();
  const n = p.projects;
  const renumber = (id: string, copy: number) => {
    const m = /^(\d+)\.(\d+)$/.exec(id);
    if (!m) throw new Error(`bench: unexpected project id "${id}" in the seed`);
    return `${m[1]}.${copy * n + Number(m[2])}`;
  };
  const out: string[] = [...p.preambleBeforeToc];
  for (let copy = 0; copy < k; copy++) {
    for (const row of p.tocRows) {
      const cells = [...row.cells];
      const last = cells.length - 1;
      if (/^\d+$/.test(cells[last]!)) cells[last] = String(Number(cells[last]) + copy * p.pageSpan);
      out.push([renumber(row.id, copy), ...cells].join('\t'));
    }
  }
  out.push(...p.afterToc);
  for (let copy = 0; copy < k; copy++) {
    p.body.forEach((line, i) => {
      const page = p.pageLines.get(i);
      const id = p.idLines.get(i);
      if (page !== undefined) out.push(line.replace(String(page), String(page + copy * p.pageSpan)));
      else if (id !== undefined) out.push(line.replace(id, renumber(id, copy)));
      else if (copy > 0 && p.shortLines.has(i)) out.push(markCopy(line, copy));
      else out.push(line);
    });
  }
  return `${out.join('\n')}\n`;
}

type AnnexRecord = ReturnType<typeof readAnnex>;

function findingCounts(r: AnnexRecord): Record<string, number> {
  const by: Record<string, number> = {};
  for (const f of [...r.findings, ...r.projects.flatMap((x) => x.findings)]) by[f.rule] = (by[f.rule] ?? 0) + 1;
  return by;
}

const linked = (r: AnnexRecord) => r.projects.reduce((s, x) => s + x.partners.length + x.budget.cofinancers.length, 0);

let seedRecord: AnnexRecord | null = null;

/**
 * Check that the core read a k-copy annex as k times the seed: k*7 projects numbered 2.1 to
 * 2.(7k) in order, a table of contents of k*7 entries, k times the seed's partners and
 * cofinancers, and k times the seed's findings rule by rule (so no duplicate id, no table of
 * contents mismatch and no lost header line that the copying made up). Throws when not: a bench
 * on a misread input measures nothing.
 */
export function assertCopiesRead(k: number, copies: AnnexRecord): void {
  const p = seedParts();
  seedRecord ??= readAnnex(seedBytes(), 'seed.md', DEFAULT_PROFILE);
  const want = k * p.projects;
  const ids = copies.projects.map((x) => x.id);
  if (ids.length !== want || ids.some((id, i) => id !== `2.${i + 1}`)) {
    throw new Error(`bench: ${k} copies of the seed read as ${ids.length} projects (expected ${want}, 2.1..2.${want}); first ids: ${ids.slice(0, 10).join(', ')}`);
  }
  const toc = copies.toc?.length ?? 0;
  if (toc !== want) throw new Error(`bench: ${k} copies: table of contents has ${toc} entries, expected ${want}`);
  if (linked(copies) !== k * linked(seedRecord)) throw new Error(`bench: ${k} copies: partners and cofinancers are not ${k} x the seed's`);
  const a = findingCounts(seedRecord);
  const b = findingCounts(copies);
  for (const rule of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if ((b[rule] ?? 0) !== k * (a[rule] ?? 0)) {
      throw new Error(`bench: ${k} copies: ${b[rule] ?? 0} "${rule}" findings, expected ${k} x ${a[rule] ?? 0}`);
    }
  }
}
