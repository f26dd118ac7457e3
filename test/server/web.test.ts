/**
 * The dashboard's static files at `/` (src/server/routes/web.ts): public while the API keeps its keys, hashed
 * assets cached for a year and index.html revalidated, missing files answered with the API's 404 body, and a
 * warning naming `npm run build` when the build is missing. `/v1/me` says `demo: true` in demo mode only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/runtime/index.js';
import { buildApp, type BuildAppOptions } from '../../src/server/index.js';
import { captureLogs, createKey, type CapturedLogs } from './helpers.js';

describe('the dashboard at /', () => {
  let dir: string;
  let runtime: Runtime | undefined;
  let app: FastifyInstance | undefined;
  let logs: CapturedLogs;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'driftwatch-web-route-'));
  });
  afterEach(async () => {
    await app?.close();
    await runtime?.close();
    app = undefined;
    runtime = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(options: BuildAppOptions): Promise<FastifyInstance> {
    const captured = captureLogs();
    logs = captured.logs;
    runtime = await createRuntime({ config: {}, home: join(dir, 'home'), env: {}, logger: captured.logger, processMetrics: false });
    app = await buildApp(runtime, options);
    return app;
  }

  function writeBuild(): string {
    const root = join(dir, 'web');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="./assets/index-B1x2Y3z4.js"></script>');
    writeFileSync(join(root, 'assets', 'index-B1x2Y3z4.js'), 'console.log(1)');
    writeFileSync(join(root, '.secret'), 'no');
    return root;
  }

  it('serves the build publicly, with cache headers, while the API still asks for a key', async () => {
    const a = await start({ allowKeyless: false, webRoot: writeBuild() });
    await createKey(runtime!.store, 'viewer', 'viewer');
    const index = await a.inject({ url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body).toContain('assets/index-B1x2Y3z4.js');
    const asset = await a.inject({ url: '/assets/index-B1x2Y3z4.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');

    const missing = await a.inject({ url: '/assets/nope.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    expect((await a.inject({ url: '/.secret' })).statusCode).toBeGreaterThanOrEqual(403);
    expect((await a.inject({ url: '/v1/models' })).statusCode).toBe(401);
    expect((await a.inject({ url: '/v1/no-such-route' })).json().error.code).toBe('NOT_FOUND');
    // Not an API operation: the OpenAPI document leaves the files out.
    const openapi = (await a.inject({ url: '/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths).filter((p) => !p.startsWith('/v1') && !['/health', '/ready', '/metrics', '/predict', '/ingest/batch'].includes(p))).toEqual([]);
  });

  it('says to run npm run build when the dashboard is not built, and the API works without it', async () => {
    const a = await start({ webRoot: join(dir, 'not-built') });
    const warning = logs.lines.find((l) => typeof l['msg'] === 'string' && (l['msg'] as string).includes('npm run build'));
    expect(warning).toMatchObject({ level: 40, root: join(dir, 'not-built') });
    expect((await a.inject({ url: '/' })).statusCode).toBe(404);
    expect((await a.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('web: false serves no dashboard and logs nothing about it', async () => {
    const a = await start({ web: false, webRoot: writeBuild() });
    expect((await a.inject({ url: '/' })).statusCode).toBe(404);
    expect(logs.text()).not.toContain('npm run build');
  });

  it('GET /v1/me says demo: true in demo mode only', async () => {
    const demo = await start({ demo: true, web: false });
    expect((await demo.inject({ url: '/v1/me' })).json()).toMatchObject({ role: 'admin', keyless: true, demo: true });
    await demo.close();
    await runtime!.close();
    const plain = await start({ web: false });
    expect((await plain.inject({ url: '/v1/me' })).json()).not.toHaveProperty('demo');
  });
});
