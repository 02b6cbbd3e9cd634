// The one place where text becomes HTML. Every value put into the report goes through the `html`
// tag: a string (annex text above all: names, titles, quoted lines) is escaped; only fragments
// the tag itself built (class Html) are inserted as they are. There is no other way to put a
// string into the page: no innerHTML, no string concatenation of markup elsewhere.

/** Markup built by the `html` tag (or one of our constants): inserted without escaping. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Value = Html | string | number | null | undefined | false | readonly Value[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text as HTML text or attribute value (always double-quoted by our markup). Characters that
 * HTML forbids in a document (C0 controls but tab and newline, lone surrogates) become U+FFFD.
 */
// Any character the escaping changes; most strings (numbers, coordinates, plain words) have none.
const NEEDS_ESCAPING = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff]/;

function escapeText(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text
    .replace(/[&<>"']/g, (c) => ESCAPES[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeText(String(v));
}

/** Template tag: literal parts are our markup; every interpolated value is escaped unless it is Html. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Our own constant markup (the stylesheet, the script, numbers we computed): never annex text. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

export function join(parts: readonly Value[], separator: Value = ''): Html {
  return new Html(parts.map(render).join(render(separator)));
}

// ---- Quoting an annex line ------------------------------------------------------------------

/**
 * An annex line as the report quotes it: its table cells (a table row is one line whose cells
 * are joined by tabs), without the marks a conversion adds around the words: links (<a>, whose
 * text stays), the emphasis tags converters write (<b>, <i>, <u>, <em>, <strong>, <br>), the five
 * basic entities, markdown heading marks, emphasis and link syntax. Every other character, any other tag included, stays
 * exactly as the annex has it and is shown as text by the `html` tag.
 */
export function quoteCells(raw: string): string[] {
  return raw
    .split('\t')
    .map((c) =>
      c
        .replace(/<a\b[^<>]*>((?:(?!<\/?a\b).)*)<\/a>/gi, '$1')
        .replace(/<\/?(?:b|i|u|em|strong)>|<br\s*\/?>/gi, ' ')
        .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' })[e]!)
        .replace(/^#{1,6} /, '')
        .replace(/\[([^[\]]*)\]\((?:mailto:)?[^()]*\)/g, '$1')
        .replace(/(\*{1,3}|_{2,3})(?=\S)|(?<=\S)(\*{1,3}|_{2,3})/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((c) => c !== '');
}
