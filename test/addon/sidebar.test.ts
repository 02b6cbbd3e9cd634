// The sidebar page in headless Chromium, with google.script.run stubbed as Apps Script would
// provide it. Skipped only outside CI when Debian's chromium is not installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, PAGE_URL, present, requireChromiumInCi, serveSidebar } from './chromium.js';
import { ensureBuilt } from './harness.js';

const EVIL = '<img src=x onerror=alert(1)>';

const DATA = {
  lang: 'it',
  labels: { title: 'Rilievi', error: 'Errori', warning: 'Avvisi', info: 'Note', none: 'Nessun rilievo.', noTabs: 'Nessun foglio.' },
  tabs: [
    {
      sheet: 'Piano dei conti',
      status: '1 errore, 1 avviso',
      findings: [
        { rule: 'coordination-max', severity: 'error', message: 'Il coordinamento supera il 15%.', cell: 'B8', row: 7, col: 1 },
        { rule: 'cofinancer-is-partner', severity: 'warning', message: `Il cofinanziatore "${EVIL}" non è un partner.`, cell: 'A18', row: 17, col: 0 },
      ],
    },
    { sheet: EVIL, status: 'Nessun rilievo', findings: [] },
  ],
};

requireChromiumInCi();

describe.skipIf(!present)('sidebar page', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureBuilt();
    browser = await launchChromium();
    page = await browser.newPage();
    await serveSidebar(page);
    await page.addInitScript((data) => {
      const w = window as unknown as Record<string, unknown>;
      w.__calls = [];
      w.__alerts = [];
      w.alert = (m: unknown) => (w.__alerts as unknown[]).push(m);
      const runner = (success?: (v: unknown) => void): Record<string, unknown> => ({
        withSuccessHandler: (f: (v: unknown) => void) => runner(f),
        withFailureHandler: () => runner(success),
        getFindings: () => setTimeout(() => success?.(data), 0),
        selectCell: (...args: unknown[]) => (w.__calls as unknown[]).push(args),
      });
      w.google = { script: { get run() { return runner(); } } };
    }, DATA);
    await page.goto(PAGE_URL);
    await page.waitForSelector('button.finding');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('lists findings grouped by tab and severity', async () => {
    const headings = await page.locator('h2').allTextContents();
    expect(headings).toEqual(['Piano dei conti', EVIL]);
    expect(await page.locator('section').first().locator('h3').allTextContents()).toEqual(['Errori', 'Avvisi']);
    expect(await page.locator('ul.error button').allTextContents()).toEqual(['B8Il coordinamento supera il 15%.']);
  });

  it('asks for the right cell when a finding is clicked', async () => {
    await page.locator('ul.warning button').click();
    expect(await page.evaluate(() => (window as unknown as { __calls: unknown[] }).__calls)).toEqual([['Piano dei conti', 17, 0]]);
  });

  it('shows cell text as text and runs none of it', async () => {
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('ul.warning .message').textContent()).toContain(EVIL);
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as unknown as { __alerts: unknown[] }).__alerts)).toEqual([]);
  });
});
