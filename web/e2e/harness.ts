/**
 * What the browser tests share: Debian's Chromium through playwright-core (never a downloaded browser), the
 * dashboard built like `npm run build` does, and where screenshots go.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { CHROMIUM } from './chromium.ts';

export { CHROMIUM, CHROMIUM_ARGS, launchChromium } from './chromium.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
export const REPO_ROOT = resolve(here, '..', '..');
export const FIXTURES = join(here, 'fixtures');

/**
 * Whether the browser tests can run. Under DRIFTWATCH_REQUIRE_BROWSER=1 (.ci/run) a missing Chromium throws at
 * import, so the file fails instead of skipping.
 */
export function browserAvailable(): boolean {
  const present = existsSync(CHROMIUM);
  if (!present && process.env.DRIFTWATCH_REQUIRE_BROWSER === '1') throw new Error(`${CHROMIUM} is missing: run scripts/ensure-test-deps.sh (as root)`);
  return present;
}

/**
 * `vite build` of the dashboard into `outDir`, in a child process like `npm run build`: Vite looks for a
 * workspace root above the repository, a read the test setup refuses inside the test process. Each test file
 * builds into its own folder, and the suite runs files in parallel: Vite's per-project build lock would fail
 * the second build ("Found another Vite build process"), so it is bypassed.
 */
export function buildDashboard(outDir: string): void {
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(REPO_ROOT, 'web/vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--bypass-lock', '--logLevel', 'error'], {
    stdio: 'inherit',
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/**
 * Screenshots: DRIFTWATCH_SCREENSHOT_DIR, else test-artifacts/<suite>/ (gitignored). With
 * DRIFTWATCH_DOCS_SCREENSHOTS=1 the page shots named in `docs` are also written to docs/screenshots/ (the
 * README's pictures), at the viewport's size.
 */
export function screenshotter(suite: string): (page: Page, name: string, docsName?: string) => Promise<void> {
  const dir = process.env.DRIFTWATCH_SCREENSHOT_DIR ?? join(REPO_ROOT, 'test-artifacts', suite);
  mkdirSync(dir, { recursive: true });
  const docs = process.env.DRIFTWATCH_DOCS_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs', 'screenshots') : undefined;
  if (docs !== undefined) mkdirSync(docs, { recursive: true });
  return async (page, name, docsName) => {
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
    if (docs !== undefined && docsName !== undefined) await page.screenshot({ path: join(docs, `${docsName}.png`) });
  };
}

/** How far the page is wider than its viewport (0 = no horizontal scroll), and the elements sticking out. */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('thead') && e.getBoundingClientRect().right > width + 1)
      .slice(0, 12)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)} ${Math.round(e.getBoundingClientRect().right)}`);
    return { overflow: document.documentElement.scrollWidth - width, culprits };
  });
}
