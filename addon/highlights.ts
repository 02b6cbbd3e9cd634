// Reversible highlighting. The add-on never paints a cell: it owns conditional-format rules,
// recognisable by their formula, placed before the user's rules. Removing ours leaves every
// cell exactly as the user formatted it. Notes: our text lives in a block that starts with
// NOTE_MARK; a user's note on the same cell is kept above it and never removed.
import type { Severity } from '../shared/model.js';
import type { CellMark } from './verdict.js';

export const NOTE_MARK = 'conciliazione:';
const RULE_MARK = '="conciliazione:';

export const HIGHLIGHT: Record<Severity, string> = { error: '#f4c7c3', warning: '#fce8b2', info: '#c9daf8' };

/** The always-true custom formula that marks a conditional-format rule as ours. */
export function ruleFormula(severity: Severity): string {
  return `${RULE_MARK}${severity}"<>""`;
}

export function isOurRuleFormula(formula: string | null | undefined): boolean {
  return typeof formula === 'string' && formula.startsWith(RULE_MARK);
}

/** A note split into the user's part and ours. */
export function splitNote(note: string): { user: string; ours: string } {
  const at = note.startsWith(NOTE_MARK) ? 0 : note.indexOf(`\n${NOTE_MARK}`);
  if (at < 0) return { user: note, ours: '' };
  return { user: note.slice(0, at).replace(/\n+$/, ''), ours: note.slice(at === 0 ? 0 : at + 1) };
}

export function ourNoteText(mark: CellMark): string {
  return mark.reasons.map((r) => `${NOTE_MARK} ${r}`).join('\n');
}

function joinNote(user: string, ours: string): string {
  if (ours === '') return user;
  return user === '' ? ours : `${user}\n\n${ours}`;
}

/**
 * The notes grid to write over a rectangle whose current notes are `current` (same size),
 * or null when nothing would change. Cells outside the marks lose only our block.
 */
export function mergeNotes(current: readonly (readonly string[])[], marks: readonly CellMark[]): string[][] | null {
  const wanted = new Map<string, string>();
  for (const m of marks) wanted.set(`${m.row}:${m.col}`, ourNoteText(m));
  let changed = false;
  const next = current.map((row, r) =>
    row.map((note, c) => {
      const { user, ours } = splitNote(note ?? '');
      const want = wanted.get(`${r}:${c}`) ?? '';
      if (ours === want) return note ?? '';
      changed = true;
      return joinNote(user, want);
    }),
  );
  return changed ? next : null;
}

/** Only our blocks removed; null when there were none. */
export function stripNotes(current: readonly (readonly string[])[]): string[][] | null {
  return mergeNotes(current, []);
}

/** Cells grouped by severity, for one rule per severity. */
export function marksBySeverity(marks: readonly CellMark[]): Partial<Record<Severity, CellMark[]>> {
  const out: Partial<Record<Severity, CellMark[]>> = {};
  for (const m of marks) (out[m.severity] ??= []).push(m);
  return out;
}
