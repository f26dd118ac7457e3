/**
 * Crash safety: a pipeline process is killed (SIGKILL) in the middle of training; `resumeJobs` continues the
 * job from its last completed step, and exactly one new version is registered.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { createRegistry } from '../../src/registry/index.js';
import { resumeJobs } from '../../src/pipeline/index.js';
import { describeEachBackend } from '../helpers/store-backends.js';
import { writeChurnPair } from './churn-fixture.js';

const root = join(import.meta.dirname, '..', '..');
const child = join(root, 'test', 'helpers', 'pipeline-child.ts');

describeEachBackend('pipeline crash safety', (backend) => {
  it('a job killed mid-training resumes from its last completed step and registers exactly one new version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'driftwatch-crash-'));
    try {
      const pair = await writeChurnPair(dir, { rows: 2400 });
      const clock = manualClock('2026-12-01T09:00:00Z');
      const { store, home, url } = await backend.open(clock);
      const proc = spawn(process.execPath, ['--import', 'tsx', child, home, url ?? '-', pair.reference, pair.current], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | string | null>((resolve) => proc.on('close', (code, signal) => resolve(code ?? signal)));
      // Wait until the child is in its training step (not the bootstrap's), then kill it.
      let training = false;
      for (let i = 0; i < 1200 && !training; i++) {
        const [job] = await store.jobs.list({ kind: 'pipeline' });
        if (job !== undefined) training = (await store.jobs.steps(job.id)).some((s) => s.name === 'train' && s.state === 'running');
        if (proc.exitCode !== null) break;
        if (!training) await sleep(100);
      }
      expect(training, `the child never reached its training step: ${stderr}`).toBe(true);
      proc.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const [job] = await store.jobs.list({ kind: 'pipeline' });
      expect(job!.state).toBe('running');
      const registry = createRegistry(store);
      expect(await registry.listVersions('churn')).toHaveLength(1);

      const outcomes = await resumeJobs({ store, clock });
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0]!.decision).toBe('promoted');
      expect(outcomes[0]!.job.id).toBe(job!.id);
      expect(outcomes[0]!.job.state).toBe('succeeded');
      const versions = await registry.listVersions('churn');
      expect(versions.map((v) => v.version)).toEqual([1, 2]);
      expect((await registry.getVersion({ name: 'churn', alias: 'production' })).version).toBe(2);
      const steps = await store.jobs.steps(job!.id);
      const names = steps.map((s) => `${s.name}:${s.attempt}:${s.state}`);
      expect(names.filter((n) => n.startsWith('bootstrap:'))).toEqual(['bootstrap:1:succeeded']);
      expect(names.filter((n) => n.startsWith('check_drift:'))).toEqual(['check_drift:1:succeeded']);
      expect(names.filter((n) => n.startsWith('train:'))).toEqual(['train:1:failed', 'train:2:succeeded']);
      expect(steps.find((s) => s.name === 'train' && s.attempt === 1)!.outcome).toBe('interrupted');
      // A second resume finds nothing to do.
      expect(await resumeJobs({ store, clock })).toHaveLength(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
