import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/error-codes.js';
import { DATABASE_FILE, openStore, redactUrl, resolveHome, SQLITE_BUSY_TIMEOUT_MS } from '../../src/store/index.js';
import { probePostgres, servicesRequired, testDatabaseUrl } from '../helpers/store-backends.js';
import { failure } from '../helpers/table-cells.js';

const temps: string[] = [];
afterEach(async () => {
  for (const t of temps.splice(0)) await rm(t, { recursive: true, force: true });
});
const tempHome = async () => {
  const t = await mkdtemp(join(tmpdir(), 'driftwatch-backend-'));
  temps.push(t);
  return t;
};

describe('the embedded SQLite database', () => {
  it('lives at <home>/driftwatch.db in WAL mode with foreign keys on and a busy timeout', async () => {
    const home = join(await tempHome(), 'nested', 'home');
    const store = await openStore({ home });
    try {
      expect(store.location).toBe(join(home, DATABASE_FILE));
      const raw = new BetterSqlite3(join(home, DATABASE_FILE), { readonly: true });
      try {
        expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        raw.close();
      }
      // Foreign keys are enforced on the store's own connection: an alias of a model that does not exist is refused.
      await expect(store.aliases.move(424242, { alias: 'production', version: 1, previousVersion: null, referenceDatasetVersionId: null, actor: 'x', reason: null, kind: 'set' })).rejects.toThrow(/FOREIGN KEY/);
      expect(SQLITE_BUSY_TIMEOUT_MS).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('a data directory that cannot be created is UNAVAILABLE (exit 69), naming the file', async () => {
    const t = await tempHome();
    await writeFile(join(t, 'file'), 'not a folder');
    const e = await failure(openStore({ home: join(t, 'file', 'home') }));
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.exitCode).toBe(EXIT.UNAVAILABLE);
    expect(e.message).toContain(DATABASE_FILE);
  });
});

describe('Postgres', () => {
  it('an unreachable server is UNAVAILABLE (exit 69) with the URL, password hidden', async () => {
    const e = await failure(openStore({ home: await tempHome(), url: 'postgres://postgres:s3cret@127.0.0.1:1/nowhere' }));
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.exitCode).toBe(69);
    expect(e.message).toContain('postgres://postgres:***@127.0.0.1:1/nowhere');
    expect(e.message).not.toContain('s3cret');
  });

  it('a URL of another kind is refused, naming DATABASE_URL', async () => {
    const e = await failure(openStore({ home: await tempHome(), url: 'mysql://root@localhost/db' }));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.field).toBe('DATABASE_URL');
  });

  it('redacts passwords only', () => {
    expect(redactUrl('postgres://u:p@h:5432/d')).toBe('postgres://u:***@h:5432/d');
    expect(redactUrl('postgres://u@h/d')).toBe('postgres://u@h/d');
  });
});

describe('resolveHome', () => {
  it('takes --home, then DRIFTWATCH_HOME, then the config, then ./.driftwatch', () => {
    const cwd = '/work/project';
    expect(resolveHome({ cwd, flag: 'a', env: { DRIFTWATCH_HOME: '/b' }, config: '/c' })).toBe('/work/project/a');
    expect(resolveHome({ cwd, env: { DRIFTWATCH_HOME: '/b' }, config: '/c' })).toBe('/b');
    expect(resolveHome({ cwd, env: { DRIFTWATCH_HOME: '  ' }, config: '/c' })).toBe('/c');
    expect(resolveHome({ cwd, env: {} })).toBe('/work/project/.driftwatch');
  });
});

const pgProbe = await probePostgres();

describe.skipIf(!pgProbe.ok && !servicesRequired())('Postgres connections', () => {
  it('a database that does not exist is UNAVAILABLE, naming it', async () => {
    const url = new URL(testDatabaseUrl());
    url.pathname = '/dw_no_such_database_here';
    const e = await failure(openStore({ home: await tempHome(), url: url.toString() }));
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.message).toContain('dw_no_such_database_here');
  });

  it('after the server drops its connections, a call fails as UNAVAILABLE at worst and the store recovers', async () => {
    const database = `dw_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    try {
      await admin.query(`create database ${database}`);
      const url = new URL(testDatabaseUrl());
      url.pathname = `/${database}`;
      const store = await openStore({ home: await tempHome(), url: url.toString() });
      try {
        await store.models.ensureModel('churn', 'ana');
        await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
        // Each pooled connection that died fails one call, as UNAVAILABLE, and is discarded; then calls succeed.
        let recovered = false;
        for (let attempt = 0; attempt < 12 && !recovered; attempt++) {
          try {
            recovered = (await store.models.getModel('churn'))?.name === 'churn';
          } catch (e) {
            expect((e as { code?: string }).code).toBe('UNAVAILABLE');
          }
        }
        expect(recovered).toBe(true);
      } finally {
        await store.close();
      }
    } finally {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
  });
});
