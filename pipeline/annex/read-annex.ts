// One annex file in, one AnnexRecord out: split into projects, read each part, run the rules,
// and account for every line (coverage).
import { checkBudget } from '../../shared/check-budget.js';
import type { Finding } from '../../shared/model.js';
import { similarity } from '../../shared/partner-match.js';
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
import { formatEuro, money } from '../../shared/money.js';
import type { ReplanStrategy } from '../../shared/replan/index.js';

const HEADER_FIELDS: { key: keyof Header; it: string; en: string; severity: 'warning' | 'info' }[] = [
  { key: 'title', it: 'il titolo (PROGETTO:)', en: 'the title (PROGETTO:)', severity: 'warning' },
  { key: 'leadEntity', it: "l'ente capofila", en: 'the lead entity', severity: 'warning' },
  { key: 'alliance', it: "l'alleanza locale", en: 'the local alliance', severity: 'warning' },
  { key: 'referent', it: 'il referente di progetto', en: 'the project referent', severity: 'warning' },
  { key: 'referentEmail', it: "l'email del referente", en: "the referent's email", severity: 'info' },
  { key: 'referentPhone', it: 'il telefono del referente', en: "the referent's phone", severity: 'info' },
  { key: 'score', it: 'il punteggio (Punti)', en: 'the score (Punti)', severity: 'warning' },
  { key: 'assigned', it: 'il contributo assegnato', en: 'the assigned grant', severity: 'warning' },
];

function headerFindings(header: Header, idFound: boolean): Finding[] {
  const out: Finding[] = [];
  if (!idFound) {
    out.push(
      pipelineFinding(
        'header-field-missing', 'warning',
        `Il progetto non indica il proprio numero (Sub-Allegato): usato "${header.id}".`,
        `The project does not state its number (Sub-Allegato): "${header.id}" used instead.`,
        [header.line], { expected: 'Sub-Allegato n.n', actual: null },
      ),
    );
  }
  for (const f of HEADER_FIELDS) {
    const v = header[f.key];
    if (v !== null && v !== '') continue;
    out.push(
      pipelineFinding(
        'header-field-missing', f.severity,
        `Nell'intestazione del progetto ${header.id} manca ${f.it}.`,
        `The header of project ${header.id} lacks ${f.en}.`,
        [header.line], { expected: f.en, actual: null },
      ),
    );
  }
  return out;
}

function tocFindings(doc: AnnexDocument, header: Header, entry: TocEntry | undefined, span: ProjectSpan): Finding[] {
  if (!entry) return [];
  const out: Finding[] = [];
  const compare = (what: { it: string; en: string }, listed: string, stated: string) => {
    if (listed === '' || stated === '' || foldText(listed) === foldText(stated)) return;
    const close = similarity(listed, stated) >= 0.6;
    out.push(
      pipelineFinding(
        'toc-mismatch', close ? 'info' : 'warning',
        `Progetto ${header.id}: ${what.it} nell'indice ("${listed}") differisce dall'intestazione ("${stated}").`,
        `Project ${header.id}: ${what.en} in the table of contents ("${listed}") differs from the header ("${stated}").`,
        [entry.line, header.lines[what.en === 'the title' ? 'title' : 'leadEntity'] ?? header.line],
        { expected: listed, actual: stated },
      ),
    );
  };
  compare({ it: 'il titolo', en: 'the title' }, entry.title, header.title);
  compare({ it: "l'ente capofila", en: 'the lead entity' }, entry.leadEntity, header.leadEntity);
  if (entry.page !== null) {
    const numbering = doc.pagination.printed ?? doc.pagination;
    const exact = numbering.pageOf(span.start);
    const [low, high] = numbering.boundsOf(span.start);
    const wrong = exact !== null ? exact !== entry.page : (low !== null && entry.page < low) || (high !== null && entry.page > high);
    if (wrong) {
      const actual = exact !== null ? String(exact) : `${low ?? '?'}-${high ?? '?'}`;
      out.push(
        pipelineFinding(
          'toc-mismatch', 'warning',
          `Progetto ${header.id}: l'indice lo colloca a pagina ${entry.page}, ma inizia a pagina ${actual}.`,
          `Project ${header.id}: the table of contents puts it on page ${entry.page}, but it starts on page ${actual}.`,
          [entry.line, span.start], { expected: String(entry.page), actual },
        ),
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
  if (toc.entries.length <= FUZZY_TOC_ENTRIES) return toc.entries.find((t) => similarity(t.title, title) >= 0.8);
  const exact = toc.byTitle.get(foldText(title));
  return exact && similarity(exact.title, title) >= 0.8 ? exact : undefined;
}

function readProject(doc: AnnexDocument, span: ProjectSpan, index: number, toc: TocIndex, profile: Profile, options: ReadOptions) {
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
      pipelineFinding('partners-missing', 'warning',
        `Progetto ${header.id}: nessuna tabella dei partner trovata.`,
        `Project ${header.id}: no partner table found.`, [span.start]),
    );
  }
  if (partnerTable && partnerTable.missing.length > 0) {
    const it = { type: 'la tipologia', referent: 'il referente e i contatti' };
    const en = { type: 'the type', referent: 'the referent and contacts' };
    findings.push(
      pipelineFinding('partners-missing', 'info',
        `Progetto ${header.id}: la tabella dei partner non ha una colonna per ${partnerTable.missing.map((m) => it[m]).join(' né per ')} dei partner.`,
        `Project ${header.id}: the partner table has no column for ${partnerTable.missing.map((m) => en[m]).join(' or ')} of the partners.`,
        [partnerTable.headerLines[0]!], { expected: partnerTable.missing.join(','), actual: null }),
    );
  }
  for (const u of partnerTable?.unreadable ?? []) {
    findings.push(
      pipelineFinding('table-row-unreadable', 'warning',
        `Riga della tabella partner non leggibile (${u.reason}): "${u.text}".`,
        `Unreadable partner table row (${u.reason}): "${u.text}".`, [u.line], { actual: u.text }),
    );
  }
  const interventions = readInterventions(doc, span.start, span.end, claimed);
  if (interventions) claim(interventions.lines);
  if (!interventions || interventions.items.length === 0) {
    findings.push(
      pipelineFinding('interventions-missing', 'warning',
        `Progetto ${header.id}: elenco delle tipologie di intervento (a-f) non trovato.`,
        `Project ${header.id}: list of intervention types (a-f) not found.`, [span.start]),
    );
  } else if (!interventions.items.some((i) => i.selected)) {
    // Every project states at least one type: a list with no tick is a list whose ticks were not read.
    findings.push(
      pipelineFinding('interventions-missing', 'warning',
        `Progetto ${header.id}: nessuna tipologia di intervento risulta selezionata (segni di spunta non letti?).`,
        `Project ${header.id}: no intervention type is ticked (ticks not read?).`,
        interventions.lines, { expected: 'a-f', actual: null }),
    );
  }
  if (interventions && interventions.items.length > 0 && interventions.items.length < 6) {
    const missing = ['a', 'b', 'c', 'd', 'e', 'f'].filter((c) => !interventions.items.some((i) => i.code === c));
    findings.push(
      pipelineFinding('interventions-missing', 'info',
        `Progetto ${header.id}: l'elenco delle tipologie di intervento non riporta ${missing.join(', ')}.`,
        `Project ${header.id}: the list of intervention types lacks ${missing.join(', ')}.`,
        interventions.lines, { expected: 'a-f', actual: interventions.items.map((i) => i.code).join(',') }),
    );
  }

  const part = readBudgetPart(doc, span.start, span.end, claimed, { maxAmount: profile.maxPlausibleAmount });
  claim(part.lines);
  for (const u of part.unused) {
    findings.push(
      pipelineFinding('table-row-unreadable', 'warning',
        `Riga del piano dei conti non utilizzata: "${u.text}".`,
        `Budget row not used: "${u.text}".`, [u.line], { actual: u.text }),
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
  const placed = new Set<number>(claimed);
  for (const s of sections) for (const l of s.lines) placed.add(l);
  return { record, placed };
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
  const byTitle = (e: RankingEntry) => (e.title ? projects.find((p) => !matched.has(p) && p.header.title !== '' && similarity(p.header.title, e.title) >= 0.8) : undefined);
  const byLead = (e: RankingEntry) => {
    if (!e.leadEntity) return undefined;
    const same = projects.filter((p) => !matched.has(p) && p.header.leadEntity !== '' && similarity(p.header.leadEntity, e.leadEntity) >= 0.9);
    return same.length === 1 ? same[0] : undefined;
  };
  for (const e of ranking) {
    // A number whose project has another title is a position in the ranking, not the number.
    let byId = e.id !== null ? projects.find((p) => !matched.has(p) && p.id === e.id) : undefined;
    if (byId && e.title !== '' && byId.header.title !== '' && similarity(byId.header.title, e.title) < 0.5 && byTitle(e)) byId = undefined;
    const project = byId ?? byTitle(e) ?? byLead(e);
    if (!project) {
      annex.push(
        pipelineFinding('ranking-mismatch', 'info',
          `La graduatoria elenca ${e.id ? `il progetto ${e.id}` : `"${e.title || e.leadEntity}"`}, che non è tra i progetti dell'allegato.`,
          `The ranking lists ${e.id ? `project ${e.id}` : `"${e.title || e.leadEntity}"`}, which is not among the annex's projects.`,
          [e.line], { expected: e.id ?? (e.title || e.leadEntity), actual: null }),
      );
      continue;
    }
    matched.add(project);
    const h = project.header;
    const at = (key: string) => [e.line, h.lines[key] ?? h.line];
    if (e.score !== null && h.score !== null && e.score !== h.score) {
      project.findings.push(
        pipelineFinding('ranking-mismatch', 'warning',
          `Progetto ${project.id}: la graduatoria gli attribuisce ${e.score} punti, l'intestazione ${h.score}.`,
          `Project ${project.id}: the ranking gives it ${e.score} points, its header ${h.score}.`,
          at('score'), { expected: String(e.score), actual: String(h.score) }),
      );
    }
    if (e.assigned !== null && h.assigned !== null && !money(e.assigned).equals(money(h.assigned))) {
      project.findings.push(
        pipelineFinding('ranking-mismatch', 'warning',
          `Progetto ${project.id}: la graduatoria gli assegna ${formatEuro(money(e.assigned))}, l'intestazione ${formatEuro(money(h.assigned))}.`,
          `Project ${project.id}: the ranking awards it ${formatEuro(money(e.assigned), { lang: 'en' })}, its header ${formatEuro(money(h.assigned), { lang: 'en' })}.`,
          at('assigned'), { expected: e.assigned, actual: h.assigned }),
      );
    }
  }
  for (const p of projects) {
    if (matched.has(p)) continue;
    p.findings.push(
      pipelineFinding('ranking-mismatch', 'warning',
        `Il progetto ${p.id} non compare nella graduatoria.`, `Project ${p.id} is not in the ranking.`,
        [p.header.line], { expected: null, actual: p.id }),
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
export function capFindings(findings: readonly Finding[]): Finding[] {
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
    out.push({
      rule,
      severity: d.severity,
      message: {
        it: `Altri ${d.count} rilievi "${rule}" come i precedenti, non elencati; il primo è alla riga indicata.`,
        en: `${d.count} more "${rule}" findings like the ones above, not listed; the first of them is at the line given.`,
      },
      expected: null,
      actual: String(d.count),
      at: d.first.at,
    });
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
    throw new InputError(file, firstContent || null,
      'no project found: expected project headers such as "Sub-Allegato 2.1" or "PROGETTO: ..." with "Ente capofila:"');
  }
  const chars = doc.lines.reduce((n, l) => n + l.length, 0);
  if (split.projects.length > MANY_PROJECTS && chars < split.projects.length * MIN_PROJECT_CHARS) {
    throw new InputError(file, split.projects[0]!.start,
      `${split.projects.length} project headers in ${chars} characters: a project needs more than its header (partners, interventions, budget); this does not look like an annex, check how it was converted`);
  }
  const findings: Finding[] = [];
  if (doc.decoded.encoding === 'windows-1252') {
    findings.push(
      pipelineFinding('encoding-guessed', 'warning',
        'Il file non è UTF-8: letto come Windows-1252; verificare le lettere accentate.',
        'The file is not UTF-8: read as Windows-1252; check accented letters.', [1]),
    );
  }
  const placed = new Set<number>([...split.tocLines, ...split.rankingLines]);
  const firstStart = split.projects[0]!.start;
  const preamble = readSections(doc, 1, firstStart - 1, new Set([...split.tocLines, ...split.rankingLines]));
  for (const s of preamble) for (const l of s.lines) placed.add(l);

  const projects: ProjectRecord[] = [];
  const toc = indexToc(split.toc);
  split.projects.forEach((span, i) => {
    const { record, placed: p } = readProject(doc, span, i, toc, profile, options);
    for (const l of p) placed.add(l);
    projects.push(record);
  });

  const seen = new Map<string, ProjectRecord>();
  for (const p of projects) {
    const before = seen.get(p.id);
    if (before) {
      findings.push(
        pipelineFinding('project-id-duplicate', 'error',
          `Il numero di progetto ${p.id} compare due volte.`, `Project number ${p.id} appears twice.`,
          [before.header.line, p.header.line]),
      );
    } else seen.set(p.id, p);
  }
  for (const entry of split.toc) {
    if (seen.has(entry.id)) continue;
    findings.push(
      pipelineFinding('toc-mismatch', 'warning',
        `Il progetto ${entry.id} ("${entry.title}") è nell'indice ma non nel documento.`,
        `Project ${entry.id} ("${entry.title}") is in the table of contents but not in the document.`,
        [entry.line], { expected: entry.id, actual: null }),
    );
  }
  if (split.toc.length > 0) {
    for (const p of projects) {
      if (toc.byId.has(p.id)) continue;
      findings.push(
        pipelineFinding('toc-mismatch', 'warning',
          `Il progetto ${p.id} non compare nell'indice.`, `Project ${p.id} is not in the table of contents.`,
          [p.header.line], { expected: null, actual: p.id }),
      );
    }
  }

  findings.push(...rankingFindings(split.ranking, projects));

  const contentLines = doc.kinds.filter((k) => k === 'content').length;
  let placedLines = 0;
  for (const l of placed) if (doc.isContent(l)) placedLines++;
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
