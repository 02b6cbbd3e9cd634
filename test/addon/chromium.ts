// Debian's Chromium for the sidebar tests, and the built sidebar page served from a made-up
// origin so that any other request the page makes (an <img src=x> from data) fails.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DIST } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
export const present = existsSync(CHROMIUM);
export const PAGE_URL = 'https://sidebar.invalid/';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** Outside CI a missing Chromium skips the browser suites; in CI this test fails instead. */
export function requireChromiumInCi(): void {
  describe('chromium', () => {
    it('is installed wherever CI is set', () => {
      if (process.env.CI) expect(present, `${CHROMIUM} is required in CI`).toBe(true);
    });
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** Serve dist/addon/sidebar.html at PAGE_URL; abort everything else. */
export async function serveSidebar(page: Page): Promise<void> {
  const html = readFileSync(join(DIST, 'sidebar.html'), 'utf8');
  await page.route('**/*', (route) =>
    route.request().url() === PAGE_URL ? route.fulfill({ contentType: 'text/html', body: html }) : route.abort(),
  );
}
