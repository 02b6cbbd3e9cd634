// The one document model every front end produces (text, PDF, Word): the document as a
// sequence of lines in reading order, each on its page, where a table row is one line whose
// cells are known. The readers of headers, partners, interventions and budgets see only this
// (through pipeline/annex/document.ts), never the bytes of a format.
//
// Line numbers: the 1-based index of a line in `lines`. For a text file this is the file's own
// line; for a PDF or a Word file it is the line of the rebuilt document, and `page` is exact.

export type SourceFormat = 'text' | 'pdf' | 'docx';

export interface LaidLine {
  /** What the line says; for a table row, its cells joined by tabs. */
  text: string;
  /** 1-based page of the source, when the source has pages (null for plain text). */
  page: number | null;
  /** The row's cells, when this line is a table row (a cell wrapped over lines is one cell). */
  cells?: string[];
  /** Rows of one table share this id (1, 2, ... in reading order); a table over a page break keeps its id. */
  table?: number;
  /**
   * Set by the front end when it knows: a running header or footer (text repeated at the same
   * place across pages), or the page's printed number with the number it prints.
   */
  role?: { kind: 'furniture' } | { kind: 'page-number'; printed: number };
}

/** How a table was found and how sure the reader is (in the manner of Camelot's parsing report). */
export interface TableReport {
  table: number;
  /** Pages the table spans. */
  pages: [number, number];
  rows: number;
  columns: number;
  /** lattice: cells from ruling lines; stream: columns from text alignment; markup: the format's own table. */
  method: 'lattice' | 'stream' | 'markup';
  /** 0..1: share of the table's text that fell cleanly inside one cell. */
  accuracy: number;
  /** First line of the table in `lines`. */
  line: number;
}

export interface LaidDocument {
  format: SourceFormat;
  /** Number of pages when the source has pages (a Word file: 1 + its explicit page breaks). */
  pages: number | null;
  /**
   * What a page is: `rendered`, a page as printed (a PDF's, or a text's between form feeds), so
   * running text stands near its edges and a printed number is that page's; `breaks`, the
   * stretch between explicit breaks (a Word file), which may hold many printed pages. Default:
   * rendered for a PDF, breaks otherwise.
   */
  paging?: 'rendered' | 'breaks';
  lines: LaidLine[];
  tables: TableReport[];
  /** Pages with no text at all (scanned pages in a PDF that has text elsewhere): nothing of them is read. */
  textless?: number[];
}
