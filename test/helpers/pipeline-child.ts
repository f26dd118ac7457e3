/**
 * A pipeline run in its own process, for the crash-safety test (which SIGKILLs it mid-training):
 * `node --import tsx test/helpers/pipeline-child.ts HOME URL|- REFERENCE CURRENT` runs the churn pipeline with
 * auto approval and the default trainer (400 trees, depth 10), and prints its outcome as JSON.
 */
import { systemClock } from '../../src/core/clock.js';
import { resolvePipelineSettings, runPipeline } from '../../src/pipeline/index.js';
import { openStore } from '../../src/store/index.js';

const [home, url, reference, current] = process.argv.slice(2);
const store = await openStore({ home: home!, ...(url !== '-' ? { url } : {}), clock: systemClock });
try {
  const settings = resolvePipelineSettings({ approval: { mode: 'auto' }, gates: { max_drop_vs_champion: 1 } });
  const out = await runPipeline({ store, clock: systemClock }, { name: 'churn', reference: reference!, current: current!, label: 'churn', settings, analysis: { driftShare: 0.15 }, actor: 'child', cwd: process.cwd() });
  process.stdout.write(JSON.stringify({ decision: out.decision, job: out.job.id }) + '\n');
} finally {
  await store.close();
}
