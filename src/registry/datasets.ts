/**
 * Storing a dataset version (a reference baseline or training data) from a file or a Table: the content
 * goes to the artifact store, and its shape and fingerprint to the datasets table. Reading the data happens
 * before any transaction, so a slow read never holds the database's write lock.
 */
import { gunzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DriftwatchError } from '../core/index.js';
import { formatFromContent, formatFromExtension, readTable, tableToCsvString, type ReadOptions, type Table } from '../data/index.js';
import { tableFingerprint } from '../models/index.js';
import type { ArtifactStore, DatasetColumn, NewDatasetVersion } from '../store/index.js';

/** A dataset as a caller has it: a file, or a Table already in memory. */
export type DatasetSource = { readonly file: string; readonly readOptions?: ReadOptions } | { readonly table: Table; readonly source?: string };

export interface PreparedDataset {
  /** Everything for `datasets.createVersion` except the dataset name, creator and description. */
  readonly version: Omit<NewDatasetVersion, 'dataset' | 'createdBy' | 'description'>;
  readonly table: Table;
}

/** Reads the data, stores its bytes as an artifact, and describes it. */
export async function prepareDataset(artifacts: ArtifactStore, source: DatasetSource): Promise<PreparedDataset> {
  let table: Table;
  let bytes: Uint8Array;
  let format: string;
  let origin: string;
  if ('file' in source) {
    table = await readTable(source.file, source.readOptions ?? {});
    let raw: Buffer;
    try {
      raw = await readFile(source.file);
    } catch (e) {
      throw new DriftwatchError('FILE_UNREADABLE', `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: source.file });
    }
    // Stored decompressed: the artifact is read back by content, with no file name to say it is gzip.
    const gz = source.file.toLowerCase().endsWith('.gz');
    bytes = gz ? gunzipSync(raw) : raw;
    format = formatFromExtension(gz ? source.file.slice(0, -3) : source.file) ?? formatFromContent(bytes.subarray(0, 4096));
    origin = basename(source.file);
  } else {
    table = source.table;
    bytes = Buffer.from(tableToCsvString(table), 'utf8');
    format = 'csv';
    origin = source.source ?? 'in-memory table';
  }
  if (table.rowCount === 0) throw new DriftwatchError('NO_DATA', `the dataset ${origin} has no rows`, 'file' in source ? { file: source.file } : {});
  const info = await artifacts.put(bytes);
  const columns: DatasetColumn[] = table.columns.map((c) => ({ name: c.name, kind: c.kind }));
  return {
    table,
    version: {
      artifactSha256: info.sha256,
      format,
      rowCount: table.rowCount,
      columnCount: table.columns.length,
      fingerprint: tableFingerprint(table, table.names),
      columns,
      source: origin,
    },
  };
}

/** Reads a stored dataset version's artifact back into a Table. */
export async function readDatasetArtifact(artifacts: ArtifactStore, sha256: string, format: string): Promise<Table> {
  const path = await artifacts.localPath(sha256);
  const f = format === 'parquet' || format === 'jsonl' || format === 'csv' ? format : undefined;
  return readTable(path, f === undefined ? {} : { format: f });
}
