/**
 * `driftwatch serve --demo`: a served model from scratch. The bundled churn data (examples/data) trains a
 * GBDT that is registered and promoted as version 1 of `churn`, with the data as its reference baseline —
 * unless a production version is there already (a restarted demo keeps its history).
 */
import { join } from 'node:path';
import { readTable } from '../../data/index.js';
import { saveNativeModel, trainModel } from '../../models/index.js';
import { PRODUCTION, type Registry } from '../../registry/index.js';
import { examplesDataDir } from '../package-paths.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

export const DEMO_MODEL = 'churn';
export const DEMO_LABEL = 'churn';

/** The demo model's production version: the existing one, or version 1 trained now. */
export async function ensureDemoModel(registry: Registry, actor: string): Promise<{ version: number; trained: boolean }> {
  const existing = await registry.listModels();
  const demo = existing.find((m) => m.name === DEMO_MODEL);
  const production = demo?.aliases.find((a) => a.alias === PRODUCTION);
  if (production !== undefined) return { version: production.version, trained: false };
  const table = await readTable(join(examplesDataDir(), 'telco_churn.csv'));
  const { model } = await trainModel(table, { label: DEMO_LABEL, algo: 'gbdt', seed: 42 });
  const dir = await mkdtemp(join(tmpdir(), 'driftwatch-demo-'));
  try {
    const file = join(dir, 'churn.json');
    await saveNativeModel(model, file);
    const v = await registry.registerModel({ name: DEMO_MODEL, modelFile: file, reference: { table, source: 'examples/data/telco_churn.csv' }, alias: PRODUCTION, actor, reason: 'serve --demo' });
    return { version: v.version, trained: true };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
