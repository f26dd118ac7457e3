/**
 * Runs a storage test suite on both backends: SQLite in a temp folder and Postgres (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test), where every test gets its own database with a random name,
 * dropped afterwards. When Postgres cannot be reached, its half fails with a clear message on CI
 * (CI=true or DRIFTWATCH_REQUIRE_SERVICES=1) and is skipped, saying why, on a developer's machine.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeAll, describe, it } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { openStore, type Store } from '../../src/store/index.js';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function testDatabaseUrl(): string {
  const url = process.env['DATABASE_URL'];
  return url !== undefined && url.trim() !== '' ? url : DEFAULT_TEST_DATABASE_URL;
}

export function servicesRequired(): boolean {
  return process.env['CI'] === 'true' || process.env['CI'] === '1' || process.env['DRIFTWATCH_REQUIRE_SERVICES'] === '1';
}

/** Whether Postgres answers; the reason when it does not. */
export async function probePostgres(url = testDatabaseUrl()): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: (e as Error).message || String(e) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface OpenedTestStore {
  readonly store: Store;
  /** The data directory (artifacts; the SQLite file). */
  readonly home: string;
  /** The Postgres URL of the test's database; undefined on SQLite (for child processes opening the same store). */
  readonly url: string | undefined;
  /** Opens another store on the same database and home (a second process would). */
  reopen(clock?: Clock): Promise<Store>;
  /**
   * A handle for concurrent use: on Postgres another store with its own pool (as another process); on SQLite
   * the same store. better-sqlite3 is synchronous, so a second connection in one process would wait for a
   * lock its own thread holds; processes sharing one SQLite file are tested with child processes instead.
   */
  peer(): Promise<Store>;
}

export interface TestBackend {
  readonly name: 'sqlite' | 'postgres';
  /** A fresh, empty store; closed and deleted after the test. */
  open(clock?: Clock): Promise<OpenedTestStore>;
}

/** Postgres URL of the same server with another database name. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const pgProbe = await probePostgres();

/**
 * `describe`s `title` once per backend. Postgres tests create a database `dw_test_<random>` each and drop it.
 */
export function describeEachBackend(title: string, body: (backend: TestBackend) => void): void {
  for (const name of ['sqlite', 'postgres'] as const) {
    const unreachable = name === 'postgres' && !pgProbe.ok ? pgProbe.reason : null;
    if (unreachable !== null && !servicesRequired()) {
      describe.skip(`${title} [postgres: skipped, ${testDatabaseUrl()} unreachable: ${unreachable}]`, () => {
        it('needs PostgreSQL', () => undefined);
      });
      continue;
    }
    describe(`${title} [${name}]`, () => {
      const cleanups: (() => Promise<void>)[] = [];
      if (unreachable !== null) {
        beforeAll(() => {
          throw new Error(`PostgreSQL at ${testDatabaseUrl()} is unreachable (${unreachable}), and CI=true or DRIFTWATCH_REQUIRE_SERVICES=1 requires the Postgres storage tests to run: start PostgreSQL (scripts/ensure-services.sh, run by .ci/run, does) or set DATABASE_URL`);
        });
      }
      afterEach(async () => {
        for (const c of cleanups.splice(0).reverse()) await c();
      });
      body({
        name,
        async open(clock) {
          const home = await mkdtemp(join(tmpdir(), 'driftwatch-store-'));
          cleanups.push(() => rm(home, { recursive: true, force: true }));
          let url: string | undefined;
          if (name === 'postgres') {
            const database = `dw_test_${randomBytes(6).toString('hex')}`;
            const admin = new pg.Client({ connectionString: testDatabaseUrl() });
            await admin.connect();
            try {
              await admin.query(`create database ${database}`);
            } finally {
              await admin.end();
            }
            url = withDatabase(testDatabaseUrl(), database);
            cleanups.push(async () => {
              const c = new pg.Client({ connectionString: testDatabaseUrl() });
              await c.connect();
              try {
                await c.query(`drop database if exists ${database} with (force)`);
              } finally {
                await c.end();
              }
            });
          }
          const openOne = async (c?: Clock): Promise<Store> => {
            const s = await openStore({ home, url, ...(c === undefined ? {} : { clock: c }) });
            cleanups.push(() => s.close());
            return s;
          };
          const store = await openOne(clock);
          return { store, home, url, reopen: openOne, peer: () => (name === 'postgres' ? openOne(clock) : Promise.resolve(store)) };
        },
      });
    });
  }
}
