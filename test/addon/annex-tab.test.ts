// The budget tabs the pipeline writes into annex.xlsx use layoutBudgetTab; the add-on must
// recognise them with the same core. The budgets come from the seed annex itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutBudgetTab, layoutValues } from '../../shared/budget-layout.js';
import { readBudget } from '../../shared/budget-reader.js';
import { checkBudget } from '../../shared/check-budget.js';
import { countBySeverity } from '../../shared/engine.js';
import { statusLine } from '../../addon/i18n.js';
import type { Budget } from '../../shared/model.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { ensureBuilt, isSheetCall, ROOT, setup } from './harness.js';

beforeAll(() => ensureBuilt());

const FURNITURE = new Set(['Conciliazione Vita-Lavoro', 'Sistema Socio Sanitario', 'Regione Lombardia', 'ATS Val Padana', 'Regione', 'Lombardia']);

/** Each project's budget block as a grid: from PIANO DEI CONTI to the cofinancing table's TOTALE. */
function seedBudgets(): { grid: string[][]; budget: Budget }[] {
  const lines = readFileSync(join(ROOT, 'seeds', 'sub-allegato-2-ats-val-padana-2020.md'), 'utf8').split(/\r?\n/);
  const out: { grid: string[][]; budget: Budget }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/PIANO DEI CONTI/.test(lines[i]!)) continue;
    const grid: string[][] = [];
    let inCofin = false;
    for (let j = i; j < lines.length; j++) {
      const line = lines[j]!;
      const t = line.trim();
      if (FURNITURE.has(t) || /^\d{1,3}$/.test(t)) continue;
      if (/^##\s|^\[Torna/.test(t) && j > i) break;
      grid.push(line.split('\t'));
      if (/^(<b>)?ENTE\b/.test(t)) inCofin = true;
      if (inCofin && /^(<b>)?TOTALE/.test(t)) break;
    }
    out.push({ grid, budget: readBudget(grid) });
  }
  return out;
}

const budgets = seedBudgets();

function essentials(b: Budget) {
  return {
    lines: b.lines.map((l) => [l.code, l.amount]),
    cofinancers: b.cofinancers.map((c) => [c.entity, c.monetary, c.inKind]),
  };
}

describe('annex.xlsx budget tabs', () => {
  it('come from every budget of the seed annex', () => {
    expect(budgets.length).toBeGreaterThanOrEqual(6);
    for (const { budget } of budgets) expect(budget.lines.some((l) => l.code === 'TOTAL')).toBe(true);
  });

  it('read back through the add-on core to the same figures', () => {
    for (const { budget } of budgets) {
      const layout = layoutBudgetTab({ profile: DEFAULT_PROFILE, budget, title: 'Progetto' });
      const again = readBudget(layoutValues(layout));
      expect(again.span).not.toBeNull();
      expect(essentials(again)).toEqual(essentials(budget));
    }
  });

  it('are recognised by the built add-on in a sheet, formulas and all', () => {
    const { env, addon } = setup();
    budgets.forEach(({ budget }, k) => {
      const layout = layoutBudgetTab({ profile: DEFAULT_PROFILE, budget, title: `Progetto 2.${k + 1}` });
      const sheet = env.spreadsheet.insertSheet(`Progetto 2.${k + 1}`);
      const grid: (string | number | null)[][] = layoutValues(layout);
      for (const c of layout.cells) {
        if (c.formula) grid[c.row]![c.col] = `=${c.formula}`;
        else if (c.kind === 'amount' && c.value !== null && /^-?\d+\.\d{2}$/.test(c.value)) grid[c.row]![c.col] = Number(c.value);
      }
      sheet._fill(grid);
    });
    env.reset();
    addon.checkAllTabs();
    const data = addon.getFindings();
    expect(data.tabs.map((t: { sheet: string }) => t.sheet)).toEqual(budgets.map((_, k) => `Progetto 2.${k + 1}`));
    // The same core gives the same verdicts as on the annex text.
    for (const [k, tab] of data.tabs.entries()) {
      const direct = checkBudget(budgets[k]!.budget, DEFAULT_PROFILE).findings;
      expect(tab.findings.map((f: { rule: string }) => f.rule).sort()).toEqual(direct.map((f) => f.rule).sort());
      expect(tab.status).toBe(statusLine(countBySeverity(direct)));
    }
    expect(env.calls.filter(isSheetCall).length).toBeGreaterThan(0);
  });
});
