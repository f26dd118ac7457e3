/**
 * Trainers: the native learners, or an external command (`python train.py --train {train} --out {model}`)
 * run with a timeout, its output captured for the job log. Both return the model file's bytes.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../core/index.js';
import { DriftwatchError } from '../core/index.js';
import { writeCsv, type Table } from '../data/index.js';
import { trainModel, type ParamValue } from '../models/index.js';
import type { PipelineSettings } from './pipeline-config.js';

export interface TrainedModel {
  readonly bytes: Uint8Array;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly log: string;
}

export interface TrainInput {
  readonly train: Table;
  readonly label: string;
  readonly settings: PipelineSettings['trainer'];
  readonly clock: Clock;
  /** Folder the external command runs in (the config file's folder). */
  readonly cwd: string;
  readonly onLog?: (text: string) => void;
}

export async function trainChallenger(input: TrainInput): Promise<TrainedModel> {
  const s = input.settings;
  if (s.kind === 'native') {
    const result = await trainModel(input.train, {
      label: input.label,
      algo: s.algo,
      params: s.params as Readonly<Record<string, ParamValue>>,
      seed: s.seed,
      // The pipeline holds out its own rows; the learner trains on everything it is given.
      validFraction: 0,
      clock: input.clock,
    });
    const bytes = new TextEncoder().encode(JSON.stringify(result.model.toFile()) + '\n');
    const log = `trained ${s.algo} on ${result.trainRows} rows${result.excluded.length > 0 ? `; excluded: ${result.excluded.map((e) => `${e.name} (${e.reason})`).join(', ')}` : ''}\n`;
    input.onLog?.(log);
    return { bytes, parameters: { algo: s.algo, seed: s.seed, ...s.params }, log };
  }
  return runCommandTrainer(input, s);
}

async function runCommandTrainer(input: TrainInput, s: Extract<PipelineSettings['trainer'], { kind: 'command' }>): Promise<TrainedModel> {
  const dir = await mkdtemp(join(tmpdir(), 'driftwatch-train-'));
  try {
    const trainPath = join(dir, 'train.csv');
    const modelPath = join(dir, 'model.out');
    await writeCsv(input.train, trainPath);
    const command = s.command.replaceAll('{train}', quote(trainPath)).replaceAll('{model}', quote(modelPath)).replaceAll('{label}', quote(input.label));
    let log = `$ ${command}\n`;
    input.onLog?.(log);
    const code = await new Promise<number | string>((resolve, reject) => {
      // Its own process group, so a timeout stops the whole command (the shell and what it started).
      const child = spawn(command, { shell: true, cwd: input.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const take = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        log += text;
        input.onLog?.(text);
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, s.timeoutSeconds * 1000);
      child.on('error', (e) => (clearTimeout(timer), reject(e)));
      child.on('close', (c, signal) => (clearTimeout(timer), resolve(c ?? signal ?? 'unknown')));
    });
    if (code !== 0) {
      const timedOut = code === 'SIGKILL';
      throw new DriftwatchError('TRAINING_FAILED', timedOut
        ? `the training command did not finish within ${s.timeoutSeconds} s and was stopped; raise pipeline.trainer.timeout_seconds`
        : `the training command exited with ${code}; its output is in the job log (\`driftwatch jobs show\`)`, { field: 'pipeline.trainer.command' });
    }
    const bytes = await readFile(modelPath).catch(() => {
      throw new DriftwatchError('TRAINING_FAILED', `the training command finished but wrote no model at {model}; it must write the model file to the path it is given`, { field: 'pipeline.trainer.command' });
    });
    return { bytes: new Uint8Array(bytes), parameters: { command: s.command }, log };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function quote(path: string): string {
  return `'${path.replaceAll("'", "'\\''")}'`;
}
