// report.html (issue 16) in headless Chromium: the seed's report loads with no console error and
// no network request, shows every project, sorts by any column, draws 2.5's cofinancing at
// 30.00% against the 30% line, quotes the annex lines the findings of 2.2, 2.5 and 2.7 rest
// on; a hostile annex's strings appear as text and bring no element and no script. Screenshots
// of the overview and of project 2.5 are saved in test/.tmp/. Without Chromium the browser suites
// are skipped, except in CI (CI set), where the check below fails instead.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FILE } from '../../pipeline/outputs/report/index.js';
import type { AnnexJson, ProjectRecord } from '../../pipeline/records.js';
import { run } from '../../pipeline/run.js';
import { launchChromium, present, requireChromiumInCi } from '../addon/chromium.js';
import { ROOT, SEED, SEED_LINES, scratch } from '../pipeline/helpers.js';
import { HOSTILE, hostileAnnex, MARKUP } from './hostile-annex.js';

const URL = 'https://report.invalid/';
const SHOTS = join(ROOT, 'test/.tmp');

let base: string;
const out: Record<'seed' | 'en' | 'hostile' | 'again', string> = { seed: '', en: '', hostile: '', again: '' };
let seedJson: AnnexJson;
let hostileJson: AnnexJson;

beforeAll(async () => {
  base = scratch('report');
  out.seed = join(base, 'seed');
  out.en = join(base, 'en');
  out.hostile = join(base, 'hostile');
  out.again = join(base, 'again');
  seedJson = (await run({ inputs: [SEED], out: out.seed })).json;
  await run({ inputs: [SEED], out: out.again });
  await run({ inputs: [SEED], out: out.en, lang: 'en' });
  const hostileFile = join(base, 'hostile.md');
  writeFileSync(hostileFile, hostileAnnex());
  hostileJson = (await run({ inputs: [hostileFile], out: out.hostile })).json;
}, 180_000);

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

const reportOf = (dir: string) => readFileSync(join(dir, REPORT_FILE), 'utf8');

/** The seed's line as the report quotes it: its cells, without emphasis tags and markdown marks. */
function seedCells(line: number): string[] {
  return SEED_LINES[line - 1]!
    .split('\t')
    .map((c) => c.replace(/<[^<>]*>/g, ' ').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/^#+ /, '').replace(/\*/g, '').replace(/\s+/g, ' ').trim())
    .filter((c) => c !== '');
}

describe('report.html as a file', () => {
  it('is written on every run, and the same bytes on a second run', () => {
    expect(reportOf(out.seed).length).toBeGreaterThan(50_000);
    expect(readFileSync(join(out.again, REPORT_FILE))).toEqual(readFileSync(join(out.seed, REPORT_FILE)));
  });

  it('allows by hash exactly its own inline script and stylesheet, and loads nothing', () => {
    const page = reportOf(out.seed);
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '').replace(/&#39;/g, "'");
    expect(csp).toMatch(/^default-src 'none';/);
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(csp).toContain(`script-src ${hash(scripts[0]!)};`);
    expect(csp).toContain(`style-src ${hash(styles[0]!)};`);
    expect(/<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\((?!#)/i.test(page)).toBe(false);
    for (const m of page.matchAll(/\bhref="([^"]*)"/g)) expect(m[1]).toMatch(/^#[\w-]+$/);
  });

  it('is Italian by default and English with --lang en', () => {
    const it = reportOf(out.seed);
    expect(it.startsWith('<!DOCTYPE html>\n<html lang="it">')).toBe(true);
    expect(it.includes('<h2 id="overview-h">Quadro d&#39;insieme</h2>')).toBe(true);
    const en = reportOf(out.en);
    expect(en.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(en.includes('<h2 id="overview-h">Overview</h2>')).toBe(true);
    expect(/Quadro d&#39;insieme|<h3>Rilievi|Cofinanziatori|riga \d/.test(en)).toBe(false);
  });
});

requireChromiumInCi();

async function open(browser: Browser, html: string): Promise<{ page: Page; problems: string[]; requests: string[]; dialogs: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== URL) requests.push(r.url());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // The report is served from a made-up origin; any other request would fail, and is recorded.
  await page.route('**/*', (route) => (route.request().url() === URL ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }) : route.abort()));
  await page.goto(URL);
  await page.waitForSelector('#overview-table th button');
  return { page, problems, requests, dialogs };
}

describe.skipIf(!present)('the seed report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let requests: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    ({ page, problems, requests } = await open(browser, reportOf(out.seed)));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('logs no console error and makes no network request', async () => {
    await page.waitForTimeout(200);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('shows every project in the overview and in a section of its own', async () => {
    const ids = seedJson.annexes.flatMap((a) => a.projects.map((p) => p.id));
    expect(ids).toHaveLength(7);
    expect(await page.locator('#overview-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-project')))).toEqual(ids);
    expect(await page.locator('section.project').evaluateAll((s) => s.map((x) => x.getAttribute('data-project')))).toEqual(ids);
    for (const p of seedJson.annexes[0]!.projects) {
      const section = page.locator(`section.project[data-project="${p.id}"]`);
      expect(await section.locator('h2').textContent()).toContain(p.header.title);
      expect(await section.locator('table.cofinancers tbody tr').count()).toBe(p.budget.cofinancers.length);
      expect(await section.locator('ol.findings > li').count()).toBe(p.findings.length);
    }
  });

  it('sorts the overview by any column, both ways', async () => {
    const column = async (i: number) => page.locator('#overview-table tbody tr').evaluateAll((rows, c) => rows.map((r) => (r as HTMLTableRowElement).cells[c]!.textContent!.trim()), i);
    const headings = page.locator('#overview-table thead th');
    const scores = seedJson.annexes[0]!.projects.map((p) => p.header.score!);
    await headings.nth(3).locator('button').click();
    expect(await headings.nth(3).getAttribute('aria-sort')).toBe('ascending');
    expect((await column(3)).map(Number)).toEqual([...scores].sort((a, b) => a - b));
    await headings.nth(3).locator('button').click();
    expect(await headings.nth(3).getAttribute('aria-sort')).toBe('descending');
    expect((await column(3)).map(Number)).toEqual([...scores].sort((a, b) => b - a));
    // A percentage column (cofinancing at the request): 2.3 and 2.5 both print 30,00, 2.5's is lower.
    await headings.nth(7).locator('button').click();
    expect((await column(0)).slice(0, 2)).toEqual(['2.5', '2.3']);
    // Text: the titles in the collation of the page's language.
    await headings.nth(1).locator('button').click();
    const titles = await column(1);
    expect(titles).toEqual([...titles].sort(new Intl.Collator('it', { numeric: true, sensitivity: 'base' }).compare));
    expect(await headings.nth(3).getAttribute('aria-sort')).toBeNull();
    // Back to the annex's order by number.
    await headings.nth(0).locator('button').click();
    expect(await column(0)).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7']);
  });

  it("draws 2.5's cofinancing at 30.00% against the 30% line", async () => {
    const section = page.locator('section.project[data-project="2.5"]');
    const gauge = section.locator('g.gauge[data-measure="cofinancing"][data-when="request"]');
    expect(await gauge.getAttribute('data-pct')).toBe('30.00');
    expect(await gauge.locator('text.value').textContent()).toMatch(/^30,00%/);
    const bar = await gauge.locator('rect.gauge-bar').boundingBox();
    const line = await section.locator('g.limit[data-threshold="30"] line').boundingBox();
    expect(bar && line).toBeTruthy();
    // The bar ends on the line (1 px of rendering), at the centre of its 2 px stroke.
    expect(Math.abs(bar!.x + bar!.width - (line!.x + line!.width / 2))).toBeLessThan(1);
    // In the overview chart, 2.5's point at the request sits on the 30% line too.
    const point = await page.locator('#overview-chart circle.request[data-project="2.5"]').boundingBox();
    const limit = await page.locator('#overview-chart g.limit[data-limit="cofinancing"] line').boundingBox();
    expect(Math.abs(point!.x + point!.width / 2 - (limit!.x + limit!.width / 2))).toBeLessThan(1);
    expect(await page.locator('#overview-chart circle.request[data-project="2.5"]').getAttribute('data-x')).toBe('30.00');
    // Every chart has a text alternative.
    for (const svg of await page.locator('svg.chart').all()) {
      expect(await svg.getAttribute('role')).toBe('img');
      expect((await svg.locator('desc').textContent())!.length).toBeGreaterThan(20);
    }
  });

  it('quotes, with page and line, the annex lines the findings of 2.2, 2.5 and 2.7 rest on', async () => {
    const byId = new Map<string, ProjectRecord>(seedJson.annexes[0]!.projects.map((p) => [p.id, p]));
    let quoted = 0;
    for (const id of ['2.2', '2.5', '2.7']) {
      const p = byId.get(id)!;
      const items = page.locator(`section.project[data-project="${id}"] ol.findings > li`);
      for (const [i, f] of p.findings.entries()) {
        const item = items.nth(i);
        expect(await item.getAttribute('data-rule')).toBe(f.rule);
        const lines = f.at.flatMap((a) => ('line' in a ? [a.line] : []));
        const quotes = item.locator('blockquote');
        expect(await quotes.evaluateAll((q) => q.map((x) => Number(x.getAttribute('data-line'))))).toEqual(lines);
        for (const [k, line] of lines.entries()) {
          const q = quotes.nth(k);
          expect(await q.locator('.cell').allTextContents(), `${id} ${f.rule} line ${line}`).toEqual(seedCells(line));
          expect(await q.locator('.where').textContent()).toMatch(new RegExp(`riga ${line}$`));
          quoted++;
        }
      }
    }
    expect(quoted).toBeGreaterThanOrEqual(10);
    // The words themselves, for the findings the issue names.
    const cofin = page.locator('section.project[data-project="2.5"] li[data-rule="cofinancing-min"] blockquote');
    expect(await cofin.first().textContent()).toBe('pagg. 99–104, riga 1882di cui COFINANZIAMENTO (min 30%)€ 17.142,85');
    expect(await cofin.nth(1).locator('.cell').allTextContents()).toEqual(['TOTALE', '€ 57.142,85']);
    const coord22 = page.locator('section.project[data-project="2.2"] li[data-rule="coordination-max-after-award"] blockquote');
    expect(await coord22.locator('.cell').allTextContents()).toEqual([
      'di cui per coordinamento, monitoraggio, rendicontazione e valutazione del progetto (max 15% del costo totale di progetto)', '€ 5.000,00',
      'TOTALE', '€ 40.000,00', 'Assegnato € 15.180,00',
    ]);
    const coord27 = page.locator('section.project[data-project="2.7"] li[data-rule="coordination-max-after-award"] blockquote');
    expect(await coord27.evaluateAll((q) => q.map((x) => x.getAttribute('data-line')))).toEqual(['2720', '2725', '2282']);
    expect(await coord27.nth(2).locator('.cell').allTextContents()).toEqual(['Assegnato € 17.400,00']);
  });

  it('saves screenshots of the overview and of project 2.5', async () => {
    mkdirSync(SHOTS, { recursive: true });
    // As a reader first sees it: unsorted.
    await page.reload();
    await page.waitForSelector('#overview-table th button');
    await page.locator('#overview').screenshot({ path: join(SHOTS, 'report-overview.png') });
    await page.locator('section.project[data-project="2.5"]').screenshot({ path: join(SHOTS, 'report-2.5.png') });
    expect(readFileSync(join(SHOTS, 'report-overview.png')).length).toBeGreaterThan(10_000);
  });

  it('prints on A4, each project on a page of its own', async () => {
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.locator('section.project').evaluateAll((s) => s.map((x) => getComputedStyle(x).breakBefore));
    expect(breaks).toEqual(Array(7).fill('page'));
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    writeFileSync(join(SHOTS, 'report.pdf'), pdf);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(1 + 7);
    // An A4 media box (595 x 842 points).
    const boxes = new Set(pdf.toString('latin1').match(/\/MediaBox\s*\[[^\]]*\]/g));
    expect([...boxes].map((b) => b.replace(/\s+/g, ' '))).toEqual(['/MediaBox [0 0 594.95996 841.91998]']);
    await page.emulateMedia({ media: 'screen' });
  });
});

describe.skipIf(!present)('a hostile annex in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let requests: string[];
  let dialogs: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    ({ page, problems, requests, dialogs } = await open(browser, reportOf(out.hostile)));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('runs nothing from the annex and loads nothing', async () => {
    await page.waitForTimeout(300);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('has no element and no script that came from the annex', async () => {
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img, iframe, object, embed, link, base, form, svg[onload], a[href^="javascript"]').count()).toBe(0);
    const handlers = await page.evaluate(() =>
      Array.from(document.querySelectorAll('*')).flatMap((e) => Array.from(e.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
    );
    expect(handlers).toEqual([]);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    for (const h of hrefs) expect(h).toMatch(/^#[\w-]+$/);
  });

  it('shows the hostile names and the quoted markup as text', async () => {
    const text = (await page.locator('main').textContent())!;
    const json = JSON.stringify(hostileJson);
    let shown = 0;
    for (const h of HOSTILE) {
      const sample = h.slice(0, 40);
      if (!json.includes(JSON.stringify(sample).slice(1, -1))) continue;
      expect(text, h.slice(0, 30)).toContain(sample);
      shown++;
    }
    expect(shown).toBeGreaterThanOrEqual(8);
    // The cofinancers renamed, as names in the table of 2.1.
    const names = await page.locator('section.project[data-project="2.1"] table.cofinancers tbody td:first-child').allTextContents();
    for (const h of HOSTILE.slice(0, 5)) expect(names).toContain(h);
    // Markup in the lines findings quote: the reader's records keep no tag, the quotes show every one.
    const quotes = (await page.locator('blockquote').allTextContents()).join('\n');
    for (const m of MARKUP) expect(quotes).toContain(m);
    expect(quotes).toContain(HOSTILE[9]);
    // A quoted line is cut, and says by how much.
    expect(quotes).toMatch(/N{100}… \(altri \d+ caratteri\)/);
  });
});
