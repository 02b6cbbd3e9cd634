// One fuzzed input through what the CLI does per file: readAnnex, then every output builder
// (CSV tables, annex.json). Outcomes: "ok" (outputs and findings) or "input-error" (the CLI's
// exit 2); anything else thrown is a crash.
import { readAnnex } from '../../pipeline/annex/read-annex.js';
import { InputError } from '../../pipeline/errors.js';
import { toCsv } from '../../pipeline/outputs/csv.js';
import { toJson } from '../../pipeline/outputs/json.js';
import { buildTables } from '../../pipeline/outputs/rows.js';
import type { AnnexJson } from '../../pipeline/records.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';

export type Outcome =
  | { kind: 'ok'; ms: number; rules: string[]; json: AnnexJson }
  | { kind: 'input-error'; ms: number; message: string }
  | { kind: 'crash'; ms: number; error: string };

export function runOne(bytes: Uint8Array, file = 'fuzz.md'): Outcome {
  const started = performance.now();
  try {
    const annex = readAnnex(bytes, file, DEFAULT_PROFILE);
    const json: AnnexJson = { generator: 'conciliazione', profile: DEFAULT_PROFILE.id, annexes: [annex] };
    const lang = bytes.length % 2 === 0 ? 'it' : 'en';
    for (const t of buildTables(json, lang)) toCsv(t, lang === 'it' ? 'it' : 'standard');
    JSON.parse(toJson(json));
    const rules = [...new Set([...annex.findings, ...annex.projects.flatMap((p) => p.findings)].map((f) => f.rule))];
    return { kind: 'ok', ms: performance.now() - started, rules, json };
  } catch (e) {
    const ms = performance.now() - started;
    if (e instanceof InputError) {
      const line = e.oneLine();
      if (line.includes('\n')) return { kind: 'crash', ms, error: `InputError with a line break: ${JSON.stringify(line)}` };
      return { kind: 'input-error', ms, message: line };
    }
    return { kind: 'crash', ms, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

export interface Figures {
  inputs: number;
  ok: number;
  inputErrors: number;
  crashes: number;
  timeouts: number;
  slowestMs: number;
  slowest: string;
  rules: string[];
  errorMessages: string[];
}

export function emptyFigures(): Figures {
  return { inputs: 0, ok: 0, inputErrors: 0, crashes: 0, timeouts: 0, slowestMs: 0, slowest: '', rules: [], errorMessages: [] };
}

export function record(fig: Figures, o: Outcome, what: string, boundMs: number): void {
  fig.inputs++;
  if (o.kind === 'ok') {
    fig.ok++;
    fig.rules = [...new Set([...fig.rules, ...o.rules])].sort();
  } else if (o.kind === 'input-error') {
    fig.inputErrors++;
    // The message without the file name: which kinds of refusal the fuzz met.
    const kind = o.message.replace(/^[^:]*(:\d+)?: /, '').replace(/"[^"]*"/g, '"…"');
    if (!fig.errorMessages.includes(kind)) fig.errorMessages.push(kind);
  } else fig.crashes++;
  if (o.ms > boundMs) fig.timeouts++;
  if (o.ms > fig.slowestMs) {
    fig.slowestMs = Math.round(o.ms);
    fig.slowest = what;
  }
}
