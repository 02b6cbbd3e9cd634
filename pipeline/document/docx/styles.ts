// What the styles part (word/styles.xml) says that the body reader needs: whether a character
// style makes its runs italic or bold (Word's "Emphasis" and "Strong" are styles, not direct
// formatting), and whether a paragraph style starts a new page. basedOn chains are followed.
import { parseWordXml } from './xml.js';

interface StyleDef {
  basedOn: string | null;
  italic: boolean | null;
  bold: boolean | null;
  pageBreakBefore: boolean | null;
  numId: string | null;
  ilvl: number | null;
}

export interface Styles {
  /** Italic / bold a character style gives its runs (null: the style does not say). */
  run(styleId: string): { italic: boolean | null; bold: boolean | null };
  /** Whether paragraphs of this style (or of the default paragraph style, for null) start a page. */
  pageBreakBefore(styleId: string | null): boolean;
  /** The list a paragraph style puts its paragraphs in (a "List Bullet" style), if any. */
  list(styleId: string | null): { numId: string | null; ilvl: number | null };
}

/** A WordprocessingML on/off property: present means on, unless its w:val says otherwise. */
export function isOn(val: string | undefined): boolean {
  return val === undefined || !/^(0|false|off|none)$/i.test(val);
}

export const NO_STYLES: Styles = {
  run: () => ({ italic: null, bold: null }),
  pageBreakBefore: () => false,
  list: () => ({ numId: null, ilvl: null }),
};

export function readStyles(xml: string, file: string): Styles {
  const defs = new Map<string, StyleDef>();
  let defaultParagraph: string | null = null;
  let current: StyleDef | null = null;
  parseWordXml(xml, 'word/styles.xml', file, new Set(), {
    open(el, parents) {
      const parent = parents[parents.length - 1];
      if (el.name === 'style' && parent === 'styles') {
        const id = el.attr('styleId');
        current = { basedOn: null, italic: null, bold: null, pageBreakBefore: null, numId: null, ilvl: null };
        if (id !== undefined) defs.set(id, current);
        if (el.attr('type') === 'paragraph' && isOn(el.attr('default')) && el.attr('default') !== undefined && id !== undefined) defaultParagraph = id;
        return;
      }
      if (!current) return;
      if (el.name === 'basedOn' && parent === 'style') current.basedOn = el.attr('val') ?? null;
      else if (parent === 'rPr' && parents[parents.length - 2] === 'style') {
        if (el.name === 'i') current.italic = isOn(el.attr('val'));
        else if (el.name === 'b') current.bold = isOn(el.attr('val'));
      } else if (el.name === 'pageBreakBefore' && parent === 'pPr' && parents[parents.length - 2] === 'style') {
        current.pageBreakBefore = isOn(el.attr('val'));
      } else if (parent === 'numPr' && parents[parents.length - 2] === 'pPr' && parents[parents.length - 3] === 'style') {
        if (el.name === 'numId') current.numId = el.attr('val') ?? null;
        else if (el.name === 'ilvl') current.ilvl = Number.parseInt(el.attr('val') ?? '0', 10) || 0;
      }
    },
    close(name) {
      if (name === 'style') current = null;
    },
    text() {},
  });

  /** The first value a style or its ancestors set (a chain of at most 32, against loops). */
  const inherited = <K extends 'italic' | 'bold' | 'pageBreakBefore' | 'numId' | 'ilvl'>(id: string, key: K): StyleDef[K] | null => {
    let def = defs.get(id);
    for (let hops = 0; def && hops < 32; hops++) {
      if (def[key] !== null) return def[key];
      def = def.basedOn === null ? undefined : defs.get(def.basedOn);
    }
    return null;
  };
  const runMemo = new Map<string, { italic: boolean | null; bold: boolean | null }>();
  const breakMemo = new Map<string, boolean>();
  const listMemo = new Map<string, { numId: string | null; ilvl: number | null }>();
  return {
    run(id) {
      let r = runMemo.get(id);
      if (!r) runMemo.set(id, (r = { italic: inherited(id, 'italic'), bold: inherited(id, 'bold') }));
      return r;
    },
    pageBreakBefore(id) {
      const key = id ?? defaultParagraph;
      if (key === null) return false;
      let b = breakMemo.get(key);
      if (b === undefined) breakMemo.set(key, (b = inherited(key, 'pageBreakBefore') === true));
      return b;
    },
    list(id) {
      const key = id ?? defaultParagraph;
      if (key === null) return { numId: null, ilvl: null };
      let l = listMemo.get(key);
      if (!l) listMemo.set(key, (l = { numId: inherited(key, 'numId'), ilvl: inherited(key, 'ilvl') }));
      return l;
    },
  };
}
