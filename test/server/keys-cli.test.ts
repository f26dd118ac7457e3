/** `driftwatch keys create|list|revoke`: the key is printed once, stored hashed, audited; and it works on the server. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createRuntime } from '../../src/runtime/index.js';
import { buildApp } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../cli/helpers/run-cli.js';
import { captureLogs } from './helpers.js';

const homes: string[] = [];
afterEach(async () => {
  for (const h of homes.splice(0)) await rm(h, { recursive: true, force: true });
});

it('creates a key shown once, lists it without the key, revokes it; the server honours each step', { timeout: 60_000 }, async () => {
  const home = await mkdtemp(join(tmpdir(), 'driftwatch-keys-'));
  homes.push(home);
  const created = await runCli(['keys', 'create', '--name', 'ci', '--role', 'operator', '--home', home, '--actor', 'alice']);
  expect(created.code, created.stderr).toBe(0);
  const key = created.stdout.trim();
  expect(key).toMatch(/^dw_[A-Za-z0-9_-]{43}$/);
  expect(created.stderr).toMatch(/shown this once/);

  const listed = await runCli(['keys', 'list', '--home', home, '--json']);
  expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: 'ci', role: 'operator', prefix: key.slice(0, 10), created_by: 'alice', revoked_at: null })]);
  expect(listed.stdout).not.toContain(key);

  const bad = await runCli(['keys', 'create', '--name', 'x', '--role', 'root', '--home', home]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/--role/);

  const { logger } = captureLogs();
  const runtime = await createRuntime({ home, env: {}, logger, processMetrics: false });
  try {
    const app = await buildApp(runtime, { allowKeyless: true });
    expect((await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${key}` } })).json()).toEqual({ name: 'ci', role: 'operator', keyless: false });
    expect((await app.inject({ method: 'GET', url: '/v1/me' })).statusCode).toBe(401);
    await app.close();

    const revoked = await runCli(['keys', 'revoke', 'ci', '--home', home, '--actor', 'alice']);
    expect(revoked.code, revoked.stderr).toBe(0);
    const app2 = await buildApp(runtime, { allowKeyless: false });
    expect((await app2.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(401);
    await app2.close();
  } finally {
    await runtime.close();
  }
  const store = await openStore({ home });
  try {
    expect((await store.audit.list({ subjectKind: 'api_key' })).map((a) => `${a.actor} ${a.action} ${a.subject}`)).toEqual(['alice api_key.created ci', 'alice api_key.revoked ci']);
  } finally {
    await store.close();
  }
});
