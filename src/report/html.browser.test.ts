/**
 * The HTML report in a real browser (Debian's Chromium through playwright-core): no console errors, no
 * network requests, sorting and panel toggling work. Skipped when /usr/bin/chromium is missing, except in
 * .ci/run (DRIFTWATCH_REQUIRE_BROWSER=1), where that is a failure (scripts/ensure-test-deps.sh installs it). Set DRIFTWATCH_SCREENSHOT_DIR to keep screenshots.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleReport } from '../../test/fixtures/report/sample-report.js';
import { renderHtml } from './html.js';

const CHROMIUM = '/usr/bin/chromium';
/** A <details> element, without the DOM typings this Node project does not load. */
type Openable = { open: boolean };
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// .ci/run (which installs Chromium) sets DRIFTWATCH_REQUIRE_BROWSER: there a missing browser fails the run
// instead of skipping these tests silently.
if (process.env.DRIFTWATCH_REQUIRE_BROWSER === '1' && !existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-test-deps.sh (as root)`);

describe.skipIf(!existsSync(CHROMIUM))('HTML report in Chromium', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'driftwatch-html-'));
    const file = join(dir, 'drift_report.html');
    writeFileSync(file, renderHtml(sampleReport));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const names = (table: string): Promise<string[]> => page.$$eval(`${table} tbody tr td.name`, (tds) => tds.map((td) => td.textContent ?? ''));
  const ksTable = 'table.sortable:has(a:text-is("income"))';

  it('loads without console errors or network requests', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('sorts a table by clicking its headers', async () => {
    expect(await names(ksTable)).toEqual(['income', 'credit_score', 'age']);
    await page.click(`${ksTable} th:text-is("Column")`);
    expect(await names(ksTable)).toEqual(['age', 'credit_score', 'income']);
    await page.click(`${ksTable} th:text-is("Column")`);
    expect(await names(ksTable)).toEqual(['income', 'credit_score', 'age']);
    // p-values written 3.2e-12 / 2.4e-4 / 0.3174 must sort numerically (largest first on the first click).
    await page.click(`${ksTable} th:text-is("p-value")`);
    expect(await names(ksTable)).toEqual(['age', 'credit_score', 'income']);
    expect(await page.getAttribute(`${ksTable} th:text-is("p-value")`, 'aria-sort')).toBe('descending');
  });

  it('opens a distribution panel from its column link and with expand/collapse all', async () => {
    const panel = page.locator('details#dist-0');
    expect(await panel.evaluate((d) => (d as unknown as Openable).open)).toBe(false);
    await page.click('a[href="#dist-0"]');
    expect(await panel.evaluate((d) => (d as unknown as Openable).open)).toBe(true);
    await page.click('button[data-toggle-all="open"]');
    expect(await page.$$eval('#distributions details.dist', (ds) => ds.every((d) => (d as unknown as Openable).open))).toBe(true);
    await page.click('button[data-toggle-all="close"]');
    expect(await page.$$eval('#distributions details.dist', (ds) => ds.some((d) => (d as unknown as Openable).open))).toBe(false);
  });

  it('shows the charts at a sensible size', async () => {
    const boxes = await page.$$eval('.charts .chart svg', (svgs) => svgs.map((s) => s.getBoundingClientRect().width));
    expect(boxes).toHaveLength(2);
    for (const w of boxes) expect(w).toBeGreaterThan(250);
    const shots = process.env.DRIFTWATCH_SCREENSHOT_DIR;
    if (shots) {
      await page.click('a[href="#dist-1"]');
      await page.screenshot({ path: join(shots, 'drift_report.png'), fullPage: true });
    }
  });
});
