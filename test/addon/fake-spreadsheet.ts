// An in-memory spreadsheet behind the Apps Script services the add-on uses. It enforces the
// rules the real services enforce (1-based indices, grids that match their range, rules and
// ranges of the right sheet, authorisation modes) and counts every method call the script
// makes on a service object. Test code uses the raw objects; the script only sees proxies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { colIndex, evaluate, isError, parseA1, relativeFormula, shiftFormula, type Val } from './formula.js';

export type AuthMode = 'NONE' | 'LIMITED' | 'FULL';
type Stored = string | number | boolean | Date;

interface Cell {
  value: Stored; // '' when empty
  formula: string; // '' when none, else "=..."
  note: string;
  background: string;
  numberFormat: string;
  fontWeight: string;
}

const blank = (): Cell => ({ value: '', formula: '', note: '', background: '#ffffff', numberFormat: '', fontWeight: 'normal' });

export class Env {
  calls: string[] = [];
  authMode: AuthMode = 'FULL';
  locale = 'it';
  menus: { kind: 'addon'; items: ({ caption: string; fn: string } | 'separator')[] }[] = [];
  sidebars: { title: string; content: string }[] = [];
  toasts: string[] = [];
  /** Modal dialogs the script opened, in order. */
  alerts: { title: string; message: string }[] = [];
  prompts: { title: string; message: string }[] = [];
  /** What the user answers to the next prompts: a button and the text typed. A prompt with none queued fails the test. */
  promptAnswers: { button: 'OK' | 'CANCEL' | 'CLOSE'; text: string }[] = [];
  lockHeldElsewhere = false;
  /** How many of the next tryLock calls fail because another execution holds the lock. */
  lockBusyAttempts = 0;
  /** The document cache (CacheService.getDocumentCache). */
  cache = new Map<string, string>();
  /** Installable triggers the script created: handler and event type. */
  triggers: { handler: string; event: string }[] = [];
  /** The manifest's scopes: a service that needs another scope throws, as Apps Script does. */
  scopes: string[];
  /** Milliseconds spent inside service calls (the fake's own time, not the script's). */
  serviceMs = 0;
  private proxies = new WeakMap<object, object>();
  readonly spreadsheet: FakeSpreadsheet;

  constructor(readonly htmlDir: string) {
    this.spreadsheet = new FakeSpreadsheet(this);
    try {
      this.scopes = JSON.parse(readFileSync(join(htmlDir, 'appsscript.json'), 'utf8')).oauthScopes ?? [];
    } catch {
      this.scopes = [];
    }
  }

  reset(): void {
    this.calls = [];
  }

  count(filter?: (call: string) => boolean): number {
    return filter ? this.calls.filter(filter).length : this.calls.length;
  }

  /** What the script sees: every method call is counted and checked against the auth mode. */
  expose<T>(value: T): T {
    if (Array.isArray(value)) return value.map((v) => this.expose(v)) as T;
    if (!(value instanceof Fake)) return value;
    const cached = this.proxies.get(value);
    if (cached) return cached as T;
    const cls = value.kind;
    const proxy = new Proxy(value, {
      get: (target, prop) => {
        const v = Reflect.get(target, prop, target);
        if (typeof v !== 'function' || typeof prop !== 'string' || prop.startsWith('_') || prop === 'constructor') {
          return typeof prop === 'string' && prop.startsWith('_') ? undefined : v;
        }
        return (...args: unknown[]) => {
          this.calls.push(`${cls}.${prop}`);
          this.authorise(cls, prop);
          const started = performance.now();
          try {
            return this.expose(v.apply(target, args.map((a) => this.unwrap(a))));
          } finally {
            this.serviceMs += performance.now() - started;
          }
        };
      },
    });
    this.proxies.set(value, proxy);
    this.targets.set(proxy, value);
    return proxy as T;
  }

  private targets = new WeakMap<object, object>();
  /** Objects the script hands back (ranges, rules) are stored raw, as the service would. */
  unwrap(a: unknown): unknown {
    if (Array.isArray(a)) return a.map((x) => this.unwrap(x));
    return (typeof a === 'object' && a !== null && this.targets.get(a)) || a;
  }


  private authorise(cls: string, method: string): void {
    const free = cls === 'Ui' || cls === 'Menu' || cls === 'Session' || (cls === 'SpreadsheetApp' && method === 'getUi');
    if (this.authMode === 'NONE' && !free) {
      throw new Error(`You do not have permission to call ${cls}.${method} (AuthMode.NONE)`);
    }
    if (/^(ScriptApp|Trigger|TriggerBuilder|SpreadsheetTriggerBuilder)$/.test(cls)) {
      if (this.authMode !== 'FULL') throw new Error(`You do not have permission to call ${cls}.${method} (AuthMode.${this.authMode})`);
      if (!this.scopes.includes('https://www.googleapis.com/auth/script.scriptapp')) {
        throw new Error(`Specified permissions are not sufficient to call ScriptApp (required: https://www.googleapis.com/auth/script.scriptapp)`);
      }
    }
  }

  /** The globals Apps Script offers, as the script sees them. */
  globals(): Record<string, unknown> {
    return {
      SpreadsheetApp: this.expose(new FakeSpreadsheetApp(this)),
      HtmlService: this.expose(new FakeHtmlService(this)),
      LockService: this.expose(new FakeLockService(this)),
      CacheService: this.expose(new FakeCacheService(this)),
      ScriptApp: this.expose(new FakeScriptApp(this)),
      Session: this.expose(new FakeSession(this)),
      Logger: { log: () => undefined },
    };
  }

  /** The event an installable change trigger receives (no range: the change is on the active tab). */
  changeEvent(changeType: string): Record<string, unknown> {
    return { authMode: 'FULL', changeType, source: this.expose(this.spreadsheet), triggerUid: '1', user: {} };
  }

  /** The event Apps Script passes to onEdit after the user edited `a1` (a cell or a rectangle). */
  editEvent(sheet: FakeSheet, a1: string, value?: Stored): Record<string, unknown> {
    const range = sheet.getRange(a1);
    const e: Record<string, unknown> = { authMode: 'LIMITED', range: this.expose(range), source: this.expose(this.spreadsheet), user: {} };
    if (value !== undefined && range.getNumRows() === 1 && range.getNumColumns() === 1) e.value = value;
    return e;
  }
}

abstract class Fake {
  abstract readonly kind: string;
  constructor(readonly env: Env) {}
}

function a1Of(row: number, col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `${s}${row + 1}`;
}

function checkGrid(data: unknown, rows: number, cols: number): asserts data is unknown[][] {
  if (!Array.isArray(data) || data.some((r) => !Array.isArray(r))) {
    throw new Error('The parameters (String) don\'t match the method signature: expected Object[][].');
  }
  if (data.length !== rows) {
    throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${rows}.`);
  }
  for (const r of data as unknown[][]) {
    if (r.length !== cols) {
      throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${r.length} but the range has ${cols}.`);
    }
  }
}

function checkInt(n: unknown, what: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`Cannot convert ${String(n)} to int (${what}).`);
  return n;
}

export class FakeSpreadsheet extends Fake {
  readonly kind = 'Spreadsheet';
  sheets: FakeSheet[] = [];
  active: FakeSheet;
  private nextId = 1;
  lock = { held: false };

  constructor(env: Env) {
    super(env);
    this.active = this._add('Foglio1');
  }

  _add(name: string, at = this.sheets.length): FakeSheet {
    if (this.sheets.some((s) => s.name === name)) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const sheet = new FakeSheet(this.env, this, name, this.nextId++);
    this.sheets.splice(at, 0, sheet);
    return sheet;
  }

  getId() { return 'fake-spreadsheet'; }
  getName() { return 'Fake'; }
  getSheets() { return [...this.sheets]; }
  getActiveSheet() { return this.active; }
  setActiveSheet(sheet: FakeSheet) { this.active = sheet; return sheet; }
  getSheetByName(name: string) { return this.sheets.find((s) => s.name === name) ?? null; }
  insertSheet(name?: string) {
    const sheet = this._add(name ?? `Foglio${this.sheets.length + 1}`);
    this.active = sheet;
    return sheet;
  }
  toast(msg: string) { this.env.toasts.push(String(msg)); }
  getSpreadsheetLocale() { return 'it_IT'; }
}

export class FakeSheet extends Fake {
  readonly kind = 'Sheet';
  rows: Cell[][] = [];
  maxRows = 1000;
  maxCols = 26;
  rules: FakeRule[] = [];
  activeRange: { row: number; col: number } | null = null;

  constructor(env: Env, readonly parent: FakeSpreadsheet, public name: string, readonly id: number) {
    super(env);
  }

  _cell(r: number, c: number, create = false): Cell {
    if (!create) return this.rows[r]?.[c] ?? blank();
    while (this.rows.length <= r) this.rows.push([]);
    const row = this.rows[r]!;
    while (row.length <= c) row.push(blank());
    return row[c]!;
  }

  /** Formula results during one read: nothing changes while a read runs. */
  _memo: Map<number, Val> | null = null;

  _value(r: number, c: number, depth = 0): Val {
    const cell = this._cell(r, c);
    if (cell.formula === '') return cell.value instanceof Date ? cell.value.toISOString() : cell.value;
    if (depth > 50) return { error: '#REF!' };
    const key = r * 100_000 + c;
    const known = this._memo?.get(key);
    if (known !== undefined) return known;
    const v = evaluate(cell.formula, { value: (rr, cc) => this._value(rr, cc, depth + 1) }, { row: r, col: c });
    this._memo?.set(key, v);
    return v;
  }

  _reading<T>(f: () => T): T {
    const outer = this._memo;
    this._memo ??= new Map();
    try {
      return f();
    } finally {
      this._memo = outer;
    }
  }

  _extent(): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    this.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell.value !== '' || cell.formula !== '') {
          rows = Math.max(rows, r + 1);
          cols = Math.max(cols, c + 1);
        }
      }),
    );
    return { rows, cols };
  }

  /** Test helper: fill cells from a grid of literal values, formulas as "=...". */
  _fill(grid: readonly (readonly (Stored | null | undefined)[])[], top = 0, left = 0): void {
    grid.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        const cell = this._cell(top + r, left + c, true);
        if (typeof v === 'string' && v.startsWith('=')) cell.formula = v;
        else cell.value = v;
      }),
    );
    const { rows, cols } = this._extent();
    this.maxRows = Math.max(this.maxRows, rows);
    this.maxCols = Math.max(this.maxCols, cols);
  }

  /** Test helper: the background a viewer sees (the first matching conditional rule wins). */
  _effectiveBackground(a1: string): string {
    const p = parseA1(a1)!;
    for (const rule of this.rules) {
      if (!rule.ranges.some((g) => p.row >= g.row && p.row < g.row + g.rows && p.col >= g.col && p.col < g.col + g.cols)) continue;
      if (rule._holds(this, p.row, p.col) && rule.background) return rule.background;
    }
    return this._cell(p.row, p.col).background;
  }

  getName() { return this.name; }
  setName(name: string) { this.name = name; return this; }
  getSheetId() { return this.id; }
  getParent() { return this.parent; }
  getMaxRows() { return this.maxRows; }
  getMaxColumns() { return this.maxCols; }
  getLastRow() { return this._extent().rows; }
  getLastColumn() { return this._extent().cols; }
  activate() { this.parent.active = this; return this; }

  getDataRange() {
    const { rows, cols } = this._extent();
    return new FakeRange(this.env, this, 0, 0, Math.max(rows, 1), Math.max(cols, 1));
  }

  /** Values of a rectangle; -1 rows or columns means "to the last one with data". */
  getSheetValues(row: number, col: number, numRows: number, numCols: number) {
    const { rows, cols } = this._extent();
    const r = checkInt(row, 'startRow');
    const c = checkInt(col, 'startColumn');
    const nr = checkInt(numRows, 'numRows') === -1 ? rows - r + 1 : numRows;
    const nc = checkInt(numCols, 'numColumns') === -1 ? cols - c + 1 : numCols;
    if (nr < 1 || nc < 1) throw new Error('The number of rows in the range must be at least 1.');
    return this.getRange(r, c, nr, nc).getValues();
  }

  getRange(a: number | string, col?: number, numRows?: number, numCols?: number): FakeRange {
    if (typeof a === 'string') {
      const whole = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i.exec(a);
      if (whole) {
        const [c1, c2] = [colIndex(whole[1]!), colIndex(whole[2]!)];
        return this.getRange(1, Math.min(c1, c2) + 1, this.maxRows, Math.abs(c2 - c1) + 1);
      }
      const [from, to] = a.split(':');
      const p = parseA1(from ?? '');
      const q = to === undefined ? p : parseA1(to);
      if (!p || !q) throw new Error('Range not found');
      return this.getRange(Math.min(p.row, q.row) + 1, Math.min(p.col, q.col) + 1, Math.abs(q.row - p.row) + 1, Math.abs(q.col - p.col) + 1);
    }
    const row = checkInt(a, 'row');
    const c = checkInt(col, 'column');
    const nr = numRows === undefined ? 1 : checkInt(numRows, 'numRows');
    const nc = numCols === undefined ? 1 : checkInt(numCols, 'numColumns');
    if (row < 1) throw new Error('The starting row of the range is too small.');
    if (c < 1) throw new Error('The starting column of the range is too small.');
    if (nr < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (nc < 1) throw new Error('The number of columns in the range must be at least 1.');
    if (row + nr - 1 > this.maxRows) throw new Error('Those rows are out of bounds.');
    if (c + nc - 1 > this.maxCols) throw new Error('Those columns are out of bounds.');
    return new FakeRange(this.env, this, row - 1, c - 1, nr, nc);
  }

  getRangeList(a1s: string[]) {
    if (!Array.isArray(a1s) || a1s.length === 0) throw new Error('The parameters () don\'t match the method signature for Sheet.getRangeList.');
    return new FakeRangeList(this.env, a1s.map((s) => this.getRange(s)));
  }

  insertColumnsAfter(after: number, n: number) {
    const a = checkInt(after, 'column');
    if (a !== this.maxCols) throw new Error('the fake only appends columns at the end');
    this.maxCols += checkInt(n, 'howMany');
    return this;
  }

  insertRowBefore(before: number) { return this._insert(checkInt(before, 'row') - 1, 1); }
  insertRowAfter(after: number) { return this._insert(checkInt(after, 'row'), 1); }
  insertRowsBefore(before: number, n: number) { return this._insert(checkInt(before, 'row') - 1, checkInt(n, 'howMany')); }
  insertRowsAfter(after: number, n: number) { return this._insert(checkInt(after, 'row'), checkInt(n, 'howMany')); }

  _insert(at: number, n: number) {
    if (at < 0 || at > this.maxRows) throw new Error('Those rows are out of bounds.');
    while (this.rows.length < at) this.rows.push([]);
    this.rows.splice(at, 0, ...Array.from({ length: n }, () => [] as Cell[]));
    this.maxRows += n;
    this._shift(at, n);
    return this;
  }

  deleteRow(row: number) {
    const r = checkInt(row, 'row') - 1;
    if (r < 0 || r >= this.maxRows) throw new Error('Those rows are out of bounds.');
    if (this.maxRows === 1) throw new Error('You can\'t delete all the rows on the sheet.');
    this.rows.splice(r, 1);
    this.maxRows -= 1;
    this._shift(r, -1);
    return this;
  }

  _shift(at: number, by: number) {
    for (const row of this.rows) for (const cell of row) if (cell.formula) cell.formula = shiftFormula(cell.formula, at, by);
    for (const rule of this.rules) {
      rule.ranges = rule.ranges.flatMap((g) => {
        if (by > 0) {
          if (g.row >= at) return [{ ...g, row: g.row + by }];
          if (g.row + g.rows > at) return [{ ...g, rows: g.rows + by }];
          return [g];
        }
        if (g.row > at) return [{ ...g, row: g.row - 1 }];
        if (g.row + g.rows > at) return g.rows === 1 ? [] : [{ ...g, rows: g.rows - 1 }];
        return [g];
      });
    }
  }

  getConditionalFormatRules() { return [...this.rules]; }
  setConditionalFormatRules(rules: FakeRule[]) {
    if (!Array.isArray(rules) || rules.some((r) => !(r instanceof FakeRule))) {
      throw new Error('The parameters don\'t match the method signature for Sheet.setConditionalFormatRules.');
    }
    for (const r of rules) {
      if (r.sheet !== this) throw new Error('Conditional format rule cannot reference a different sheet.');
    }
    this.rules = [...rules];
  }
  clearConditionalFormatRules() { this.rules = []; }

  setActiveRange(range: FakeRange) {
    if (!(range instanceof FakeRange) || range.sheet !== this) throw new Error('The range must be on the active sheet.');
    this.activeRange = { row: range.row, col: range.col };
    return range;
  }
  setActiveSelection(a: FakeRange | string) { return this.setActiveRange(typeof a === 'string' ? this.getRange(a) : a); }
  getActiveRange() { return this.activeRange ? new FakeRange(this.env, this, this.activeRange.row, this.activeRange.col, 1, 1) : null; }
}

export class FakeRange extends Fake {
  readonly kind = 'Range';
  constructor(env: Env, readonly sheet: FakeSheet, readonly row: number, readonly col: number, readonly rows: number, readonly cols: number) {
    super(env);
  }

  _map<T>(f: (cell: Cell, r: number, c: number) => T): T[][] {
    return Array.from({ length: this.rows }, (_, i) =>
      Array.from({ length: this.cols }, (_, j) => f(this.sheet._cell(this.row + i, this.col + j), this.row + i, this.col + j)),
    );
  }

  _write<T>(data: unknown, f: (cell: Cell, v: T) => void, check?: (v: unknown) => void): void {
    checkGrid(data, this.rows, this.cols);
    (data as unknown[][]).forEach((row) => row.forEach((v) => check?.(v)));
    (data as T[][]).forEach((row, i) => row.forEach((v, j) => f(this.sheet._cell(this.row + i, this.col + j, true), v)));
  }

  getRow() { return this.row + 1; }
  getColumn() { return this.col + 1; }
  getNumRows() { return this.rows; }
  getNumColumns() { return this.cols; }
  getLastRow() { return this.row + this.rows; }
  getLastColumn() { return this.col + this.cols; }
  getSheet() { return this.sheet; }
  getA1Notation() {
    const first = a1Of(this.row, this.col);
    return this.rows === 1 && this.cols === 1 ? first : `${first}:${a1Of(this.row + this.rows - 1, this.col + this.cols - 1)}`;
  }

  getValues(): Stored[][] {
    return this.sheet._reading(() =>
      this._map((cell, r, c) => {
        const v = this.sheet._value(r, c);
        // A date cell reads as a Date, as in Apps Script.
        if (cell.value instanceof Date && cell.formula === '') return new Date(cell.value.getTime());
        return isError(v) ? v.error : (v as Stored);
      }),
    );
  }
  getDisplayValues(): string[][] {
    return this.getValues().map((row) => row.map((v) => (typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v))));
  }
  getValue() { return this.getValues()[0]![0]; }
  setValues(data: unknown) {
    this._write<Stored | null>(data, (cell, v) => {
      if (typeof v === 'string' && v.startsWith("'")) {
        // Sheets' text prefix: the rest is stored as text, whatever it looks like.
        cell.formula = '';
        cell.value = v.slice(1);
      } else if (typeof v === 'string' && v.startsWith('=')) {
        cell.formula = v;
        cell.value = '';
      } else {
        cell.formula = '';
        cell.value = v ?? '';
      }
    }, (v) => {
      if (v !== null && !['string', 'number', 'boolean'].includes(typeof v) && !(v instanceof Date)) {
        throw new Error('The parameters don\'t match the method signature for Range.setValues.');
      }
    });
    return this;
  }
  setValue(v: Stored) { return this.setValues(Array.from({ length: this.rows }, () => Array(this.cols).fill(v))); }

  getFormulas() { return this._map((cell) => cell.formula); }
  setFormulas(data: unknown) {
    this._write<string>(data, (cell, f) => {
      cell.formula = f.startsWith('=') ? f : '';
      cell.value = f.startsWith('=') ? '' : f;
    }, (v) => { if (typeof v !== 'string') throw new Error('Range.setFormulas expects strings.'); });
    return this;
  }
  getFormula() { return this.getFormulas()[0]![0]; }

  getNotes() { return this._map((cell) => cell.note); }
  setNotes(data: unknown) {
    this._write<string | null>(data, (cell, n) => { cell.note = n ?? ''; }, (v) => {
      if (v !== null && typeof v !== 'string') throw new Error('Range.setNotes expects strings.');
    });
    return this;
  }
  getNote() { return this.getNotes()[0]![0]; }
  setNote(note: string | null) { return this.setNotes(Array.from({ length: this.rows }, () => Array(this.cols).fill(note ?? ''))); }

  getBackgrounds() { return this._map((cell) => cell.background); }
  setBackgrounds(data: unknown) { this._write<string>(data, (cell, b) => { cell.background = b ?? '#ffffff'; }); return this; }
  getBackground() { return this.getBackgrounds()[0]![0]; }
  setBackground(b: string) { return this.setBackgrounds(Array.from({ length: this.rows }, () => Array(this.cols).fill(b))); }

  getNumberFormats() { return this._map((cell) => cell.numberFormat); }
  setNumberFormats(data: unknown) { this._write<string>(data, (cell, f) => { cell.numberFormat = f; }); return this; }
  setNumberFormat(f: string) { return this.setNumberFormats(Array.from({ length: this.rows }, () => Array(this.cols).fill(f))); }

  getFontWeights() { return this._map((cell) => cell.fontWeight); }
  setFontWeight(w: string | null) { this._map((_c, r, c) => { this.sheet._cell(r, c, true).fontWeight = w ?? 'normal'; }); return this; }

  activate() { this.sheet.parent.active = this.sheet; this.sheet.activeRange = { row: this.row, col: this.col }; return this; }
}

class FakeRangeList extends Fake {
  readonly kind = 'RangeList';
  constructor(env: Env, readonly ranges: FakeRange[]) { super(env); }
  getRanges() { return [...this.ranges]; }
  setNumberFormat(f: string) { this.ranges.forEach((r) => r.setNumberFormat(f)); return this; }
  setFontWeight(w: string) { this.ranges.forEach((r) => r.setFontWeight(w)); return this; }
  setValue(v: Stored) { this.ranges.forEach((r) => r.setValue(v)); return this; }
  setBackground(b: string) { this.ranges.forEach((r) => r.setBackground(b)); return this; }
}

interface Rect { row: number; col: number; rows: number; cols: number }

export class FakeRule extends Fake {
  readonly kind = 'ConditionalFormatRule';
  constructor(env: Env, readonly sheet: FakeSheet, public ranges: Rect[], readonly formula: string | null, readonly notEmpty: boolean, readonly background: string | null) {
    super(env);
  }
  _holds(sheet: FakeSheet, r: number, c: number): boolean {
    if (this.notEmpty) return sheet._value(r, c) !== '';
    if (this.formula === null || this.ranges.length === 0) return false;
    // A custom formula is written for the first range's top-left cell; Sheets moves its
    // relative references to each cell it colours.
    const origin = this.ranges[0]!;
    const formula = relativeFormula(this.formula, r - origin.row, c - origin.col);
    const v = evaluate(formula, { value: (rr, cc) => sheet._value(rr, cc) }, { row: r, col: c });
    return v === true;
  }
  getRanges() { return this.ranges.map((g) => new FakeRange(this.env, this.sheet, g.row, g.col, g.rows, g.cols)); }
  getBooleanCondition() {
    return new FakeBooleanCondition(this.env, this.notEmpty ? 'CELL_NOT_EMPTY' : 'CUSTOM_FORMULA', this.formula === null ? [] : [this.formula], this.background);
  }
  getGradientCondition() { return null; }
}

class FakeBooleanCondition extends Fake {
  readonly kind = 'BooleanCondition';
  constructor(env: Env, readonly type: string, readonly values: string[], readonly background: string | null) { super(env); }
  getCriteriaType() { return this.type; }
  getCriteriaValues() { return [...this.values]; }
  getBackground() { return this.background; }
}

export class FakeRuleBuilder extends Fake {
  readonly kind = 'ConditionalFormatRuleBuilder';
  private formula: string | null = null;
  private notEmpty = false;
  private background: string | null = null;
  private ranges: FakeRange[] = [];
  whenFormulaSatisfied(f: string) {
    if (typeof f !== 'string' || !f.startsWith('=')) throw new Error('Invalid formula: a custom formula must start with "=".');
    this.formula = f;
    return this;
  }
  whenCellNotEmpty() { this.notEmpty = true; return this; }
  setBackground(b: string) { this.background = b; return this; }
  setRanges(ranges: FakeRange[]) {
    if (!Array.isArray(ranges) || ranges.some((r) => !(r instanceof FakeRange))) throw new Error('setRanges expects Range[].');
    this.ranges = ranges;
    return this;
  }
  build() {
    if (this.ranges.length === 0) throw new Error('A conditional format rule needs at least one range.');
    if (this.formula === null && !this.notEmpty) throw new Error('A conditional format rule needs a condition.');
    const sheet = this.ranges[0]!.sheet;
    if (this.ranges.some((r) => r.sheet !== sheet)) throw new Error('All ranges of a rule must be on one sheet.');
    return new FakeRule(this.env, sheet, this.ranges.map((r) => ({ row: r.row, col: r.col, rows: r.rows, cols: r.cols })), this.formula, this.notEmpty, this.background);
  }
}

class FakeMenu extends Fake {
  readonly kind = 'Menu';
  items: ({ caption: string; fn: string } | 'separator')[] = [];
  addItem(caption: string, fn: string) {
    if (typeof caption !== 'string' || typeof fn !== 'string') throw new Error('Menu.addItem expects (String, String).');
    this.items.push({ caption, fn });
    return this;
  }
  addSeparator() { this.items.push('separator'); return this; }
  addToUi() { this.env.menus.push({ kind: 'addon', items: [...this.items] }); }
}

class FakeHtmlOutput extends Fake {
  readonly kind = 'HtmlOutput';
  title = '';
  constructor(env: Env, readonly content: string) { super(env); }
  setTitle(t: string) { this.title = t; return this; }
  getTitle() { return this.title; }
  getContent() { return this.content; }
}

const BUTTON = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
const BUTTON_SET = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as const;

class FakePromptResponse extends Fake {
  readonly kind = 'PromptResponse';
  constructor(env: Env, private readonly button: string, private readonly text: string) { super(env); }
  getSelectedButton() { return this.button; }
  getResponseText() { return this.text; }
}

class FakeUi extends Fake {
  readonly kind = 'Ui';
  // Enums, as properties of the Ui object (reading them is not a service call).
  readonly Button = BUTTON;
  readonly ButtonSet = BUTTON_SET;
  createAddonMenu() { return new FakeMenu(this.env); }
  /** prompt(message), prompt(message, buttons) or prompt(title, message, buttons), as in Apps Script. */
  prompt(...args: unknown[]) {
    if (args.length < 1 || args.length > 3 || args.some((a) => typeof a !== 'string')) {
      throw new Error('The parameters don\'t match the method signature for Ui.prompt.');
    }
    const [title, message] = args.length === 3 ? [args[0] as string, args[1] as string] : ['', args[0] as string];
    if (args.length > 1 && !(Object.values(BUTTON_SET) as string[]).includes(args[args.length - 1] as string)) {
      throw new Error('Ui.prompt: invalid ButtonSet.');
    }
    this.env.prompts.push({ title, message });
    const answer = this.env.promptAnswers.shift();
    if (!answer) throw new Error(`Ui.prompt with no answer queued by the test: "${message}"`);
    return new FakePromptResponse(this.env, answer.button, answer.text);
  }
  /** alert(message), alert(message, buttons) or alert(title, message, buttons); the user presses OK. */
  alert(...args: unknown[]) {
    if (args.length < 1 || args.length > 3 || args.some((a) => typeof a !== 'string')) {
      throw new Error('The parameters don\'t match the method signature for Ui.alert.');
    }
    const [title, message] = args.length === 3 ? [args[0] as string, args[1] as string] : ['', args[0] as string];
    this.env.alerts.push({ title, message });
    return BUTTON.OK;
  }
  showSidebar(html: FakeHtmlOutput) {
    if (!(html instanceof FakeHtmlOutput)) throw new Error('Ui.showSidebar expects an HtmlOutput.');
    this.env.sidebars.push({ title: html.title, content: html.content });
  }
}

class FakeSpreadsheetApp extends Fake {
  readonly kind = 'SpreadsheetApp';
  getActive() { return this.env.spreadsheet; }
  getActiveSpreadsheet() { return this.env.spreadsheet; }
  getActiveSheet() { return this.env.spreadsheet.active; }
  getUi() { return new FakeUi(this.env); }
  newConditionalFormatRule() { return new FakeRuleBuilder(this.env); }
  flush() { /* writes are immediate here */ }
}

class FakeHtmlService extends Fake {
  readonly kind = 'HtmlService';
  createHtmlOutputFromFile(name: string) {
    if (!/^[\w-]+$/.test(name)) throw new Error(`No HTML file named ${name} was found.`);
    let content: string;
    try {
      content = readFileSync(join(this.env.htmlDir, `${name}.html`), 'utf8');
    } catch {
      throw new Error(`No HTML file named ${name} was found.`);
    }
    return new FakeHtmlOutput(this.env, content);
  }
}

class FakeLock extends Fake {
  readonly kind = 'Lock';
  private mine = false;
  tryLock(ms: number) {
    checkInt(ms, 'timeoutInMillis');
    if (this.env.lockBusyAttempts > 0) {
      this.env.lockBusyAttempts--;
      return false;
    }
    if (this.env.lockHeldElsewhere || this.env.spreadsheet.lock.held) return false;
    this.env.spreadsheet.lock.held = true;
    this.mine = true;
    return true;
  }
  hasLock() { return this.mine; }
  releaseLock() {
    if (this.mine) this.env.spreadsheet.lock.held = false;
    this.mine = false;
  }
}

class FakeLockService extends Fake {
  readonly kind = 'LockService';
  getDocumentLock() { return new FakeLock(this.env); }
}

class FakeCache extends Fake {
  readonly kind = 'Cache';
  get(key: string) { return this.env.cache.get(String(key)) ?? null; }
  getAll(keys: string[]) {
    const out: Record<string, string> = {};
    for (const k of keys) if (this.env.cache.has(k)) out[k] = this.env.cache.get(k)!;
    return out;
  }
  put(key: string, value: string) { this.env.cache.set(String(key), String(value)); }
  putAll(values: Record<string, string>) { for (const [k, v] of Object.entries(values)) this.env.cache.set(k, String(v)); }
  remove(key: string) { this.env.cache.delete(String(key)); }
  removeAll(keys: string[]) { for (const k of keys) this.env.cache.delete(k); }
}

class FakeCacheService extends Fake {
  readonly kind = 'CacheService';
  getDocumentCache() { return new FakeCache(this.env); }
}

class FakeTrigger extends Fake {
  readonly kind = 'Trigger';
  constructor(env: Env, readonly handler: string, readonly event: string) { super(env); }
  getHandlerFunction() { return this.handler; }
  getEventType() { return this.event; }
}

class FakeTriggerBuilder extends Fake {
  readonly kind = 'TriggerBuilder';
  constructor(env: Env, readonly handler: string) { super(env); }
  forSpreadsheet(ss: unknown) {
    if (ss !== this.env.spreadsheet) throw new Error('forSpreadsheet expects the spreadsheet.');
    return new FakeSpreadsheetTriggerBuilder(this.env, this.handler);
  }
}

class FakeSpreadsheetTriggerBuilder extends Fake {
  readonly kind = 'SpreadsheetTriggerBuilder';
  private event = '';
  constructor(env: Env, readonly handler: string) { super(env); }
  onChange() { this.event = 'ON_CHANGE'; return this; }
  onEdit() { this.event = 'ON_EDIT'; return this; }
  create() {
    if (!this.event) throw new Error('A trigger needs an event.');
    // An add-on may have one trigger of each event type per document and user.
    if (this.env.triggers.some((t) => t.event === this.event)) throw new Error('This add-on has created too many ' + this.event + ' triggers in this document for this Google user account.');
    this.env.triggers.push({ handler: this.handler, event: this.event });
    return new FakeTrigger(this.env, this.handler, this.event);
  }
}

class FakeScriptApp extends Fake {
  readonly kind = 'ScriptApp';
  getUserTriggers(ss: unknown) {
    if (ss !== this.env.spreadsheet) throw new Error('getUserTriggers expects the spreadsheet.');
    return this.env.triggers.map((t) => new FakeTrigger(this.env, t.handler, t.event));
  }
  newTrigger(handler: string) {
    if (typeof handler !== 'string') throw new Error('newTrigger expects a function name.');
    return new FakeTriggerBuilder(this.env, handler);
  }
}

class FakeSession extends Fake {
  readonly kind = 'Session';
  getActiveUserLocale() { return this.env.locale; }
}

export { a1Of };
