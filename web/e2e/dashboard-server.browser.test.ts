/**
 * The built dashboard served by the real server (`createRuntime` on SQLite + `buildApp`) in headless Chromium,
 * for what the server offers so far: sign-in with an API key (a wrong key is refused, a viewer key opens the
 * dashboard, kept in sessionStorage, and shows no operator buttons), and a keyless loopback server opening
 * without sign-in. `buildApp` serves the dashboard's files at `/` (public), from this test's own build.
 * Skipped when /usr/bin/chromium is missing, except under DRIFTWATCH_REQUIRE_BROWSER=1 (.ci/run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, generateApiKey, type Runtime } from '../../src/runtime/index.ts';
import { buildApp } from '../../src/server/index.ts';
import { browserAvailable, buildDashboard, launchChromium } from './harness.ts';



interface Served {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly runtime: Runtime;
}

describe.skipIf(!browserAvailable())('dashboard on the real server in Chromium', () => {
  let dir: string;
  let out: string;
  let browser: Browser;
  const served: Served[] = [];
  const keys: Record<string, string> = {};

  async function serve(name: string, withKeys: boolean): Promise<string> {
    const runtime = await createRuntime({ config: {}, home: join(dir, name), env: {}, logger: pino({ level: 'silent' }), processMetrics: false });
    if (withKeys) {
      for (const role of ['viewer', 'operator'] as const) {
        const { key, prefix, hash } = generateApiKey();
        await runtime.store.apiKeys.create({ name: `${role}-1`, role, keyHash: hash, prefix, createdBy: 'test' });
        keys[role] = key;
      }
    }
    // buildApp serves the dashboard itself (src/server/routes/web.ts), here from this test's build.
    const app = await buildApp(runtime, { allowKeyless: !withKeys, webRoot: out });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    served.push({ url, app, runtime });
    return url;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'driftwatch-web-server-'));
    out = join(dir, 'web');
    buildDashboard(out);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const s of served) {
      await s.app.close();
      await s.runtime.close();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('asks for a key, refuses a wrong one, and shows a viewer no operator buttons', async () => {
    const url = await serve('keyed', true);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const foreign: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(url)) foreign.push(r.url()); });
    await page.goto(`${url}/#/approvals`, { waitUntil: 'load' });
    await page.fill('input[type="password"]', 'dw_not_a_key');
    await page.click('button:has-text("Sign in")');
    await page.waitForSelector('text=That key was refused');
    expect(await page.evaluate(() => sessionStorage.getItem('driftwatch.apiKey'))).toBeNull();

    await page.fill('input[type="password"]', keys['viewer']!);
    await page.click('button:has-text("Sign in")');
    await page.waitForSelector('[data-testid="who"]');
    expect(await page.textContent('[data-testid="who"]')).toContain('viewer-1');
    expect(await page.evaluate(() => sessionStorage.getItem('driftwatch.apiKey'))).toBe(keys['viewer']);
    await page.waitForSelector('main h1:has-text("Approvals")');
    expect(await page.$('button:has-text("Approve")')).toBeNull();
    expect(await page.$('button:has-text("Refresh analysis")')).toBeNull();
    expect(foreign).toEqual([]);

    // The key lives in this tab's session only: a new browser context starts signed out.
    const other = await browser.newPage();
    await other.goto(`${url}/`, { waitUntil: 'load' });
    await other.waitForSelector('input[type="password"]');
    await other.close();
    await page.close();
  });

  it('opens without sign-in on a keyless loopback server', async () => {
    const url = await serve('keyless', false);
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(`${url}/`, { waitUntil: 'load' });
    await page.waitForSelector('[data-testid="who"]');
    expect(await page.textContent('[data-testid="who"]')).toContain('admin');
    expect(await page.$('input[type="password"]')).toBeNull();
    await page.close();
  });
});
