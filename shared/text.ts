// Cell and label text as people and converters write it: HTML tags, markdown emphasis,
// accents, odd spaces. Matching works on a normalised form; records keep the original.

const ENTITIES: Record<string, string> = {
  '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&nbsp;': ' ',
};

// Readers clean the same text many times over (each line by several passes, the same cell
// by several label tests): recent results are kept. Emptied when full, so memory stays bounded
// however long the process runs; the functions are pure, so a hit is always the right answer.
const REMEMBER_AT_MOST = 50_000;

function remembered(clean: (raw: string) => string): (raw: string) => string {
  const known = new Map<string, string>();
  return (raw) => {
    let out = known.get(raw);
    if (out === undefined) {
      out = clean(raw);
      if (known.size >= REMEMBER_AT_MOST) known.clear();
      known.set(raw, out);
    }
    return out;
  };
}

const NEEDS_CLEANING = /[<&[*_\u00a0\u2007\u202f\t\n\r]|\s\s|^\s|\s$/;

/** Visible text of a cell: tags, markdown emphasis and link syntax removed, spaces collapsed. */
export const visibleText = remembered(cleanText);

function cleanText(raw: string): string {
  // Most cells are plain text: skip the markup passes for them (the reader runs this per cell).
  if (!NEEDS_CLEANING.test(raw)) return raw;
  let s = raw;
  // Each pass only has work when its marker is present; none of them adds another pass's marker.
  if (s.includes('<')) {
    s = s
      .replace(/<a\b[^>]*>(.*?)<\/a>/gi, '$1')
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(/<\/?[a-z][^>]*>/gi, '');
  }
  if (s.includes('&')) s = s.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (e) => ENTITIES[e] ?? e);
  if (s.includes('[')) s = s.replace(/\[([^\]]*)\]\((?:mailto:)?[^)]*\)/g, '$1');
  if (s.includes('*') || s.includes('_')) {
    s = s.replace(/(\*{1,3}|_{2,3})(?=\S)|(?<=\S)(\*{1,3}|_{2,3})/g, '').replace(/\*\*/g, '');
  }
  return s
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lower case, no accents, punctuation as spaces: the form label matchers compare. */
export const foldText = remembered(foldClean);

function foldClean(raw: string): string {
  const visible = visibleText(raw);
  // Accents only need stripping when there are non-ASCII letters (NFD is the costly step).
  const ascii = /^[\x00-\x7f]*$/.test(visible) ? visible : visible.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    // Leaves only single spaces between kept characters: no further collapsing needed.
    .replace(/[^a-z0-9%€'.]+/g, ' ')
    .trim();
}
