import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { DriftwatchError } from '../../src/core/index.js';
import { openQueue, type JobQueue, type QueuedJob } from '../../src/queue/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { startWorker } from '../../src/worker/index.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const opened: { home: string; store: Store; queue: JobQueue }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.queue.close();
    await o.store.close();
    await rm(o.home, { recursive: true, force: true });
  }
});

async function embedded() {
  const home = await mkdtemp(join(tmpdir(), 'driftwatch-worker-'));
  const store = await openStore({ home });
  const queue = await openQueue({ store, prefix: 'worker_test' });
  const o = { home, store, queue };
  opened.push(o);
  return o;
}

async function settled(queue: JobQueue, id: string): Promise<QueuedJob> {
  for (let i = 0; i < 500; i++) {
    const j = await queue.get(id);
    if (j?.state === 'completed' || j?.state === 'failed') return j;
    await sleep(20);
  }
  throw new Error(`job ${id} did not finish`);
}

it('runs the handlers it is given and logs each job with its outcome, never its payload', async () => {
  const { queue } = await embedded();
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ base: null }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  const worker = startWorker({
    queue,
    logger,
    concurrency: 2,
    handlers: {
      double: async (job) => (job.payload['n'] as number) * 2,
      broken: async () => {
        throw new DriftwatchError('TRAINING_FAILED', 'the trainer exited with code 3');
      },
    },
  });
  const ok = await queue.enqueue('double', { n: 21, secret: 'do-not-log' });
  const bad = await queue.enqueue('broken', {}, { attempts: 1 });
  expect(await settled(queue, ok.id)).toMatchObject({ state: 'completed', result: 42 });
  expect(await settled(queue, bad.id)).toMatchObject({ state: 'failed', error: 'the trainer exited with code 3' });
  await worker.stop();
  await worker.stop();
  const messages = lines.map((l) => [l['msg'], l['job'] ?? null]);
  expect(messages[0]).toEqual(['worker started', null]);
  expect(lines[0]).toMatchObject({ backend: 'embedded', kinds: ['double', 'broken'], concurrency: 2 });
  expect(messages).toContainEqual(['job started', ok.id]);
  expect(messages).toContainEqual(['job completed', ok.id]);
  expect(lines.find((l) => l['msg'] === 'job attempt failed')).toMatchObject({ job: bad.id, kind: 'broken', attempt: 1, error: { code: 'TRAINING_FAILED', message: 'the trainer exited with code 3' } });
  expect(messages.slice(-2)).toEqual([['worker stopping: finishing the running jobs', null], ['worker stopped', null]]);
  expect(JSON.stringify(lines)).not.toContain('do-not-log');
});

/** The worker of test/helpers/worker-child.ts on `home`, once it has started a job (its id). */
async function workerProcess(home: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test', 'helpers', 'worker-child.ts'), home, 'worker_test'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (l) => {
      const m = /^started (\S+)$/.exec(l);
      if (m !== null) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before starting a job; stderr:\n${stderr}`)));
  });
  return { child, exited, started, stderr: () => stderr };
}

it('on SIGTERM a worker process takes no new job, finishes the running one and exits 0', async () => {
  const { home, queue } = await embedded();
  const first = await queue.enqueue('slow', {});
  const second = await queue.enqueue('slow', {});
  const { child, exited, started, stderr: stderrOf } = await workerProcess(home);
  expect(started).toBe(first.id);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(await queue.get(first.id)).toMatchObject({ state: 'completed', result: 'done', attempts: 1 });
  expect(await queue.get(second.id)).toMatchObject({ state: 'waiting', attempts: 0 });
  const log = stderrOf().trim().split('\n').map((l) => (JSON.parse(l) as { msg: string }).msg);
  expect(log).toContain('shutting down: no new jobs; waiting for the running ones');
  expect(log.indexOf('job completed')).toBeLessThan(log.indexOf('worker stopped'));
});

it('a second signal ends a worker process at once (130) when its job does not finish', async () => {
  const { home, queue } = await embedded();
  const { id } = await queue.enqueue('stuck', {});
  const { child, exited, started, stderr } = await workerProcess(home);
  expect(started).toBe(id);
  child.kill('SIGTERM');
  for (let i = 0; i < 500 && !stderr().includes('shutting down'); i++) await sleep(20);
  child.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(stderr()).toContain('second signal: exiting without waiting for the running jobs');
  // Its job is still held by the dead process's lease; it runs again once the lease passes.
  expect((await queue.get(id))?.state).toBe('active');
});
