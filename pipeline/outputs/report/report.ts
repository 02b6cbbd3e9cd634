// report.html: one self-contained page for reviewers. An overview of every project of every
// annex (a sortable table and a chart of the cofinancing and coordination shares against the
// call's limits), then one section per project: figures, shares against the limits, the budget
// declared and re-planned, cofinancers and the partners they are, intervention types, and every
// finding with the annex lines it rests on, quoted. Same input, same bytes: nothing in the page
// depends on the time or the machine.
import { firstAtOrAfter } from '../../annex/bisect.js';
import { COST_CODES, type BudgetLine, type Finding, type LineCode } from '../../../shared/model.js';
import { formatEuro, money, ZERO, type Money } from '../../../shared/money.js';
import type { Profile } from '../../../shared/profile.js';
import { renderFinding } from '../../../shared/findings/render.js';
import type { AnnexJson, AnnexRecord, ProjectRecord } from '../../records.js';
import type { Lang } from '../../run.js';
import { pageOfLine } from '../rows.js';
import { CSP, SCRIPT, STYLE } from './assets.js';
import {
  FILLS, fillOf, gaugeChart, patternDefs, SCATTER_END, scatterBody, ScatterBounds, scatterHead, scatterMark, stackedBars, swatch,
  type Bar, type Fill, type GaugeGroup, type ScatterPoint, type ScatterScale, type Segment,
} from './charts.js';
import { figuresOf, formatPct, formatThreshold, type ProjectFigures, type Share } from './figures.js';
import { html, join, quoteCells, trusted, type Html, type Value } from './html.js';
import { stringsFor, type ReportStrings } from './i18n.js';
import type { AnnexQuotes, Quotes } from './quotes.js';

export interface ReportOptions {
  lang: Lang;
  profile: Profile;
  /** The annex lines findings rest on, per annex file; without them findings name their lines only. */
  quotes?: Quotes;
}

interface Item {
  annex: AnnexRecord;
  annexIndex: number;
  project: ProjectRecord;
  anchor: string;
  figures: ProjectFigures;
}

interface Ctx {
  t: ReportStrings;
  lang: Lang;
  profile: Profile;
  cofinMin: number;
  coordMax: number;
  many: boolean;
}

const euro = (m: Money | null, ctx: Ctx, symbol = true): string => (m === null ? ctx.t.notAvailable : formatEuro(m, { lang: ctx.lang, symbol }));
const amountOf = (s: string | null | undefined): Money | null => (s === null || s === undefined ? null : money(s));

function pctText(s: Share | null, ctx: Ctx): string {
  return s === null ? ctx.t.notAvailable : `${formatPct(s.pct, ctx.lang)}%`;
}

/** Out of the limit, judged on the exact share as the rules judge it. */
function outside(s: Share | null, measure: 'cofinancing' | 'coordination', ctx: Ctx): boolean {
  if (s === null) return false;
  return measure === 'cofinancing' ? s.exact < ctx.cofinMin : s.exact > ctx.coordMax;
}

// ---- Where a line is -------------------------------------------------------------------------

/** The page of a line, or the pages it may be on when the annex's printed numbers leave a doubt. */
function pagesOfLine(annex: AnnexRecord, line: number): [number, number] | null {
  const exact = pageOfLine(annex, line);
  if (exact !== null) return [exact, exact];
  if ((annex.pageStarts ?? []).length > 0) return null;
  const numbers = annex.pageNumbers ?? [];
  const i = firstAtOrAfter(numbers, line);
  const next = numbers[i];
  const before = numbers[i - 1];
  if (!next || !before || next.page <= before.page) return null;
  return [before.page + 1, next.page];
}

function where(annex: AnnexRecord, line: number, ctx: Ctx): string {
  const pages = pagesOfLine(annex, line);
  const page = pages === null ? '' : pages[0] === pages[1] ? `${ctx.t.page} ${pages[0]}, ` : `${ctx.t.pagesAbbr} ${pages[0]}–${pages[1]}, `;
  return `${page}${ctx.t.line} ${line}`;
}

// ---- Overview -------------------------------------------------------------------------------

function numCell(value: string | null, shown: Value, cls = 'num'): Html {
  return html`<td class="${cls}" data-v="${value ?? ''}">${shown}</td>`;
}

function pctCell(s: Share | null, measure: 'cofinancing' | 'coordination', ctx: Ctx): Html {
  const over = outside(s, measure, ctx);
  return html`<td class="num${over ? ' over' : ''}" data-v="${s === null ? '' : s.key}">${s === null ? ctx.t.notAvailable : formatPct(s.pct, ctx.lang)}</td>`;
}

function overviewHeads(ctx: Ctx): [string, 'num' | 'text'][] {
  const { t } = ctx;
  return [
    ...(ctx.many ? [[t.annexFile, 'text'] as [string, 'text']] : []),
    [t.number, 'text'], [t.projectTitle, 'text'], [t.lead, 'text'], [t.score, 'num'],
    [`${t.requested} (€)`, 'num'], [`${t.assigned} (€)`, 'num'], [`${t.total} (€)`, 'num'],
    [t.cofinPctRequest, 'num'], [t.cofinPctAward, 'num'], [t.coordPctRequest, 'num'], [t.coordPctAward, 'num'],
    [t.errors, 'num'], [t.warnings, 'num'],
  ];
}

/** A project's row of the overview table. */
function overviewRow({ annex, project: p, anchor, figures: f }: Item, ctx: Ctx): Html {
  const { t } = ctx;
  return html`<tr data-project="${p.id}">${
    ctx.many ? html`<td>${annex.annexFile}</td>` : ''
  }<td class="id" data-v="${p.id}"><a href="#${anchor}">${p.id}</a></td><td class="wide"><a href="#${anchor}">${p.header.title}</a></td><td class="mid">${p.header.leadEntity}</td>${
    numCell(p.header.score === null ? null : String(p.header.score), p.header.score === null ? t.notAvailable : String(p.header.score))
  }${numCell(f.requested?.toFixed(2) ?? null, euro(f.requested, ctx, false))}${numCell(f.assigned?.toFixed(2) ?? null, euro(f.assigned, ctx, false))}${
    numCell(f.total?.toFixed(2) ?? null, euro(f.total, ctx, false))
  }${pctCell(f.cofinRequest, 'cofinancing', ctx)}${pctCell(f.cofinAward, 'cofinancing', ctx)}${pctCell(f.coordRequest, 'coordination', ctx)}${pctCell(f.coordAward, 'coordination', ctx)}${
    numCell(String(f.counts.error), String(f.counts.error))
  }${numCell(String(f.counts.warning), String(f.counts.warning))}</tr>`;
}

/** An annex's totals row (its projects' sums) at the foot of the overview table. */
function annexTotals(annex: AnnexRecord, items: readonly Item[], ctx: Ctx): Html {
  const { t } = ctx;
  const sum = (pick: (f: ProjectFigures) => Money | null) => items.reduce((s, i) => s.plus(pick(i.figures) ?? ZERO), ZERO);
  const count = (k: 'error' | 'warning') => items.reduce((s, i) => s + i.figures.counts[k], 0);
  const span = ctx.many ? 5 : 4;
  return html`<tr><td colspan="${span}">${t.totalsOf(annex.annexFile)} (${items.length})</td><td class="num">${euro(sum((f) => f.requested), ctx, false)}</td><td class="num">${
    euro(sum((f) => f.assigned), ctx, false)
  }</td><td class="num">${euro(sum((f) => f.total), ctx, false)}</td><td colspan="4"></td><td class="num">${count('error')}</td><td class="num">${count('warning')}</td></tr>`;
}

/** A project's two points of the overview chart (at the request and at the award). */
function overviewPoint({ project: p, anchor, figures: f }: Item, ctx: Ctx): ScatterPoint {
  const { t } = ctx;
  const coordMissing = f.coordination === null;
  const at = (cofin: Share | null, coord: Share | null, when: string) =>
    cofin === null || (coord === null && !coordMissing)
      ? null
      : { x: cofin.exact, y: coord?.exact ?? 0, text: `${p.id} ${when}: ${t.cofinancing} ${pctText(cofin, ctx)}, ${t.coordination} ${coord === null ? t.notAvailable : pctText(coord, ctx)}` };
  return { project: p.id, anchor, request: at(f.cofinRequest, f.coordRequest, t.atRequest), award: at(f.cofinAward, f.coordAward, t.atAward), starred: coordMissing };
}

/** A project's words in the chart's description. */
function overviewDescription({ project: p, figures: f }: Item, ctx: Ctx): string {
  const { t } = ctx;
  return `${p.id}: ${t.atRequest} ${pctText(f.cofinRequest, ctx)} / ${pctText(f.coordRequest, ctx)}; ${t.atAward} ${pctText(f.cofinAward, ctx)} / ${pctText(f.coordAward, ctx)}.`;
}

/** The overview up to its table's rows. */
function overviewOpening(ctx: Ctx): Html {
  const { t } = ctx;
  return html`<section id="overview" aria-labelledby="overview-h"><h2 id="overview-h">${t.overview}</h2><p class="hint note">${t.sortHint}</p><div class="scroll"><table class="sortable" id="overview-table"><thead><tr>${
    overviewHeads(ctx).map(([label, type]) => html`<th scope="col" data-type="${type}"${type === 'num' ? trusted(' class="num"') : ''}>${label}</th>`)
  }</tr></thead><tbody>`;
}

/** The overview's figure up to its chart's description, after the annexes' totals. */
function overviewFigureHead(ctx: Ctx): Html {
  const { t } = ctx;
  // The description is the chart's text and then each project's words, one space apart.
  return html`</tfoot></table></div><figure>${scatterHead('overview-chart', t.scatterTitle)}${`${t.scatterDesc} `}`;
}

/** The overview after its chart's description: the chart's marks, one project at a time, and its legend. */
function* overviewFigureTail(points: Iterable<ScatterPoint>, scale: ScatterScale, starred: boolean, ctx: Ctx): Generator<string> {
  const { t } = ctx;
  const cofin = formatThreshold(ctx.profile.cofinancingMinPct, ctx.lang);
  const coord = formatThreshold(ctx.profile.coordinationMaxPct, ctx.lang);
  const labels = { xLabel: t.scatterX, yLabel: t.scatterY, minLine: t.minLine(cofin), maxLine: t.maxLine(coord) };
  yield scatterBody(labels, scale, { cofin: ctx.cofinMin, coord: ctx.coordMax }, ctx.lang).value;
  for (const p of points) yield scatterMark(p, scale).value;
  const legend = html`<ul class="legend"><li><svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false"><circle cx="7" cy="7" r="5" fill="#0072B2" stroke="#000"/></svg>${t.scatterLegendRequest}</li><li><svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false"><rect x="2.5" y="2.5" width="9" height="9" fill="#fff" stroke="#000" stroke-width="1.8"/></svg>${t.scatterLegendAward}</li><li>${swatch(FILLS.out)}${t.scatterZone}</li>${
    starred ? html`<li>* ${t.coordination}: ${t.notAvailable}</li>` : ''
  }</ul>`;
  yield html`${trusted(SCATTER_END)}${legend}<figcaption>${t.scatterTitle}. ${t.scatterDesc}</figcaption></figure></section>\n`.value;
}

// A chart point as a line of text, for the points set aside until the chart's scale is known.
// Numbers go as String() gives them (exact both ways, -0, NaN and infinities included).
type PointLine = [string, string, boolean, ...([string, string, string] | null)[]];

const numberText = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

function pointLine(p: ScatterPoint): string {
  const at = (a: ScatterPoint['request']) => (a === null ? null : [numberText(a.x), numberText(a.y), a.text]);
  return JSON.stringify([p.project, p.anchor, p.starred, at(p.request), at(p.award)]);
}

function pointOf(line: string): ScatterPoint {
  const [project, anchor, starred, request, award] = JSON.parse(line) as PointLine;
  const at = (a: [string, string, string] | null | undefined) => (a == null ? null : { x: Number(a[0]), y: Number(a[1]), text: a[2] });
  return { project, anchor, starred, request: at(request), award: at(award) };
}

function* pointsOf(lines: Iterable<string>): Generator<ScatterPoint> {
  for (const line of lines) yield pointOf(line);
}

// ---- A project's budget ---------------------------------------------------------------------

function line(p: ProjectRecord, code: LineCode): BudgetLine | undefined {
  return p.budget.lines.find((l) => l.code === code);
}

/** The cost segments of a budget: A without its coordination part, A's coordination part, B-E. */
function costSegments(amount: (code: LineCode) => Money | null, ctx: Ctx): Segment[] {
  const a = amount('A');
  const coord = amount('A_coord');
  const values: [string, Money | null][] = [
    ['A', a !== null && coord !== null ? a.minus(coord) : a],
    ['A_coord', coord],
    ...COST_CODES.slice(1).map((c) => [c, amount(c)] as [string, Money | null]),
  ];
  return values
    .filter((v): v is [string, Money] => v[1] !== null && v[1].greaterThan(0))
    .map(([key, v]) => ({ key, short: key === 'A_coord' ? 'coord.' : key, name: ctx.t.lineNames[key] ?? key, value: v.toNumber(), fill: fillOf(key), shown: euro(v, ctx) }));
}

function sumOf(segments: Segment[]): number {
  return segments.reduce((s, x) => s + x.value, 0);
}

/** Under each cost segment, its funded and cofinanced parts where the annex splits the line. */
function splitSegments(p: ProjectRecord, segments: Segment[], ctx: Ctx): Segment[] | null {
  const costs = COST_CODES.map((c) => line(p, c)).filter((l): l is BudgetLine => l !== undefined);
  if (!costs.some((l) => l.funded !== null || l.cofinanced !== null)) return null;
  const parts = (code: LineCode): { funded: Money | null; cofinanced: Money | null } => {
    const l = line(p, code);
    return { funded: amountOf(l?.funded), cofinanced: amountOf(l?.cofinanced) };
  };
  const unsplit: Fill = { id: 'rp-none', colour: '#fff', mark: 'none' };
  const out: Segment[] = [];
  for (const s of segments) {
    let { funded, cofinanced } = parts(s.key as LineCode);
    if (s.key === 'A') {
      const c = parts('A_coord');
      funded = funded !== null && c.funded !== null ? funded.minus(c.funded) : c.funded === null ? funded : null;
      cofinanced = cofinanced !== null && c.cofinanced !== null ? cofinanced.minus(c.cofinanced) : c.cofinanced === null ? cofinanced : null;
    }
    const f = funded !== null && funded.greaterThan(0) ? funded.toNumber() : 0;
    const c = cofinanced !== null && cofinanced.greaterThan(0) ? cofinanced.toNumber() : 0;
    const rest = Math.max(0, s.value - f - c);
    if (f > 0) out.push({ key: `${s.key}-funded`, short: '', name: `${s.name}, ${ctx.t.fundedPart}`, value: f, fill: FILLS.funded, shown: euro(funded, ctx) });
    if (c > 0) out.push({ key: `${s.key}-cofinanced`, short: '', name: `${s.name}, ${ctx.t.cofinancedPart}`, value: c, fill: FILLS.cofinanced, shown: euro(cofinanced, ctx) });
    if (rest > 0.004) out.push({ key: `${s.key}-unsplit`, short: '', name: `${s.name}: ${ctx.t.notAvailable}`, value: rest, fill: unsplit, shown: euro(money(rest.toFixed(2)), ctx) });
  }
  return out;
}

function fundingSegments(grant: Money | null, cofinancing: Money | null, ctx: Ctx): Segment[] {
  const out: Segment[] = [];
  if (grant !== null && grant.greaterThan(0)) out.push({ key: 'funded', short: '', name: ctx.t.fundedPart, value: grant.toNumber(), fill: FILLS.funded, shown: euro(grant, ctx) });
  if (cofinancing !== null && cofinancing.greaterThan(0)) out.push({ key: 'cofinanced', short: '', name: ctx.t.cofinancedPart, value: cofinancing.toNumber(), fill: FILLS.cofinanced, shown: euro(cofinancing, ctx) });
  return out;
}

function budgetChart(item: Item, ctx: Ctx): Html {
  const { t } = ctx;
  const p = item.project;
  const f = item.figures;
  const declared = costSegments((c) => amountOf(line(p, c)?.amount), ctx);
  const r = p.replan;
  const replanned = r && r.status === 'needed' && r.ok ? costSegments((c) => amountOf(r.lines.find((l) => l.code === c)?.proposed), ctx) : null;
  const split = splitSegments(p, declared, ctx);
  const declaredFunding = split ?? fundingSegments(f.requested, f.cofinancing, ctx);
  const replanFunding = replanned ? fundingSegments(amountOf(r!.awarded), amountOf(r!.cofinancing), ctx) : null;
  const totalNumber = f.total?.toNumber() ?? null;
  const scale = Math.max(
    sumOf(declared), totalNumber ?? 0, sumOf(declaredFunding), replanned ? sumOf(replanned) : 0, replanFunding ? sumOf(replanFunding) : 0, f.newTotal?.toNumber() ?? 0,
  );
  const sumDeclared = sumOf(declared);
  const bars: Bar[] = [
    {
      label: t.declared, segments: declared, end: euro(f.total, ctx), height: 30,
      ...(totalNumber !== null && Math.abs(totalNumber - sumDeclared) >= 0.005 ? { marker: { at: totalNumber, label: t.totalMark } } : {}),
    },
    { label: t.funding, segments: declaredFunding, end: '', height: 12 },
  ];
  if (replanned) {
    bars.push({ label: t.replanned, segments: replanned, end: euro(amountOf(r!.newTotal), ctx), height: 30 });
    bars.push({ label: t.funding, segments: replanFunding!, end: '', height: 12 });
  }
  const describe = (name: string, segs: Segment[], end: string) => `${name}: ${segs.map((s) => `${s.name} ${s.shown}`).join('; ')}${end ? ` (${t.total} ${end})` : ''}.`;
  const desc = [
    describe(t.declared, declared, euro(f.total, ctx)),
    describe(t.funding, declaredFunding, ''),
    ...(replanned ? [describe(t.replanned, replanned, euro(amountOf(r!.newTotal), ctx)), describe(t.funding, replanFunding!, '')] : []),
  ].join(' ');
  const chart = stackedBars(`${item.anchor}-budget`, t.budgetChartTitle, desc, bars, scale);
  const keys = new Set([...declared, ...(replanned ?? [])].map((s) => s.key));
  const legend = html`<ul class="legend">${
    Object.keys(t.lineNames).filter((k) => keys.has(k)).map((k) => html`<li>${swatch(fillOf(k))}${t.lineNames[k]}</li>`)
  }<li>${swatch(FILLS.funded)}${t.fundedPart}</li><li>${swatch(FILLS.cofinanced)}${t.cofinancedPart}</li></ul>`;
  return html`<figure>${chart}${legend}<figcaption>${t.budgetChartTitle}. ${desc}</figcaption></figure>`;
}

function budgetTable(item: Item, ctx: Ctx): Html {
  const { t } = ctx;
  const p = item.project;
  const r = p.replan;
  const showReplan = !!r && r.status === 'needed' && r.ok;
  const showSplit = p.budget.lines.some((l) => l.funded !== null || l.cofinanced !== null);
  const rows = p.budget.lines.map((l) => {
    const proposed = showReplan ? r!.lines.find((x) => x.code === l.code) : undefined;
    const amount = l.amount !== null ? euro(money(l.amount), ctx, false) : l.raw === '' ? '' : l.raw;
    return html`<tr><td class="id">${l.code.replace('_', ' ')}</td><td>${l.label}</td><td class="num">${amount}</td>${
      showSplit ? html`<td class="num">${l.funded === null ? '' : euro(money(l.funded), ctx, false)}</td><td class="num">${l.cofinanced === null ? '' : euro(money(l.cofinanced), ctx, false)}</td>` : ''
    }${
      showReplan ? html`<td class="num">${proposed?.proposed ? euro(money(proposed.proposed), ctx, false) : ''}</td><td class="num">${proposed?.delta ? euro(money(proposed.delta), ctx, false) : ''}</td>` : ''
    }</tr>`;
  });
  const head = html`<tr><th scope="col">${t.code}</th><th scope="col">${t.label}</th><th scope="col" class="num">${t.amount} (€)</th>${
    showSplit ? html`<th scope="col" class="num">${t.funded} (€)</th><th scope="col" class="num">${t.cofinanced} (€)</th>` : ''
  }${showReplan ? html`<th scope="col" class="num">${t.proposed} (€)</th><th scope="col" class="num">${t.delta} (€)</th>` : ''}</tr>`;
  return html`<table class="budget"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

function replanNote(p: ProjectRecord, ctx: Ctx): Html {
  const { t } = ctx;
  const r = p.replan;
  if (!r) return html``;
  if (r.status !== 'needed') return html`<p class="note">${t.replanStatus[r.status] ?? r.status}${r.reasons.map((x) => ` ${x[ctx.lang]}`)}</p>`;
  if (!r.ok) return html`<p class="note">${t.replanStatus.impossible}</p><ul>${r.reasons.map((x) => html`<li>${x[ctx.lang]}</li>`)}</ul>`;
  return html`<p class="note">${t.replanStatus.needed} (${t.strategy}: ${r.strategy === null ? '' : t.strategies[r.strategy] ?? r.strategy}); ${t.newTotal}: ${euro(amountOf(r.newTotal), ctx)}.</p>${
    r.notes.length > 0 ? html`<ul class="note">${r.notes.map((x) => html`<li>${x[ctx.lang]}</li>`)}</ul>` : ''
  }`;
}

// ---- Shares against the limits --------------------------------------------------------------

function thresholdsChart(item: Item, ctx: Ctx): Html {
  const { t } = ctx;
  const f = item.figures;
  const shown = (s: Share | null, measure: 'cofinancing' | 'coordination') =>
    `${pctText(s, ctx)}${outside(s, measure, ctx) ? ` — ${measure === 'cofinancing' ? t.belowMin : t.aboveMax}` : ''}`;
  const gauge = (measure: 'cofinancing' | 'coordination', when: 'request' | 'award', s: Share | null) => ({
    measure, when, label: `${measure === 'cofinancing' ? t.cofinancing : t.coordination} ${when === 'request' ? t.atRequest : t.atAward}`,
    pct: s?.pct ?? null, exact: s?.exact ?? null, shown: shown(s, measure), fill: when === 'request' ? FILLS.funded : FILLS.cofinanced,
  });
  const cofin = formatThreshold(ctx.profile.cofinancingMinPct, ctx.lang);
  const coord = formatThreshold(ctx.profile.coordinationMaxPct, ctx.lang);
  const groups: GaugeGroup[] = [
    { measure: 'cofinancing', title: `${t.cofinancing} (${t.min} ${cofin}%)`, threshold: ctx.cofinMin, thresholdLabel: `${cofin}%`, gauges: [gauge('cofinancing', 'request', f.cofinRequest), gauge('cofinancing', 'award', f.cofinAward)] },
    { measure: 'coordination', title: `${t.coordination} (${t.max} ${coord}%)`, threshold: ctx.coordMax, thresholdLabel: `${coord}%`, gauges: [gauge('coordination', 'request', f.coordRequest), gauge('coordination', 'award', f.coordAward)] },
  ];
  const desc = groups.map((g) => `${g.title}: ${g.gauges.map((x) => `${x.label} ${x.shown}`).join('; ')}.`).join(' ');
  return html`<figure>${gaugeChart(`${item.anchor}-limits`, t.thresholdsChartTitle, desc, groups)}<ul class="legend"><li>${swatch(FILLS.funded)}${t.atRequest}</li><li>${swatch(FILLS.cofinanced)}${t.atAward}</li></ul><figcaption>${t.thresholdsChartTitle}. ${desc}</figcaption></figure>`;
}

// ---- Cofinancers, partners, interventions ---------------------------------------------------

function cofinancersTable(item: Item, ctx: Ctx): Html {
  const { t } = ctx;
  const p = item.project;
  if (p.budget.cofinancers.length === 0) return html`<p class="note">${t.none}</p>`;
  const rows = p.budget.cofinancers.map((c, i) => {
    const link = p.cofinancerLinks[i];
    const partnerIndex = link?.partnerSeq == null ? -1 : p.partners.findIndex((x) => x.seq === link.partnerSeq);
    const partner =
      link && link.partnerSeq !== null && link.match !== 'none'
        ? partnerIndex >= 0
          ? html`<a href="#${item.anchor}-partner-${partnerIndex + 1}">${link.partnerSeq}. ${link.partnerName ?? ''}</a>`
          : html`${link.partnerSeq}. ${link.partnerName ?? ''}`
        : html`<strong>${t.notPartner}</strong>`;
    const amount = (v: string | null, raw: string) => (v !== null ? euro(money(v), ctx, false) : raw);
    return html`<tr><td>${c.entity}</td><td class="num">${amount(c.monetary, c.rawMonetary)}</td><td class="num">${amount(c.inKind, c.rawInKind)}</td><td>${partner}</td><td>${
      t.matchKinds[link?.match ?? 'none'] ?? link?.match
    }</td><td class="num">${link ? formatPct(money(link.score.toFixed(2)), ctx.lang) : ''}</td></tr>`;
  });
  return html`<table class="cofinancers"><thead><tr><th scope="col">${t.entity}</th><th scope="col" class="num">${t.monetary} (€)</th><th scope="col" class="num">${t.inKind} (€)</th><th scope="col">${t.partnerLink}</th><th scope="col">${t.match}</th><th scope="col" class="num">${t.matchScore}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function partnersTable(item: Item, ctx: Ctx): Html {
  const { t } = ctx;
  const p = item.project;
  if (p.partners.length === 0) return html`<p class="note">${t.none}</p>`;
  return html`<table class="partners"><thead><tr><th scope="col" class="num">${t.seq}</th><th scope="col">${t.name}</th><th scope="col">${t.type}</th><th scope="col">${t.role}</th></tr></thead><tbody>${
    p.partners.map((x, i) => html`<tr id="${item.anchor}-partner-${i + 1}"><td class="num">${x.seq}</td><td>${x.name}</td><td>${x.type}</td><td>${x.role}</td></tr>`)
  }</tbody></table>`;
}

function interventionsList(p: ProjectRecord, ctx: Ctx): Html {
  const { t } = ctx;
  if (p.interventions.length === 0) return html`<p class="note">${t.none}</p>`;
  return html`<ul class="ints">${p.interventions.map((i) => html`<li${i.selected ? trusted(' class="on"') : ''} data-code="${i.code}">${i.code}) ${i.label} (${i.selected ? t.selected : t.notSelected})</li>`)}</ul>`;
}

// ---- Findings, with the annex's words -------------------------------------------------------

function quote(annex: AnnexRecord, lines: AnnexQuotes | undefined, line: number, ctx: Ctx): Html {
  const q = lines?.get(line);
  const pages = pagesOfLine(annex, line);
  const body = q
    ? html`${quoteCells(q.text).map((c) => html`<span class="cell">${c}</span>`)}${q.length > q.text.length ? html`<span class="cut">${ctx.t.quoteCut(q.length - q.text.length)}</span>` : ''}`
    : html`<span class="cell note">${ctx.t.quoteMissing}</span>`;
  return html`<blockquote data-line="${line}" data-page="${pages ? `${pages[0]}-${pages[1]}` : ''}"><span class="where">${where(annex, line, ctx)}</span>${body}</blockquote>`;
}

function findingsList(findings: readonly Finding[], annex: AnnexRecord, lines: AnnexQuotes | undefined, ctx: Ctx): Html {
  const { t } = ctx;
  if (findings.length === 0) return html`<p class="note">${t.noFindings}</p>`;
  return html`<ol class="findings">${findings.map((f) => {
    const at = f.at.flatMap((pos) => ('line' in pos ? [pos.line] : []));
    const shown = renderFinding(f, ctx.lang);
    const detail = shown.expected !== null || shown.actual !== null
      ? html`<p class="note">${t.expected}: ${shown.expected ?? '—'} · ${t.actual}: ${shown.actual ?? '—'}</p>`
      : '';
    return html`<li class="${f.severity}" data-rule="${f.rule}" data-severity="${f.severity}"><p><span class="sev sev-${f.severity}">${t.severity[f.severity]}</span> · <span class="rule">${f.rule}</span></p><p class="t">${shown.message}</p>${detail}${
      at.map((l) => quote(annex, lines, l, ctx))
    }</li>`;
  })}</ol>`;
}

// ---- A project ------------------------------------------------------------------------------

function projectSection(item: Item, quotes: AnnexQuotes | undefined, ctx: Ctx): Html {
  const { t } = ctx;
  const p = item.project;
  const h = p.header;
  const f = item.figures;
  const fact = (term: string, value: Value) => html`<dt>${term}</dt><dd>${value}</dd>`;
  const facts = html`<dl class="facts">${ctx.many ? fact(t.annexFile, item.annex.annexFile) : ''}${fact(t.lead, h.leadEntity)}${fact(t.alliance, h.alliance)}${
    fact(t.referent, [h.referent, h.referentEmail, h.referentPhone].filter((x) => x !== '').join(' · '))
  }${fact(t.score, h.score === null ? t.notAvailable : String(h.score))}${p.pages ? fact(t.pages, `${p.pages[0]}–${p.pages[1]}`) : ''}</dl>`;
  const keyFigures = html`<dl class="facts">${fact(t.requested, euro(f.requested, ctx))}${fact(t.assigned, euro(f.assigned, ctx))}${fact(t.total, euro(f.total, ctx))}${
    fact(t.cofinancing, `${euro(f.cofinancing, ctx)} (${pctText(f.cofinRequest, ctx)})`)
  }${fact(t.coordination, `${euro(f.coordination, ctx)} (${pctText(f.coordRequest, ctx)})`)}${fact(t.newTotal, euro(f.newTotal, ctx))}</dl>`;
  return html`<section class="project" id="${item.anchor}" data-project="${p.id}" aria-labelledby="${item.anchor}-h"><h2 id="${item.anchor}-h">${t.project} <span class="t">${p.id}</span> — <span class="t">${h.title}</span></h2>${facts}<h3>${t.keyFigures}</h3>${keyFigures}${
    thresholdsChart(item, ctx)
  }<h3>${t.budget}</h3>${budgetChart(item, ctx)}${budgetTable(item, ctx)}${replanNote(p, ctx)}<h3>${t.cofinancers}</h3>${cofinancersTable(item, ctx)}<h3>${t.partners}</h3>${
    partnersTable(item, ctx)
  }<h3>${t.interventions}</h3>${interventionsList(p, ctx)}<h3>${t.findings}</h3><div class="project-findings">${findingsList(p.findings, item.annex, quotes, ctx)}</div><p class="top"><a href="#overview">${t.backToTop}</a></p></section>`;
}

// ---- The page -------------------------------------------------------------------------------

/**
 * The parts of the page that grow with the projects, in page order: the contents, the overview
 * table's rows, the annexes' totals, the chart's description, the annexes' own findings, the
 * project sections. They are written as each annex comes, and so are the chart's points (a line
 * each, POINTS), which can be drawn only once every point has set the chart's scale. The page
 * keeps of an annex its name, and of the projects the chart's ranges.
 */
export const REPORT_PARTS = ['nav', 'rows', 'totals', 'desc', 'annexFindings', 'sections'] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];
export const POINTS = 'points';
/** What the page writes as it goes: its parts, and its chart's points. */
export type ReportFile = ReportPart | typeof POINTS;

/** The page as pieces of text, in order: each part's text before it, then the end. */
export interface ReportFrame {
  before: Record<ReportPart, Iterable<string>>;
  end: string;
}

/** report.html an annex at a time: add() writes its parts, frame() gives the text around them. */
export class ReportPage {
  private readonly ctx: Ctx;
  private readonly files: string[] = [];
  private projects = 0;
  private readonly bounds: ScatterBounds;
  private starred = false;

  /** `many`: the page is over more than one annex (each project then names its file). */
  constructor(private readonly options: Omit<ReportOptions, 'quotes'>, many: boolean, private readonly write: (file: ReportFile, text: string) => void) {
    this.ctx = {
      t: stringsFor(options.lang), lang: options.lang, profile: options.profile,
      cofinMin: Number(options.profile.cofinancingMinPct), coordMax: Number(options.profile.coordinationMaxPct), many,
    };
    this.bounds = new ScatterBounds({ cofin: this.ctx.cofinMin, coord: this.ctx.coordMax });
  }

  /** An annex, with the lines its findings rest on. */
  add(annex: AnnexRecord, quotes: AnnexQuotes | undefined): void {
    const { ctx } = this;
    const ai = this.files.length;
    const items: Item[] = annex.projects.map((project, pi) => ({ annex, annexIndex: ai, project, anchor: `p-${ai + 1}-${pi + 1}`, figures: figuresOf(project) }));
    for (const i of items) {
      this.write('nav', html`<li><a href="#${i.anchor}">${i.project.id} — ${i.project.header.title}</a></li>`.value);
      this.write('rows', overviewRow(i, ctx).value);
      this.addPoint(overviewPoint(i, ctx));
      // The projects' words are one space apart; the first follows the chart's own words.
      this.write('desc', html`${this.projects > 0 || i !== items[0] ? ' ' : ''}${overviewDescription(i, ctx)}`.value);
    }
    this.write('totals', annexTotals(annex, items, ctx).value);
    if (annex.findings.length > 0) {
      this.write('annexFindings', html`<section class="annex-findings" id="a-${ai + 1}-findings"><h2>${ctx.t.annexFindings(annex.annexFile)}</h2>${findingsList(annex.findings, annex, quotes, ctx)}</section>`.value);
    }
    for (const i of items) this.write('sections', projectSection(i, quotes, ctx).value);
    this.files.push(annex.annexFile);
    this.projects += items.length;
  }

  private addPoint(p: ScatterPoint): void {
    this.bounds.add(p);
    this.starred ||= p.starred;
    this.write(POINTS, `${pointLine(p)}\n`);
  }

  /**
   * The text before each part, and after the last: the page is before[part] + part, in
   * REPORT_PARTS order, then end. `points`: the lines written to POINTS, in order.
   */
  frame(points: Iterable<string>): ReportFrame {
    const { ctx } = this;
    return {
      before: {
        nav: [this.top().value],
        rows: [`</ol></nav>\n<main>\n${overviewOpening(ctx).value}`],
        totals: ['</tbody><tfoot>'],
        desc: [overviewFigureHead(ctx).value],
        annexFindings: overviewFigureTail(pointsOf(points), this.bounds.scale(), this.starred, ctx),
        sections: ['\n'],
      },
      end: `\n</main>\n<script>${SCRIPT}</script>\n</body>\n</html>\n`,
    };
  }

  /** The page up to the contents' entries of the projects. */
  private top(): Html {
    const { ctx, options } = this;
    const { t } = ctx;
    const cofin = formatThreshold(options.profile.cofinancingMinPct, options.lang);
    const coord = formatThreshold(options.profile.coordinationMaxPct, options.lang);
    return html`<!DOCTYPE html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="conciliazione">
<title>${t.title}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
${patternDefs()}
<header><h1>${t.title}</h1><p class="meta">${t.generatedFrom(this.files.length, this.projects)}: ${join(this.files.map((f) => html`<span class="t">${f}</span>`), ', ')}.</p><p class="meta">${t.profile}: <span class="t">${options.profile.name}</span> — ${t.thresholds(cofin, coord)}.</p></header>
<nav aria-labelledby="nav-h"><h2 id="nav-h">${t.contents}</h2><ol><li><a href="#overview">${t.overview}</a></li>`;
  }
}

export function renderReport(json: AnnexJson, options: ReportOptions): string {
  const parts: Record<ReportFile, string[]> = { nav: [], rows: [], totals: [], desc: [], annexFindings: [], sections: [], points: [] };
  const page = new ReportPage(options, json.annexes.length > 1, (file, text) => parts[file].push(text));
  for (const annex of json.annexes) page.add(annex, options.quotes?.get(annex.annexFile));
  const { before, end } = page.frame(parts.points.map((line) => line.slice(0, -1)));
  return `${REPORT_PARTS.map((part) => [...before[part]].join('') + parts[part].join('')).join('')}${end}`;
}
