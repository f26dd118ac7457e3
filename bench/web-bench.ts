/**
 * `npm run bench:web` (npm run build && node --import tsx bench/web-bench.ts) — the dashboard's first load
 * (issue 12: "first load of the overview under 1 s on localhost").
 *
 * `driftwatch serve --demo` runs in its own process on a free port with a temporary home, as `npm start` runs
 * it; once its demo traffic has reached the store, Debian's Chromium (playwright-core) opens the overview in a
 * fresh browser context each time (empty cache: the first load a person gets) and the time from navigation
 * start to the filled cards is read inside the page. A second figure is the same load with a warm cache.
 * Figures are printed beside the target, never asserted: the browser tests check what the page shows, not how
 * fast, because the test machines are shared.
 *
 * Environment: DRIFTWATCH_BENCH_LOADS (default 7 per kind).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../web/e2e/chromium.js';
import { median, repoRoot } from './bench-env.js';

const LOADS = Number(process.env.DRIFTWATCH_BENCH_LOADS ?? 7);
const TARGET_MS = 1000;

/** Navigation start to the cards in the DOM, in ms, measured by the page itself. */
async function firstLoad(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(`${url}/#/overview`, { waitUntil: 'commit' });
  // A string, run in the page: this file is typechecked without the DOM's types.
  const handle = await page.waitForFunction(`document.querySelector('[data-testid="cards"]') !== null ? performance.now() : false`, undefined, { polling: 'raf', timeout: 30_000 });
  const ms = (await handle.jsonValue()) as number;
  await page.close();
  return ms;
}

async function waitForTraffic(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${url}/v1/models/churn/summary`);
      if (r.ok && ((await r.json()) as { total_predictions?: number }).total_predictions! > 0) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the demo service logged no predictions within 120 s');
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`bench:web needs ${CHROMIUM} (scripts/ensure-test-deps.sh installs Debian's chromium)`);
    process.exitCode = 1;
    return;
  }
  if (!existsSync(join(repoRoot, 'dist', 'web', 'index.html'))) throw new Error('dist/web is missing: run `npm run build` (npm run bench:web does)');
  const home = await mkdtemp(join(tmpdir(), 'driftwatch-web-bench-'));
  const server = spawn(process.execPath, [join(repoRoot, 'bin', 'driftwatch.js'), 'serve', '--demo', '--port', '0', '--home', home], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      server.stderr.setEncoding('utf8');
      server.stderr.on('data', (s: string) => {
        err += s;
        const m = /serving on (http:\/\/\S+?) /.exec(err);
        if (m !== null) resolve(m[1]!);
      });
      server.once('exit', (code) => reject(new Error(`driftwatch serve exited (${code}):\n${err}`)));
    });
    await waitForTraffic(url, Date.now() + 120_000);
    const browser = await launchChromium();
    try {
      // One throwaway load: Chromium's own first start (profile, GPU-less compositor) is not the page's cost.
      const warmup = await browser.newContext();
      await firstLoad(warmup, url);
      await warmup.close();
      const cold: number[] = [];
      for (let i = 0; i < LOADS; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        cold.push(await firstLoad(context, url));
        await context.close();
      }
      const warm: number[] = [];
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await firstLoad(context, url);
      for (let i = 0; i < LOADS; i++) warm.push(await firstLoad(context, url));
      await context.close();
      console.log(`dashboard overview, navigation start to filled cards (driftwatch serve --demo, ${LOADS} loads each; target < ${TARGET_MS} ms)`);
      for (const [label, xs] of [['empty cache', cold], ['warm cache', warm]] as const) {
        console.log(`  ${label.padEnd(12)} best ${Math.round(Math.min(...xs))} ms, median ${Math.round(median(xs))} ms, worst ${Math.round(Math.max(...xs))} ms${median(xs) < TARGET_MS ? '' : '  (over target)'}`);
      }
    } finally {
      await browser.close();
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await rm(home, { recursive: true, force: true });
  }
}

await main();
