// The rule engine: one budget (plus what is known about its project) in, findings out.
import type { Finding } from './model.js';
import { RULES, type Rule, type RuleContext } from './rules/index.js';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function validate(ctx: RuleContext, rules: readonly Rule[] = RULES): Finding[] {
  const findings: Finding[] = [];
  // Most rules find nothing: their empty lists are skipped rather than flattened.
  for (const rule of rules) {
    const found = rule.check(ctx);
    if (found.length > 0) findings.push(...found);
  }
  return findings;
}

export function countBySeverity(findings: readonly Finding[]): Record<keyof typeof ORDER, number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function bySeverity(a: Finding, b: Finding): number {
  return ORDER[a.severity] - ORDER[b.severity];
}
