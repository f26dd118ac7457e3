/**
 * Column data for the workers: columns on SharedArrayBuffer (tables from readTableInWorker) are lent as
 * they are, at no cost. Others travel in pooled ArrayBuffers that go to a worker by transfer and come back
 * with its answer, so a column costs one memcpy and no allocation. Cloning instead left two fresh arrays a
 * column in the worker, garbage its collector reclaims late: about 100 MB of peak RSS at a million rows.
 */
import type { Column } from '../../data/table/index.js';
import type { PlannedColumn } from '../plan-columns.js';

export class BufferPool {
  private readonly free: ArrayBuffer[] = [];

  /** A buffer of at least `bytes`, reused when one is free. */
  private take(bytes: number): ArrayBuffer {
    const k = this.free.findIndex((b) => b.byteLength >= bytes);
    return k >= 0 ? this.free.splice(k, 1)[0]! : new ArrayBuffer(bytes);
  }

  /** Buffers a worker sent back. */
  give(buffers: readonly ArrayBuffer[]): void {
    for (const b of buffers) if (b.byteLength > 0) this.free.push(b);
  }

  /** The column as it is when shared, else a copy in a pooled buffer and the buffer to transfer. */
  private copy(c: Column): { column: Column; buffer: ArrayBuffer | null } {
    if (bufferOf(c) instanceof SharedArrayBuffer) return { column: c, buffer: null };
    if (c.storage === 'numeric') {
      const buffer = this.take(c.values.byteLength);
      const values = new Float64Array(buffer, 0, c.values.length);
      values.set(c.values);
      return { column: { ...c, values }, buffer };
    }
    const buffer = this.take(c.codes.byteLength);
    const codes = new Int32Array(buffer, 0, c.codes.length);
    codes.set(c.codes);
    return { column: { ...c, codes }, buffer };
  }

  /** The planned column with both sides copied into pooled buffers, and the buffers to transfer. */
  pack(p: PlannedColumn): { planned: PlannedColumn; transfer: ArrayBuffer[] } {
    const ref = this.copy(p.ref);
    const cur = this.copy(p.cur);
    const transfer = [ref.buffer, cur.buffer].filter((b): b is ArrayBuffer => b !== null);
    return { planned: { ...p, ref: ref.column, cur: cur.column }, transfer };
  }
}

/** The transferred buffers of a packed column, to send back once it is analysed (shared ones stay). */
export function columnBuffers(p: PlannedColumn): ArrayBuffer[] {
  return [bufferOf(p.ref), bufferOf(p.cur)].filter((b): b is ArrayBuffer => !(b instanceof SharedArrayBuffer));
}

function bufferOf(c: Column): ArrayBufferLike {
  return c.storage === 'numeric' ? c.values.buffer : c.codes.buffer;
}
