// The report's charts, drawn here as inline SVG. No charting library: the charts are stacked
// horizontal bars, bars against a limit line and one scatter plot, each a few rectangles, lines
// and labels on a linear scale, which a library would not make shorter, and a library would add
// a dependency (and a build step or a script) to a page that must run no script but our sorter.
// Every chart has a <title> and a <desc> (a text alternative that states its values), and tells
// its series apart by pattern and shape, not by colour alone, so that it survives greyscale.
import type { Money } from '../../../shared/money.js';
import { html, join, trusted, type Html } from './html.js';

/** A coordinate with at most two decimals, without trailing zeros: the same number always prints the same. */
function n(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

// ---- Fills: a colour for the screen and a pattern for paper -----------------------------------

export interface Fill {
  id: string;
  colour: string;
  /** Pattern drawn over the colour, in black. */
  mark: 'diagonal' | 'cross' | 'dots' | 'horizontal' | 'vertical' | 'backslash' | 'none' | 'dense';
}

/** Okabe–Ito colours (told apart with colour blindness), each with its own pattern. */
export const FILLS = {
  A: { id: 'rp-a', colour: '#E69F00', mark: 'diagonal' },
  A_coord: { id: 'rp-acoord', colour: '#D55E00', mark: 'cross' },
  B: { id: 'rp-b', colour: '#56B4E9', mark: 'dots' },
  C: { id: 'rp-c', colour: '#009E73', mark: 'horizontal' },
  D: { id: 'rp-d', colour: '#F0E442', mark: 'vertical' },
  E: { id: 'rp-e', colour: '#CC79A7', mark: 'backslash' },
  funded: { id: 'rp-funded', colour: '#0072B2', mark: 'none' },
  cofinanced: { id: 'rp-cofin', colour: '#FFFFFF', mark: 'dense' },
  out: { id: 'rp-out', colour: 'none', mark: 'diagonal' },
} satisfies Record<string, Fill>;

/** The fill of a budget line, by its code. */
export function fillOf(code: string): Fill {
  const fill = (FILLS as Record<string, Fill | undefined>)[code];
  if (fill === undefined) throw new Error(`no fill for the budget line ${code}`);
  return fill;
}

function patternOf(f: Fill): Html {
  const size = f.mark === 'dense' ? 4 : 8;
  const background = f.colour === 'none' ? '' : html`<rect width="${size}" height="${size}" fill="${f.colour}"/>`;
  const ink = f.id === 'rp-out' ? '#555' : '#000';
  let mark: Html | string = '';
  switch (f.mark) {
    case 'diagonal':
    case 'backslash':
    case 'vertical':
    case 'dense':
      mark = html`<line x1="0" y1="0" x2="0" y2="${size}" stroke="${ink}" stroke-width="${f.mark === 'dense' ? 1.2 : 1.5}" stroke-opacity="${f.mark === 'dense' ? 0.8 : 0.45}"/>`;
      break;
    case 'horizontal':
      mark = html`<line x1="0" y1="4" x2="8" y2="4" stroke="${ink}" stroke-width="1.5" stroke-opacity="0.45"/>`;
      break;
    case 'cross':
      mark = html`<path d="M0 4H8M4 0V8" stroke="${ink}" stroke-width="1.5" stroke-opacity="0.55"/>`;
      break;
    case 'dots':
      mark = html`<circle cx="4" cy="4" r="1.6" fill="${ink}" fill-opacity="0.5"/>`;
      break;
    case 'none':
      break;
  }
  const rotate = f.mark === 'diagonal' || f.mark === 'dense' ? ' patternTransform="rotate(45)"' : f.mark === 'backslash' ? ' patternTransform="rotate(-45)"' : '';
  return html`<pattern id="${f.id}" width="${size}" height="${size}" patternUnits="userSpaceOnUse"${trusted(rotate)}>${background}${mark}</pattern>`;
}

/** The patterns every chart refers to, defined once at the top of the page. */
export function patternDefs(): Html {
  return html`<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>${Object.values(FILLS).map(patternOf)}</defs></svg>`;
}

export function swatch(fill: Fill): Html {
  return html`<svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="13" height="13" fill="url(#${fill.id})" stroke="#000" stroke-width="1"/></svg>`;
}

// ---- Stacked bars ---------------------------------------------------------------------------

export interface Segment {
  key: string;
  /** Short text drawn inside the segment when it fits. */
  short: string;
  /** Full name, for the tooltip and the text alternative. */
  name: string;
  value: number;
  fill: Fill;
  /** What the tooltip says of the value ("€ 5.000,00"). */
  shown: string;
}

export interface Bar {
  label: string;
  segments: Segment[];
  /** Text at the end of the bar (its total). */
  end: string;
  height: number;
  /** Segments' x positions come from another bar's (the split of each line under it). */
  marker?: { at: number; label: string };
}

const BAR_LEFT = 170;
const BAR_WIDTH = 460;

/** Bars on one scale, one under the other; `scale` is the value that spans the full width. */
export function stackedBars(id: string, title: string, desc: string, bars: Bar[], scale: number): Html {
  const gap = 8;
  let y = 6;
  const rows: Html[] = [];
  const unit = scale > 0 ? BAR_WIDTH / scale : 0;
  for (const bar of bars) {
    let x = BAR_LEFT;
    const parts: Html[] = [];
    for (const s of bar.segments) {
      const w = Math.max(0, s.value) * unit;
      if (w <= 0) continue;
      const fits = w >= Math.max(18, s.short.length * 7 + 6) && bar.height >= 14;
      parts.push(html`<g class="seg" data-key="${s.key}"><rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${bar.height}" fill="url(#${s.fill.id})" stroke="#000" stroke-width="0.75"><title>${s.name}: ${s.shown}</title></rect>${
        fits ? html`<text class="seg-label" x="${n(x + w / 2)}" y="${n(y + bar.height / 2 + 4)}" text-anchor="middle">${s.short}</text>` : ''
      }</g>`);
      x += w;
    }
    const marker = bar.marker
      ? html`<line x1="${n(BAR_LEFT + bar.marker.at * unit)}" x2="${n(BAR_LEFT + bar.marker.at * unit)}" y1="${n(y - 4)}" y2="${n(y + bar.height + 4)}" stroke="#000" stroke-width="2"/><text class="small" x="${n(BAR_LEFT + bar.marker.at * unit + 3)}" y="${n(y - 5)}">${bar.marker.label}</text>`
      : '';
    rows.push(html`<g class="bar"><text class="bar-label" x="${BAR_LEFT - 8}" y="${n(y + bar.height / 2 + 4)}" text-anchor="end">${bar.label}</text>${parts}${marker}<text class="bar-end" x="${n(x + 6)}" y="${n(y + bar.height / 2 + 4)}">${bar.end}</text></g>`);
    y += bar.height + gap;
  }
  const height = y + 4;
  return html`<svg class="chart budget-chart" id="${id}" viewBox="0 0 760 ${n(height)}" width="760" height="${n(height)}" role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${title}</title><desc id="${id}-d">${desc}</desc>${rows}</svg>`;
}

// ---- Shares against a limit -----------------------------------------------------------------

export interface Gauge {
  measure: 'cofinancing' | 'coordination';
  when: 'request' | 'award';
  label: string;
  /** null: not computable (a figure is missing). */
  pct: Money | null;
  exact: number | null;
  shown: string;
  fill: Fill;
}

export interface GaugeGroup {
  measure: 'cofinancing' | 'coordination';
  title: string;
  /** The limit, a percentage. */
  threshold: number;
  thresholdLabel: string;
  gauges: Gauge[];
}

const G_LEFT = 230;
const G_WIDTH = 380;

function niceMax(values: number[], floor: number): number {
  const top = Math.max(floor, ...values.map((v) => v * 1.1));
  return Math.ceil(top / 10) * 10;
}

export function gaugeChart(id: string, title: string, desc: string, groups: GaugeGroup[]): Html {
  let y = 4;
  const parts: Html[] = [];
  for (const g of groups) {
    const max = niceMax(g.gauges.flatMap((x) => (x.exact === null ? [] : [x.exact])), g.threshold * 2);
    const unit = G_WIDTH / max;
    const top = y;
    parts.push(html`<text class="group-title" x="0" y="${n(y + 12)}">${g.title}</text>`);
    y += 18;
    for (const x of g.gauges) {
      const w = x.exact === null ? 0 : Math.max(0, Math.min(max, x.exact)) * unit;
      parts.push(html`<g class="gauge" data-measure="${x.measure}" data-when="${x.when}" data-pct="${x.pct === null ? '' : x.pct.toFixed(2)}" data-threshold="${g.threshold}"><text class="bar-label" x="${G_LEFT - 8}" y="${n(y + 13)}" text-anchor="end">${x.label}</text>${
        x.exact === null ? '' : html`<rect class="gauge-bar" x="${G_LEFT}" y="${n(y + 2)}" width="${n(w)}" height="16" fill="url(#${x.fill.id})" stroke="#000" stroke-width="0.75"/>`
      }<text class="value" x="${n(G_LEFT + Math.max(w, 0) + 6)}" y="${n(y + 14)}">${x.shown}</text></g>`);
      y += 22;
    }
    const lx = G_LEFT + g.threshold * unit;
    parts.push(html`<g class="limit" data-threshold="${g.threshold}"><line class="limit-line" x1="${n(lx)}" x2="${n(lx)}" y1="${n(top + 14)}" y2="${n(y)}" stroke="#000" stroke-width="2" stroke-dasharray="5 3"/><text class="small" x="${n(lx)}" y="${n(top + 11)}" text-anchor="middle">${g.thresholdLabel}</text></g>`);
    parts.push(html`<line x1="${G_LEFT}" x2="${G_LEFT}" y1="${n(top + 16)}" y2="${n(y)}" stroke="#000" stroke-width="1"/>`);
    y += 10;
  }
  return html`<svg class="chart gauge-chart" id="${id}" viewBox="0 0 760 ${n(y)}" width="760" height="${n(y)}" role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${title}</title><desc id="${id}-d">${desc}</desc>${parts}</svg>`;
}

// ---- The overview scatter -------------------------------------------------------------------

export interface ScatterPoint {
  project: string;
  /** Anchor of the project's section. */
  anchor: string;
  request: { x: number; y: number; text: string } | null;
  award: { x: number; y: number; text: string } | null;
  /** Coordination not stated: drawn on the axis (y = 0) and starred. */
  starred: boolean;
}

/** The plot's words (its title and description are written apart: see scatterHead). */
export interface ScatterText {
  xLabel: string;
  yLabel: string;
  minLine: string;
  maxLine: string;
}

const S = { width: 760, height: 440, left: 64, right: 24, top: 24, bottom: 52 };

function ticks(lo: number, hi: number): number[] {
  const span = hi - lo;
  const step = span <= 30 ? 2.5 : span <= 60 ? 5 : span <= 150 ? 10 : 25;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
}

/** The plot's ranges: the limits and every point inside them, with a margin. */
export interface ScatterScale {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The plot's ranges, folded a point at a time: the points themselves need not be kept. */
export class ScatterBounds {
  private xMin: number;
  private xMax: number;
  private yMax: number;

  constructor(thresholds: { cofin: number; coord: number }) {
    this.xMin = thresholds.cofin;
    this.xMax = thresholds.cofin;
    this.yMax = thresholds.coord;
  }

  add(p: ScatterPoint): void {
    for (const at of [p.request, p.award]) {
      if (at === null) continue;
      if (Number.isFinite(at.x)) {
        this.xMin = Math.min(this.xMin, at.x);
        this.xMax = Math.max(this.xMax, at.x);
      }
      if (Number.isFinite(at.y)) this.yMax = Math.max(this.yMax, at.y);
    }
  }

  scale(): ScatterScale {
    return {
      x0: Math.max(0, Math.floor((this.xMin - 5) / 5) * 5),
      x1: Math.min(100, Math.ceil((this.xMax + 5) / 5) * 5),
      y0: 0,
      y1: Math.ceil((this.yMax + 3) / 5) * 5,
    };
  }
}

const PW = S.width - S.left - S.right;
const PH = S.height - S.top - S.bottom;

function scaleX({ x0, x1 }: ScatterScale, v: number): number {
  return S.left + ((Math.min(x1, Math.max(x0, v)) - x0) / (x1 - x0)) * PW;
}

function scaleY({ y0, y1 }: ScatterScale, v: number): number {
  return S.top + PH - ((Math.min(y1, Math.max(y0, v)) - y0) / (y1 - y0)) * PH;
}

/**
 * The scatter plot is written in pieces, so that a plot of thousands of projects is never one
 * text: scatterHead, its description (text, escaped), scatterBody, a scatterMark per point, then
 * SCATTER_END.
 */
export function scatterHead(id: string, title: string): Html {
  return html`<svg class="chart scatter" id="${id}" viewBox="0 0 ${S.width} ${S.height}" width="${S.width}" height="${S.height}" role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${title}</title><desc id="${id}-d">`;
}

/** After the description: the out-of-limits zones, the grid, the limit lines and the axes. */
export function scatterBody(text: ScatterText, scale: ScatterScale, thresholds: { cofin: number; coord: number }, lang: 'it' | 'en'): Html {
  const { x0, x1, y0, y1 } = scale;
  const pw = PW;
  const ph = PH;
  const sx = (v: number) => scaleX(scale, v);
  const sy = (v: number) => scaleY(scale, v);
  const fmt = (v: number) => (lang === 'it' ? String(v).replace('.', ',') : String(v));

  const grid = [
    ...ticks(x0, x1).map((v) => html`<line class="grid" x1="${n(sx(v))}" x2="${n(sx(v))}" y1="${S.top}" y2="${S.top + ph}"/><text class="small" x="${n(sx(v))}" y="${S.top + ph + 16}" text-anchor="middle">${fmt(v)}</text>`),
    ...ticks(y0, y1).map((v) => html`<line class="grid" x1="${S.left}" x2="${S.left + pw}" y1="${n(sy(v))}" y2="${n(sy(v))}"/><text class="small" x="${S.left - 6}" y="${n(sy(v) + 4)}" text-anchor="end">${fmt(v)}</text>`),
  ];
  const cx = sx(thresholds.cofin);
  const cy = sy(thresholds.coord);
  const zones = html`<rect x="${S.left}" y="${S.top}" width="${n(cx - S.left)}" height="${ph}" fill="url(#${FILLS.out.id})"/><rect x="${n(cx)}" y="${S.top}" width="${n(S.left + pw - cx)}" height="${n(cy - S.top)}" fill="url(#${FILLS.out.id})"/>`;
  const limits = html`<g class="limit" data-limit="cofinancing" data-threshold="${thresholds.cofin}"><line x1="${n(cx)}" x2="${n(cx)}" y1="${S.top}" y2="${S.top + ph}" stroke="#000" stroke-width="2" stroke-dasharray="6 3"/><text class="small strong" x="${n(cx + 4)}" y="${S.top + 12}">${text.minLine}</text></g><g class="limit" data-limit="coordination" data-threshold="${thresholds.coord}"><line x1="${S.left}" x2="${S.left + pw}" y1="${n(cy)}" y2="${n(cy)}" stroke="#000" stroke-width="2" stroke-dasharray="6 3"/><text class="small strong" x="${S.left + pw - 4}" y="${n(cy - 5)}" text-anchor="end">${text.maxLine}</text></g>`;
  const axes = html`<rect x="${S.left}" y="${S.top}" width="${pw}" height="${ph}" fill="none" stroke="#000" stroke-width="1"/><text class="axis-label" x="${n(S.left + pw / 2)}" y="${S.height - 10}" text-anchor="middle">${text.xLabel}</text><text class="axis-label" transform="translate(16 ${n(S.top + ph / 2)}) rotate(-90)" text-anchor="middle">${text.yLabel}</text>`;
  return html`</desc>${zones}${join(grid)}${limits}${axes}`;
}

/** A project's marks: its point at the request, at the award, the line between and its label. */
export function scatterMark(p: ScatterPoint, scale: ScatterScale): Html {
  const sx = (v: number) => scaleX(scale, v);
  const sy = (v: number) => scaleY(scale, v);
  const r = p.request;
  const a = p.award;
  const link = r && a ? html`<line x1="${n(sx(r.x))}" y1="${n(sy(r.y))}" x2="${n(sx(a.x))}" y2="${n(sy(a.y))}" stroke="#555" stroke-width="1.2" stroke-dasharray="3 2"/>` : '';
  const req = r
    ? html`<circle class="pt request" data-project="${p.project}" data-when="request" data-x="${r.x.toFixed(2)}" data-y="${r.y.toFixed(2)}" cx="${n(sx(r.x))}" cy="${n(sy(r.y))}" r="5" fill="#0072B2" stroke="#000" stroke-width="1"><title>${r.text}</title></circle>`
    : '';
  const awd = a
    ? html`<rect class="pt award" data-project="${p.project}" data-when="award" data-x="${a.x.toFixed(2)}" data-y="${a.y.toFixed(2)}" x="${n(sx(a.x) - 4.5)}" y="${n(sy(a.y) - 4.5)}" width="9" height="9" fill="#fff" stroke="#000" stroke-width="1.8"><title>${a.text}</title></rect>`
    : '';
  const at = r ?? a;
  const label = at ? html`<text class="pt-label" x="${n(sx(at.x) + 7)}" y="${n(sy(at.y) - 6)}">${p.project}${p.starred ? '*' : ''}</text>` : '';
  return html`<a href="#${p.anchor}" class="pt-group">${link}${req}${awd}${label}</a>`;
}

export const SCATTER_END = '</svg>';
