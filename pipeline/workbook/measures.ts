// The engine's own figure for each check row's measure formula, in decimal: the cached result
// written beside the formula, and what LibreOffice's recalculation must reproduce.
// Each follows its rule's measure() cell for cell: a figure that is not a number counts as 0
// (N() of text), and table rows that are not numbers are skipped (SUM skips text).
import { COST_CODES, type Budget, type LineCode } from '../../shared/model.js';
import { money, sum, type Money } from '../../shared/money.js';
import type { Profile } from '../../shared/profile.js';
import { valueOrZero } from '../../shared/rules/amounts-of.js';

export function engineMeasure(ruleId: string, budget: Budget, profile: Profile): Money | null {
  const v = (code: LineCode) => valueOrZero(budget, code);
  switch (ruleId) {
    case 'lines-sum':
      return sum(COST_CODES.map(v));
    case 'funding-split':
      return v('CONTRIBUTION').plus(v('COFINANCING'));
    case 'cofinancing-min':
      return v('TOTAL').times(profile.cofinancingMinPct).dividedBy(100);
    case 'coordination-max':
      return v('TOTAL').times(profile.coordinationMaxPct).dividedBy(100);
    case 'coordination-within-personnel':
      return v('A');
    case 'contribution-max':
      return money(profile.contributionMax);
    case 'cofinancing-table-sum':
      return sum(budget.cofinancers.flatMap((c) => [c.monetary, c.inKind].map((x) => (x === null ? null : money(x)))));
    default:
      return null;
  }
}
