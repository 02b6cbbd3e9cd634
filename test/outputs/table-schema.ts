// A small reader of CSV files by their Data Package descriptor, written from the Table Schema
// specification (v2): each cell is read as its field's type (missing values first, then the
// type's lexical form, the number's decimalChar), then the row's constraints, then the table's
// keys. Foreign keys follow SQL's MATCH SIMPLE, as the specification models them on SQL: a key
// with a null refers to nothing. What it does not know (a type or property we never write) it
// reports as a problem rather than passing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';

export interface FieldDescriptor {
  name: string;
  type: string;
  decimalChar?: string;
  groupChar?: string;
  bareNumber?: boolean;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: { required?: boolean; pattern?: string; unique?: boolean };
}

export interface ResourceDescriptor {
  name: string;
  path: string;
  encoding?: string;
  dialect?: { delimiter?: string; header?: boolean; lineTerminator?: string; quoteChar?: string; doubleQuote?: boolean };
  schema: {
    fields: FieldDescriptor[];
    missingValues?: string[];
    primaryKey?: string[];
    uniqueKeys?: string[][];
    foreignKeys?: { fields: string[]; reference: { resource?: string; fields: string[] } }[];
  };
}

export interface PackageDescriptor {
  resources: ResourceDescriptor[];
}

export type Logical = string | number | boolean | null;

export interface Table {
  resource: ResourceDescriptor;
  header: string[];
  rows: Logical[][];
  raw: string[][];
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** One cell as its field's logical value, or a problem. */
export function castCell(field: FieldDescriptor, cell: string, missing: readonly string[]): { value: Logical } | { problem: string } {
  if (missing.includes(cell)) {
    return field.constraints?.required ? { problem: `${field.name}: required, but empty` } : { value: null };
  }
  const pattern = field.constraints?.pattern;
  if (pattern !== undefined && !new RegExp(`^(?:${pattern})$`, 'u').test(cell)) return { problem: `${field.name}: "${cell}" does not match ${pattern}` };
  switch (field.type) {
    case 'string':
      return { value: cell };
    case 'number': {
      if (field.bareNumber === false || field.groupChar !== undefined) return { problem: `${field.name}: number options not supported here` };
      const decimal = field.decimalChar ?? '.';
      // With another decimal character, a "." is not a decimal point: it makes the value unreadable.
      if (decimal !== '.' && cell.includes('.')) return { problem: `${field.name}: "${cell}" uses "." but decimalChar is "${decimal}"` };
      const plain = decimal === '.' ? cell : cell.split(decimal).join('.');
      if (/^(nan|[+-]?inf)$/i.test(plain)) return { value: Number(plain.replace(/inf/i, 'Infinity')) };
      return NUMBER.test(plain) ? { value: Number(plain) } : { problem: `${field.name}: "${cell}" is not a number` };
    }
    case 'integer':
      return INTEGER.test(cell) ? { value: Number(cell) } : { problem: `${field.name}: "${cell}" is not an integer` };
    case 'boolean': {
      const yes = field.trueValues ?? ['true', 'True', 'TRUE', '1'];
      const no = field.falseValues ?? ['false', 'False', 'FALSE', '0'];
      if (yes.includes(cell)) return { value: true };
      if (no.includes(cell)) return { value: false };
      return { problem: `${field.name}: "${cell}" is not a boolean` };
    }
    default:
      return { problem: `${field.name}: type ${field.type} not supported here` };
  }
}

/** Reads a resource's file by its dialect and casts every cell; problems are collected, never thrown. */
export function readResource(dir: string, resource: ResourceDescriptor, problems: string[]): Table {
  let text = readFileSync(join(dir, resource.path), 'utf8');
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const dialect = resource.dialect ?? {};
  const terminator = dialect.lineTerminator ?? '\r\n';
  if (!text.endsWith(terminator)) problems.push(`${resource.path}: does not end with its line terminator`);
  const parsed = Papa.parse<string[]>(text, {
    delimiter: dialect.delimiter ?? ',',
    newline: terminator as '\r\n',
    quoteChar: dialect.quoteChar ?? '"',
    escapeChar: dialect.doubleQuote === false ? '\\' : (dialect.quoteChar ?? '"'),
    skipEmptyLines: 'greedy',
  });
  for (const e of parsed.errors) problems.push(`${resource.path}: row ${e.row}: ${e.message}`);
  const [header = [], ...body] = parsed.data;
  const fields = resource.schema.fields;
  const names = fields.map((f) => f.name);
  if (JSON.stringify(header) !== JSON.stringify(names)) problems.push(`${resource.path}: header ${JSON.stringify(header)} is not the fields ${JSON.stringify(names)}`);
  const missing = resource.schema.missingValues ?? [''];
  const rows = body.map((cells, r) => {
    if (cells.length !== fields.length) problems.push(`${resource.path}: row ${r + 2} has ${cells.length} cells for ${fields.length} fields`);
    return fields.map((f, i) => {
      const out = castCell(f, cells[i] ?? '', missing);
      if ('problem' in out) {
        problems.push(`${resource.path}: row ${r + 2}: ${out.problem}`);
        return null;
      }
      return out.value;
    });
  });
  return { resource, header, rows, raw: body };
}

function columnsOf(table: Table, fields: string[], problems: string[]): number[] {
  return fields.map((f) => {
    const i = table.resource.schema.fields.findIndex((x) => x.name === f);
    if (i < 0) problems.push(`${table.resource.name}: key field ${f} is not a field`);
    return i;
  });
}

const tuple = (row: Logical[], cols: number[]) => cols.map((c) => row[c] ?? null);
const keyOf = (values: Logical[]) => JSON.stringify(values);

/** Primary keys (unique, no null), unique keys (unique where no null) and foreign keys (MATCH SIMPLE). */
export function checkKeys(tables: Map<string, Table>, problems: string[]): { foreignKeysChecked: number; partialForeignKeys: number } {
  let foreignKeysChecked = 0;
  let partialForeignKeys = 0;
  for (const table of tables.values()) {
    const s = table.resource.schema;
    const name = table.resource.name;
    if (s.primaryKey) {
      const cols = columnsOf(table, s.primaryKey, problems);
      const seen = new Set<string>();
      table.rows.forEach((row, r) => {
        const values = tuple(row, cols);
        if (values.some((v) => v === null)) problems.push(`${name}: row ${r + 2}: primary key ${keyOf(values)} has a null`);
        const k = keyOf(values);
        if (seen.has(k)) problems.push(`${name}: row ${r + 2}: primary key ${k} repeated`);
        seen.add(k);
      });
    }
    for (const u of s.uniqueKeys ?? []) {
      const cols = columnsOf(table, u, problems);
      const seen = new Set<string>();
      table.rows.forEach((row, r) => {
        const values = tuple(row, cols);
        if (values.some((v) => v === null)) return;
        const k = keyOf(values);
        if (seen.has(k)) problems.push(`${name}: row ${r + 2}: unique key ${k} repeated`);
        seen.add(k);
      });
    }
    for (const fk of s.foreignKeys ?? []) {
      const target = fk.reference.resource ? tables.get(fk.reference.resource) : table;
      if (!target) {
        problems.push(`${name}: foreign key to a resource that does not exist: ${fk.reference.resource}`);
        continue;
      }
      if (fk.fields.length !== fk.reference.fields.length) problems.push(`${name}: foreign key of ${fk.fields.length} fields refers to ${fk.reference.fields.length}`);
      const cols = columnsOf(table, fk.fields, problems);
      const targetCols = columnsOf(target, fk.reference.fields, problems);
      const present = new Set(target.rows.map((row) => keyOf(tuple(row, targetCols))));
      table.rows.forEach((row, r) => {
        const values = tuple(row, cols);
        if (values.some((v) => v === null)) {
          if (values.some((v) => v !== null)) partialForeignKeys++;
          return;
        }
        foreignKeysChecked++;
        if (!present.has(keyOf(values))) problems.push(`${name}: row ${r + 2}: ${keyOf(values)} not found in ${target.resource.name} ${JSON.stringify(fk.reference.fields)}`);
      });
    }
  }
  return { foreignKeysChecked, partialForeignKeys };
}
