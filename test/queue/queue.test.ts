/**
 * One suite for every queue backend (embedded on SQLite, embedded on Postgres, BullMQ on Redis): what a
 * JobQueue promises, checked with real databases, a real Redis and real processes.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { isDriftwatchError } from '../../src/core/index.js';
import { openQueue, type JobQueue, type QueuedJob } from '../../src/queue/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { describeEachQueue, deleteRedisKeys, ioredisPresent, runRedisTests, testRedisUrl, type QueueAddress } from '../helpers/queue-backends.js';
import { failure } from '../helpers/table-cells.js';
import { tcpProxy } from '../helpers/tcp-proxy.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const childScript = join(repoRoot, 'test', 'helpers', 'queue-child.ts');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** The job once it completed or failed. */
function settled(queue: JobQueue, id: string, timeoutMs?: number): Promise<QueuedJob> {
  return waitFor(`job ${id} to finish`, async () => {
    const j = await queue.get(id);
    return j !== undefined && (j.state === 'completed' || j.state === 'failed') ? j : undefined;
  }, timeoutMs);
}

/** A promise with its resolve, for handlers that wait on the test. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

function startChild(address: QueueAddress, mode: 'hang' | 'drain', expected?: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, JSON.stringify({ address, mode, expected })], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  /** The first stdout line matching `re`, or a failure that shows the child's stderr. */
  const line = (re: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child printed no line matching ${re} within ${timeoutMs} ms; stderr:\n${stderr}`)), timeoutMs);
      lines.on('line', (l) => {
        const m = re.exec(l);
        if (m !== null) {
          clearTimeout(timer);
          resolve(m);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`child exited (${code}) before printing a line matching ${re}; stderr:\n${stderr}`));
      });
    });
  return { child, line, exited, stderr: () => stderr };
}

describeEachQueue('job queue', (backend) => {
  it('runs an enqueued job once and keeps its result', async () => {
    const { queue } = await backend.open();
    expect(queue.backend).toBe(backend.name === 'bullmq' ? 'bullmq' : 'embedded');
    await queue.ping();
    const { id, duplicate } = await queue.enqueue('add', { a: 2, b: 3 });
    expect(duplicate).toBe(false);
    expect(await queue.get(id)).toMatchObject({ id, kind: 'add', payload: { a: 2, b: 3 }, state: 'waiting', attempts: 0 });
    expect((await queue.counts()).waiting).toBe(1);
    const calls: { id: string; attempt: number; aborted: boolean }[] = [];
    const consumer = queue.consume({
      add: async (job) => {
        calls.push({ id: job.id, attempt: job.attempt, aborted: job.signal.aborted });
        return { sum: (job.payload['a'] as number) + (job.payload['b'] as number) };
      },
    });
    const done = await settled(queue, id);
    await consumer.stop();
    expect(done).toMatchObject({ id, kind: 'add', state: 'completed', attempts: 1, result: { sum: 5 } });
    expect(done.error).toBeUndefined();
    expect(Date.parse(done.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(done.createdAt));
    expect(calls).toEqual([{ id, attempt: 1, aborted: false }]);
    expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 1, failed: 0 });
    expect(await queue.get('123456789')).toBeUndefined();
  });

  it('starts a job enqueued to an idle consumer at once, without waiting for a poll', async () => {
    // A poll interval far longer than the bound below: only the wake-up (or BullMQ's blocking wait) starts it.
    const { queue } = await backend.open({ pollMs: 20_000 });
    const started = gate();
    const consumer = queue.consume({ ping: async () => started.open() });
    await sleep(300);
    const t0 = Date.now();
    await queue.enqueue('ping', {});
    await started.promise;
    expect(Date.now() - t0).toBeLessThan(3000);
    await consumer.stop();
  });

  it('returns the unfinished job of a dedupe key instead of adding another, and a new one once it finished', async () => {
    const { queue, another } = await backend.open();
    const a = await queue.enqueue('retrain', { model: 'churn' }, { dedupeKey: 'retrain:churn' });
    const b = await queue.enqueue('retrain', { model: 'churn', again: true }, { dedupeKey: 'retrain:churn' });
    expect(b).toEqual({ id: a.id, duplicate: true });
    expect((await queue.get(a.id))?.payload).toEqual({ model: 'churn' });
    const other = await queue.enqueue('retrain', { model: 'fraud' }, { dedupeKey: 'retrain:fraud' });
    expect(other.duplicate).toBe(false);
    expect(other.id).not.toBe(a.id);

    // While it runs, the key still holds.
    const running = gate();
    const release = gate();
    const consumer = queue.consume({
      retrain: async (job) => {
        if (job.id === a.id) {
          running.open();
          await release.promise;
        }
        return job.payload['model'];
      },
    });
    await running.promise;
    expect((await queue.get(a.id))?.state).toBe('active');
    expect(await queue.enqueue('retrain', { model: 'churn' }, { dedupeKey: 'retrain:churn' })).toEqual({ id: a.id, duplicate: true });
    release.open();
    expect(await settled(queue, a.id)).toMatchObject({ state: 'completed', result: 'churn' });
    const c = await queue.enqueue('retrain', { model: 'churn' }, { dedupeKey: 'retrain:churn' });
    expect(c.duplicate).toBe(false);
    expect(c.id).not.toBe(a.id);
    await settled(queue, c.id);
    await consumer.stop();

    // A burst of enqueues with one key from two queue objects adds one job.
    const peer = await another();
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? queue : peer).enqueue('retrain', { i }, { dedupeKey: 'retrain:burst' })));
    expect(burst.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(burst.map((r) => r.id)).size).toBe(1);
  });

  it('retries a failing job with exponential backoff, then fails it with the last error', async () => {
    const { queue } = await backend.open();
    const times: number[] = [];
    const consumer = queue.consume({
      flaky: async (job) => {
        times.push(Date.now());
        if (job.payload['succeedOn'] === job.attempt) return { attempt: job.attempt };
        throw new Error(`boom ${job.attempt}`);
      },
    });
    const { id } = await queue.enqueue('flaky', {}, { attempts: 3, backoffMs: 150 });
    // Between attempts the job is delayed, carrying the error it will be retried after.
    const between = await waitFor('the first retry to be scheduled', async () => {
      const j = await queue.get(id);
      return j?.state === 'delayed' ? j : undefined;
    });
    expect(between).toMatchObject({ attempts: 1, error: 'boom 1' });
    const done = await settled(queue, id);
    expect(done).toMatchObject({ state: 'failed', attempts: 3, error: 'boom 3' });
    expect(done.finishedAt).toBeDefined();
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(140);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(290);

    const second = await queue.enqueue('flaky', { succeedOn: 2 }, { attempts: 3, backoffMs: 50 });
    expect(await settled(queue, second.id)).toMatchObject({ state: 'completed', attempts: 2, result: { attempt: 2 } });
    await consumer.stop();
    expect(await queue.counts()).toMatchObject({ completed: 1, failed: 1, waiting: 0, delayed: 0, active: 0 });
  });

  it('runs a delayed job only once its delay has passed', async () => {
    const { queue } = await backend.open();
    const t0 = Date.now();
    const { id } = await queue.enqueue('later', { x: 1 }, { delayMs: 700 });
    expect((await queue.get(id))?.state).toBe('delayed');
    expect((await queue.counts()).delayed).toBe(1);
    let startedAt = 0;
    const consumer = queue.consume({ later: async () => void (startedAt = Date.now()) });
    expect((await settled(queue, id)).state).toBe('completed');
    await consumer.stop();
    expect(startedAt - t0).toBeGreaterThanOrEqual(690);
  });

  it('runs at most `concurrency` jobs at once, and uses all of it', async () => {
    const { queue } = await backend.open();
    let active = 0;
    let peak = 0;
    const consumer = queue.consume(
      {
        slow: async () => {
          peak = Math.max(peak, ++active);
          await sleep(150);
          active--;
        },
      },
      { concurrency: 3 },
    );
    const ids = await Promise.all(Array.from({ length: 9 }, (_, i) => queue.enqueue('slow', { i })));
    for (const { id } of ids) expect((await settled(queue, id)).state).toBe('completed');
    await consumer.stop();
    expect(peak).toBe(3);
  });

  it('stop() takes no new job and waits for the running one to finish', async () => {
    const { queue } = await backend.open();
    const started = gate();
    let finished = false;
    let abortedWhileRunning = true;
    const consumer = queue.consume({
      slow: async (job) => {
        started.open();
        await sleep(400);
        abortedWhileRunning = job.signal.aborted;
        finished = true;
        return 'done';
      },
    });
    const { id } = await queue.enqueue('slow', {});
    await started.promise;
    await consumer.stop();
    expect(finished).toBe(true);
    expect(abortedWhileRunning).toBe(false);
    expect(await queue.get(id)).toMatchObject({ state: 'completed', result: 'done' });
    const after = await queue.enqueue('slow', {});
    await sleep(400);
    expect((await queue.get(after.id))?.state).toBe('waiting');
  });

  it('stop() aborts a handler that outlives the grace period, and the job is not lost', async () => {
    const { queue } = await backend.open();
    const started = gate();
    let aborted = false;
    const consumer = queue.consume(
      {
        stubborn: async ({ signal }) => {
          started.open();
          await new Promise((resolve) => signal.addEventListener('abort', resolve));
          aborted = true;
          throw signal.reason;
        },
      },
      { graceMs: 200 },
    );
    const { id } = await queue.enqueue('stubborn', {}, { backoffMs: 10 });
    await started.promise;
    const t0 = Date.now();
    await consumer.stop();
    expect(aborted).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    // It runs again later: waiting (embedded: the interrupted attempt is not counted) or delayed for a retry (BullMQ).
    expect(['waiting', 'delayed']).toContain((await queue.get(id))?.state);
  });

  it('runs the job of a consumer that died (SIGKILL) again, exactly once', async () => {
    const leaseMs = 1000;
    const { queue, address } = await backend.open({ leaseMs });
    const { id } = await queue.enqueue('work', { n: 1 });
    const child = startChild(address, 'hang');
    const [, startedId, attempt] = await child.line(/^started (\S+) (\d+)$/);
    expect([startedId, attempt]).toEqual([id, '1']);
    child.child.kill('SIGKILL');
    await child.exited;
    expect((await queue.get(id))?.state).toBe('active');

    const runs: number[] = [];
    const consumer = queue.consume({ work: async (job) => void runs.push(job.attempt) });
    const done = await settled(queue, id, 30_000);
    expect(done).toMatchObject({ state: 'completed', attempts: 2 });
    // Several more leases later it has still run once here.
    await sleep(3 * leaseMs);
    await consumer.stop();
    expect(runs).toEqual([2]);
  });

  it('consumers in two processes never run the same job twice: N jobs, each run exactly once', async () => {
    const { queue, address } = await backend.open({ leaseMs: 5000 });
    const n = 40;
    const ids = (await Promise.all(Array.from({ length: n }, (_, i) => queue.enqueue('work', { i })))).map((r) => r.id);
    const children = [startChild(address, 'drain', n), startChild(address, 'drain', n)];
    const outputs = await Promise.all(children.map((c) => c.line(/^(\{.*\})$/, 90_000)));
    await Promise.all(children.map((c) => c.exited));
    const handled = outputs.map((m) => (JSON.parse(m[1]!) as { handled: string[] }).handled);
    expect(handled.flat().sort()).toEqual([...ids].sort());
    for (const id of ids) expect((await queue.get(id))?.attempts).toBe(1);
  });
});

describe('opening a queue', () => {
  let home: string | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    if (home !== undefined) await rm(home, { recursive: true, force: true });
    store = undefined;
    home = undefined;
  });
  const openTestStore = async () => {
    home = await mkdtemp(join(tmpdir(), 'driftwatch-queue-open-'));
    store = await openStore({ home });
    return store;
  };

  it('is the embedded queue without a Redis URL, and refuses a bad prefix or URL', async () => {
    const s = await openTestStore();
    const q = await openQueue({ store: s, redisUrl: '  ' });
    expect(q.backend).toBe('embedded');
    await q.ping();
    await q.close();
    expect((await failure(openQueue({ store: s, prefix: 'a:b' }))).code).toBe('INVALID_ARGUMENT');
    const bad = await failure(openQueue({ store: s, redisUrl: 'http://127.0.0.1:6379' }));
    expect(bad.code).toBe('INVALID_ARGUMENT');
    expect(bad.field).toBe('REDIS_URL');
    expect((await failure(q.enqueue('x', {}))).code).toBe('UNAVAILABLE');
  });

  it('is UNAVAILABLE, quickly and naming the URL without its password, when Redis is not listening', async () => {
    const s = await openTestStore();
    const port = await closedPort();
    const t0 = Date.now();
    const e = await failure(openQueue({ store: s, redisUrl: `redis://:hunter2@127.0.0.1:${port}/0` }));
    expect(e.code).toBe('UNAVAILABLE');
    expect(Date.now() - t0).toBeLessThan(6000);
    expect(e.message).not.toContain('hunter2');
    if (ioredisPresent) expect(e.message).toContain(`127.0.0.1:${port}`);
    else expect(e.message).toContain('ioredis');
  });

  it.skipIf(!runRedisTests)('BullMQ: ping and enqueue fail fast with UNAVAILABLE while Redis is away, and recover when it returns', async () => {
    const s = await openTestStore();
    const proxy = await tcpProxy(new URL(testRedisUrl()));
    const prefix = `dwtest_proxy_${process.pid}`;
    const errors: unknown[] = [];
    const q = await openQueue({ store: s, redisUrl: `redis://127.0.0.1:${proxy.port}`, prefix, onError: (e) => errors.push(e) });
    try {
      await q.ping();
      await q.enqueue('x', {});
      await proxy.stop();
      const down = await waitFor('ping to fail', async () => {
        try {
          await q.ping();
          return undefined;
        } catch (e) {
          return e;
        }
      });
      expect(isDriftwatchError(down) && down.code).toBe('UNAVAILABLE');
      expect((down as Error).message).toContain(`127.0.0.1:${proxy.port}`);
      const t0 = Date.now();
      expect((await failure(q.enqueue('x', {}))).code).toBe('UNAVAILABLE');
      expect(Date.now() - t0).toBeLessThan(1000);
      await proxy.start();
      await waitFor('ping to succeed again', async () => (await q.ping().then(() => true, () => undefined)), 15_000);
      expect((await q.enqueue('x', {})).duplicate).toBe(false);
      expect((await q.counts()).waiting).toBe(2);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((e) => isDriftwatchError(e) && e.code === 'UNAVAILABLE')).toBe(true);
    } finally {
      await q.close();
      await proxy.stop();
      await deleteRedisKeys(testRedisUrl(), prefix);
    }
  });
});

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
