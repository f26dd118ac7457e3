/**
 * The CSV parser's side of the WebAssembly scanner (kernels/csv-scan-wasm.ts): a window of the chunk copied
 * into the kernel's memory once per parse call, the kind table, and the scan results as views. The scanner
 * is an accelerator in front of the JavaScript fast path, never a replacement: whatever record it stops at,
 * JavaScript reads, so values, dictionaries, errors and line numbers stay the JavaScript path's.
 */
import { ascii } from '../core/index.js';
import { csvScanKernel, KINDS_AT, reserveMemory, SHORT_TABLE_BYTES, SHORT_TABLE_ENTRIES, STOP_AT, type CsvScanKernel } from '../kernels/index.js';

const { LF, CR, QUOTE, MINUS, DOT } = ascii;

/** Output rows per scan call: the output (rows x columns x 8 bytes) stays near 1 MiB. */
const OUTPUT_BYTES = 1 << 20;
/** Bytes after the window: room for reads past its end. */
const PAD = 16;
/**
 * Categorical columns with a short-value table of their own; the others share table 0, which stays empty
 * (their values are all interned in JavaScript).
 */
const MAX_TABLES = 255;

/**
 * The scanner whose short-value tables the thread's kernel memory holds. Reads on one thread can interleave
 * (between parse calls): a scanner that finds another's tables there clears its own, a cache refilled as
 * JavaScript interns values again.
 */
let owner = 0;
let scanners = 0;


/** Whether the scanner may run: not switched off, and a delimiter that cannot be part of a number or a line end. */
export function scannerAllowed(delimiter: number): boolean {
  if (process.env.DRIFTWATCH_CSV_WASM === '0') return false;
  const digit = delimiter >= 48 && delimiter <= 57;
  return !digit && delimiter !== MINUS && delimiter !== DOT && delimiter !== LF && delimiter !== CR && delimiter !== QUOTE;
}

export interface ScanResult {
  /** Records parsed. */
  readonly rows: number;
  /** Buffer position of the first record not parsed. */
  readonly stop: number;
}

export class CsvWasmScan {
  private readonly kernel: CsvScanKernel;
  /** Tells the scanners apart for `owner`. */
  private readonly id = ++scanners;
  private readonly n: number;
  private readonly delimiter: number;
  /** Output rows per call. */
  readonly maxRows: number;
  private readonly tablesAt: number;
  private readonly outAt: number;
  /** Per column, its table number (0: none yet, or the shared empty one once all are taken). */
  private readonly tableOf: Int32Array;
  private tablesUsed = 0;
  /** Entries put in each table. */
  private readonly entries = new Int32Array(MAX_TABLES + 1);
  private readonly windowAt: number;
  /** The copied window: buffer positions [from, to), valid until `invalidate`. */
  private from = 0;
  private to = -1;
  /** Values of the last scan: column k's doubles at [k * maxRows, k * maxRows + rows). */
  values: Float64Array<ArrayBufferLike> = new Float64Array(0);
  /**
   * The last scan's categorical fields, column k's at 2 * (k * maxRows + r): start and end addresses (subtract
   * `delta`), or the code and -1 when the kernel knew the value.
   */
  bounds: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** Window address minus buffer position in the last scan: `bounds` hold addresses, subtract it. */
  delta = 0;

  private constructor(kernel: CsvScanKernel, n: number, delimiter: number) {
    this.kernel = kernel;
    this.n = n;
    this.delimiter = delimiter;
    this.maxRows = Math.max(1, Math.floor(OUTPUT_BYTES / (8 * n)));
    this.tableOf = new Int32Array(n);
    this.tablesAt = (KINDS_AT + 4 * n + 15) & ~15;
    this.outAt = this.tablesAt + (MAX_TABLES + 1) * SHORT_TABLE_BYTES;
    this.windowAt = this.outAt + this.maxRows * n * 8;
  }

  /** A scanner for records of n fields, or null when WebAssembly cannot run here. */
  static create(n: number, delimiter: number): CsvWasmScan | null {
    if (n === 0 || !scannerAllowed(delimiter)) return null;
    const kernel = csvScanKernel();
    return kernel === null ? null : new CsvWasmScan(kernel, n, delimiter);
  }

  /** The buffer's contents changed (a new parse call): the next scan copies again. */
  invalidate(): void {
    this.to = -1;
  }

  /**
   * Parses complete records of `buf` from `pos` (before `end`) with column kinds `categorical`, at most
   * `maxRows` (<= this.maxRows). Null when the kernel cannot take any (no line end ahead, memory).
   */
  scan(buf: Uint8Array, pos: number, end: number, categorical: readonly boolean[], maxRows: number): ScanResult | null {
    if (pos < this.from || pos >= this.to) {
      const last = buf.lastIndexOf(LF, end - 1);
      if (last < pos) return null;
      const to = last + 1;
      const memory = this.kernel.memory;
      if (!reserveMemory(memory, this.windowAt + (to - pos) + PAD)) return null;
      new Uint8Array(memory.buffer, this.windowAt, to - pos).set(buf.subarray(pos, to));
      this.from = pos;
      this.to = to;
    }
    const buffer = this.kernel.memory.buffer;
    if (owner !== this.id) {
      new Uint8Array(buffer, this.tablesAt, (MAX_TABLES + 1) * SHORT_TABLE_BYTES).fill(0);
      this.entries.fill(0);
      owner = this.id;
    }
    const kinds = new Int32Array(buffer, KINDS_AT, this.n);
    for (let k = 0; k < this.n; k++) kinds[k] = categorical[k] === true ? this.tableAddress(k) : 0;
    const delta = this.windowAt - this.from;
    const rows = this.kernel.scan(pos + delta, this.to + delta, this.n, this.outAt, this.maxRows, Math.min(maxRows, this.maxRows), this.delimiter);
    const stop = new Int32Array(buffer, STOP_AT, 1)[0]! - delta;
    if (this.values.buffer !== buffer) {
      this.values = new Float64Array(buffer, this.outAt, this.maxRows * this.n);
      this.bounds = new Int32Array(buffer, this.outAt, this.maxRows * this.n * 2);
    }
    this.delta = delta;
    return { rows, stop };
  }

  /**
   * Tells the kernel the code of column k's short value (1-7 bytes: w1 its bytes 0-3, w2 its bytes 4-7,
   * little-endian, bytes past `length` zero), so it finds it there next time.
   */
  remember(k: number, w1: number, w2: number, length: number, code: number): void {
    const table = this.tableOf[k]!;
    if (table === 0 || owner !== this.id || this.entries[table]! >= SHORT_TABLE_ENTRIES) return;
    this.entries[table]!++;
    this.kernel.remember(this.tablesAt + table * SHORT_TABLE_BYTES, w1, w2, length, code);
  }

  private tableAddress(k: number): number {
    if (this.tableOf[k] === 0 && this.tablesUsed < MAX_TABLES) this.tableOf[k] = ++this.tablesUsed;
    return this.tablesAt + this.tableOf[k]! * SHORT_TABLE_BYTES;
  }
}
