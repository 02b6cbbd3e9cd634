// The intervention types a-f a project ticks. The call's list comes with letters ("a)",
// "a.") or without, the tick is an "X" (or a check mark) before or after the label.
import { foldedIncludes, foldText, visibleText } from '../../shared/text.js';
import { INTERVENTION_CODES, type Intervention } from '../records.js';
import type { AnnexDocument } from './document.js';

type Code = (typeof INTERVENTION_CODES)[number];

// What each type is about, for lists that come without letters or in another order.
const KEYWORDS: Record<Code, RegExp> = {
  a: /caregiver|care giver/,
  b: /pre e post scuola|chiusura scolastica/,
  c: /salva ?tempo/,
  d: /consulenza/,
  e: /autonom|liberi professionisti/,
  f: /tempi e (degli )?orari|orari/,
};

const ANCHOR = /tipologi[ae] (di |dell ?)?intervent/
const LIST_ITEM = /^\s*(?:[-*+•▪◦]\s+|\(?[a-f]\s*[).]\s|\d+\s*[.)]\s|[☐☑☒□■]\s*)/i;
const LETTER = /^\s*(?:[-*+•▪◦]\s+)?\(?([a-f])\s*[).]\s*/i;
const TICK = /(^|[\s*_(])(?:X|✓|✔|☒|☑|■|\[[xX]\])(?=$|[\s*_)])/;

export interface InterventionList {
  items: Intervention[];
  lines: number[];
  anchorLine: number | null;
}

function itemOf(raw: string): { letter: Code | null; label: string; selected: boolean } {
  const text = visibleText(raw);
  const letter = LETTER.exec(text);
  let label = text.replace(LETTER, '').replace(/^\s*[-*+•▪◦☐□]\s*/, '');
  const selected = TICK.test(raw.replace(/<[^<>]+>/g, ' ')) || TICK.test(text);
  label = label
    .replace(/(^|\s)(?:X|✓|✔|☒|☑|■|\[[xX]\])(?=\s|$)/g, ' ')
    .replace(/[*_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { letter: letter ? (letter[1]!.toLowerCase() as Code) : null, label, selected };
}

const TICK_ONLY = /^[\s*_]*(?:X|✓|✔|☒|☑|■|\[[xX]\])[\s*_]*$/;

/**
 * Does `next` carry on the list item `item`? A tick alone on the next line is the item's; so is
 * a line that goes on in lower case with no list mark of its own (a label wrapped by the
 * converter) when the item is lettered or the line names no type.
 */
function carriesOn(item: string, next: string): boolean {
  if (TICK_ONLY.test(visibleText(next))) return true;
  if (LIST_ITEM.test(next)) return false;
  const text = visibleText(next).replace(/^(?:X|✓|✔|☒|☑|■)\s+/, '');
  if (!/^\p{Ll}/u.test(text) || text.length > 160) return false;
  return LETTER.test(visibleText(item)) || codeByKeyword(text) === null;
}

// A word every match of some keyword holds: a label with none of them names no type, and most
// list items of a project are not the types, so they are not folded.
const KEY_WORDS = ['care', 'scuola', 'scolastica', 'salva', 'consulenza', 'autonom', 'professionisti', 'orari'];

function codeByKeyword(label: string): Code | null {
  if (!foldedIncludes(label, KEY_WORDS)) return null;
  const f = foldText(label);
  const hits = INTERVENTION_CODES.filter((c) => KEYWORDS[c].test(f));
  return hits.length === 1 ? hits[0]! : null;
}

// Folding every line to look for the prompt is the costly part of the search: only lines that
// fold to hold its key word are folded.
function isAnchor(raw: string): boolean {
  return foldedIncludes(raw, 'intervent') && ANCHOR.test(foldText(raw));
}

export function readInterventions(doc: AnnexDocument, from: number, to: number, claimed: ReadonlySet<number>): InterventionList | null {
  const content: number[] = [];
  for (let n = from; n <= to; n++) if (doc.isContent(n) && !claimed.has(n)) content.push(n);
  // The list follows the call's prompt; without the prompt, a run of list lines naming the types.
  let start = content.findIndex((n) => isAnchor(doc.text(n)));
  const anchorLine = start >= 0 ? content[start]! : null;
  let candidates: number[] = [];
  // Lines that carry on an item (its label wrapped, or its tick put on the next line).
  const more = new Map<number, number[]>();
  if (start >= 0) {
    for (let i = start + 1; i < content.length; i++) {
      const n = content[i]!;
      const text = doc.text(n);
      // A bullet a converter set on a line of its own (a column of bullets before the items).
      if (!/[\p{L}\p{N}]/u.test(visibleText(text))) continue;
      const item = LIST_ITEM.test(text);
      const last = candidates[candidates.length - 1];
      if (last !== undefined && !item && carriesOn(doc.text(last), text)) {
        more.set(last, [...(more.get(last) ?? []), n]);
        continue;
      }
      if (candidates.length >= INTERVENTION_CODES.length) break;
      if (!item && codeByKeyword(visibleText(text)) === null) break;
      candidates.push(n);
    }
  } else {
    // Runs overlap: each line is judged once, however many runs it falls in.
    const isItem = content.map((n) => LIST_ITEM.test(doc.text(n)));
    const namesType: (boolean | undefined)[] = [];
    const named = (j: number) => (namesType[j] ??= codeByKeyword(itemOf(doc.text(content[j]!)).label) !== null);
    for (let i = 0; i < content.length; i++) {
      const run: number[] = [];
      let namedInRun = 0;
      for (let j = i; j < content.length && run.length < 6 && isItem[j]; j++) {
        run.push(content[j]!);
        if (named(j)) namedInRun++;
      }
      if (namedInRun >= 4) {
        candidates = run;
        start = i;
        break;
      }
    }
  }
  if (candidates.length === 0) return null;
  const items: Intervention[] = [];
  const used = new Set<Code>();
  candidates.forEach((n, position) => {
    const item = itemOf([n, ...(more.get(n) ?? [])].map((l) => doc.text(l)).join(' '));
    const byPosition = INTERVENTION_CODES[position] ?? null;
    const code = [item.letter, codeByKeyword(item.label), byPosition].find((c): c is Code => c !== null && !used.has(c));
    if (!code) return;
    used.add(code);
    items.push({ code, label: item.label, selected: item.selected, line: n });
  });
  items.sort((a, b) => a.code.localeCompare(b.code));
  return { items, lines: items.flatMap((i) => [i.line, ...(more.get(i.line) ?? [])]), anchorLine };
}
