/** The pipeline examples stay valid: the config validates, the workflow and crontab name real commands. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolvePipelineSettings } from '../../src/pipeline/index.js';
import { loadConfig } from '../../src/runtime/index.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');

it('examples/pipeline.yaml validates and spells out the defaults', async () => {
  const { config } = await loadConfig(join(examples, 'pipeline.yaml'));
  expect(config.pipeline?.name).toBe('churn');
  const s = resolvePipelineSettings(config.pipeline);
  expect(s.trainer).toEqual(resolvePipelineSettings({}).trainer);
  expect(s.approval).toEqual({ mode: 'human', where: 'before_promotion' });
});

it('the GitHub Actions workflow runs the pipeline on a schedule; the crontab runs it nightly and resumes after a reboot', async () => {
  const workflow = parse(await readFile(join(examples, 'github-actions', 'driftwatch-pipeline.yml'), 'utf8')) as { on: { schedule: { cron: string }[] }; jobs: { pipeline: { steps: { run?: string }[] } } };
  expect(workflow.on.schedule[0]!.cron).toBe('0 2 * * *');
  expect(workflow.jobs.pipeline.steps.some((s) => s.run?.includes('driftwatch pipeline --config pipeline.yaml') === true)).toBe(true);
  const crontab = await readFile(join(examples, 'cron', 'driftwatch.crontab'), 'utf8');
  expect(crontab).toMatch(/^0 2 \* \* \* .*driftwatch pipeline --config/m);
  expect(crontab).toMatch(/^@reboot .*driftwatch jobs resume/m);
});
