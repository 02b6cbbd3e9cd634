// Text that keeps the page's layout in character columns (pdftotext -layout): pages from form
// feeds, running text and printed page numbers by position, tables from column alignment
// (stream.ts). One laid line per line of the file, so that line numbers stay the file's own:
// a table row is the line it starts on, and the lines its wrapped cells went on are left blank.
import type { LaidDocument, LaidLine, TableReport } from '../model.js';
import { pageRoles, pagesOf } from './pages.js';
import { streamTables } from './stream.js';

export function layoutDocument(lines: readonly string[]): LaidDocument {
  const paged = pagesOf(lines);
  const roles = pageRoles(paged);
  const tables = streamTables({
    texts: paged.texts,
    skip: (i) => roles.has(i),
    page: (i) => paged.pages[i] ?? null,
  });
  const laid: LaidLine[] = paged.texts.map((text, i) => {
    const role = roles.get(i);
    const page = paged.pages[i] ?? null;
    return role ? { text, page, role } : { text, page };
  });
  const reports: TableReport[] = [];
  tables.forEach((t, index) => {
    const id = index + 1;
    for (const row of t.rows) {
      const [first, ...rest] = row.lines;
      laid[first!] = { text: row.cells.join('\t'), page: paged.pages[first!] ?? null, cells: row.cells, table: id };
      for (const r of rest) laid[r] = { text: '', page: paged.pages[r] ?? null };
    }
    const firstLine = t.rows[0]!.lines[0]!;
    const lastLine = t.rows[t.rows.length - 1]!.lines.at(-1)!;
    reports.push({
      table: id,
      pages: [paged.pages[firstLine] ?? 1, paged.pages[lastLine] ?? 1],
      rows: t.rows.length,
      columns: t.columns,
      method: 'stream',
      accuracy: t.accuracy,
      line: firstLine + 1,
    });
  });
  return { format: 'text', pages: paged.count, lines: laid, tables: reports };
}
