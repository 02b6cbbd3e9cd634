// The text functions as the plain chain of regex replaces they were before shared/text.ts took
// shortcuts for speed: the reference the tests hold the shortcuts to.
const ENTITIES: Record<string, string> = {
  '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&nbsp;': ' ',
};

export function referenceVisible(raw: string): string {
  if (!/[<&[*_\u00a0\u2007\u202f\t\n\r]|\s\s|^\s|\s$/.test(raw)) return raw;
  return raw
    .replace(/<a\b[^<>]*>((?:(?!<\/?a\b).)*)<\/a>/gi, '$1')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-z][^<>]*>/gi, '')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\[([^[\]]*)\]\((?:mailto:)?[^()]*\)/g, '$1')
    .replace(/(\*{1,3}|_{2,3})(?=\S)|(?<=\S)(\*{1,3}|_{2,3})/g, '')
    .replace(/\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function referenceFold(visible: string): string {
  return visible
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^a-z0-9%€'.]+/g, ' ')
    .trim();
}
