// Cell and label text as people and converters write it: HTML tags, markdown emphasis,
// accents, odd spaces. Matching works on a normalised form; records keep the original.

const ENTITIES: Record<string, string> = {
  '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&nbsp;': ' ',
};

/** Visible text of a cell: tags, markdown emphasis and link syntax removed, spaces collapsed. */
export function visibleText(raw: string): string {
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
  return visibleText(raw)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^a-z0-9%€'.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
