/**
 * How many columns a CSV file has, judged from its first line without parsing it: enough for a caller to
 * choose how to read it (read-pair: a file of many short columns is read on the calling thread, since
 * handing a table over from a worker costs per column).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { detectDelimiter } from './csv-delimiter.js';
import { formatFromContent, formatFromExtension } from './detect-format.js';

const HEAD_BYTES = 1 << 16;

/**
 * The number of fields of the first line, split by the delimiter the reader would detect (quotes ignored, so
 * an overestimate at worst), Infinity when the first line is longer than 64 KiB, null for a file that is not
 * plain CSV (compressed, Parquet, JSON Lines) or cannot be read.
 */
export function estimateCsvColumns(path: string): number | null {
  const format = formatFromExtension(path);
  if (format !== undefined && format !== 'csv') return null;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const head = new Uint8Array(HEAD_BYTES);
    const n = readSync(fd, head, 0, HEAD_BYTES, 0);
    if (format === undefined && formatFromContent(head.subarray(0, n)) !== 'csv') return null;
    // gzip's magic: not text.
    if (head[0] === 0x1f && head[1] === 0x8b) return null;
    const end = head.subarray(0, n).indexOf(10);
    if (end < 0) return n === HEAD_BYTES ? Infinity : null;
    const delimiter = detectDelimiter(head, 0, n);
    let fields = 1;
    for (let i = 0; i < end; i++) if (head[i] === delimiter) fields++;
    return fields;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
