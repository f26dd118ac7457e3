/** Every resource route is in the OpenAPI document with its parameters and responses (SQLite only: no storage logic here). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/server/index.js';
import { createRuntime } from '../../src/runtime/index.js';
import { captureLogs } from './helpers.js';

const ROUTES: readonly [string, string][] = [
  ['get', '/v1/models'], ['get', '/v1/models/{name}'], ['get', '/v1/models/{name}/versions/{version}'], ['get', '/v1/models/{name}/versions/{version}/artifact'],
  ['get', '/v1/models/{name}/aliases/history'], ['post', '/v1/models/{name}/versions'], ['post', '/v1/models/{name}/promote'], ['post', '/v1/models/{name}/rollback'],
  ['post', '/v1/models/{name}/retrain'], ['get', '/v1/jobs'], ['get', '/v1/jobs/{id}'], ['get', '/v1/approvals'], ['get', '/v1/approvals/{id}'],
  ['post', '/v1/approvals/{id}/approve'], ['post', '/v1/approvals/{id}/reject'], ['get', '/v1/audit'], ['get', '/v1/reports'], ['get', '/v1/reports/{id}'],
  ['post', '/v1/analyze'], ['post', '/v1/models/{name}/check'], ['get', '/v1/models/{name}/drift'], ['get', '/v1/models/{name}/performance'],
  ['get', '/v1/models/{name}/summary'], ['get', '/v1/events'], ['get', '/v1/events/stream'], ['get', '/v1/alerts'], ['get', '/v1/alerts/deliveries'],
  ['post', '/v1/alerts/{id}/ack'], ['post', '/v1/alerts/{id}/snooze'], ['post', '/v1/models/{name}/mutes'], ['delete', '/v1/models/{name}/mutes/{column}'],
];

it('documents every resource route with its parameters, the bearer key and the error body', async () => {
  const home = await mkdtemp(join(tmpdir(), 'driftwatch-openapi-'));
  const runtime = await createRuntime({ home, env: {}, logger: captureLogs().logger, processMetrics: false });
  const app = await buildApp(runtime);
  try {
    const res = await app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown>; parameters?: { name: string }[] }>> };
    for (const [method, path] of ROUTES) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op!.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(op!.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404']));
      for (const p of path.match(/\{(\w+)\}/g) ?? []) expect(op!.parameters?.map((x) => x.name)).toContain(p.slice(1, -1));
    }
  } finally {
    await app.close();
    await runtime.close();
    await rm(home, { recursive: true, force: true });
  }
});
