// One page of a PDF through pdf.js: its text runs (with their place, size and style) and the
// ruling lines its drawing operators paint. Ruling lines are what a producer draws for table
// borders: thin filled rectangles (Chromium, Skia) or stroked lines (LibreOffice, Word).
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { Mark, PageContent, Run, Segment } from './geometry.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type Matrix = [number, number, number, number, number, number];

/** A rectangle thinner than this (points) is a ruling line, not a shaded area. */
const MAX_RULE_THICKNESS = 3;
/** A stroked segment this far off the axis (points) is still horizontal or vertical. */
const AXIS_TOLERANCE = 1;

function multiply(m: Matrix, n: readonly number[]): Matrix {
  return [
    m[0] * n[0]! + m[2] * n[1]!,
    m[1] * n[0]! + m[3] * n[1]!,
    m[0] * n[2]! + m[2] * n[3]!,
    m[1] * n[2]! + m[3] * n[3]!,
    m[0] * n[4]! + m[2] * n[5]! + m[4],
    m[1] * n[4]! + m[3] * n[5]! + m[5],
  ];
}

/** Path data of pdf.js' constructPath (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4) -> polylines. */
function subpaths(data: ArrayLike<number>, ctm: Matrix, toPage: (x: number, y: number) => [number, number], keepCurves = false): [number, number][][] {
  const out: [number, number][][] = [];
  let current: [number, number][] = [];
  const point = (x: number, y: number) => toPage(ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]);
  for (let k = 0; k < data.length; ) {
    const op = data[k++];
    if (op === 0) {
      if (current.length > 1) out.push(current);
      current = [point(data[k]!, data[k + 1]!)];
      k += 2;
    } else if (op === 1) {
      current.push(point(data[k]!, data[k + 1]!));
      k += 2;
    } else if (op === 2 || op === 3) {
      // A curve is never a ruling line: it breaks the polyline, unless shapes are wanted whole.
      const end = op === 2 ? k + 4 : k + 2;
      if (keepCurves) current.push(point(data[end]!, data[end + 1]!), point(data[k]!, data[k + 1]!));
      else {
        if (current.length > 1) out.push(current);
        current = [point(data[end]!, data[end + 1]!)];
      }
      k += op === 2 ? 6 : 4;
    } else {
      if (current.length > 0) current.push(current[0]!);
    }
  }
  if (current.length > 1) out.push(current);
  return out;
}

function segmentsOfStroke(path: [number, number][], horizontal: Segment[], vertical: Segment[]): void {
  for (let i = 1; i < path.length; i++) {
    const [x1, y1] = path[i - 1]!;
    const [x2, y2] = path[i]!;
    if (Math.abs(y1 - y2) <= AXIS_TOLERANCE && Math.abs(x1 - x2) > AXIS_TOLERANCE) {
      horizontal.push({ at: (y1 + y2) / 2, from: Math.min(x1, x2), to: Math.max(x1, x2) });
    } else if (Math.abs(x1 - x2) <= AXIS_TOLERANCE && Math.abs(y1 - y2) > AXIS_TOLERANCE) {
      vertical.push({ at: (x1 + x2) / 2, from: Math.min(y1, y2), to: Math.max(y1, y2) });
    }
  }
}

/** Largest size (points) of a filled shape taken for a list bullet. */
const MAX_MARK = 8;

/**
 * A filled axis-aligned rectangle that is thin in one direction is a ruling line along the
 * other; a small filled shape of some size both ways is a bullet.
 */
function segmentOfFill(path: [number, number][], horizontal: Segment[], vertical: Segment[], marks: Mark[]): void {
  const xs = path.map((p) => p[0]);
  const ys = path.map((p) => p[1]);
  const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (right - left >= 1.5 && bottom - top >= 1.5 && right - left <= MAX_MARK && bottom - top <= MAX_MARK) {
    marks.push({ x: left, right, top, bottom });
    return;
  }
  const rectangular = path.every(([x, y]) => (Math.abs(x - left) < 0.5 || Math.abs(x - right) < 0.5) && (Math.abs(y - top) < 0.5 || Math.abs(y - bottom) < 0.5));
  if (!rectangular) return;
  const w = right - left;
  const h = bottom - top;
  if (h <= MAX_RULE_THICKNESS && w > h) horizontal.push({ at: (top + bottom) / 2, from: left, to: right });
  else if (w <= MAX_RULE_THICKNESS && h > w) vertical.push({ at: (left + right) / 2, from: top, to: bottom });
}

async function rulingsOf(pdfjs: PdfJs, page: PDFPageProxy, toPage: (x: number, y: number) => [number, number]) {
  const { OPS } = pdfjs;
  const ops = await page.getOperatorList();
  const horizontal: Segment[] = [];
  const vertical: Segment[] = [];
  const marks: Mark[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const strokes = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fills = new Set<number>([OPS.fill, OPS.eoFill]);
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args[0])) ctm = multiply(ctm, args[0] as number[]);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data || (!strokes.has(paint) && !fills.has(paint))) continue;
      // A bullet drawn with curves is one closed shape: its points, curve ends included, bound it.
      for (const path of subpaths(data, ctm, toPage, fills.has(paint))) {
        if (strokes.has(paint)) segmentsOfStroke(path, horizontal, vertical);
        else segmentOfFill(path, horizontal, vertical, marks);
      }
    }
  }
  return { rulings: { horizontal, vertical }, marks };
}

function styleOf(page: PDFPageProxy, fontName: string, cache: Map<string, { bold: boolean; italic: boolean }>) {
  let style = cache.get(fontName);
  if (style) return style;
  let name = '';
  try {
    name = String((page.commonObjs.get(fontName) as { name?: string } | undefined)?.name ?? '');
  } catch {
    // A font pdf.js did not load (no operator list yet): plain.
  }
  style = { bold: /bold|black|heavy|semibold|demi/i.test(name), italic: /italic|oblique/i.test(name) };
  cache.set(fontName, style);
  return style;
}

/** Text runs and ruling lines of one page (the operator list first: it loads the fonts whose names give the style). */
export async function pageContent(pdfjs: PdfJs, page: PDFPageProxy, styles: Map<string, { bold: boolean; italic: boolean }>): Promise<PageContent> {
  const viewport = page.getViewport({ scale: 1 });
  const toPage = (x: number, y: number) => viewport.convertToViewportPoint(x, y) as [number, number];
  const { rulings, marks } = await rulingsOf(pdfjs, page, toPage);
  const text = await page.getTextContent();
  const runs: Run[] = [];
  for (const item of text.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const [a, b, c, d, e, f] = item.transform as number[];
    // Rotated text (a stamp, a margin note) is not part of the reading: left out.
    if (Math.abs(b!) > 0.01 || Math.abs(c!) > 0.01) continue;
    const size = Math.abs(d!) || Math.abs(a!);
    const [x, y] = toPage(e!, f!);
    const fontStyle = text.styles[item.fontName];
    const ascent = fontStyle?.ascent ?? 0.8;
    const descent = fontStyle?.descent ?? -0.2;
    runs.push({
      // Symbol and Wingdings glyphs come through in the private-use block (U+F0B7 for a bullet):
      // they are list bullets, never text.
      text: item.str.replace(/[\uF000-\uF0FF]/g, '•'),
      x,
      right: x + item.width,
      y,
      top: y - ascent * size,
      bottom: y - descent * size,
      size,
      ...styleOf(page, item.fontName, styles),
    });
  }
  return { page: page.pageNumber, width: viewport.width, height: viewport.height, runs, rulings, marks };
}
