// Cell and label text as people and converters write it: HTML tags, markdown emphasis,
// accents, odd spaces. Matching works on a normalised form; records keep the original.

const ENTITIES: Record<string, string> = {
  '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&nbsp;': ' ',
};

const NEEDS_CLEANING = /[<&[*_\u00a0\u2007\u202f\t\n\r]|\s\s|^\s|\s$/;

/** Visible text of a cell: tags, markdown emphasis and link syntax removed, spaces collapsed. */
export function visibleText(raw: string): string {
  // Most cells are plain text: skip the markup passes for them (the reader runs this per cell).
  if (!NEEDS_CLEANING.test(raw)) return raw;
  return raw
    .replace(/<a\b[^>]*>(.*?)<\/a>/gi, '$1')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\[([^\]]*)\]\((?:mailto:)?[^)]*\)/g, '$1')
    .replace(/(\*{1,3}|_{2,3})(?=\S)|(?<=\S)(\*{1,3}|_{2,3})/g, '')
    .replace(/\*\*/g, '')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lower case, no accents, punctuation as spaces: the form label matchers compare. */
export function foldText(raw: string): string {
  const visible = visibleText(raw);
  // Accents only need stripping when there are non-ASCII letters (NFD is the costly step).
  const ascii = /^[\x00-\x7f]*$/.test(visible) ? visible : visible.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^a-z0-9%€'.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
