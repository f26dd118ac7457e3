import { createHash } from 'node:crypto';
import type { Table } from '../../data/table/index.js';

/**
 * SHA-256 over the named columns of a table (names, storage, values; categorical values as their
 * strings), so a model card can say exactly which data it was trained on. Row order matters.
 */
export function tableFingerprint(table: Table, columns: readonly string[]): string {
  const hash = createHash('sha256');
  for (const name of columns) {
    const col = table.column(name);
    if (col === undefined) continue;
    hash.update(`${name}\u0000${col.storage}\u0000`);
    if (col.storage === 'numeric') {
      hash.update(new Uint8Array(col.values.buffer, col.values.byteOffset, col.values.byteLength));
    } else {
      hash.update(JSON.stringify(col.dictionary));
      hash.update(new Uint8Array(col.codes.buffer, col.codes.byteOffset, col.codes.byteLength));
    }
  }
  return hash.digest('hex');
}
