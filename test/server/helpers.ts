/**
 * Shared set-up of the server tests: a runtime on a test store (SQLite or Postgres, from
 * describeEachBackend) with the churn model trained (small, fast), registered and promoted.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { readTable, selectRows, type Table } from '../../src/data/index.js';
import { saveNativeModel, trainModel } from '../../src/models/index.js';
import { createRegistry } from '../../src/registry/index.js';
import { createRuntime, type DriftwatchConfig, type Runtime } from '../../src/runtime/index.js';
import type { Store } from '../../src/store/index.js';
import type { OpenedTestStore } from '../helpers/store-backends.js';

export const CHURN_FILE = join(import.meta.dirname, '..', '..', 'examples', 'data', 'telco_churn.csv');

let churn: Table | undefined;
export async function churnTable(rows = 1500): Promise<Table> {
  churn ??= await readTable(CHURN_FILE);
  return selectRows(churn, Int32Array.from({ length: Math.min(rows, churn.rowCount) }, (_, i) => i));
}

/** Trains a small GBDT on the first rows of the churn data and registers it (promoted unless told otherwise). */
export async function registerChurnModel(store: Store, dir: string, options: { name?: string; trees?: number; promote?: boolean; seed?: number } = {}): Promise<number> {
  const table = await churnTable();
  const { model } = await trainModel(table, { label: 'churn', algo: 'gbdt', params: { n_estimators: options.trees ?? 20, max_depth: 4 }, seed: options.seed ?? 1, validFraction: 0 });
  const file = join(dir, `model-${Date.now()}-${Math.round(Math.random() * 1e9)}.json`);
  await saveNativeModel(model, file);
  const registry = createRegistry(store);
  const v = await registry.registerModel({ name: options.name ?? 'churn', modelFile: file, reference: { table }, actor: 'test', ...(options.promote === false ? {} : { alias: 'production' }) });
  return v.version;
}

/** Log lines the runtime wrote, parsed. */
export interface CapturedLogs {
  readonly lines: Record<string, unknown>[];
  readonly text: () => string;
}

export function captureLogs(): { logger: pino.Logger; logs: CapturedLogs } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      raw.push(chunk.toString());
      cb();
    },
  });
  const logger = pino({ level: 'info', redact: { paths: ['req.headers.authorization', 'key', '*.key'], censor: '[redacted]' } }, stream);
  return {
    logger,
    logs: {
      get lines() {
        return raw.join('').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
      },
      text: () => raw.join(''),
    },
  };
}

export async function testRuntime(opened: OpenedTestStore, config: DriftwatchConfig = {}, extra: { aliasPollMs?: number } = {}): Promise<{ runtime: Runtime; logs: CapturedLogs }> {
  const { logger, logs } = captureLogs();
  const env: Record<string, string | undefined> = opened.url !== undefined ? { DATABASE_URL: opened.url } : {};
  const runtime = await createRuntime({ config, home: opened.home, env, logger, processMetrics: false, ...(extra.aliasPollMs !== undefined ? { aliasPollMs: extra.aliasPollMs } : {}) });
  return { runtime, logs };
}

/** The first churn rows as JSON feature objects (the label left out). */
export async function churnRows(n: number, offset = 0): Promise<Record<string, number | string | null>[]> {
  const t = await churnTable(offset + n);
  const rows: Record<string, number | string | null>[] = [];
  for (let i = offset; i < offset + n; i++) {
    const r: Record<string, number | string | null> = {};
    for (const c of t.columns) {
      if (c.name === 'churn') continue;
      if (c.storage === 'numeric') r[c.name] = Number.isNaN(c.values[i]!) ? null : c.values[i]!;
      else r[c.name] = c.codes[i]! < 0 ? null : c.dictionary[c.codes[i]!]!;
    }
    rows.push(r);
  }
  return rows;
}

/** Creates an API key with a role; returns the Authorization header to send. */
export async function createKey(store: Store, name: string, role: 'viewer' | 'operator' | 'admin'): Promise<{ authorization: string }> {
  const { generateApiKey } = await import('../../src/runtime/index.js');
  const { key, prefix, hash } = generateApiKey();
  await store.apiKeys.create({ name, role, keyHash: hash, prefix, createdBy: 'test' });
  return { authorization: `Bearer ${key}` };
}

/** A multipart/form-data body for inject: files as { filename, content } and text fields. */
export function multipart(parts: Record<string, string | { filename: string; content: string | Buffer }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----driftwatch${Math.round(Math.random() * 1e12)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(parts)) {
    if (typeof value === 'string') {
      chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${value.filename}"\r\ncontent-type: application/octet-stream\r\n\r\n`));
      chunks.push(Buffer.isBuffer(value.content) ? value.content : Buffer.from(value.content));
      chunks.push(Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
