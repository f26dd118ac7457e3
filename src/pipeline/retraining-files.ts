/**
 * The seed tools' retraining files: the retrain log as CSV (one row per pipeline run) and the production
 * model written to a fixed path (`retraining.save_path`), so a consumer that loads a file keeps working.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DriftwatchError } from '../core/index.js';
import { csvField, writeFileAtomic } from '../data/index.js';
import { createRegistry, PRODUCTION } from '../registry/index.js';
import type { Store } from '../store/index.js';

export const RETRAIN_LOG_COLUMNS = ['time', 'model', 'trigger', 'drift_share', 'metric', 'old_metric', 'new_metric', 'decision', 'who', 'version', 'job'] as const;

/** The retrain log (every `pipeline.run` audit event, oldest first) as CSV text; `model` narrows it to one model. */
export async function retrainLogCsv(store: Store, model?: string): Promise<{ csv: string; rows: number }> {
  const events = await store.audit.list({ action: 'pipeline.run', ...(model !== undefined ? { subject: model } : {}) });
  const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
  const lines = [RETRAIN_LOG_COLUMNS.join(',')];
  for (const e of events) {
    const d = e.details;
    lines.push([e.at, e.subject, cell(d.trigger), cell(d.drift_share), cell(d.metric), cell(d.old_metric), cell(d.new_metric), cell(d.decision), e.actor, cell(d.version), cell(d.job)].map((c) => csvField(c)).join(','));
  }
  return { csv: lines.join('\n') + '\n', rows: events.length };
}

/**
 * Writes the production version's model file to `path` (atomically), unless the file already holds it.
 * Returns the version written, or null when the model has no production version or nothing changed.
 */
export async function saveProductionModel(store: Store, name: string, path: string): Promise<number | null> {
  const registry = createRegistry(store);
  // No production version yet is "nothing to write"; any other failure (the store down) is the caller's.
  const v = await registry.getVersion({ name, alias: PRODUCTION }).catch((e: unknown) => {
    if (e instanceof DriftwatchError && e.code === 'NOT_FOUND') return null;
    throw e;
  });
  if (v === null) return null;
  const bytes = await store.artifacts.get(v.artifactSha256);
  const existing = await readFile(path).catch(() => null);
  if (existing !== null && Buffer.compare(existing, bytes) === 0) return null;
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, bytes);
  return v.version;
}

/** Writes the retrain log to `path` (atomically, creating its folder). */
export async function writeRetrainLog(store: Store, path: string, model?: string): Promise<number> {
  const { csv, rows } = await retrainLogCsv(store, model);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, csv);
  return rows;
}
