/**
 * The dashboard's flows (issue 12) end to end: the built dashboard served by the real server itself
 * (`createRuntime` on SQLite in a temporary home + `buildApp`, whose web plugin serves the build at `/`),
 * listening on 127.0.0.1, in Debian's headless Chromium. API keys are configured: an operator and a viewer.
 *
 * - Analyze: uploading the bundled churn pair (web/e2e/fixtures) lists the drifted features; a broken file
 *   shows the API's error beside that file.
 * - Approvals: the real pipeline (human approval, the default) leaves v2 pending; a viewer sees no Approve
 *   button; an operator approves, sees v2 become production on Models, and rolls it back to v1.
 * - Overview: the cards come from the API and follow new traffic sent while the page is open (the event
 *   stream tells the page to refetch).
 * - Every page at 390 px without horizontal scroll, and at 1280 px, with screenshots.
 *
 * Skipped when /usr/bin/chromium is missing, except under DRIFTWATCH_REQUIRE_BROWSER=1 (.ci/run), where it fails.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePipelineSettings, runPipeline } from '../../src/pipeline/index.ts';
import { createRuntime, generateApiKey, type Runtime } from '../../src/runtime/index.ts';
import type { QueueConsumer } from '../../src/queue/index.ts';
import { buildApp } from '../../src/server/index.ts';
import { registerChurnModel } from '../../test/server/helpers.ts';
import { browserAvailable, buildDashboard, FIXTURES, horizontalOverflow, launchChromium, screenshotter } from './harness.ts';

const REFERENCE = join(FIXTURES, 'churn-reference.csv');
const CURRENT = join(FIXTURES, 'churn-current.csv');
const BROKEN = join(FIXTURES, 'churn-current-broken.csv');
/** The columns the fixture's current half was shifted in (test/pipeline/churn-fixture.ts). */
const SHIFTED = ['monthly_charges', 'tenure', 'total_charges'];

describe.skipIf(!browserAvailable())('dashboard flows on the real server in Chromium', () => {
  let dir: string;
  let runtime: Runtime;
  let app: FastifyInstance;
  let url: string;
  let browser: Browser;
  let approvalId: number;
  let worker: QueueConsumer | undefined;
  const keys: Record<'viewer' | 'operator', string> = { viewer: '', operator: '' };
  const shot = screenshotter('web-e2e');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'driftwatch-web-flows-'));
    const out = join(dir, 'web');
    buildDashboard(out);
    // The service's retraining (the Models page's "Start retraining"): a small forest, a human approves, and the
    // champion gate is loose (the challenger learns from a 400-row window; the gate itself is tested elsewhere).
    const pipeline = { trainer: { algo: 'rf' as const, params: { n_estimators: 20, max_depth: 5 }, seed: 42 }, gates: { max_drop_vs_champion: 1 }, approval: { mode: 'human' as const } };
    runtime = await createRuntime({ config: { pipeline }, home: join(dir, 'home'), env: {}, logger: pino({ level: 'silent' }), processMetrics: false, aliasPollMs: 100 });
    worker = runtime.queue.consume(runtime.jobHandlers);
    await registerChurnModel(runtime.store, dir, { name: 'churn-svc' });
    for (const role of ['viewer', 'operator'] as const) {
      const { key, prefix, hash } = generateApiKey();
      await runtime.store.apiKeys.create({ name: `${role}-1`, role, keyHash: hash, prefix, createdBy: 'test' });
      keys[role] = key;
    }
    // The real pipeline on the drifted churn pair: v1 is bootstrapped into production from the reference, the
    // drift triggers a retraining, and v2 waits for a person (approval mode human, the default).
    const outcome = await runPipeline({ store: runtime.store, clock: runtime.clock }, {
      name: 'churn', reference: REFERENCE, current: CURRENT, label: 'churn', actor: 'ana', cwd: dir,
      settings: resolvePipelineSettings({ trainer: { algo: 'rf', params: { n_estimators: 20, max_depth: 5 }, seed: 42 }, approval: { mode: 'human' } }),
      analysis: { driftShare: 0.15 },
    });
    expect(outcome.decision).toBe('awaiting_approval');
    approvalId = outcome.approvalId!;
    app = await buildApp(runtime, { allowKeyless: false, demo: true, webRoot: out });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await worker?.stop();
    await runtime?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  interface Opened {
    readonly page: Page;
    /** Console errors and uncaught exceptions of the page. */
    readonly errors: string[];
    /** Requests that left the server's origin (there must be none). */
    readonly foreign: string[];
  }

  /** A new page signed in with the role's key (the key the sign-in form would keep in sessionStorage). */
  async function open(hash: string, role: 'viewer' | 'operator', width = 1280): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => { if (!r.url().startsWith(url)) foreign.push(r.url()); });
    await page.addInitScript((key) => sessionStorage.setItem('driftwatch.apiKey', key), keys[role]);
    await page.goto(`${url}/${hash}`, { waitUntil: 'load' });
    await page.waitForSelector('[data-testid="who"]');
    return { page, errors, foreign };
  }

  async function api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${keys.operator}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as unknown;
  }

  it('serves the dashboard itself at / with cache headers, public, and keeps the API behind keys', async () => {
    const index = await fetch(`${url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${url}/${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${url}/v1/models`)).status).toBe(401);
    expect((await fetch(`${url}/no-such-file.js`)).status).toBe(404);
  });

  it('analyze: uploading the churn pair lists the drifted features', async () => {
    const { page, errors, foreign } = await open('#/analyze', 'operator');
    await page.setInputFiles('#file-reference', REFERENCE);
    await page.setInputFiles('#file-current', CURRENT);
    await page.fill('input[placeholder="e.g. churn"]', 'churn');
    await page.click('button:has-text("Run analysis")');
    await page.waitForSelector('[data-testid="verdict"]', { timeout: 60_000 });
    // 3 of 19 columns: below the default dataset-drift share (50 %), so the verdict is "no dataset drift".
    expect(await page.textContent('[data-testid="verdict"]')).toContain('3 of 19 columns drifted');
    await page.check('label:has-text("Drifted only") input');
    const drifted = await page.$$eval('[data-testid="columns"] tbody tr td.name button', (bs) => bs.map((b) => b.textContent ?? ''));
    expect([...drifted].sort()).toEqual(SHIFTED);
    await page.waitForFunction(() => document.querySelectorAll('.chart svg').length >= 3);
    await shot(page, 'analyze-1280', 'analyze');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('analyze: a broken upload shows the API error beside that file', async () => {
    const { page, errors } = await open('#/analyze', 'operator');
    await page.setInputFiles('#file-reference', REFERENCE);
    await page.setInputFiles('#file-current', BROKEN);
    await page.click('button:has-text("Run analysis")');
    const note = await page.waitForSelector('#analyze-error');
    const text = (await note.textContent()) ?? '';
    // The API's message, beside the file it is about: the file as uploaded, the line, what is wrong.
    expect(text).toMatch(/^Current file: churn-current-broken\.csv:7: line 7 has 22 fields, the header has 20/);
    expect(text).toContain('PARSE_ERROR');
    expect(await page.getAttribute('#file-current', 'aria-invalid')).toBe('true');
    expect(await page.$('[data-testid="report"]')).toBeNull();
    await shot(page, 'analyze-error-1280');
    // The failed request itself is logged by the browser as a console error; nothing else may be.
    expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    await page.close();
  });

  it('approvals: a viewer sees the pending request and its evidence but no Approve button', async () => {
    const { page, errors } = await open('#/approvals', 'viewer');
    await page.waitForSelector('[data-testid="approval"]');
    const card = (await page.textContent('[data-testid="approval"]')) ?? '';
    expect(card).toContain('Promote churn v2');
    expect(card).toContain('dataset drift');
    expect(card).toContain('Only operators can approve or reject.');
    expect(await page.$('button:has-text("Approve")')).toBeNull();
    expect(await page.$('button:has-text("Reject")')).toBeNull();
    expect(await page.$('[data-testid="approval-actions"]')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('approvals: an operator approves, sees v2 become production, then rolls it back to v1', async () => {
    const { page, errors } = await open('#/approvals', 'operator');
    await page.waitForSelector('[data-testid="approval"]');
    // Demo mode (`demo: true` on /v1/me) shows the demo controls.
    expect(await page.$('button:has-text("Simulate high drift")')).not.toBeNull();
    await shot(page, 'approvals-1280', 'approvals');
    await page.click('[data-testid="approval"] button:has-text("Approve")');
    await page.fill('[data-testid="approval"] .reason input', 'challenger is better on the drifted data');
    await page.click('[data-testid="approval"] button:has-text("Confirm approve")');
    await page.waitForSelector('[data-testid="no-approvals"]');
    const approval = await api('GET', `/v1/approvals/${approvalId}`) as { state: string; decided_by: string };
    expect(approval).toMatchObject({ state: 'approved', decided_by: 'operator-1' });

    await page.click('nav a:has-text("Models")');
    await page.waitForSelector('[data-testid="production-version"]');
    expect(await page.textContent('[data-testid="production-version"]')).toBe('v2');
    await page.waitForSelector('[data-testid="timeline"] li');
    await shot(page, 'models-1280', 'models');

    await page.click('button:has-text("Roll back")');
    await page.fill('.confirm .reason input', 'rolled back in the browser test');
    await page.click('button:has-text("Confirm roll back")');
    await page.waitForFunction(() => document.querySelector('[data-testid="production-version"]')?.textContent === 'v1');
    const model = await api('GET', '/v1/models/churn') as { production_version: number };
    expect(model.production_version).toBe(1);
    // The timeline shows the rollback, with its reason.
    await page.waitForFunction(() => (document.querySelector('[data-testid="timeline"]')?.textContent ?? '').includes('rolled back in the browser test'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('models: Start retraining queues the pipeline on the logged window; the worker leaves it for approval; approving promotes v2', async () => {
    // Labelled traffic for the second model (v1 trained on the first churn rows): the window to retrain on.
    const rows = csvRows(CURRENT, 400);
    const labels = csvColumn(CURRENT, 'churn', 400);
    const answer = await api('POST', '/v1/models/churn-svc/predict', { rows }) as { predictions: { prediction_id: string }[] };
    await api('POST', '/v1/models/churn-svc/feedback', { labels: answer.predictions.map((p, i) => ({ prediction_id: p.prediction_id, label: labels[i]! })) });

    const { page, errors } = await open('#/models/churn-svc', 'operator');
    await page.waitForSelector('[data-testid="production-version"]');
    expect(await page.textContent('[data-testid="production-version"]')).toBe('v1');
    await page.click('button:has-text("Start retraining")');
    await page.fill('.confirm .reason input', 'retrain on the labelled window');
    await page.click('button:has-text("Confirm start retraining")');
    // The worker runs the job from the queue: bootstrap is skipped, it trains, evaluates, passes the gates and
    // asks for approval before promoting.
    const deadline = Date.now() + 90_000;
    let pending: { id: number; model: string; model_version: number }[] = [];
    while (Date.now() < deadline) {
      pending = ((await api('GET', '/v1/approvals?state=pending')) as { approvals: typeof pending }).approvals.filter((a) => a.model === 'churn-svc');
      if (pending.length > 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(pending).toEqual([expect.objectContaining({ model: 'churn-svc', model_version: 2 })]);

    await page.click('nav a:has-text("Approvals")');
    const card = page.locator('[data-testid="approval"]', { hasText: 'Promote churn-svc v2' });
    await card.waitFor();
    expect(await card.textContent()).toContain('by operator-1');
    await card.locator('button:has-text("Approve")').click();
    await card.locator('button:has-text("Confirm approve")').click();
    // Decided, it leaves the pending list.
    await card.waitFor({ state: 'detached' });
    await page.goto(`${url}/#/models/churn-svc`);
    await page.waitForFunction(() => document.querySelector('[data-testid="production-version"]')?.textContent === 'v2');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('jobs and audit: the pipeline job with its steps, and the approval and rollback in the audit trail', async () => {
    const { page, errors } = await open('#/jobs', 'viewer');
    await page.waitForSelector('[data-testid="jobs"] tbody tr');
    expect(await page.textContent('[data-testid="jobs"]')).toContain('churn');
    await page.waitForSelector('[data-testid="audit"] tbody tr');
    const audit = (await page.textContent('[data-testid="audit"]')) ?? '';
    expect(audit).toContain('approval.approved');
    await shot(page, 'jobs-1280', 'jobs');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('drift report: the latest stored report opens, and the picker opens the drifted one before it', async () => {
    const { page, errors } = await open('#/report?model=churn', 'viewer');
    await page.waitForSelector('[data-testid="report"]', { timeout: 30_000 });
    // The approval promoted v2 with the current data as its new baseline (a report without drift); the
    // pipeline's check that found the drift is the one before it.
    const picker = '.page-head label:has-text("Report") select';
    const options = await page.$$eval(`${picker} option`, (os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
    expect(options).toHaveLength(2);
    expect(options[0]!.text).toMatch(/^latest · .* · no drift · 0\.0%$/);
    expect(options[1]!.text).toMatch(/ · drift · 15\.8%$/);
    await page.selectOption(picker, options[1]!.value);
    await page.waitForFunction(() => document.querySelector('[data-testid="verdict"]')?.textContent?.includes('Dataset drift detected') === true);
    expect(await page.textContent('[data-testid="verdict"]')).toContain('3 of 19 columns drifted');
    await page.waitForFunction(() => document.querySelectorAll('.chart svg').length >= 3);
    await shot(page, 'report-1280', 'report');
    expect(errors).toEqual([]);
    await page.close();
  });

  /**
   * The cards come from GET /v1/models/:name/summary and the page listens on GET /v1/events/stream. New traffic
   * is sent through the API while the page is open, then the drift check runs (as the monitor's schedule
   * would); its events reach the page over the stream, which refetches the cards without a reload.
   */
  it('overview: cards filled from the API, updated live when new traffic arrives', async () => {
    const { page, errors, foreign } = await open('#/overview', 'operator');
    await page.waitForSelector('[data-testid="cards"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="stream-state"]')?.textContent?.includes('live') === true);
    const card = async (title: string): Promise<string> => (await page.textContent(`[data-testid="cards"] section[aria-label="${title}"] .big`)) ?? '';
    const before = Number((await card('Total predictions')).replace(/\D/g, ''));
    const rows = csvRows(CURRENT, 200);
    await api('POST', '/v1/models/churn/predict', { rows });
    const check = await api('POST', '/v1/models/churn/check', {}) as { status: string; dataset_drift: boolean };
    expect(check).toMatchObject({ status: 'checked' });
    const want = (before + rows.length).toLocaleString('en-US');
    await page.waitForFunction((n) => document.querySelector('[data-testid="cards"] section[aria-label="Total predictions"] .big')?.textContent === n, want, { timeout: 20_000 });
    // The check of the drifted traffic against v1's baseline: its columns, the banner and the event list.
    expect(await card('Drifted columns')).toMatch(/^[1-9]\d* \/ 19$/);
    await page.waitForSelector('[data-testid="events"] li');
    expect(await page.textContent('[data-testid="events"]')).toMatch(/check/i);
    expect(await page.evaluate(() => location.hash)).toBe('#/overview');
    await page.waitForFunction(() => document.querySelectorAll('.chart svg').length >= 3);
    await shot(page, 'overview-1280', 'overview');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  const PAGES = [['overview', '#/overview'], ['report', '#/report?model=churn'], ['analyze', '#/analyze'], ['approvals', '#/approvals?state=all'], ['models', '#/models'], ['jobs', '#/jobs']] as const;
  for (const [name, hash] of PAGES) {
    it(`${name} at 390 px (a phone) has no horizontal scroll`, async () => {
      const { page } = await open(hash, 'operator', 390);
      await page.waitForSelector('main h1');
      // Not networkidle: the overview keeps its event stream open. Every page's data is in when no "Loading" is left.
      await page.waitForFunction(() => !/Loading /.test(document.querySelector('main')?.textContent ?? 'Loading '));
      await page.waitForTimeout(500);
      const { overflow, culprits } = await horizontalOverflow(page);
      await shot(page, `${name}-390`);
      expect(overflow, culprits.join('\n')).toBeLessThanOrEqual(0);
      await page.close();
    });
  }
});

/** The first n values of one column of a CSV fixture, as text. */
function csvColumn(file: string, column: string, n: number): string[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const at = header!.split(',').indexOf(column);
  return lines.slice(0, n).map((line) => line.split(',')[at] ?? '');
}

/** The first n rows of a CSV fixture as JSON feature objects, without the label. */
function csvRows(file: string, n: number): Record<string, string | number | null>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.slice(0, n).map((line) => {
    const cells = line.split(',');
    const row: Record<string, string | number | null> = {};
    names.forEach((c, i) => {
      if (c === 'churn') return;
      const v = cells[i] ?? '';
      row[c] = v === '' ? null : Number.isFinite(Number(v)) ? Number(v) : v;
    });
    return row;
  });
}
