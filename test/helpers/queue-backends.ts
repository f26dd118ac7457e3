/**
 * Runs a queue test suite on every queue backend: the embedded queue on SQLite and on Postgres (through
 * `describeEachBackend`, so each test gets its own database, dropped afterwards) and BullMQ on Redis
 * (REDIS_URL, default redis://127.0.0.1:6379), where each test gets its own key prefix, deleted afterwards.
 * Redis unreachable: the BullMQ half fails on CI (CI=true or DRIFTWATCH_REQUIRE_SERVICES=1) and is skipped,
 * saying why, elsewhere. The Redis client package (ioredis) missing: skipped, saying so, everywhere.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, it } from 'vitest';
import { openQueue, type JobQueue } from '../../src/queue/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { describeEachBackend, servicesRequired } from './store-backends.js';

export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

export function testRedisUrl(): string {
  const url = process.env['REDIS_URL'];
  return url !== undefined && url.trim() !== '' ? url : DEFAULT_TEST_REDIS_URL;
}

/** What a child process needs to open the same queue (see test/helpers/queue-child.ts). */
export interface QueueAddress {
  readonly home: string;
  readonly databaseUrl?: string | undefined;
  readonly redisUrl?: string | undefined;
  readonly prefix: string;
  readonly leaseMs: number;
}

export interface QueueTuning {
  /** Lease (embedded) or lock and stalled-check interval (BullMQ); short in tests that kill a consumer. */
  readonly leaseMs?: number;
  /** The embedded consumers' poll interval (BullMQ's workers block on Redis instead). */
  readonly pollMs?: number;
}

export interface OpenedTestQueue {
  readonly queue: JobQueue;
  readonly store: Store;
  readonly address: QueueAddress;
  /** Another queue object on the same jobs (as another process would open it); closed after the test. */
  another(): Promise<JobQueue>;
}

export interface QueueTestBackend {
  readonly name: 'embedded-sqlite' | 'embedded-postgres' | 'bullmq';
  open(tuning?: QueueTuning): Promise<OpenedTestQueue>;
}

const DEFAULT_TEST_LEASE_MS = 30_000;

function newPrefix(): string {
  return `dwtest_${randomBytes(5).toString('hex')}`;
}

export function describeEachQueue(title: string, body: (backend: QueueTestBackend) => void): void {
  describeEachBackend(`${title} embedded`, (storeBackend) => {
    // Registered after describeEachBackend's own afterEach, so it runs first: queues close before their stores.
    const queues: JobQueue[] = [];
    afterEach(async () => {
      for (const q of queues.splice(0)) await q.close();
    });
    body({
      name: storeBackend.name === 'sqlite' ? 'embedded-sqlite' : 'embedded-postgres',
      async open(tuning = {}) {
        const { store, home, url, reopen } = await storeBackend.open();
        const leaseMs = tuning.leaseMs ?? DEFAULT_TEST_LEASE_MS;
        const prefix = newPrefix();
        const openOne = async (s: Store) => {
          const q = await openQueue({ store: s, prefix, leaseMs, ...(tuning.pollMs === undefined ? {} : { pollMs: tuning.pollMs }) });
          queues.push(q);
          return q;
        };
        const queue = await openOne(store);
        return {
          queue,
          store,
          address: { home, databaseUrl: url, prefix, leaseMs },
          another: async () => openOne(storeBackend.name === 'postgres' ? await reopen() : store),
        };
      },
    });
  });
  describeBullmq(title, body);
}

function ioredisInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('ioredis');
    return true;
  } catch {
    return false;
  }
}

async function probeRedis(): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (!ioredisInstalled()) return { ok: false, reason: 'ioredis not installed' };
  const { createConnection } = await import('node:net');
  const u = new URL(testRedisUrl());
  return new Promise((resolve) => {
    const socket = createConnection({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (r: { ok: true } | { ok: false; reason: string }) => {
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(2000, () => done({ ok: false, reason: 'timeout' }));
    socket.once('error', (e) => done({ ok: false, reason: e.message }));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG') || d.toString().startsWith('-NOAUTH') ? { ok: true } : { ok: false, reason: d.toString().trim() }));
  });
}

const redisProbe = await probeRedis();

/**
 * Whether the tests of BullMQ alone run: Redis answers, or the run requires its services (CI), where a Redis
 * that does not answer must fail those tests rather than skip them — as describeEachQueue does.
 */
export const runRedisTests: boolean = redisProbe.ok || servicesRequired();
export const ioredisPresent: boolean = ioredisInstalled();

/** Deletes every key under a prefix (a test's own jobs). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const Redis = createRequire(import.meta.url)('ioredis') as new (url: string, o: object) => {
    scan(cursor: string, ...args: (string | number)[]): Promise<[string, string[]]>;
    del(...keys: string[]): Promise<number>;
    quit(): Promise<string>;
  };
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await client.quit();
  }
}

function describeBullmq(title: string, body: (backend: QueueTestBackend) => void): void {
  const missingClient = !redisProbe.ok && redisProbe.reason === 'ioredis not installed';
  const unreachable = redisProbe.ok ? null : redisProbe.reason;
  if (missingClient || (unreachable !== null && !servicesRequired())) {
    const why = missingClient ? 'the Redis client package ioredis is not installed' : `${testRedisUrl()} unreachable: ${unreachable}`;
    describe.skip(`${title} [bullmq: skipped, ${why}]`, () => {
      it('needs Redis and ioredis', () => undefined);
    });
    return;
  }
  describe(`${title} [bullmq]`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    if (unreachable !== null) {
      beforeAll(() => {
        throw new Error(`Redis at ${testRedisUrl()} is unreachable (${unreachable}), and CI=true or DRIFTWATCH_REQUIRE_SERVICES=1 requires the BullMQ queue tests to run: start Redis (scripts/ensure-services.sh, run by .ci/run, does) or set REDIS_URL`);
      });
    }
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });
    body({
      name: 'bullmq',
      async open(tuning = {}) {
        const home = await mkdtemp(join(tmpdir(), 'driftwatch-queue-'));
        cleanups.push(() => rm(home, { recursive: true, force: true }));
        const store = await openStore({ home });
        cleanups.push(() => store.close());
        const prefix = newPrefix();
        const redisUrl = testRedisUrl();
        cleanups.push(() => deleteRedisKeys(redisUrl, prefix));
        const leaseMs = tuning.leaseMs ?? DEFAULT_TEST_LEASE_MS;
        const openOne = async () => {
          const q = await openQueue({ store, redisUrl, prefix, leaseMs, stalledIntervalMs: leaseMs });
          cleanups.push(() => q.close());
          return q;
        };
        return { queue: await openOne(), store, address: { home, redisUrl, prefix, leaseMs }, another: openOne };
      },
    });
  });
}
