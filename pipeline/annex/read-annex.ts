// One annex file in, one AnnexRecord out: split into projects, read each part, run the rules,
// and account for every line (coverage).
import { checkBudget } from '../../shared/check-budget.js';
import type { Finding } from '../../shared/model.js';
import { formsSimilarity, nameForms, similarity, type NameForm } from '../../shared/partner-match.js';
import type { Profile } from '../../shared/profile.js';
import { foldText } from '../../shared/text.js';
import { InputError } from '../errors.js';
import type { AnnexRecord, Header, ProjectRecord, TocEntry } from '../records.js';
import { findingsToLines, readBudgetPart } from './budget.js';
import { readDocument, type AnnexDocument } from './document.js';
import { pipelineFinding } from './findings.js';
import { buildHeader } from './header.js';
import { readInterventions } from './interventions.js';
import { readPartners } from './partners.js';
import { replanRecord } from './replan.js';
import { readSections } from './sections.js';
import { splitProjects, type ProjectSpan, type RankingEntry } from './split.js';
import { money } from '../../shared/money.js';
import { amountIs, makeFinding, numberIs, termIs, textIs } from '../../shared/findings/make.js';
import type { HeaderField } from '../../shared/findings/data.js';
import type { ReplanStrategy } from '../../shared/replan/index.js';

const HEADER_FIELDS: { key: HeaderField; severity: 'warning' | 'info' }[] = [
  { key: 'title', severity: 'warning' },
  { key: 'leadEntity', severity: 'warning' },
  { key: 'alliance', severity: 'warning' },
  { key: 'referent', severity: 'warning' },
  { key: 'referentEmail', severity: 'info' },
  { key: 'referentPhone', severity: 'info' },
  { key: 'score', severity: 'warning' },
  { key: 'assigned', severity: 'warning' },
];

function headerFindings(header: Header, idFound: boolean): Finding[] {
  const out: Finding[] = [];
  if (!idFound) {
    out.push(
      pipelineFinding('header-field-missing', 'warning', { kind: 'id', used: header.id }, [header.line], {
        expected: termIs('field:id'),
      }),
    );
  }
  for (const f of HEADER_FIELDS) {
    const v = header[f.key];
    if (v !== null && v !== '') continue;
    out.push(
      pipelineFinding('header-field-missing', f.severity, { kind: 'field', project: header.id, field: f.key }, [header.line], {
        expected: termIs(`field:${f.key}`),
      }),
    );
  }
  return out;
}

function tocFindings(doc: AnnexDocument, header: Header, entry: TocEntry | undefined, span: ProjectSpan): Finding[] {
  if (!entry) return [];
  const out: Finding[] = [];
  const compare = (kind: 'title' | 'leadEntity', listed: string, stated: string) => {
    if (listed === '' || stated === '' || foldText(listed) === foldText(stated)) return;
    const close = similarity(listed, stated) >= 0.6;
    out.push(
      pipelineFinding('toc-mismatch', close ? 'info' : 'warning', { kind, project: header.id, listed, stated },
        [entry.line, header.lines[kind] ?? header.line], { expected: textIs(listed), actual: textIs(stated) }),
    );
  };
  compare('title', entry.title, header.title);
  compare('leadEntity', entry.leadEntity, header.leadEntity);
  if (entry.page !== null) {
    const numbering = doc.pagination.printed ?? doc.pagination;
    const exact = numbering.pageOf(span.start);
    const [low, high] = numbering.boundsOf(span.start);
    const wrong = exact !== null ? exact !== entry.page : (low !== null && entry.page < low) || (high !== null && entry.page > high);
    if (wrong) {
      const actual = exact !== null ? String(exact) : `${low ?? '?'}-${high ?? '?'}`;
      out.push(
        pipelineFinding('toc-mismatch', 'warning', { kind: 'page', project: header.id, listed: entry.page, stated: actual },
          [entry.line, span.start], { expected: numberIs(entry.page), actual: textIs(actual) }),
      );
    }
  }
  return out;
}

/** The table of contents by number and by folded title: each project looks itself up in it. */
interface TocIndex {
  entries: readonly TocEntry[];
  byId: Map<string, TocEntry>;
  byTitle: Map<string, TocEntry>;
  /** Each entry's title's forms (nameForms), once a fuzzy search has asked: every project is compared with every entry. */
  forms?: NameForm[][];
}

// A fuzzy title search compares a project with every entry: past this many entries (no real
// table of contents is that long) only an exact title counts, or the reading would grow with
// the square of the document.
const FUZZY_TOC_ENTRIES = 500;

function indexToc(entries: readonly TocEntry[]): TocIndex {
  const byId = new Map<string, TocEntry>();
  const byTitle = new Map<string, TocEntry>();
  for (const t of entries) {
    if (!byId.has(t.id)) byId.set(t.id, t);
    const key = foldText(t.title);
    if (!byTitle.has(key)) byTitle.set(key, t);
  }
  return { entries, byId, byTitle };
}

function tocEntryByTitle(toc: TocIndex, title: string): TocEntry | undefined {
  if (toc.entries.length <= FUZZY_TOC_ENTRIES) {
    const forms = (toc.forms ??= toc.entries.map((t) => nameForms(t.title)));
    const wanted = nameForms(title);
    return toc.entries.find((_, i) => formsSimilarity(forms[i]!, wanted) >= 0.8);
  }
  const exact = toc.byTitle.get(foldText(title));
  return exact && similarity(exact.title, title) >= 0.8 ? exact : undefined;
}

function readProject(doc: AnnexDocument, span: ProjectSpan, index: number, toc: TocIndex, profile: Profile, options: ReadOptions, placed: Placed) {
  const claimed = new Set<number>(span.hits.map((h) => h.line));
  const claim = (lines: Iterable<number>) => {
    for (const l of lines) claimed.add(l);
  };
  const idHit = span.hits.find((h) => h.field === 'id');
  const titleHit = span.hits.find((h) => h.field === 'title');
  // Without a number, the table of contents may still say which project this is.
  const byTitle = titleHit && !idHit ? tocEntryByTitle(toc, titleHit.value) : undefined;
  const header = buildHeader(span.hits, byTitle?.id ?? `?${index + 1}`, span.start);
  const findings: Finding[] = headerFindings(header, idHit !== undefined || byTitle !== undefined);

  const partnerTable = readPartners(doc, span.start, span.end, claimed);
  if (partnerTable) claim(partnerTable.lines);
  else {
    findings.push(
      pipelineFinding('partners-missing', 'warning', { kind: 'table', project: header.id }, [span.start]),
    );
  }
  if (partnerTable && partnerTable.missing.length > 0) {
    const missing = partnerTable.missing;
    findings.push(
      pipelineFinding('partners-missing', 'info', { kind: 'columns', project: header.id, missing }, [partnerTable.headerLines[0]!], {
        expected: termIs(...missing.map((m) => `column:${m}` as const)),
      }),
    );
  }
  for (const u of partnerTable?.unreadable ?? []) {
    findings.push(
      pipelineFinding('table-row-unreadable', 'warning', { kind: 'partner-row', reason: u.reason, text: u.text }, [u.line], {
        actual: textIs(u.text),
      }),
    );
  }
  const interventions = readInterventions(doc, span.start, span.end, claimed);
  if (interventions) claim(interventions.lines);
  if (!interventions || interventions.items.length === 0) {
    findings.push(
      pipelineFinding('interventions-missing', 'warning', { kind: 'list', project: header.id }, [span.start]),
    );
  } else if (!interventions.items.some((i) => i.selected)) {
    // Every project states at least one type: a list with no tick is a list whose ticks were not read.
    findings.push(
      pipelineFinding('interventions-missing', 'warning', { kind: 'no-tick', project: header.id }, interventions.lines, {
        expected: termIs('ticked-type'),
      }),
    );
  }
  if (interventions && interventions.items.length > 0 && interventions.items.length < 6) {
    const missing = ['a', 'b', 'c', 'd', 'e', 'f'].filter((c) => !interventions.items.some((i) => i.code === c));
    const listed = interventions.items.map((i) => i.code);
    findings.push(
      pipelineFinding('interventions-missing', 'info', { kind: 'partial', project: header.id, missing, listed }, interventions.lines, {
        expected: textIs('a, b, c, d, e, f'), actual: textIs(listed.join(', ')),
      }),
    );
  }

  const part = readBudgetPart(doc, span.start, span.end, claimed, { maxAmount: profile.maxPlausibleAmount });
  claim(part.lines);
  for (const u of part.unused) {
    findings.push(
      pipelineFinding('table-row-unreadable', 'warning', { kind: 'budget-row-unused', text: u.text }, [u.line], { actual: textIs(u.text) }),
    );
  }
  const partners = partnerTable?.partners ?? [];
  const assignedLine = header.lines.assigned;
  const assigned = assignedLine ? { amount: header.assigned, at: { line: assignedLine } } : null;
  const check = checkBudget(part.budget, profile, { partners, assigned });
  const budgetAnchor = part.rowLines[0] ?? span.start;
  findings.unshift(...findingsToLines([...check.findings, ...part.findings], part.rowLines, budgetAnchor));
  const replan = replanRecord({
    budget: part.budget, profile, awarded: header.assigned, rowLines: part.rowLines, partners, links: check.links, assigned,
    strategy: options.replanStrategy,
    // The checks framed the budget at the header's grant when the header states one.
    ...(assigned ? { frame: check.frame } : {}),
  });
  findings.push(...tocFindings(doc, header, toc.byId.get(header.id), span));

  const sections = readSections(doc, span.start, span.end, claimed);
  const [low] = doc.pagination.boundsOf(span.start);
  const [, high] = doc.pagination.boundsOf(span.end);
  const first = doc.pagination.pageOf(span.start) ?? low;
  const last = doc.pagination.pageOf(span.end) ?? high;
  const pages: [number, number] | null = first !== null || last !== null ? [first ?? last!, last ?? first!] : null;

  const record: ProjectRecord = {
    annexFile: doc.file,
    id: header.id,
    header,
    partners,
    partnerTable: partnerTable
      ? { header: partnerTable.header, line: partnerTable.headerLines[0]!, headerLines: partnerTable.headerLines }
      : null,
    interventions: interventions?.items ?? [],
    budget: part.budget,
    budgetRowLines: part.rowLines,
    cofinancerLinks: check.links.map((l) => ({
      partnerSeq: l.partner?.seq ?? null,
      partnerName: l.partner?.name ?? null,
      score: l.score,
      match: l.match,
    })),
    extraTables: part.extraTables,
    sections: sections.map((s) => ({ heading: s.heading, text: s.text, line: s.line, lines: s.lines })),
    findings: capFindings(findings),
    pages,
    replan,
  };
  // What the project placed: its claimed lines and its sections'.
  placed.mark(claimed);
  for (const s of sections) placed.mark(s.lines);
  return record;
}

/**
 * The lines some record holds, one mark per line of the document: every line of the annex is
 * placed once, and a mark costs less than adding it to a set (only the count of them is asked).
 */
class Placed {
  readonly #marks: Uint8Array;

  constructor(private readonly doc: AnnexDocument) {
    this.#marks = new Uint8Array(doc.lines.length + 1);
  }

  mark(lines: Iterable<number>): void {
    // A line outside the document is no content line: it counts for nothing.
    for (const l of lines) if (l >= 1 && l < this.#marks.length) this.#marks[l] = 1;
  }

  /** How many content lines are marked. */
  contentLines(): number {
    let n = 0;
    for (let l = 1; l < this.#marks.length; l++) if (this.#marks[l] === 1 && this.doc.isContent(l)) n++;
    return n;
  }
}

/**
 * The ranking before the first project against each project's header: the same score and the
 * same grant. A ranking row is the project's by number, else by title, else by lead entity.
 * Findings go to the project they concern (a ranking row no project answers to, to the annex).
 */
function rankingFindings(ranking: readonly RankingEntry[], projects: readonly ProjectRecord[]): Finding[] {
  if (ranking.length === 0) return [];
  const annex: Finding[] = [];
  const matched = new Set<ProjectRecord>();
  // Every entry is compared with every project: each name's forms are worked out once.
  const titles = projects.map((p) => (p.header.title !== '' ? nameForms(p.header.title) : null));
  const leads = projects.map((p) => (p.header.leadEntity !== '' ? nameForms(p.header.leadEntity) : null));
  const close = (a: NameForm[] | null, b: NameForm[], least: number) => a !== null && formsSimilarity(a, b) >= least;
  const byTitle = (e: RankingEntry) => {
    if (!e.title) return undefined;
    const forms = nameForms(e.title);
    return projects.find((p, i) => !matched.has(p) && close(titles[i]!, forms, 0.8));
  };
  const byLead = (e: RankingEntry) => {
    if (!e.leadEntity) return undefined;
    const forms = nameForms(e.leadEntity);
    const same = projects.filter((p, i) => !matched.has(p) && close(leads[i]!, forms, 0.9));
    return same.length === 1 ? same[0] : undefined;
  };
  for (const e of ranking) {
    // A number whose project has another title is a position in the ranking, not the number.
    let byId = e.id !== null ? projects.find((p) => !matched.has(p) && p.id === e.id) : undefined;
    if (byId && e.title !== '' && byId.header.title !== '' && similarity(byId.header.title, e.title) < 0.5 && byTitle(e)) byId = undefined;
    const project = byId ?? byTitle(e) ?? byLead(e);
    if (!project) {
      annex.push(
        pipelineFinding('ranking-mismatch', 'info', { kind: 'unknown-entry', id: e.id || null, name: e.title || e.leadEntity }, [e.line], {
          expected: termIs('in-annex'), actual: textIs(e.id || e.title || e.leadEntity),
        }),
      );
      continue;
    }
    matched.add(project);
    const h = project.header;
    const at = (key: string) => [e.line, h.lines[key] ?? h.line];
    if (e.score !== null && h.score !== null && e.score !== h.score) {
      project.findings.push(
        pipelineFinding('ranking-mismatch', 'warning', { kind: 'score', project: project.id, ranking: String(e.score), header: String(h.score) },
          at('score'), { expected: numberIs(e.score), actual: numberIs(h.score) }),
      );
    }
    if (e.assigned !== null && h.assigned !== null && !money(e.assigned).equals(money(h.assigned))) {
      project.findings.push(
        pipelineFinding('ranking-mismatch', 'warning', { kind: 'assigned', project: project.id, ranking: e.assigned, header: h.assigned },
          at('assigned'), { expected: amountIs(e.assigned), actual: amountIs(h.assigned) }),
      );
    }
  }
  for (const p of projects) {
    if (matched.has(p)) continue;
    p.findings.push(
      pipelineFinding('ranking-mismatch', 'warning', { kind: 'not-ranked', project: p.id }, [p.header.line], {
        expected: termIs('in-ranking'), actual: textIs(p.id),
      }),
    );
  }
  return annex;
}

// Bounds that keep the records (and every output made from them) a small multiple of the input:
// a hostile document must not turn a few bytes into a project or a finding each.
/** Findings of one rule listed per project (and per annex); the rest are counted in one more. */
export const MAX_FINDINGS_PER_RULE = 50;
/** Past this many projects, a document must give each at least MIN_PROJECT_CHARS of text. */
const MANY_PROJECTS = 50;
const MIN_PROJECT_CHARS = 256;

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** The first MAX_FINDINGS_PER_RULE findings of each rule, then one finding that counts the rest. */
function capFindings(findings: readonly Finding[]): Finding[] {
  const kept = new Map<string, number>();
  const dropped = new Map<string, { count: number; first: Finding; severity: Finding['severity'] }>();
  const out: Finding[] = [];
  for (const f of findings) {
    const n = (kept.get(f.rule) ?? 0) + 1;
    kept.set(f.rule, n);
    if (n <= MAX_FINDINGS_PER_RULE) {
      out.push(f);
      continue;
    }
    const d = dropped.get(f.rule);
    if (!d) dropped.set(f.rule, { count: 1, first: f, severity: f.severity });
    else {
      d.count++;
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[d.severity]) d.severity = f.severity;
    }
  }
  for (const [rule, d] of dropped) {
    out.push(
      makeFinding({
        rule: 'findings-capped', severity: d.severity, data: { rule, count: d.count }, at: d.first.at,
        actual: numberIs(d.count),
      }),
    );
  }
  return out;
}

export interface ReadOptions {
  /** How the re-planning proposal cuts a budget down to the awarded grant (default proportional). */
  replanStrategy?: ReplanStrategy;
}

/** A text annex (the synchronous path the tests and the add-on's tools use). */
export function readAnnex(bytes: Uint8Array, file: string, profile: Profile, options: ReadOptions = {}): AnnexRecord {
  return readAnnexDocument(readDocument(bytes, file), profile, options);
}

export function readAnnexDocument(doc: AnnexDocument, profile: Profile, options: ReadOptions = {}): AnnexRecord {
  const file = doc.file;
  const split = splitProjects(doc);
  if (split.projects.length === 0) {
    const firstContent = doc.kinds.findIndex((k) => k === 'content') + 1;
    throw new InputError(file, firstContent || null, {
      en: 'no project found: expected project headers such as "Sub-Allegato 2.1" or "PROGETTO: ..." with "Ente capofila:"',
      it: 'nessun progetto trovato: attese intestazioni di progetto come "Sub-Allegato 2.1" o "PROGETTO: ..." con "Ente capofila:"',
    });
  }
  const chars = doc.lines.reduce((n, l) => n + l.length, 0);
  if (split.projects.length > MANY_PROJECTS && chars < split.projects.length * MIN_PROJECT_CHARS) {
    throw new InputError(file, split.projects[0]!.start, {
      en: `${split.projects.length} project headers in ${chars} characters: a project needs more than its header (partners, interventions, budget); this does not look like an annex, check how it was converted`,
      it: `${split.projects.length} intestazioni di progetto in ${chars} caratteri: un progetto è più della sua intestazione (partner, interventi, piano dei conti); non sembra un allegato, verificare come è stato convertito`,
    });
  }
  const findings: Finding[] = [];
  if (doc.decoded.encoding === 'windows-1252') {
    findings.push(
      pipelineFinding('encoding-guessed', 'warning', { encoding: 'Windows-1252' }, [1], {
        expected: textIs('UTF-8'), actual: textIs('Windows-1252'),
      }),
    );
  }
  if (doc.textless) {
    const first = doc.pageStarts.find((p) => p.page > doc.textless!.pages[0]!)?.line ?? 1;
    findings.push(
      pipelineFinding('pages-without-text', 'warning', doc.textless, [first], {
        expected: termIs('text-on-every-page'), actual: numberIs(doc.textless.pages.length),
      }),
    );
  }
  const placed = new Placed(doc);
  placed.mark(split.tocLines);
  placed.mark(split.rankingLines);
  const firstStart = split.projects[0]!.start;
  const preamble = readSections(doc, 1, firstStart - 1, new Set([...split.tocLines, ...split.rankingLines]));
  for (const s of preamble) placed.mark(s.lines);

  const projects: ProjectRecord[] = [];
  const toc = indexToc(split.toc);
  split.projects.forEach((span, i) => {
    projects.push(readProject(doc, span, i, toc, profile, options, placed));
  });

  const seen = new Map<string, ProjectRecord>();
  for (const p of projects) {
    const before = seen.get(p.id);
    if (before) {
      findings.push(
        pipelineFinding('project-id-duplicate', 'error', { project: p.id }, [before.header.line, p.header.line], {
          expected: termIs('unique-number'), actual: textIs(p.id),
        }),
      );
    } else seen.set(p.id, p);
  }
  for (const entry of split.toc) {
    if (seen.has(entry.id)) continue;
    findings.push(
      pipelineFinding('toc-mismatch', 'warning', { kind: 'not-in-document', project: entry.id, title: entry.title }, [entry.line], {
        expected: termIs('in-document'), actual: textIs(entry.id),
      }),
    );
  }
  if (split.toc.length > 0) {
    for (const p of projects) {
      if (toc.byId.has(p.id)) continue;
      findings.push(
        pipelineFinding('toc-mismatch', 'warning', { kind: 'not-in-toc', project: p.id }, [p.header.line], {
          expected: termIs('in-toc'), actual: textIs(p.id),
        }),
      );
    }
  }

  findings.push(...rankingFindings(split.ranking, projects));

  const contentLines = doc.kinds.filter((k) => k === 'content').length;
  const placedLines = placed.contentLines();
  return {
    annexFile: file,
    projects,
    toc: split.toc,
    preamble: preamble.map((s) => ({ heading: s.heading, text: s.text, line: s.line, lines: s.lines })),
    pageNumbers: [...doc.pagination.numberLines].map(([line, page]) => ({ line, page })),
    format: doc.format,
    ...(doc.pageStarts.length > 0 ? { pageStarts: doc.pageStarts } : {}),
    ...(doc.tableReports.length > 0 ? { tables: doc.tableReports } : {}),
    furniture: { strings: doc.furnitureStrings, lines: doc.kinds.filter((k) => k === 'furniture').length },
    encoding: doc.decoded.encoding,
    findings: capFindings(findings),
    coverage: { contentLines, placedLines, furnitureLines: doc.kinds.filter((k) => k === 'furniture' || k === 'page').length },
  };
}
