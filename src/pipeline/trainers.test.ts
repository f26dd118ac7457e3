import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { manualClock } from '../core/index.js';
import { categoricalColumn, createTable, numericColumn } from '../data/index.js';
import { trainModel } from '../models/index.js';
import { trainChallenger } from './trainers.js';

const table = createTable([numericColumn('x', Array.from({ length: 80 }, (_, i) => i)), categoricalColumn('y', Array.from({ length: 80 }, (_, i) => (i < 40 ? 'a' : 'b')))]);
const clock = manualClock('2026-12-01T00:00:00Z');
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-trainer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('an external command gets the training data at {train}, writes the model at {model}, and its output is captured', async () => {
  const { model } = await trainModel(table, { label: 'y', algo: 'logreg', seed: 1 });
  await writeFile(join(dir, 'made-elsewhere.json'), JSON.stringify(model.toFile()));
  const logs: string[] = [];
  const out = await trainChallenger({
    train: table, label: 'y', clock, cwd: dir, onLog: (t) => logs.push(t),
    settings: { kind: 'command', command: 'head -1 {train} && cp made-elsewhere.json {model} && echo trained elsewhere >&2', timeoutSeconds: 30 },
  });
  expect(JSON.parse(new TextDecoder().decode(out.bytes))).toEqual(JSON.parse(JSON.stringify(model.toFile())));
  expect(out.log).toContain('x,y\n');
  expect(out.log).toContain('trained elsewhere\n');
  expect(logs.join('')).toBe(out.log);
});

it('a command that fails, writes nothing or outlives its timeout is TRAINING_FAILED', async () => {
  const run = (command: string, timeoutSeconds = 30) => trainChallenger({ train: table, label: 'y', clock, cwd: dir, settings: { kind: 'command', command, timeoutSeconds } });
  await expect(run('exit 3')).rejects.toMatchObject({ code: 'TRAINING_FAILED', message: expect.stringMatching(/exited with 3/) });
  await expect(run('true')).rejects.toMatchObject({ code: 'TRAINING_FAILED', message: expect.stringMatching(/wrote no model/) });
  await expect(run('sleep 30', 1)).rejects.toMatchObject({ code: 'TRAINING_FAILED', message: expect.stringMatching(/did not finish within 1 s/) });
});

it('the native trainer uses every row it is given (the pipeline holds out its own)', async () => {
  const out = await trainChallenger({ train: table, label: 'y', clock, cwd: dir, settings: { kind: 'native', algo: 'rf', params: { n_estimators: 5, max_depth: 3 }, seed: 42 } });
  expect(out.log).toMatch(/^trained rf on 80 rows/);
  expect(out.parameters).toEqual({ algo: 'rf', seed: 42, n_estimators: 5, max_depth: 3 });
});
