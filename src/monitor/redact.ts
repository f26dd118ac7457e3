/**
 * Features listed under `redact:` are hashed before they are stored: salted SHA-256, kept as the first 16
 * hex digits (64 bits: collisions among one feature's values are negligible, and the stored value cannot
 * be turned back into the original without the salt). The salt is made once per store and kept in it,
 * so every process hashes alike and the same value always gets the same hash: drift in a redacted
 * categorical feature is still visible (the reference is hashed the same way before it is compared).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FeatureValue, PayloadColumn, PredictionColumnsInput, PredictionRowInput, Store } from '../store/index.js';
import { ColumnBuilder, cellAt } from '../store/index.js';

export const SALT_SETTING = 'redaction_salt';

export interface Redactor {
  /** The redacted feature names. */
  readonly features: ReadonlySet<string>;
  hash(value: FeatureValue): string | null;
}

/** The store's salt, made on first use. */
export async function storeSalt(store: Store): Promise<string> {
  return store.settings.getOrCreate(SALT_SETTING, randomBytes(16).toString('hex'));
}

export function createRedactor(features: readonly string[], salt: string): Redactor {
  // Logged values repeat (categories, small integers): each distinct one is hashed once.
  const memo = new Map<FeatureValue, string>();
  return {
    features: new Set(features),
    hash(value) {
      if (value === null) return null;
      let h = memo.get(value);
      if (h === undefined) {
        h = createHash('sha256').update(salt).update('\0').update(String(value)).digest('hex').slice(0, 16);
        if (memo.size < 100_000) memo.set(value, h);
      }
      return h;
    },
  };
}

/** The rows with their redacted features hashed (the same rows when nothing is redacted). */
export function redactRows(rows: readonly PredictionRowInput[], r: Redactor): readonly PredictionRowInput[] {
  if (r.features.size === 0) return rows;
  return rows.map((row) => {
    let features: Record<string, FeatureValue> | undefined;
    for (const name of r.features) {
      if (!(name in row.features)) continue;
      features ??= { ...row.features };
      features[name] = r.hash(row.features[name] ?? null);
    }
    return features === undefined ? row : { ...row, features };
  });
}

/** The same for a batch given column by column. */
export function redactColumns(batch: PredictionColumnsInput, r: Redactor): PredictionColumnsInput {
  if (r.features.size === 0 || !Object.keys(batch.features).some((k) => r.features.has(k))) return batch;
  const features: Record<string, readonly FeatureValue[] | PayloadColumn> = { ...batch.features };
  for (const name of r.features) {
    const col = batch.features[name];
    if (col === undefined) continue;
    const b = new ColumnBuilder(name, batch.rowCount);
    if (Array.isArray(col)) for (let i = 0; i < batch.rowCount; i++) b.set(i, r.hash((col as readonly FeatureValue[])[i] ?? null));
    else for (let i = 0; i < batch.rowCount; i++) b.set(i, r.hash(cellAt(col as PayloadColumn, i)));
    features[name] = b.build();
  }
  return { ...batch, features };
}
