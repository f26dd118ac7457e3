/**
 * A Table as a worker message whose column buffers are transferred rather than copied; columns on
 * SharedArrayBuffer are shared, which needs no transfer.
 */
import type { ErrorCode, ErrorLocation } from '../core/index.js';
import { createTable, type Column, type ColumnKind, type Table } from './table/index.js';

interface ColumnMessage {
  readonly storage: 'numeric' | 'categorical';
  readonly name: string;
  readonly kind: ColumnKind;
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  readonly byteOffset: number;
  readonly length: number;
  readonly dictionary?: readonly string[];
  readonly lines?: readonly number[] | undefined;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'table'; readonly columns: readonly ColumnMessage[] }
  | { readonly type: 'error'; readonly code: ErrorCode; readonly message: string; readonly location: ErrorLocation };

/** The message for a table and the buffers to transfer with it. */
export function tableToMessage(table: Table): { message: WorkerMessage; transfer: ArrayBuffer[] } {
  const transfer = new Set<ArrayBuffer>();
  const columns = table.columns.map((c): ColumnMessage => {
    const a = c.storage === 'numeric' ? c.values : c.codes;
    const buffer = a.buffer;
    if (!(buffer instanceof SharedArrayBuffer)) transfer.add(buffer);
    const base = { storage: c.storage, name: c.name, kind: c.kind, buffer, byteOffset: a.byteOffset, length: a.length };
    return c.storage === 'numeric' ? base : { ...base, dictionary: c.dictionary, ...(c.lines !== undefined ? { lines: c.lines } : {}) };
  });
  return { message: { type: 'table', columns }, transfer: [...transfer] };
}

/** The table carried by a 'table' message. */
export function tableFromMessage(columns: readonly ColumnMessage[], path?: string): Table {
  return createTable(
    columns.map((m): Column =>
      m.storage === 'numeric'
        ? { storage: 'numeric', name: m.name, kind: m.kind, values: new Float64Array(m.buffer, m.byteOffset, m.length) }
        : { storage: 'categorical', name: m.name, kind: m.kind, codes: new Int32Array(m.buffer, m.byteOffset, m.length), dictionary: m.dictionary ?? [], ...(m.lines !== undefined ? { lines: m.lines } : {}) },
    ),
    path,
  );
}
