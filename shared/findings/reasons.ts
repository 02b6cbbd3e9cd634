// The amount readers (shared/amounts.ts, shared/budget-reader.ts) explain a cell they cannot
// read in English words meant for developers. A finding carries the reason as a code instead,
// so each language words it itself: these patterns are the readers' words, one per reason.
import type { UnreadableReason } from './data.js';

const PATTERNS: readonly [RegExp, UnreadableReason][] = [
  [/^text that is not an amount/, 'free-text'],
  [/^(not a finite number|bad number)/, 'not-a-number'],
  [/^(not an amount|no amount in)/, 'not-an-amount'],
  [/^unknown annotation/, 'unknown-annotation'],
  [/^(several amounts|more than one amount) without a funding source/, 'several-amounts'],
  [/^two "[a-z]{1,12}" amounts/, 'same-share-twice'],
  [/^cannot tell which funding source/, 'share-unclear'],
  [/beyond any plausible grant/, 'implausible'],
];

export function reasonOf(readerReason: string): UnreadableReason {
  for (const [pattern, reason] of PATTERNS) if (pattern.test(readerReason)) return reason;
  return 'other';
}
