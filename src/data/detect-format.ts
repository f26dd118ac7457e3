/** Which reader a file needs: the option, else the extension, else a look at the first bytes. */
import { DriftwatchError } from '../core/index.js';
import { openInputFile, readFully } from './file-source.js';

export type FileFormat = 'csv' | 'jsonl' | 'parquet';

const EXTENSIONS: ReadonlyArray<readonly [string, FileFormat]> = [
  ['.csv', 'csv'],
  ['.tsv', 'csv'],
  ['.tab', 'csv'],
  ['.txt', 'csv'],
  ['.jsonl', 'jsonl'],
  ['.ndjson', 'jsonl'],
  ['.json', 'jsonl'],
  ['.parquet', 'parquet'],
  ['.pq', 'parquet'],
];

/** The format implied by a path's extension (case-insensitive), or undefined. */
export function formatFromExtension(path: string): FileFormat | undefined {
  const lower = path.toLowerCase();
  return EXTENSIONS.find(([ext]) => lower.endsWith(ext))?.[1];
}

/** The format from the content: `PAR1` magic is Parquet, a first `{` is JSON Lines, anything else CSV. */
export function formatFromContent(head: Uint8Array): FileFormat {
  if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return 'parquet';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 32 || head[i] === 9 || head[i] === 10 || head[i] === 13)) i++;
  return head[i] === 0x7b ? 'jsonl' : 'csv';
}

/** Resolves the format of `path` (opening it only when the extension does not say). */
export async function detectFormat(path: string, given?: string): Promise<FileFormat> {
  if (given !== undefined) {
    if (given === 'csv' || given === 'jsonl' || given === 'parquet') return given;
    throw new DriftwatchError('USAGE', `unknown format "${given}": use csv, jsonl or parquet`, { field: 'format' });
  }
  const byExtension = formatFromExtension(path);
  if (byExtension !== undefined) return byExtension;
  const file = await openInputFile(path);
  try {
    const head = new Uint8Array(Math.min(64, file.size));
    await readFully(file, head, 0, 0, path);
    return formatFromContent(head);
  } finally {
    await file.handle.close();
  }
}
