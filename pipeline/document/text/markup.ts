// Markup conversions before the markup scan reads them.
//  - HTML: whitespace means nothing in it, and converters (mammoth) write the whole document on
//    one line; it is cut into lines at block tags (p, h1-6, li, tr, table, br, div), headings
//    and list items keep a markdown mark so that the readers see them as in a .md, and the
//    <table> markup stays for the table scan (a cell's own paragraphs become spaces).
//  - Markdown with backslash escapes ("Sub\-Allegato 2\.1", mammoth and pandoc write them):
//    the escapes are undone, except "\|", which a pipe table needs.

const ESCAPED = /\\([\\`*_{}[\]()#+\-.!])/g;

export function unescapeMarkdown(lines: readonly string[]): string[] {
  return lines.map((l) =>
    l
      .replace(ESCAPED, '$1')
      // A leading tab is indentation there (a list item), not a table cell.
      .replace(/^\t+/, (t) => '    '.repeat(t.length))
      // Emphasis closed and reopened around a link ("__x __[__a@b.it__](mailto:a@b.it)__"): the
      // marks inside the link's text say nothing the marks around it do not.
      .replace(/\[(\*{1,3}|_{1,3})([^\]]{0,300}?)\1\]\(/g, '[$2]('),
  );
}

const NAMED: Record<string, string> = {
  nbsp: '\u00a0', quot: '"', apos: "'", laquo: '«', raquo: '»', euro: '€', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', hellip: '…', deg: '°', middot: '·', bull: '•',
  agrave: 'à', egrave: 'è', eacute: 'é', igrave: 'ì', ograve: 'ò', ugrave: 'ù',
  Agrave: 'À', Egrave: 'È', Eacute: 'É', Igrave: 'Ì', Ograve: 'Ò', Ugrave: 'Ù',
};

/**
 * Character references in text (not in tags). &lt; &gt; &amp; stay as they are: decoded, they
 * could open a tag that is not one; the readers' text cleaning decodes them.
 */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return whole;
      if (code === 0x3c || code === 0x3e || code === 0x26) return whole;
      return String.fromCodePoint(code);
    }
    return NAMED[name] ?? whole;
  });
}

/**
 * The document without what is not text (head, scripts, styles, comments). Each opening is
 * matched to its closing by a search that never goes back over the text, so an opening never
 * closed costs one pass, not one per opening.
 */
function dropNonText(source: string): string {
  const opening = /<(head|script|style|title|template)\b[^<>]*>|<!--|<!doctype[^<>]*>|<\?xml[^<>]*>/gi;
  const lower = source.toLowerCase();
  const unclosed = new Set<string>();
  let out = '';
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = opening.exec(source))) {
    const tag = m[1]?.toLowerCase();
    const closing = tag ? `</${tag}` : m[0] === '<!--' ? '-->' : null;
    if (closing === null) {
      out += `${source.slice(from, m.index)} `;
      from = opening.lastIndex;
      continue;
    }
    const end = unclosed.has(closing) ? -1 : lower.indexOf(closing, opening.lastIndex);
    if (end < 0) {
      unclosed.add(closing);
      continue;
    }
    const after = tag ? source.indexOf('>', end) : end + 2;
    out += `${source.slice(from, m.index)} `;
    from = after < 0 ? source.length : after + 1;
    opening.lastIndex = from;
  }
  return out + source.slice(from);
}

/** HTML -> lines the markup scan and the readers read as they read a .md. */
export function htmlLines(lines: readonly string[]): string[] {
  const source = dropNonText(lines.join('\n'));
  let out = '';
  let depth = 0; // inside how many tables
  const re = /<[^<>]*>|[^<]+|</g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source))) {
    const token = m[0];
    if (!token.startsWith('<') || token === '<') {
      out += decodeEntities(token.replace(/\s+/g, ' '));
      continue;
    }
    const tag = /^<\s*(?:(\/)\s*)?([a-z][a-z0-9]*)/i.exec(token);
    if (!tag) {
      out += token;
      continue;
    }
    const closing = tag[1] === '/';
    const name = tag[2]!.toLowerCase();
    if (name === 'table') {
      if (closing) {
        depth = Math.max(0, depth - 1);
        out += `${token}\n`;
      } else {
        depth++;
        out += `\n${token}`;
      }
      continue;
    }
    if (depth > 0) {
      // Inside a table: rows on lines of their own, a cell's paragraphs and breaks as spaces.
      if (name === 'tr' && !closing) out += `\n${token}`;
      else if (/^(p|div|br|li|ul|ol|h[1-6])$/.test(name)) out += ' ';
      else out += token;
      continue;
    }
    if (/^h[1-6]$/.test(name)) {
      out += closing ? '\n' : `\n${'#'.repeat(Number(name[1]))} `;
    } else if (name === 'li') {
      out += closing ? '\n' : '\n- ';
    } else if (/^(p|div|br|ul|ol|dl|dt|dd|tr|section|article|header|footer|blockquote|body|html|hr|pre|center)$/.test(name)) {
      out += '\n';
    } else out += token;
  }
  const result: string[] = [];
  for (const raw of out.split('\n')) {
    const line = raw.replace(/[ \t]+/g, ' ').trim();
    if (line === '' && (result.length === 0 || result[result.length - 1] === '')) continue;
    // A heading or list mark left alone by an empty element says nothing.
    if (/^(#{1,6}|-)$/.test(line)) continue;
    result.push(line);
  }
  while (result.length > 0 && result[result.length - 1] === '') result.pop();
  return result.length > 0 ? result : [''];
}
