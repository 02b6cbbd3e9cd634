// datapackage.json: a Frictionless Data Package (v2) describing the CSV files beside it, so that
// analysts' tools load them with the right types and can check them. Built from the very column
// definitions the CSV files are written from (rows.ts), in the dialect they were written in:
// - a column's kind gives its field type (text -> string, so that "2.10" is never the number
//   2.1; amounts and numbers -> number, with the Italian dialect's decimal comma; integer;
//   boolean as we write it; a list of source lines -> a string of line numbers by pattern);
// - the keys below say which columns identify a row and how tables refer to each other.
// Nothing depends on the time or the run: two runs on the same input write the same bytes.
import type { CsvDialect } from './csv.js';
import type { Column, OutputTable } from './rows.js';

export const DATAPACKAGE_FILE = 'datapackage.json';

const PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';
const SCHEMA_PROFILE = 'https://datapackage.org/profiles/2.0/tableschema.json';
const DIALECT_PROFILE = 'https://datapackage.org/profiles/2.0/tabledialect.json';

interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

interface Keys {
  primaryKey?: string[];
  uniqueKeys?: string[][];
  foreignKeys?: ForeignKey[];
  description: string;
}

/** Source line numbers separated by single spaces ("657 662 410"). */
export const LINES_PATTERN = '^[1-9][0-9]*( [1-9][0-9]*)*$';

const PROJECT = ['annex_file', 'project_id'];
const toProject: ForeignKey = { fields: PROJECT, reference: { resource: 'projects', fields: PROJECT } };

/**
 * Per CSV file: what identifies a row and what it refers to. Keys are the annex's own
 * identifiers (a project's number, a partner's number, a budget line's code) where the reader
 * guarantees them unique, else the source line. A key that is partly empty (an unlinked
 * cofinancer's partner_seq, a finding on the file as a whole) refers to nothing, as a foreign
 * key with a null does in SQL, which Table Schema's keys are modelled on.
 */
const KEYS: Record<string, Keys> = {
  'projects.csv': { primaryKey: PROJECT, description: 'One row per project: header fields, declared totals, finding counts, re-planning status.' },
  'partners.csv': { primaryKey: [...PROJECT, 'seq'], foreignKeys: [toProject], description: 'One row per partner of a project.' },
  'interventions.csv': { primaryKey: [...PROJECT, 'code'], foreignKeys: [toProject], description: 'One row per intervention type (a-f) of a project.' },
  'budget_lines.csv': { primaryKey: [...PROJECT, 'code'], foreignKeys: [toProject], description: 'One row per budget line of a project, as declared.' },
  'cofinancing.csv': {
    primaryKey: [...PROJECT, 'line'],
    foreignKeys: [toProject, { fields: [...PROJECT, 'partner_seq'], reference: { resource: 'partners', fields: [...PROJECT, 'seq'] } }],
    description: 'One row per cofinancer of a project, with the partner it is (partner_seq empty: not a partner).',
  },
  'findings.csv': { foreignKeys: [toProject], description: 'One row per finding; project_id empty for a finding on the annex file as a whole.' },
  'sections.csv': { primaryKey: ['annex_file', 'line'], description: 'One row per narrative section; project_id empty for text before the first project.' },
  'extra_tables.csv': { primaryKey: [...PROJECT, 'table', 'row', 'column'], foreignKeys: [toProject], description: 'One row per cell of any other table inside a budget.' },
  'replan.csv': {
    uniqueKeys: [[...PROJECT, 'code']],
    foreignKeys: [toProject],
    description: 'One row per re-planned budget line of a project awarded less than it asked (code empty: no proposal meets the rules, reason says why).',
  },
};

function field(c: Column, dialect: CsvDialect, required: boolean): Record<string, unknown> {
  const constraints = required ? { constraints: { required: true } } : {};
  switch (c.kind) {
    case 'amount':
    case 'number':
      return { name: c.name, type: 'number', ...(dialect === 'it' ? { decimalChar: ',' } : {}), ...constraints };
    case 'integer':
      return { name: c.name, type: 'integer', ...constraints };
    case 'boolean':
      return { name: c.name, type: 'boolean', trueValues: ['true'], falseValues: ['false'], ...constraints };
    case 'lines':
      // Table Schema v2 has a list type for this, but the published v2 profile does not know it
      // yet (a descriptor using it fails the profile): a string of line numbers, by pattern.
      return { name: c.name, type: 'string', constraints: { ...(required ? { required: true } : {}), pattern: LINES_PATTERN } };
    case 'text':
      return { name: c.name, type: 'string', ...constraints };
  }
}

function resourceName(file: string): string {
  return file.replace(/\.csv$/, '');
}

/** The descriptor of the CSV tables as written in `dialect`. Throws if a key names a column the table lacks. */
export function dataPackage(tables: readonly OutputTable[], dialect: CsvDialect): Record<string, unknown> {
  const names = new Set(tables.map((t) => resourceName(t.file)));
  const resources = tables.map((t) => {
    const keys = KEYS[t.file];
    const columns = new Set(t.columns.map((c) => c.name));
    const check = (fields: string[], where: string) => {
      for (const f of fields) if (!columns.has(f)) throw new Error(`datapackage: ${t.file} has no column "${f}" (${where})`);
    };
    if (keys?.primaryKey) check(keys.primaryKey, 'primaryKey');
    for (const u of keys?.uniqueKeys ?? []) check(u, 'uniqueKeys');
    const foreignKeys = (keys?.foreignKeys ?? []).filter((fk) => names.has(fk.reference.resource));
    for (const fk of foreignKeys) {
      check(fk.fields, 'foreignKeys');
      const target = tables.find((x) => resourceName(x.file) === fk.reference.resource)!;
      for (const f of fk.reference.fields) {
        if (!target.columns.some((c) => c.name === f)) throw new Error(`datapackage: ${target.file} has no column "${f}" (referenced by ${t.file})`);
      }
    }
    const required = new Set(keys?.primaryKey ?? []);
    return {
      name: resourceName(t.file),
      path: t.file,
      type: 'table',
      ...(keys ? { description: keys.description } : {}),
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: {
        $schema: DIALECT_PROFILE,
        header: true,
        delimiter: dialect === 'it' ? ';' : ',',
        lineTerminator: '\r\n',
        quoteChar: '"',
        doubleQuote: true,
      },
      schema: {
        $schema: SCHEMA_PROFILE,
        fields: t.columns.map((c) => field(c, dialect, required.has(c.name))),
        missingValues: [''],
        ...(keys?.primaryKey ? { primaryKey: keys.primaryKey } : {}),
        ...(keys?.uniqueKeys ? { uniqueKeys: keys.uniqueKeys } : {}),
        ...(foreignKeys.length > 0 ? { foreignKeys } : {}),
      },
    };
  });
  return {
    $schema: PROFILE,
    name: 'conciliazione-annexes',
    title: 'Work-life alliance grant annexes read by conciliazione',
    description:
      `The CSV tables conciliazione wrote from the annexes of approved projects (${dialect === 'it' ? 'Italian dialect: semicolon, decimal comma, UTF-8 with a byte-order mark' : 'standard dialect: comma, decimal point, UTF-8'}). ` +
      'Amounts are in euro with two decimals. An empty cell is a value not stated. ' +
      "Text that a spreadsheet would run as a formula starts with an apostrophe (') that is not part of the annex's text.",
    resources,
  };
}

export function toDataPackage(tables: readonly OutputTable[], dialect: CsvDialect): string {
  return JSON.stringify(dataPackage(tables, dialect), null, 2) + '\n';
}
