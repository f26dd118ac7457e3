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
import { wideReport } from '../../test/fixtures/report/wide-report.js';
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

  const names = (table: string): Promise<string[]> => page.$$eval(`${table} tbody tr td.name a`, (as) => as.map((a) => a.textContent ?? ''));
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

  it('opens the drifted columns\' panels, and a closed one from its column link and with expand/collapse all', async () => {
    const open = await page.$$eval('#distributions details.dist', (ds) => ds.map((d) => [d.getAttribute('data-drifted'), (d as unknown as Openable).open]));
    expect(open.length).toBe(sampleReport.columns.length);
    for (const [drifted, isOpen] of open) expect(isOpen).toBe(drifted === '1');
    // age: stable, so closed.
    const panel = page.locator('details#dist-0');
    expect(await panel.evaluate((d) => (d as unknown as Openable).open)).toBe(false);
    await page.click('a[href="#dist-0"]');
    // The page opens the panel on the hash change, which the browser may deliver after the click returns.
    await expect.poll(() => panel.evaluate((d) => (d as unknown as Openable).open)).toBe(true);
    await page.click('button[data-toggle-all="open"]');
    expect(await page.$$eval('#distributions details.dist', (ds) => ds.every((d) => (d as unknown as Openable).open))).toBe(true);
    await page.click('button[data-toggle-all="close"]');
    expect(await page.$$eval('#distributions details.dist', (ds) => ds.some((d) => (d as unknown as Openable).open))).toBe(false);
  });

  it('filters the columns by name and to the drifted ones, tables and panels alike', async () => {
    const visibleRows = (): Promise<string[]> => page.$$eval('#columns tr[data-name]', (trs) => trs.filter((tr) => (tr as unknown as { offsetParent: unknown }).offsetParent !== null).map((tr) => tr.getAttribute('data-name') ?? ''));
    const visiblePanels = (): Promise<number> => page.$$eval('#distributions details.dist', (ds) => ds.filter((d) => (d as unknown as { offsetParent: unknown }).offsetParent !== null).length);
    expect(await visibleRows()).toHaveLength(sampleReport.columns.length);
    await page.fill('#column-search', 'INCOME');
    expect(await visibleRows()).toEqual(['income']);
    expect(await visiblePanels()).toBe(1);
    expect(await page.textContent('#filter-count')).toBe('1 of 8 columns');
    await page.fill('#column-search', '');
    await page.check('#drifted-only');
    const drifted = sampleReport.columns.filter((c) => c.drifted).length;
    expect(await visibleRows()).toHaveLength(drifted);
    expect(await visiblePanels()).toBe(drifted);
    // A method whose columns are all stable disappears with its heading.
    expect(await page.isVisible('h3:text-is("ztest · 1 column")')).toBe(false);
    await page.uncheck('#drifted-only');
    expect(await visibleRows()).toHaveLength(sampleReport.columns.length);
  });

  it('fits a 390-px phone: no horizontal scroll, the banner wraps, rows are cards with score and status first', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(page.url(), { waitUntil: 'load' });
      // Evaluated in the page, written as a string: this Node project has no DOM typings.
      const { scrollWidth, innerWidth } = await phone.evaluate<{ scrollWidth: number; innerWidth: number }>('({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })');
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
      const banner = await phone.locator('.banner').boundingBox();
      expect(banner!.width).toBeLessThanOrEqual(390);
      expect(banner!.height).toBeGreaterThan(60);
      // The compact chart is the one shown, at the width of the screen.
      const charts = await phone.$$eval('#distributions details[open] .variant', (vs) => vs.map((v) => [v.className, v.getBoundingClientRect().width]));
      for (const [cls, w] of charts) expect(cls === 'variant compact' ? (w as number) > 250 && (w as number) <= 390 : w === 0).toBe(true);
      // Score and status sit above the name in each card.
      const row = phone.locator('#columns tr[data-name="income"]');
      const [score, status, name] = await Promise.all(['td:nth-child(8)', 'td:nth-child(9)', 'td.name'].map((s) => row.locator(s).boundingBox()));
      expect(score!.y).toBeLessThan(name!.y);
      expect(status!.y).toBeLessThan(name!.y);
      const shots = process.env.DRIFTWATCH_SCREENSHOT_DIR;
      if (shots) await phone.screenshot({ path: join(shots, 'drift_report-390.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });

  it('on a report wider than it lists: filters the listed rows, and each row link opens its panel', async () => {
    const file = join(dir, 'wide.html');
    writeFileSync(file, renderHtml(wideReport()));
    const wide = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    wide.on('pageerror', (e) => errors.push(e.message));
    try {
      await wide.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // f14, f140…f149 and the drifted f1495…f1499 are listed; f1400…f1494 are not.
      await wide.fill('#column-search', 'f14');
      expect(await wide.textContent('#filter-count')).toBe('16 of 1000 columns');
      await wide.fill('#column-search', '');
      // The method none of whose columns is listed keeps its heading when the filter is cleared.
      expect(await wide.isVisible('h3:text-is("psi · 10 of 15 columns")')).toBe(true);
      const panel = wide.locator('details#dist-500');
      expect(await panel.evaluate((d) => (d as unknown as Openable).open)).toBe(false);
      await wide.click('a[href="#dist-500"]');
      await expect.poll(() => panel.evaluate((d) => (d as unknown as Openable).open)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await wide.close();
    }
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
