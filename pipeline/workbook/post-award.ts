// The post-award checks (shared/replan/frame.ts: coordination and cofinancing measured against
// the re-planned total, award + cofinancing) as spreadsheet formulas. They belong beside the
// rules as their `formula` and `measure`, as the catalogue's do; the post-award rules are being
// reworked with the findings model, so they are written here for now, comparison for
// comparison with replanFrame, and the LibreOffice test holds them to the engine's verdicts.
import type { FormulaRefs } from '../../shared/rules/rule.js';

export interface FormulaCheck {
  ruleId: string;
  /** TRUE when the rule holds. */
  formula: string;
  /** The figure compared: here the limit, or "" when no re-planning is due. */
  measure: string | null;
}

/** `assigned`: the A1 reference of the tab's "Contributo assegnato" cell. */
export function postAwardChecks(refs: FormulaRefs, assigned: string): FormulaCheck[] {
  const [t, c, f, k] = [refs.line('TOTAL'), refs.line('CONTRIBUTION'), refs.line('COFINANCING'), refs.line('A_coord')];
  if (!t || !c || !f) return [];
  const { coordinationMaxPct, cofinancingMinPct, roundingTolerance } = refs.profile;
  // The frame re-plans only an award below the request, with every figure it needs stated.
  const needed = `AND(COUNT(${assigned},${t},${c},${f})=4,N(${assigned})>=0,N(${assigned})<N(${c}))`;
  const share = (pct: string) => `ROUND((N(${assigned})+N(${f}))*${pct}/100,6)`;
  const out: FormulaCheck[] = [];
  if (k) {
    out.push({
      ruleId: 'coordination-max-after-award',
      formula: `IF(${needed},IF(COUNT(${k})<1,TRUE,N(${k})<=${share(coordinationMaxPct)}),TRUE)`,
      measure: `IF(${needed},${share(coordinationMaxPct)},"")`,
    });
  }
  out.push({
    ruleId: 'cofinancing-min-after-award',
    // A shortfall under the tolerance is rounding, as in the frame.
    formula: `IF(${needed},ROUND((N(${assigned})+N(${f}))*${cofinancingMinPct}/100-N(${f}),6)<${roundingTolerance},TRUE)`,
    measure: `IF(${needed},${share(cofinancingMinPct)},"")`,
  });
  return out;
}
