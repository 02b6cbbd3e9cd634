// The alliance's partner table: numbered rows of name, type and referent (name, phone,
// email in one cell), with the partner's role sometimes written in the name cell
// ("Altana - <i>Partner attuativo</i>"). Page breaks may split the table; furniture and page
// numbers between its rows are already out of the way, a repeated header row is skipped.
import { isAmountHeader, mayBeLabel } from '../../shared/labels.js';
import { opensBudget } from './budget.js';
import type { Partner } from '../../shared/model.js';
import { visibleText } from '../../shared/text.js';
import type { AnnexDocument } from './document.js';
import { splitContact } from './contacts.js';
import { foldedCell, foldedCells, rowsBetween, type TableRow } from './tables.js';

export interface PartnerTable {
  partners: Partner[];
  /** Lines of the table (header and rows) that became part of a record. */
  lines: number[];
  unreadable: { line: number; text: string; reason: 'no-name' | 'one-cell' | 'run-together' }[];
  header: string[];
  headerLines: number[];
  /** What the table has no column for (the partners' type, their referents and contacts). */
  missing: ('type' | 'referent')[];
}

interface Columns {
  name: number;
  type: number;
  role: number;
  referent: number;
  email: number;
  phone: number;
  /** A column of contacts beside the referent's ("Referente" | "Contatti"): e-mails and phones. */
  contacts: number;
}

function columnsOf(row: TableRow): Columns | null {
  const f = foldedCells(row);
  const find = (re: RegExp, except: number[] = []) => f.findIndex((c, i) => !except.includes(i) && re.test(c));
  // The name's column: "Denominazione", "Ente", "Partner"... but not "Tipologia ente" or "Referente
  // del partner", which name another column after the word.
  const NAME = /\b(nome|denominazione|ente|enti|partner|soggetto|organizzazione|ragione sociale)\b/;
  const OTHER = /\b(tipologia|tipo|natura|categoria|ruolo|funzione|referente|contatt[oi]|e ?mail|telefono)\b/;
  let name = f.findIndex((c) => NAME.test(c) && !OTHER.test(c));
  if (name < 0) name = find(NAME);
  if (name < 0) return null;
  const referent = find(/\b(referente|referenti|contatt[oi]|riferimento)\b/, [name]);
  const type = find(/\b(tipologia|tipo|natura|forma giuridica|categoria)\b/, [name, referent]);
  const role = find(/\b(ruolo|funzione)\b/, [name, referent, type]);
  if (referent < 0 && type < 0 && role < 0) return null;
  const taken = [name, referent, type, role];
  const email = find(/\b(e ?mail|posta)\b/, taken);
  const phone = find(/\b(telefono|tel|cellulare|recapito)\b/, [...taken, email]);
  const contacts = find(/\b(contatt[oi]|recapiti|riferimenti)\b/, [...taken, email, phone]);
  return { name, type, role, referent, email, phone, contacts };
}

const ROLE_WORDS = /^(partner\b.*|rete|soggetto aderente.*|aderente.*|capofila|ente capofila|sostenitore|partner)$/i;

/**
 * Name cell -> seq, name and role. The role is the italic part, a trailing "- Partner ...", or a
 * trailing "Partner <kind>". `visible` is the cell's visible text, as its row keeps it.
 */
function nameParts(raw: string, visibleCell: string): { seq: number | null; name: string; role: string } {
  let role = '';
  let rest = raw;
  const italic = /<i>([^<]*)<\/i>|<em>([^<]*)<\/em>|(?<![*\w])\*([^*]+)\*(?!\*)|(?<![_\w])_([^_]+)_(?![_\w])/i.exec(raw);
  if (italic) {
    const text = visibleText(italic[1] ?? italic[2] ?? italic[3] ?? italic[4] ?? '');
    if (ROLE_WORDS.test(text)) {
      role = text;
      rest = raw.slice(0, italic.index) + raw.slice(italic.index + italic[0].length);
    }
  }
  let visible = rest === raw ? visibleCell : visibleText(rest);
  if (!role) {
    const m = /\s[-–—]\s*((?:partner|soggetto aderente|aderente|rete)\b[^-–—]*)$/i.exec(visible);
    if (m) {
      role = m[1]!.trim();
      visible = visible.slice(0, m.index);
    }
  }
  if (!role) {
    // Plain text keeps no italics: a trailing "Partner istituzionale" with no dash is the role
    // too (only the two-word roles: a name may well end in "Rete").
    const m = /\s(partner (?:istituzional[ei]|attuativ[oi]|operativ[oi]|di rete|associat[oi]|strategic[oi]|tecnic[oi]))$/i.exec(visible);
    if (m) {
      role = m[1]!;
      visible = visible.slice(0, m.index);
    }
  }
  const seqMatch = /^(\d{1,3})\s*[.)°-]?\s+/.exec(visible);
  const seq = seqMatch ? Number(seqMatch[1]) : null;
  if (seqMatch) visible = visible.slice(seqMatch[0].length);
  const name = visible.replace(/(?<![\s–—-])[\s–—-]+$/, '').trim();
  return { seq, name, role };
}

/** The number the row's first cell opens with, if any. */
function firstSeq(row: TableRow): number | null {
  return nameParts(row.cells[0] ?? '', row.visible[0] ?? '').seq;
}

/** A row's words, cell by cell: the same for a header and its repetition. */
function headerWords(r: TableRow): string {
  return foldedCells(r).filter((c) => c !== '').join(' | ');
}

/** The header row again, `words` being the header's (every row is compared with them: found once). */
function repeatsHeader(row: TableRow, words: string): boolean {
  // Every row is asked, and most differ from the header at their first word: a row's other
  // cells are folded only when its first word is the header's.
  const first = row.visible.findIndex((v) => v !== '');
  const word = first < 0 ? '' : foldedCell(row, first);
  if (word !== '' && words !== word && !words.startsWith(`${word} | `)) return false;
  return headerWords(row) === words;
}

/** The first row of the intervention list or of the budget: no partner's. */
function startsOtherTable(row: TableRow): boolean {
  const cells = row.visible;
  const at = cells.findIndex((c) => c !== '');
  return (
    (at >= 0 && /tipologi[ae] (di |dell ?)?intervent/.test(foldedCell(row, at))) ||
    opensBudget(row) ||
    cells.some((c, i) => i > 0 && mayBeLabel(c) && isAmountHeader(c, foldedCell(row, i)))
  );
}

/**
 * The header's table, and the tables that carry it on after a page break: only furniture,
 * page numbers and blank lines between them, and a first row that either repeats the header
 * (Word repeats it after a page break: the same words, cell by cell) or goes on with the numbering.
 */
function continuedRows(doc: AnnexDocument, after: TableRow[], header: TableRow, words: string): TableRow[] {
  const out: TableRow[] = [];
  let table = header.table;
  let lastLine = Math.max(...header.lines);
  for (const row of after) {
    // Another table's header, run into this one (a text's tables apart by blank lines only).
    if (startsOtherTable(row)) break;
    if (row.table !== table) {
      const gapIsEmpty = (() => {
        for (let n = lastLine + 1; n < Math.min(...row.lines); n++) if (doc.isContent(n)) return false;
        return true;
      })();
      const previousSeq = out.length > 0 ? firstSeq(out[out.length - 1]!) : null;
      const seq = firstSeq(row);
      const carriesOn = repeatsHeader(row, words) || (previousSeq !== null && seq === previousSeq + 1);
      if (!gapIsEmpty || !carriesOn) break;
      table = row.table;
    }
    out.push(row);
    lastLine = Math.max(...row.lines);
  }
  return out;
}

export function readPartners(doc: AnnexDocument, from: number, to: number, claimed: ReadonlySet<number>): PartnerTable | null {
  const rows = rowsBetween(doc.tables, from, to).filter((r) => !claimed.has(r.line));
  for (let h = 0; h < rows.length; h++) {
    const cols = columnsOf(rows[h]!);
    if (!cols) continue;
    const header = rows[h]!;
    const words = headerWords(header);
    const body = continuedRows(doc, rows.slice(h + 1), header, words);
    if (body.length === 0) continue;
    const partners: Partner[] = [];
    const lines = [...header.lines];
    const headerLines = [...header.lines];
    const unreadable: PartnerTable['unreadable'] = [];
    for (const row of body) {
      if (repeatsHeader(row, words)) {
        lines.push(...row.lines); // the header again, after a page break
        headerLines.push(...row.lines);
        continue;
      }
      const cell = (c: number) => (c >= 0 ? row.cells[c] ?? '' : '');
      const visible = (c: number) => (c >= 0 ? row.visible[c] ?? '' : '');
      // A cell with its visible text, as the row keeps it (not cleaned again).
      const contactOf = (c: number) => splitContact(cell(c), visible(c));
      const filled = row.visible.filter((v) => v !== '').length;
      const parts = nameParts(cell(cols.name), visible(cols.name));
      if (parts.name === '' || filled < 2) {
        unreadable.push({
          line: row.line,
          text: row.cells.join(' | '),
          reason: parts.name === '' ? 'no-name' : 'one-cell',
        });
        continue;
      }
      const contact = contactOf(cols.referent);
      const type = visible(cols.type);
      if (contact.name === '' && contact.email === '' && contact.phone === '' && /@|\d{3}[\s./]?\d{3}/.test(type)) {
        // Cells that ran together (a conversion without positions): the contacts sit in the
        // type column. Not guessed apart: the row is reported and its type left empty.
        unreadable.push({ line: row.line, text: row.cells.join(' | '), reason: 'run-together' });
      }
      const more = cols.contacts >= 0 ? contactOf(cols.contacts) : { email: '', phone: '' };
      const extraEmail = [cols.email >= 0 ? contactOf(cols.email).email : '', more.email].filter(Boolean).join('; ');
      const extraPhone = [cols.phone >= 0 ? contactOf(cols.phone).phone : '', more.phone].filter(Boolean).join('; ');
      const previous = partners[partners.length - 1];
      partners.push({
        seq: parts.seq ?? (previous ? previous.seq + 1 : 1),
        name: parts.name,
        type: unreadable[unreadable.length - 1]?.line === row.line ? '' : type,
        role: cols.role >= 0 ? visible(cols.role) : parts.role,
        referent: contact.name,
        email: [contact.email, extraEmail].filter(Boolean).join('; '),
        phone: [contact.phone, extraPhone].filter(Boolean).join('; '),
        line: row.line,
      });
      lines.push(...row.lines);
    }
    if (partners.length === 0) continue;
    const missing: PartnerTable['missing'] = [];
    if (cols.type < 0) missing.push('type');
    if (cols.referent < 0 && cols.email < 0 && cols.phone < 0 && cols.contacts < 0) missing.push('referent');
    return { partners, lines, unreadable, header: [...header.visible], headerLines, missing };
  }
  return null;
}
