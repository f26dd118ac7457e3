/**
 * The built dashboard (vite build, as `npm run build` makes dist/web) in real headless Chromium, against the
 * stand-in API (web/src/testing/stub-api.ts) until the server branch is merged: pages render with their
 * charts, no request leaves the page's origin, no console errors, the phone width has no horizontal scroll,
 * and the dark theme follows the system. Screenshots go to DRIFTWATCH_SCREENSHOT_DIR when set.
 * Skipped when /usr/bin/chromium is missing, except under DRIFTWATCH_REQUIRE_BROWSER=1 (.ci/run).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.ts';
import { sampleModelReport } from '../../test/fixtures/report/sample-model-report.ts';
import { MODEL_DETAIL, MODELS, PENDING, SUMMARY } from '../src/testing/fixtures.ts';
import { startStubApi, type StubApi } from '../src/testing/stub-api.ts';
import { browserAvailable, buildDashboard, launchChromium } from './harness.ts';



describe.skipIf(!browserAvailable())('dashboard in Chromium', () => {
  let out: string;
  let stub: StubApi;
  let browser: Browser;
  const shots = process.env.DRIFTWATCH_SCREENSHOT_DIR;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'driftwatch-web-'));
    buildDashboard(out);
    stub = await startStubApi({
      'GET /v1/me': { body: { name: 'local', role: 'operator', keyless: true, demo: true } },
      'GET /v1/models': { body: { models: MODELS } },
      'GET /v1/models/churn/summary': { body: { ...SUMMARY, active_alerts: [{ kind: 'dataset_drift', severity: 'HIGH', summary: '12 of 19 columns drifted' }] } },
      'GET /v1/events': { body: { events: [{ id: 1, model: 'churn', kind: 'drift_started', severity: 'HIGH', at: '2026-12-06T11:00:00Z', summary: 'dataset drift started' }] } },
      'GET /v1/reports': { body: { reports: [{ id: 12, model: 'churn', created_at: '2026-12-06T11:00:00Z', dataset_drift: true, drift_share: 0.6 }] } },
      'GET /v1/reports/12': { body: JSON.parse(renderJson(sampleModelReport)) as unknown },
      'GET /v1/approvals': { body: { approvals: [PENDING] } },
      'GET /v1/models/churn': { body: MODEL_DETAIL },
      'GET /v1/models/churn/aliases/history': { body: { history: [] } },
      'GET /v1/jobs': { body: { jobs: [] } },
      'GET /v1/audit': { body: { events: [] } },
      'GET /v1/alerts/deliveries': { body: { deliveries: [{ id: 1, alert_id: 'a1', channel: 'webhook', outcome: 'delivered', attempt: 1, at: '2026-12-06T11:00:05Z' }] } },
      'GET /v1/alerts': { body: { alerts: [{ id: 'a1', model: 'churn', kind: 'dataset_drift', state: 'firing', severity: 'HIGH', summary: '12 of 19 columns drifted', fired_at: '2026-12-06T11:00:00Z' }] } },
    }, out);
    browser = await launchChromium();
    if (shots !== undefined) mkdirSync(shots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await stub?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  async function open(hash: string, width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[]; foreign: string[]; scripts: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
    const errors: string[] = [];
    const foreign: string[] = [];
    const scripts: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith(stub.url)) foreign.push(r.url());
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(`${stub.url}/${hash}`, { waitUntil: 'load' });
    return { page, errors, foreign, scripts };
  }

  const shot = async (page: Page, name: string): Promise<void> => {
    if (shots !== undefined) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  };

  it('overview: cards, severity, alert banner and charts, without loading the report explorer or leaving the origin', async () => {
    const { page, errors, foreign, scripts } = await open('#/overview', 1280);
    await page.waitForSelector('[data-testid="cards"]');
    expect(await page.textContent('[data-testid="cards"]')).toContain('4,200');
    expect(await page.textContent('[data-testid="alert-banner"]')).toContain('12 of 19 columns drifted');
    await page.waitForFunction(() => document.querySelectorAll('.chart svg').length >= 5);
    await shot(page, 'overview-1280');
    expect(scripts.some((s) => /ReportView/.test(s))).toBe(false);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('drift report: pie, gauge, score bars and explorer drawn; columns table sortable', async () => {
    const { page, errors } = await open('#/report/12?model=churn', 1280);
    await page.waitForSelector('[data-testid="report"]');
    await page.waitForFunction(() => document.querySelectorAll('.chart svg').length >= 4);
    const before = await page.$$eval('[data-testid="columns"] tbody tr td.name button', (bs) => bs.map((b) => b.textContent));
    await page.click('[data-testid="columns"] th button:has-text("Column")');
    const after = await page.$$eval('[data-testid="columns"] tbody tr td.name button', (bs) => bs.map((b) => b.textContent));
    expect(after).toEqual([...before].sort((a, b) => String(a).localeCompare(String(b))));
    // The explorer's chart gives both samples' shares on hover.
    const box = (await (await page.$('[data-testid="distribution"] .chart'))!.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = await page.waitForFunction(() => {
      const t = [...document.querySelectorAll('[data-testid="distribution"] .chart div')].map((d) => d.textContent ?? '').find((x) => x.includes('reference') && x.includes('current'));
      return t ?? false;
    });
    expect(await tip.jsonValue()).toMatch(/reference[\s\S]*current/);
    await shot(page, 'report-1280');
    expect(errors).toEqual([]);
    await page.close();
  });

  const pages = [['overview', '#/overview'], ['report', '#/report/12?model=churn'], ['approvals', '#/approvals'], ['models', '#/models'], ['analyze', '#/analyze'], ['jobs', '#/jobs']] as const;
  for (const [[name, hash], width] of pages.flatMap((p) => [[p, 1280], [p, 390]] as const)) {
    it(`${name} at ${width} px has no horizontal scroll`, async () => {
      const { page, errors } = await open(hash, width);
      await page.waitForSelector('main h1');
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) console.log(await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => !e.closest('thead') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 12).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)));
      await shot(page, `${name}-${width}`);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('follows the dark system theme', async () => {
    const { page } = await open('#/overview', 1280, 'dark');
    await page.waitForSelector('[data-testid="cards"]');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await shot(page, 'overview-dark');
    expect(bg).toBe('rgb(17, 20, 24)');
    await page.close();
  });

  it('is keyboard reachable: the skip link comes first, then the navigation', async () => {
    const { page } = await open('#/overview', 1280);
    await page.waitForSelector('[data-testid="cards"]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Overview');
    await page.close();
  });
});
