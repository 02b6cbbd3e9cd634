// The one reader that turns a grid of cells into a budget, whether the grid came from annex
// text, an XLSX tab or a live sheet. Rows are found by their labels; amounts keep their cell.
import { beyond, readAmount, type AmountReading, type CellValue } from './amounts.js';
import {
  budgetCodesOf, cofinColumnOf, isAmountHeader, isAssignedLabel, isBudgetHeading, isEntityHeader, isTotalLabel,
  shareColumnOf,
} from './labels.js';
import { money, plainFromSheetNumber, toPlain } from './money.js';
import { DEFAULT_MAX_PLAUSIBLE_AMOUNT } from './profile.js';
import type { AmountStatus, Budget, BudgetLine, CellRef, Cofinancer, LineCode, ReadProblem } from './model.js';
import { foldText, visibleText } from './text.js';

export type Grid = readonly (readonly CellValue[])[];

interface AmountFields {
  status: AmountStatus;
  amount: string | null;
  funded: string | null;
  cofinanced: string | null;
  details: { amount: string; note: string }[];
}

function fieldsOf(r: AmountReading): AmountFields {
  const none = { funded: null, cofinanced: null, details: [] };
  switch (r.kind) {
    case 'amount':
      return { status: 'stated', amount: toPlain(r.value), ...none };
    case 'split':
      return {
        status: 'stated',
        amount: toPlain(r.value),
        funded: r.funded && toPlain(r.funded),
        cofinanced: r.cofinanced && toPlain(r.cofinanced),
        details: r.details.map((d) => ({ amount: toPlain(d.value), note: d.note })),
      };
    case 'empty':
    case 'placeholder':
      return { status: 'not-stated', amount: null, ...none };
    default:
      return { status: 'unreadable', amount: null, ...none };
  }
}

/** A Date, from this realm or another (a sheet service's). */
function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** A date as a reader writes it (dd/mm/yyyy), not as JavaScript prints it. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
}

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (isDate(v)) return dateText(v);
  return visibleText(String(v));
}

function rawText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  return isDate(v) ? dateText(v) : String(v);
}

function firstFilled(row: readonly CellValue[], from = 0): number {
  for (let c = from; c < row.length; c++) if (cellText(row[c]) !== '') return c;
  return -1;
}

type Phase = 'before' | 'budget' | 'between' | 'cofin' | 'done';

export interface ReadLimits {
  /** The profile's maxPlausibleAmount: a larger amount is unreadable (default 100 million). */
  maxAmount?: string;
}

export function readBudget(grid: Grid, limits: ReadLimits = {}): Budget {
  const maxAmount = money(limits.maxAmount ?? DEFAULT_MAX_PLAUSIBLE_AMOUNT);
  const lines: BudgetLine[] = [];
  const cofinancers: Cofinancer[] = [];
  const problems: ReadProblem[] = [];
  let assigned: Budget['assigned'] = null;
  let phase: Phase = 'before';
  let amountCol = -1;
  let shareCols: { funded: number; cofinanced: number } = { funded: -1, cofinanced: -1 };
  let first = -1;
  let last = -1;
  let pending: BudgetLine[] = []; // label rows whose amount sits on the next row
  let cofinCols: { entity: number; monetary: number; inKind: number } | null = null;

  const problem = (kind: ReadProblem['kind'], cell: CellRef, text: string, reason: string) =>
    problems.push({ kind, cell, text, reason });

  // An amount no grant comes near (the profile's maxPlausibleAmount) is a misreading or a typo,
  // never a figure: read as unreadable, so that no total, rule or spreadsheet takes it.
  const implausible = (r: AmountReading): AmountReading => {
    const values = r.kind === 'amount' ? [r.value] : r.kind === 'split' ? [r.value, r.total, r.funded, r.cofinanced] : r.kind === 'multi' ? r.items : [];
    return values.some((v) => v && beyond(v, maxAmount))
      ? { kind: 'unreadable', reason: `an amount over ${toPlain(maxAmount)}, beyond any plausible grant (profile maxPlausibleAmount)` }
      : r;
  };

  const readCell = (row: number, col: number): AmountFields & { raw: string } => {
    const value = grid[row]?.[col];
    if (typeof value === 'number') {
      // Numbers are what live sheets hold; their plain form needs no parsing.
      const amount = plainFromSheetNumber(value);
      if (amount !== null && !beyond(money(amount), maxAmount)) {
        return { status: 'stated', amount, funded: null, cofinanced: null, details: [], raw: String(value) };
      }
    }
    const reading = implausible(readAmount(value));
    if (reading.kind === 'unreadable') problem('amount-unreadable', { row, col }, rawText(value), reading.reason);
    // Several amounts where one is expected ("€ 31.500,00 € 1.000,00" on line C) make the line
    // unreadable too; without a problem the line was marked unreadable and no rule said so.
    if (reading.kind === 'multi') problem('amount-unreadable', { row, col }, rawText(value), 'several amounts in one cell');
    return { ...fieldsOf(reading), raw: rawText(value) };
  };

  // Where a row states no amount, findings point at the cell right of its label; when the label
  // is in the grid's last column that cell does not exist, so they point at the label itself.
  const width = grid.reduce((w, row) => Math.max(w, row.length), 0);
  const besideLabel = (li: number) => (li + 1 < width ? li + 1 : li);

  // A tab may split each line by funding source in columns of its own rather than in the text.
  const withShares = (f: AmountFields & { raw: string }, r: number): AmountFields & { raw: string } => {
    if (f.funded !== null || f.cofinanced !== null) return f;
    // Through readCell, so an unreadable share is reported on its cell rather than silently dropped.
    const share = (col: number) => (col < 0 ? null : readCell(r, col).amount);
    return { ...f, funded: share(shareCols.funded), cofinanced: share(shareCols.cofinanced) };
  };

  const addLine = (code: LineCode, label: string, labelCell: CellRef, cell: CellRef, f: AmountFields & { raw: string }) => {
    if (lines.some((l) => l.code === code)) {
      problem('line-duplicated', labelCell, label, `a second "${code}" row`);
      return null;
    }
    const line: BudgetLine = { code, label, labelCell, cell, ...f };
    lines.push(line);
    return line;
  };

  // A tab that names its budget ("PIANO DEI CONTI") starts it there: a stray "TOTALE" row in
  // notes above the heading does not open the budget early.
  const heading = headingRow(grid);

  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const li = firstFilled(row);
    if (li < 0) continue;
    const label = cellText(row[li]);

    // A partner list ends the budget: its names are not budget rows.
    if (phase !== 'cofin' && phase !== 'before' && isPartnerHeading(label)) break;

    if (phase === 'before' || phase === 'between') {
      if (isAssignedLabel(label) && !assigned) {
        const ac = firstFilled(row, li + 1);
        const col = ac < 0 ? besideLabel(li) : ac;
        const f = readCell(r, col);
        assigned = { amount: f.amount, raw: f.raw, cell: { row: r, col } };
        continue;
      }
    }
    if (phase === 'before') {
      if (isBudgetHeading(label) && r >= heading) {
        phase = 'budget';
        first = r;
        const hc = row.findIndex((v, c) => c > li && isAmountHeader(cellText(v)));
        if (hc > 0) {
          amountCol = hc;
          shareCols = shareColumns(row);
        }
        continue;
      }
      if (r < heading || budgetCodesOf(label).length === 0) continue;
      phase = 'budget';
      first = r;
    }

    if (phase === 'budget') {
      if (row.some((v, c) => c > li && isAmountHeader(cellText(v)))) {
        amountCol = row.findIndex((v, c) => c > li && isAmountHeader(cellText(v)));
        shareCols = shareColumns(row);
        continue;
      }
      const codes = budgetCodesOf(label);
      if (codes.length > 0 && li === firstFilled(row)) {
        pending = [];
        const valueCol = amountCol > li ? amountCol : firstFilled(row, li + 1);
        const col = valueCol < 0 ? besideLabel(li) : valueCol;
        const cell = { row: r, col };
        const labelCell = { row: r, col: li };
        if (codes.length >= 2 && codes[0] === 'A' && codes[1] === 'A_coord') {
          const reading = implausible(readAmount(row[col]));
          const raw = rawText(row[col]);
          if (reading.kind === 'multi' && reading.items.length === 2) {
            const [a, coord] = reading.items.map((v) =>
              fieldsOf(v ? { kind: 'amount', value: v } : { kind: 'placeholder', text: '' }),
            );
            addLine('A', label, labelCell, cell, { ...a!, raw });
            addLine('A_coord', label, labelCell, cell, { ...coord!, raw });
          } else {
            addLine('A', label, labelCell, cell, readCell(r, col));
            addLine('A_coord', label, labelCell, cell, { ...fieldsOf({ kind: 'empty' }), raw: '' });
          }
        } else {
          const f = withShares(readCell(r, col), r);
          const line = addLine(codes[0]!, label, labelCell, cell, f);
          if (line && f.raw.trim() === '') pending = [line];
        }
        last = r;
        if (codes.includes('COFINANCING')) phase = 'between';
        continue;
      }
      if (li > 0 && pending.length > 0) {
        // The label wrapped onto its own row and the amount came on the next one.
        const line = pending[0]!;
        const f = readCell(r, li);
        Object.assign(line, { ...f, cell: { row: r, col: li } });
        pending = [];
        last = r;
        continue;
      }
      if (pending.length > 0 && li === pending[0]!.labelCell.col && /^\p{Ll}/u.test(label)) {
        // The label wrapped inside its own column ("A. Costi di personale" / "interno ed esterno")
        // and the amount came on the continuation row. Without this the continuation was reported
        // as an unrecognised row and the line's amount was lost. Only a lower-case continuation
        // counts, so a new, unknown line ("F. Altre spese") is still reported.
        const line = pending[0]!;
        line.label = `${line.label} ${label}`;
        const valueCol = amountCol > li ? amountCol : firstFilled(row, li + 1);
        if (valueCol > li && cellText(row[valueCol]) !== '') {
          Object.assign(line, { ...readCell(r, valueCol), cell: { row: r, col: valueCol } });
          pending = [];
        }
        last = r;
        continue;
      }
    }

    if (phase === 'budget' || phase === 'between') {
      const header = cofinHeaderAt(grid, r);
      if (header) {
        cofinCols = header.cols;
        r = header.lastRow;
        phase = 'cofin';
        last = r;
        continue;
      }
      if (phase === 'budget') {
        problem('row-unrecognised', { row: r, col: li }, label, 'a row inside the budget that names no cost line');
        last = r;
      }
      continue;
    }

    if (phase === 'cofin' && cofinCols) {
      last = r;
      if (isTotalLabel(label)) {
        addLine('COFIN_MONETARY_TOTAL', label, { row: r, col: li }, { row: r, col: cofinCols.monetary }, readCell(r, cofinCols.monetary));
        addLine('COFIN_IN_KIND_TOTAL', label, { row: r, col: li }, { row: r, col: cofinCols.inKind }, readCell(r, cofinCols.inKind));
        phase = 'done';
        continue;
      }
      if (cofinHeaderAt(grid, r)) continue; // header repeated after a page break
      // A name that is nothing but markup is still a name someone typed: keep it as written.
      const entity = cellText(row[cofinCols.entity]) || rawText(row[cofinCols.entity]).trim();
      const m = readCell(r, cofinCols.monetary);
      const k = readCell(r, cofinCols.inKind);
      if (entity === '') {
        if (m.raw.trim() !== '' || k.raw.trim() !== '') {
          problem('row-unrecognised', { row: r, col: li }, label, 'a cofinancing row without an entity');
        }
        continue;
      }
      cofinancers.push({
        entity,
        monetary: m.amount,
        inKind: k.amount,
        rawMonetary: m.raw,
        rawInKind: k.raw,
        monetaryStatus: m.status,
        inKindStatus: k.status,
        entityCell: { row: r, col: cofinCols.entity },
        monetaryCell: { row: r, col: cofinCols.monetary },
        inKindCell: { row: r, col: cofinCols.inKind },
      });
      continue;
    }
    if (phase === 'done') break;
  }

  return { lines, cofinancers, assigned, problems, span: first < 0 ? null : [first, Math.max(first, last)] };
}

function headingRow(grid: Grid): number {
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const li = firstFilled(row);
    if (li >= 0 && isMainHeading(cellText(row[li]))) return r;
  }
  return -1;
}

/** "PIANO DEI CONTI (DEL PROGETTO)": the heading that alone makes a tab a budget. */
function isMainHeading(label: string): boolean {
  return isBudgetHeading(label) && /^piano/.test(foldText(label));
}

/** The heading of a partner list: "PARTNER DELL'ALLEANZA", "Elenco dei partner", "Partner". */
function isPartnerHeading(label: string): boolean {
  const f = foldText(label).replace(/'/g, ' ').replace(/\s+/g, ' ').trim();
  return /^(elenco (dei )?)?partners?( (dell|della|del|di) ?(alleanza|rete|progetto))?$/.test(f);
}

/**
 * Whether what readBudget found has the shape of a budget: the heading "PIANO DEI CONTI", or at
 * least four of the lines A–E, TOTALE, CONTRIBUTO and COFINANZIAMENTO, in that order. A notes tab
 * with a "TOTALE" row, or a summary with "Totale", is not a budget and is never judged.
 */
export function hasBudgetShape(grid: Grid, budget: Budget): boolean {
  if (budget.span === null) return false;
  const h = headingRow(grid);
  if (h >= 0 && h <= budget.span[0]) return true;
  const order = ['A', 'B', 'C', 'D', 'E', 'TOTAL', 'CONTRIBUTION', 'COFINANCING'];
  let last = -1;
  let count = 0;
  for (const line of budget.lines) {
    const at = order.indexOf(line.code);
    if (at > last) {
      last = at;
      count++;
    }
  }
  return count >= 4;
}

export interface PartnerEntry {
  name: string;
  cell: CellRef;
}

/**
 * The partner list a tab holds, if any: the names under a partner heading, in the heading's
 * column, down to the next heading or the end of the grid (blank rows are skipped).
 */
export function readPartnerList(grid: Grid): PartnerEntry[] {
  const out: PartnerEntry[] = [];
  let col = -1;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const li = firstFilled(row);
    if (li < 0) continue;
    const label = cellText(row[li]);
    if (col < 0) {
      if (isPartnerHeading(label)) col = li;
      continue;
    }
    if (isBudgetHeading(label) || isEntityHeader(label) || isPartnerHeading(label)) break;
    const name = cellText(row[col]);
    if (name !== '') out.push({ name, cell: { row: r, col } });
  }
  return out;
}

function shareColumns(row: readonly CellValue[]): { funded: number; cofinanced: number } {
  return {
    funded: row.findIndex((v) => shareColumnOf(cellText(v)) === 'funded'),
    cofinanced: row.findIndex((v) => shareColumnOf(cellText(v)) === 'cofinanced'),
  };
}

/** A cofinancing table header at row r (one row, or two when the column names wrap). */
function cofinHeaderAt(grid: Grid, r: number): { cols: { entity: number; monetary: number; inKind: number }; lastRow: number } | null {
  const row = grid[r] ?? [];
  // The entity column heads the table: only the first filled cell can name it.
  const entity = firstFilled(row);
  if (entity < 0 || !isEntityHeader(cellText(row[entity]))) return null;
  const next = grid[r + 1] ?? [];
  const nextIsContinuation = cellText(next[entity]) === '' && next.some((v) => cofinColumnOf(cellText(v)) !== null);
  const width = Math.max(row.length, nextIsContinuation ? next.length : 0);
  let monetary = -1;
  let inKind = -1;
  for (let c = 0; c < width; c++) {
    if (c === entity) continue;
    const text = `${cellText(row[c])} ${nextIsContinuation ? cellText(next[c]) : ''}`;
    const kind = cofinColumnOf(text);
    if (kind === 'monetary' && monetary < 0) monetary = c;
    if (kind === 'inKind' && inKind < 0) inKind = c;
  }
  if (monetary < 0 || inKind < 0) return null;
  return { cols: { entity, monetary, inKind }, lastRow: nextIsContinuation ? r + 1 : r };
}
