/**
 * The CSV state machine (RFC 4180): bytes in, columns out. It tokenizes one record at a time into field
 * offsets (reused arrays, nothing allocated per row), and only when the record is complete hands the fields
 * to the columns, so a record cut by a chunk boundary is simply parsed again once more bytes arrive.
 * Numbers are parsed straight from the bytes; only categorical values become strings.
 *
 * Lenient where RFC 4180 is silent: blank lines are skipped, a bare CR also ends a record, and a quote in
 * the middle of an unquoted field is an ordinary character. Strict where data would be silently wrong:
 * ragged rows, text after a closing quote and an unterminated quote are errors naming the line.
 */
import { ascii, DriftwatchError } from '../core/index.js';
import { ByteInterner } from './byte-interner.js';
import { ColumnAccumulator, type ForcedStorage } from './column-accumulator.js';
import { CsvWasmScan } from './csv-wasm-scan.js';
import type { MissingMatcher } from './missing-values.js';
import { nearestQuotient, POW10 } from './decimal-quotient.js';
import { eiselLemire } from './eisel-lemire.js';
import { parseNumberBytes } from './parse-number.js';
import { ShortValueCache } from './short-value-cache.js';
import type { Column } from './table/index.js';

const { LF, CR, QUOTE, MINUS, DOT, ZERO } = ascii;

/** Exact powers of ten: a <= 15-digit integer divided by one is correctly rounded. */
const POW10_INT = [1, 10, 100, 1000];

const TWO32 = 4294967296;
const INV32 = 1 / TWO32;
const TWO53 = 9007199254740992;
/**
 * Mantissas below this (computed in floating point, so off by a few thousand at most) are surely below
 * 10^19 < 2^64, so two 32-bit words hold them exactly.
 */
const MANTISSA_LIMIT = 9.9999e18;

const QUOTED = 1;
const ESCAPED = 2;
/** An unquoted plain decimal (optional '-', digits, at most one '.'): a number whatever its value. */
const DECIMAL = 4;

type Phase = 'header' | 'sniff' | 'data';

/** The cache of every numeric column: never consulted. */
const NO_CACHE = ShortValueCache.inactive();

export interface CsvParserOptions {
  /** The delimiter byte. */
  readonly delimiter: number;
  readonly missing: MissingMatcher;
  /** For error locations. */
  readonly file: string;
  /** Storage forced per column name. */
  readonly forced?: ReadonlyMap<string, ForcedStorage>;
}

export class CsvParser {
  private readonly delimiter: number;
  private readonly missing: MissingMatcher;
  private readonly file: string;
  private readonly forced: ReadonlyMap<string, ForcedStorage>;
  private phase: Phase = 'header';
  /** 1-based physical line where the next record starts. */
  line = 1;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private flags = new Uint8Array(64);
  /** The value of a plain-decimal field found while tokenizing, else NaN. */
  private values = new Float64Array(64);
  names: string[] = [];
  private columns: ColumnAccumulator[] = [];
  private interners: (ByteInterner | undefined)[] = [];
  /** Per column: a non-numeric, non-missing value was seen while sniffing. */
  private sniffedText: boolean[] = [];
  rows = 0;
  private capacity = 0;
  private readonly decoder = new TextDecoder('utf-8');
  /** Whether parseFast runs (turned off when most records need the general path). */
  private fast = true;
  private slowRecords = 0;
  /** parseFast calls so far (the first few get small windows, see parse). */
  private warmCalls = 0;
  /** Per column, refreshed by parseFast: its storage arrays (empty for the other storage). */
  private fastValues: Float64Array[] = [];
  private fastCodes: Int32Array[] = [];
  private view: DataView = new DataView(new ArrayBuffer(0));
  /** 1 for the bytes that end an unquoted field: the delimiter, LF, CR. */
  private readonly fieldEnd = new Uint8Array(256);
  /** Per column, for parseFast: codes of short categorical values. */
  private caches: ShortValueCache[] = [];
  private viewBuf: Uint8Array | undefined;
  /** The WebAssembly scanner in front of parseFast (null: none here, or numeric missing markers). */
  private scanner: CsvWasmScan | null = null;
  /** Per column, for the scanner: categorical storage. */
  private scanKinds: boolean[] = [];
  /** Records parseFast takes after the scanner stops (grows while the scanner keeps stopping at once). */
  private jsRecords = 1;
  /** scanRecords calls so far (the first few take small batches). */
  private scanCalls = 0;

  constructor(options: CsvParserOptions) {
    this.delimiter = options.delimiter;
    this.fieldEnd[options.delimiter] = 1;
    this.fieldEnd[LF] = 1;
    this.fieldEnd[CR] = 1;
    this.missing = options.missing;
    this.file = options.file;
    this.forced = options.forced ?? new Map();
  }

  get headerDone(): boolean {
    return this.phase !== 'header';
  }

  /**
   * Parses complete records in `buf[pos, end)` and returns where the first incomplete one starts (to be
   * parsed again with more bytes). With `last`, the end of the buffer ends the final record.
   * In the header phase it returns right after the header record.
   */
  parse(buf: Uint8Array, pos: number, end: number, last: boolean): number {
    const d = this.delimiter;
    this.scanner?.invalidate();
    while (pos < end) {
      if (this.phase === 'data' && this.fast && this.scanner !== null) {
        // The scanner takes the plain records; parseFast the next few it stops at (empty fields, quotes,
        // exponents, a cut record), then the scanner again. A record neither takes goes to the general path.
        const scanned = this.rows;
        pos = this.scanRecords(buf, pos, end);
        if (pos >= end) break;
        this.jsRecords = this.rows - scanned < 4 ? Math.min(1024, this.jsRecords * 2) : 1;
        const before = pos;
        pos = this.parseFast(buf, pos, end, last, this.rows + this.jsRecords);
        if (pos >= end) break;
        if (pos !== before) continue;
      } else if (this.phase === 'data' && this.fast) {
        // The first calls get small windows, so that parseFast returns and hands records over a few times
        // while V8 still interprets it: optimized code that reaches code which never ran (no type feedback)
        // deoptimizes, and for a function this size each round costs tens of milliseconds.
        const stop = this.warmCalls < 8 ? Math.min(end, pos + (this.warmCalls < 4 ? 2048 : 32768)) : end;
        this.warmCalls++;
        pos = this.parseFast(buf, pos, stop, last && stop === end, 0x7fffffff);
        if (pos >= end) break;
      }
      const recordStart = pos;
      let c = buf[pos]!;
      if (c === LF) {
        pos++;
        this.line++;
        continue;
      }
      if (c === CR) {
        if (pos + 1 < end) {
          pos += buf[pos + 1] === LF ? 2 : 1;
        } else {
          if (!last) return recordStart;
          pos++;
        }
        this.line++;
        continue;
      }
      let nf = 0;
      let quotedLines = 0;
      for (;;) {
        if (nf === this.starts.length) this.growFields();
        if (pos < end && buf[pos] === QUOTE) {
          let q = pos + 1;
          let flags = QUOTED;
          const openedAt = quotedLines;
          for (;;) {
            while (q < end && (c = buf[q]!) !== QUOTE) {
              if (c === LF) quotedLines++;
              q++;
            }
            if (q >= end) {
              if (!last) return recordStart;
              throw new DriftwatchError(
                'PARSE_ERROR',
                `line ${this.line + openedAt} opens a quoted field (field ${nf + 1}) that is never closed; close the quote or double any " inside it`,
                { file: this.file, line: this.line + openedAt },
              );
            }
            if (q + 1 < end) {
              if (buf[q + 1] === QUOTE) {
                flags |= ESCAPED;
                q += 2;
                continue;
              }
            } else if (!last) {
              return recordStart;
            }
            break;
          }
          this.starts[nf] = pos + 1;
          this.ends[nf] = q;
          this.flags[nf] = flags;
          this.values[nf] = NaN;
          nf++;
          pos = q + 1;
          if (pos < end && (c = buf[pos]!) !== d && c !== LF && c !== CR) {
            const at = this.line + quotedLines;
            throw new DriftwatchError(
              'PARSE_ERROR',
              `line ${at}: field ${nf} has text after its closing quote; quote the whole field and double any " inside it`,
              { file: this.file, line: at },
            );
          }
        } else {
          // One pass finds the field's end and, for a plain decimal (optional '-', digits, one '.',
          // at most 15 significant digits), its value. Anything else is left NaN for parseNumberBytes.
          const s = pos;
          let mantissa = 0;
          let significant = 0;
          let scale = 0;
          let dot = false;
          let digits = false;
          let simple = true;
          if (pos < end && buf[pos] === MINUS) pos++;
          for (; pos < end; pos++) {
            c = buf[pos]!;
            const digit = c - ZERO;
            if (digit >= 0 && digit <= 9) {
              digits = true;
              if (dot) scale++;
              if (mantissa !== 0 || digit !== 0) {
                mantissa = mantissa * 10 + digit;
                significant++;
              }
            } else if (c === DOT && !dot) {
              dot = true;
            } else {
              if (c !== d && c !== LF && c !== CR) {
                simple = false;
                while (pos < end && (c = buf[pos]!) !== d && c !== LF && c !== CR) pos++;
              }
              break;
            }
          }
          let value = NaN;
          if (simple && digits && significant <= 15 && scale <= 22) {
            value = mantissa / POW10[scale]!;
            if (buf[s] === MINUS) value = -value;
          }
          this.starts[nf] = s;
          this.ends[nf] = pos;
          this.flags[nf] = simple && digits ? DECIMAL : 0;
          this.values[nf] = value;
          nf++;
        }
        if (pos >= end) {
          if (!last) return recordStart;
          break;
        }
        c = buf[pos]!;
        if (c === d) {
          pos++;
          continue;
        }
        if (c === LF) {
          pos++;
          break;
        }
        if (pos + 1 < end) {
          pos += buf[pos + 1] === LF ? 2 : 1;
        } else {
          if (!last) return recordStart;
          pos++;
        }
        break;
      }
      if (this.phase === 'data') {
        if (this.fast) this.noteSlowRecord();
        this.commit(buf, nf);
      } else if (this.phase === 'sniff') {
        this.sniffRecord(buf, nf);
      } else {
        this.header(buf, nf);
        this.line += 1 + quotedLines;
        this.phase = 'sniff';
        return pos;
      }
      this.line += 1 + quotedLines;
    }
    return pos;
  }

  /**
   * Classifies the complete records of `buf[pos, end)` (numbers or text per column) without storing them,
   * so columns with text there start categorical and keep exact text. Returns rows and bytes looked at.
   */
  sniff(buf: Uint8Array, pos: number, end: number, last: boolean): { rows: number; bytes: number } {
    const line = this.line;
    this.rows = 0;
    const stop = this.parse(buf, pos, end, last);
    const rows = this.rows;
    this.rows = 0;
    this.line = line;
    return { rows, bytes: stop - pos };
  }

  /**
   * Ends sniffing and allocates the columns for about `expectedRows` rows (`exact`: the sniff saw the whole
   * file, so no more room is needed — a file 100,000 columns wide and 3 rows long wasted 13 rows a column).
   */
  startData(expectedRows: number, exact = false): void {
    this.capacity = exact ? Math.max(1, expectedRows) : Math.max(16, expectedRows);
    this.columns = this.names.map((name, k) => {
      let forced = this.forced.get(name) ?? 'auto';
      if (forced === 'auto' && this.sniffedText[k]) forced = 'categorical';
      return new ColumnAccumulator(name, this.capacity, forced);
    });
    this.scanner = this.missing.hasNumericMarker ? null : CsvWasmScan.create(this.names.length, this.delimiter);
    this.phase = 'data';
  }

  /** The finished columns (storage only; kinds are inferred afterwards). */
  finish(): Column[] {
    return this.columns.map((c) => c.finish(this.rows));
  }

  private header(buf: Uint8Array, nf: number): void {
    const names: string[] = [];
    const seen = new Map<string, number>();
    const line = this.asciiRecord(buf, nf);
    const base = nf === 0 ? 0 : this.starts[0]!;
    for (let k = 0; k < nf; k++) {
      let name = line === null ? this.text(buf, k) : line.slice(this.starts[k]! - base, this.ends[k]! - base);
      if (line !== null && (this.flags[k]! & ESCAPED) !== 0) name = name.replaceAll('""', '"');
      if (name.trim() === '') name = `unnamed_${k + 1}`;
      const before = seen.get(name);
      if (before !== undefined) {
        throw new DriftwatchError(
          'PARSE_ERROR',
          `line ${this.line}: column name "${name}" appears twice (columns ${before + 1} and ${k + 1}); rename one`,
          { file: this.file, line: this.line, field: name },
        );
      }
      seen.set(name, k);
      names.push(name);
    }
    this.names = names;
    this.sniffedText = names.map(() => false);
  }

  private sniffRecord(buf: Uint8Array, nf: number): void {
    if (nf !== this.names.length) this.raggedRow(nf);
    const missing = this.missing;
    for (let k = 0; k < nf; k++) {
      if (this.sniffedText[k] || (this.flags[k]! & DECIMAL) !== 0) continue;
      const s = this.starts[k]!;
      const e = this.ends[k]!;
      if (Number.isNaN(parseNumberBytes(buf, s, e)) && !missing.matchBytes(buf, s, e)) this.sniffedText[k] = true;
    }
    this.rows++;
  }

  private commit(buf: Uint8Array, nf: number): void {
    if (nf !== this.names.length) this.raggedRow(nf);
    const row = this.rows;
    if (row === this.capacity) this.grow();
    // The hot loop stays small so V8 inlines the number parser: a plain number is stored at once,
    // everything else (missing, text, numeric missing markers) goes to commitField.
    const columns = this.columns;
    const starts = this.starts;
    const ends = this.ends;
    const values = this.values;
    const markerFirst = this.missing.hasNumericMarker;
    for (let k = 0; k < nf; k++) {
      const col = columns[k]!;
      if (col.numeric && !markerFirst) {
        let v = values[k]!;
        if (v !== v) v = parseNumberBytes(buf, starts[k]!, ends[k]!);
        if (v === v) {
          col.values[row] = v;
          continue;
        }
      }
      this.commitField(buf, k, row, col);
    }
    this.rows = row + 1;
  }

  private commitField(buf: Uint8Array, k: number, row: number, col: ColumnAccumulator): void {
    const s = this.starts[k]!;
    const e = this.ends[k]!;
    const missing = this.missing;
    if (col.numeric) {
      if (missing.matchBytes(buf, s, e)) {
        col.values[row] = NaN;
        return;
      }
      const v = parseNumberBytes(buf, s, e);
      if (v === v) {
        col.values[row] = v;
        return;
      }
      if (col.forced === 'numeric') {
        const text = this.text(buf, k);
        throw new DriftwatchError(
          'PARSE_ERROR',
          `line ${this.line}: column "${col.name}" must be numeric but has the value "${text}"; fix the value or drop the override`,
          { file: this.file, line: this.line, field: col.name },
        );
      }
      col.switchToCategorical(row);
      col.codes[row] = this.categoryCode(buf, k, col);
    } else if (missing.matchBytes(buf, s, e)) {
      col.codes[row] = -1;
    } else {
      col.codes[row] = this.categoryCode(buf, k, col);
    }
  }

  /**
   * The data-phase fast path: one pass over the bytes that tokenizes, parses numbers and stores each value
   * straight into its column at the row index, with no per-field calls for plain numbers and known
   * categories. It returns at the start of the first record it does not take — a cut record at the end of
   * the chunk, a quoted line break, a doubled quote, a bare CR, a ragged row, text in a numeric column —
   * and the general path parses that record (its values here are overwritten, its errors are the general
   * path's). Numbers are exactly `Number(text)`: a mantissa below 2^53 with at most 22 decimals is one
   * correctly rounded division (Clinger), up to 19 digits with at most 20 decimals the exact quotient of
   * decimal-quotient.ts (a record with a quotient it cannot decide goes to the general path), anything else
   * Eisel-Lemire or parseNumberBytes (slowDecimal).
   */
  private parseFast(buf: Uint8Array, pos: number, end: number, last: boolean, rowLimit: number): number {
    const d = this.delimiter;
    const n = this.names.length;
    const missing = this.missing;
    const emptyIsMissing = missing.emptyIsMissing;
    const markerFirst = missing.hasNumericMarker === true;
    // Module constants as locals: V8 checks an imported binding for initialisation at every use.
    const pow10 = POW10;
    const pow10Int = POW10_INT;
    this.refreshFast();
    let valuesOf = this.fastValues;
    let codesOf = this.fastCodes;
    const columns = this.columns;
    let row = this.rows;
    let line = this.line;
    let recordStart = pos;
    const view = this.viewOf(buf);
    const caches = this.caches;
    const delimiterWord = Math.imul(d, 0x01010101);
    const fieldEnd = this.fieldEnd;
    records: while (pos < end && row < rowLimit) {
      recordStart = pos;
      let c = buf[pos]!;
      if (c === LF) {
        // A blank line is consumed here: the record start moves past it, or a window ending on it would
        // hand it back to the general path and count its line twice.
        pos++;
        line++;
        recordStart = pos;
        continue;
      }
      if (c === CR) break;
      if (row === this.capacity) {
        this.rows = row;
        this.grow();
        this.refreshFast();
        valuesOf = this.fastValues;
        codesOf = this.fastCodes;
      }
      for (let k = 0; k < n; k++) {
        const values = valuesOf[k]!;
        const s = pos;
        if (values.length !== 0) {
          // Numeric column. m accumulates the digits as a double (exact while below 2^53), lo the same
          // modulo 2^32 in integer arithmetic, which with m's small relative error recovers a 64-bit
          // mantissa exactly. minus is 1 after a '-', else 0, without a branch: signs are as random as
          // the data.
          const minus = pos < end ? ((buf[pos]! ^ MINUS) - 1) >>> 31 : 0;
          pos += minus;
          let m = 0;
          let lo = 0;
          let fracStart = -1;
          const intStart = pos;
          // The integer digits, then (after a '.') the fraction digits: four at a time from one 32-bit
          // little-endian load (SWAR: a mask finds the first non-digit, two multiplies make the value).
          // In the last three bytes of the buffer the general path takes the record: code that runs once
          // per chunk would have no type feedback when V8 optimizes this loop and would deoptimize it.
          for (;;) {
            if (pos + 4 > end) break records;
            const x = view.getInt32(pos, true);
            const y = (x - 0x30303030) | 0;
            // Bit 7 of each byte that is not '0'..'9'; only the lowest one matters (the first non-digit).
            const t = (((x + 0x46464646) | 0) | y) & 0x80808080;
            if (t === 0) {
              const z = (Math.imul(y, 10) + (y >>> 8)) | 0;
              const v4 = (z & 0xff) * 100 + ((z >>> 16) & 0xff);
              m = m * 10000 + v4;
              lo = (Math.imul(lo, 10000) + v4) | 0;
              pos += 4;
              continue;
            }
            // n < 4 digits: shift them to the top bytes so the 4-digit formula gives their value.
            const n = (32 - Math.clz32(((t - 1) | 0) & ~t)) >> 3;
            const w = (y << (24 - 8 * n)) << 8;
            const z = (Math.imul(w, 10) + (w >>> 8)) | 0;
            const vn = (z & 0xff) * 100 + ((z >>> 16) & 0xff);
            const scale = pow10Int[n]!;
            m = m * scale + vn;
            lo = (Math.imul(lo, scale) + vn) | 0;
            pos += n;
            // The byte after the digits, from the same load.
            c = (x >>> (8 * n)) & 0xff;
            if (c === DOT && fracStart < 0) {
              fracStart = ++pos;
              continue;
            }
            break;
          }
          let digits = pos - intStart;
          let exponent = 0;
          if (fracStart >= 0) {
            exponent = fracStart - pos;
            digits -= 1;
          }
          // c, the byte after the digits, ends the field (a table, not three comparisons: one that never
          // ran before V8 optimized this loop would deoptimize it).
          if (digits !== 0 && fieldEnd[c] !== 0) {
            // Each value goes straight into the column: a variable merging these paths with the calls
            // below would make V8 box every number into a heap object.
            const sign = 1 - 2 * minus;
            if (exponent >= -22 && m < MANTISSA_LIMIT) {
              const q0 = m / pow10[-exponent]!;
              if (m < TWO53) {
                values[row] = q0 * sign;
              } else {
                // m is off by far less than 2^31 (a few roundings past 2^53) and lo is the exact mantissa
                // modulo 2^32, so their difference modulo 2^32 is the exact error.
                const r = (lo - (m - Math.floor(m * INV32) * TWO32)) | 0;
                const v = nearestQuotient(m, r, q0, -exponent);
                // Undecided (ties, powers of two: rare): the general path reads the record. A call here
                // would be one that never ran when V8 optimized this loop, and would deoptimize it.
                if (v !== v) break records;
                values[row] = v * sign;
              }
            } else {
              values[row] = slowDecimal(buf, s, pos, m, lo, exponent, minus);
            }
            if (markerFirst && missing.matchBytes(buf, s, pos)) values[row] = NaN;
          } else if (pos === s && emptyIsMissing && (c === d || c === LF)) {
            // An empty field.
            values[row] = NaN;
          } else {
            // An exponent, spaces, a quote, text, a missing marker: the general field parse. (The digit
            // loop stopped before the buffer's end, so the field is not cut.)
            pos = this.fastOther(buf, s, end, last, k, row) | 0;
            if (pos < 0) break records;
            c = pos < end ? buf[pos]! : -1;
          }
        } else {
          // Categorical column: a known value is found by its bytes. A short one (1-7 bytes, unquoted)
          // first in the column's ShortValueCache: two 32-bit loads, masks for its end, one hash. The
          // last bytes of the buffer go to the general path (as for numbers: no code that runs once per
          // chunk).
          if (pos + 8 > end) break records;
          let cached = -1;
          let w1 = 0;
          let w2 = 0;
          let length = 0;
          const cache = caches[k]!;
          if (cache.active) {
            const x1 = view.getInt32(pos, true);
            const x2 = view.getInt32(pos + 4, true);
            // Bit 7 of each byte below 0x20 (line ends, tabs) or equal to the delimiter; the lowest one
            // is the value's end (borrows only disturb the bytes above it).
            const z1 = x1 ^ delimiterWord;
            const z2 = x2 ^ delimiterWord;
            const t1 = ((((x1 - 0x20202020) | 0) & ~x1) | (((z1 - 0x01010101) | 0) & ~z1)) & 0x80808080;
            const t2 = ((((x2 - 0x20202020) | 0) & ~x2) | (((z2 - 0x01010101) | 0) & ~z2)) & 0x80808080;
            const n1 = (32 - Math.clz32(((t1 - 1) | 0) & ~t1)) >> 3; // 4 when t1 === 0
            const n2 = (32 - Math.clz32(((t2 - 1) | 0) & ~t2)) >> 3;
            length = n1 + (n1 >> 2) * n2;
            if (length !== 0 && length < 8 && (x1 & 0xff) !== QUOTE) {
              const stop = length < 4 ? (x1 >>> (8 * length)) & 0xff : (x2 >>> (8 * (length - 4))) & 0xff;
              if (stop === d || stop === LF || stop === CR) {
                w1 = x1 & (-1 >>> (32 - 8 * n1));
                w2 = x2 & ((1 << (8 * (length - n1))) - 1);
                cached = cache.get(w1, w2, length);
                if (cached >= 0) {
                  codesOf[k]![row] = cached;
                  pos += length;
                  c = stop;
                }
              } else {
                length = 0;
              }
            } else {
              length = 0;
            }
          }
          if (cached < 0) {
            let start = s;
            let e: number;
            let flags = 0;
            if (pos < end && buf[pos] === QUOTE) {
              // Quoted without doubled quotes or line breaks; anything else goes to the general path.
              let q = pos + 1;
              while (q < end && (c = buf[q]!) !== QUOTE && c !== LF) q++;
              if (q >= end || c === LF) break records;
              if (q + 1 < end) {
                if (buf[q + 1] === QUOTE) break records;
              } else if (!last) {
                break records;
              }
              flags = QUOTED;
              start = pos + 1;
              e = q;
              pos = q + 1;
              c = pos < end ? buf[pos]! : -1;
            } else {
              while (pos < end && (c = buf[pos]!) !== d && c !== LF && c !== CR) pos++;
              e = pos;
              if (pos >= end) c = -1;
            }
            if (pos >= end && !last) break records;
            const interner = this.interners[k];
            const code = interner === undefined ? -1 : interner.lookup(buf, start, e);
            if (code >= 0) {
              codesOf[k]![row] = code;
            } else {
              this.starts[k] = start;
              this.ends[k] = e;
              this.flags[k] = flags;
              // A new category records its line.
              this.line = line;
              this.commitField(buf, k, row, columns[k]!);
            }
            if (length !== 0 && flags === 0 && e - start === length) {
              const known = codesOf[k]![row]!;
              if (known >= 0) cache.set(w1, w2, length, known);
            }
          }
        }
        // The field's terminator (c, the byte at pos or -1 at the end): a delimiter between fields, a line
        // end (or the end of the file) after the last.
        if (k < n - 1) {
          if (c !== d) break records;
          pos++;
        } else if (c >= 0) {
          if (c === LF) pos++;
          else if (c === CR && pos + 1 < end && buf[pos + 1] === LF) pos += 2;
          else break records;
        }
      }
      row++;
      line++;
      recordStart = pos;
    }
    this.rows = row;
    this.line = line;
    return recordStart;
  }

  /**
   * Records from `pos` through the WebAssembly scanner until it stops; returns where it stopped. Numbers
   * are copied into the columns, categorical fields interned as parseFast does (ShortValueCache, then
   * ByteInterner, then commitField for a new value, with its line).
   */
  private scanRecords(buf: Uint8Array, pos: number, end: number): number {
    const scanner = this.scanner!;
    const columns = this.columns;
    const n = columns.length;
    this.refreshFast();
    const kinds = this.scanKinds;
    for (let k = 0; k < n; k++) kinds[k] = !columns[k]!.numeric;
    for (;;) {
      if (this.rows === this.capacity) this.grow();
      // The first calls take few records, so the JavaScript that files them has type feedback for every
      // branch before V8 optimizes it (see parse).
      const room = Math.min(this.capacity - this.rows, this.scanCalls < 8 ? 64 : scanner.maxRows);
      this.scanCalls++;
      const result = scanner.scan(buf, pos, end, kinds, room);
      if (result === null || result.rows === 0) return pos;
      this.takeScanned(buf, result.rows);
      pos = result.stop;
      if (result.rows < room) return pos;
    }
  }

  /** Moves the scanner's last `count` records into the columns. */
  private takeScanned(buf: Uint8Array, count: number): void {
    const scanner = this.scanner!;
    const row0 = this.rows;
    const line0 = this.line;
    const columns = this.columns;
    for (let k = 0; k < columns.length; k++) {
      const col = columns[k]!;
      const base = k * scanner.maxRows;
      if (col.numeric) {
        // A few values are copied by hand: a subarray per column costs more than the copy (wide files).
        if (count <= 16) {
          const from = scanner.values;
          const to = col.values;
          for (let r = 0; r < count; r++) to[row0 + r] = from[base + r]!;
        } else col.values.set(scanner.values.subarray(base, base + count), row0);
      }
      else this.internScanned(buf, k, col, base, count, row0, line0);
    }
    this.rows = row0 + count;
    this.line = line0 + count;
  }

  /**
   * The codes of categorical column k's `count` scanned fields. A loop of its own, called once per column:
   * V8 optimizes it while it runs (on-stack replacement), and code after a hot loop that never ran yet would
   * deoptimize it at every exit.
   */
  private internScanned(buf: Uint8Array, k: number, col: ColumnAccumulator, base: number, count: number, row0: number, line0: number): void {
    const scanner = this.scanner!;
    const bounds = scanner.bounds;
    const delta = scanner.delta;
    const view = this.viewOf(buf);
    // A short value's two 32-bit loads must stay inside the buffer.
    const loadLimit = buf.length - 8;
    const codes = col.codes;
    const cache = this.caches[k]!;
    for (let r = 0; r < count; r++) {
      const at = 2 * (base + r);
      const row = row0 + r;
      const end = bounds[at + 1]!;
      if (end === -1) {
        // The kernel found the value in its table.
        codes[row] = bounds[at]!;
        continue;
      }
      const s = bounds[at]! - delta;
      const e = end - delta;
      const length = e - s;
      let w1 = 0;
      let w2 = 0;
      const short = length > 0 && length < 8 && s <= loadLimit;
      if (short) {
        const n1 = length < 4 ? length : 4;
        w1 = view.getInt32(s, true) & (-1 >>> (32 - 8 * n1));
        w2 = view.getInt32(s + 4, true) & ((1 << (8 * (length - n1))) - 1);
        if (cache.active) {
          const cached = cache.get(w1, w2, length);
          if (cached >= 0) {
            codes[row] = cached;
            scanner.remember(k, w1, w2, length, cached);
            continue;
          }
        }
      }
      const interner = this.interners[k];
      const code = interner === undefined ? -1 : interner.lookup(buf, s, e);
      if (code >= 0) {
        codes[row] = code;
      } else {
        this.starts[k] = s;
        this.ends[k] = e;
        this.flags[k] = 0;
        // A new category records its line (one line per scanned record).
        this.line = line0 + r;
        this.commitField(buf, k, row, col);
      }
      if (short) {
        const known = codes[row]!;
        if (known >= 0) {
          if (cache.active) cache.set(w1, w2, length, known);
          scanner.remember(k, w1, w2, length, known);
        }
      }
    }
  }

  /**
   * A numeric column's field that is not a plain decimal (exponent, surrounding spaces, quotes, a
   * missing marker, infinity): its value via parseNumberBytes. Returns the position after the field, or
   * -1 when the general path must take the record (text, a cut or odd quoted field).
   */
  private fastOther(buf: Uint8Array, s: number, end: number, last: boolean, k: number, row: number): number {
    const d = this.delimiter;
    let start = s;
    let e: number;
    let pos: number;
    let c = 0;
    if (buf[s] === QUOTE) {
      let q = s + 1;
      while (q < end && (c = buf[q]!) !== QUOTE && c !== LF) q++;
      if (q + 1 >= end || c === LF || buf[q + 1] === QUOTE) return -1;
      start = s + 1;
      e = q;
      pos = q + 1;
    } else {
      pos = s;
      while (pos < end && (c = buf[pos]!) !== d && c !== LF && c !== CR) pos++;
      e = pos;
    }
    if (pos >= end && !last) return -1;
    const missing = this.missing;
    let v = NaN;
    if (!(missing.hasNumericMarker && missing.matchBytes(buf, start, e))) {
      v = parseNumberBytes(buf, start, e);
      if (v !== v && !missing.matchBytes(buf, start, e)) return -1;
    }
    this.fastValues[k]![row] = v;
    return pos;
  }

  /** A DataView over `buf` (cached: parseFast runs once per chunk, and again after each slow record). */
  private viewOf(buf: Uint8Array): DataView {
    if (this.viewBuf !== buf) {
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      this.viewBuf = buf;
    }
    return this.view;
  }

  /** Column storage arrays for parseFast (they change when columns grow or switch to categorical). */
  private refreshFast(): void {
    const n = this.columns.length;
    const noValues = new Float64Array(0);
    const noCodes = new Int32Array(0);
    for (let k = 0; k < n; k++) {
      const col = this.columns[k]!;
      // A numeric column with a zero capacity never happens: capacity is at least 16.
      this.fastValues[k] = col.numeric ? col.values : noValues;
      this.fastCodes[k] = col.numeric ? noCodes : col.codes;
      // A cache is 2 KiB: only categorical columns get one (a file of 100,000 numeric columns would
      // otherwise zero 200 MB for nothing); numeric ones share an inactive stand-in.
      const cache = this.caches[k];
      if (!col.numeric && (cache === undefined || cache === NO_CACHE)) this.caches[k] = new ShortValueCache();
      else if (cache === undefined) this.caches[k] = NO_CACHE;
    }
  }

  /** Counts records the fast path handed over; when they are most records, it stops trying. */
  private noteSlowRecord(): void {
    this.slowRecords++;
    if (this.slowRecords > 256 && this.slowRecords * 2 > this.rows) this.fast = false;
  }

  private raggedRow(nf: number): never {
    throw new DriftwatchError(
      'PARSE_ERROR',
      `line ${this.line} has ${nf} field${nf === 1 ? '' : 's'}, the header has ${this.names.length}; every row needs one field per column (quote fields that contain the delimiter)`,
      { file: this.file, line: this.line },
    );
  }

  /** The dictionary code of field k, found from its bytes when seen before. */
  private categoryCode(buf: Uint8Array, k: number, col: ColumnAccumulator): number {
    const s = this.starts[k]!;
    const e = this.ends[k]!;
    let interner = this.interners[k];
    if (interner === undefined) {
      interner = new ByteInterner();
      this.interners[k] = interner;
    }
    // A field with doubled quotes has bytes unlike its text; it always takes the string path.
    const plain = (this.flags[k]! & ESCAPED) === 0;
    if (plain) {
      const known = interner.lookup(buf, s, e);
      if (known >= 0) return known;
    }
    const code = col.code(this.text(buf, k), this.line);
    if (plain) interner.remember(buf, s, e, code);
    return code;
  }

  /**
   * The record's bytes as one string when they are all ASCII (byte offsets are then string offsets), so
   * that a header of 100,000 names is decoded once rather than name by name; null otherwise.
   */
  private asciiRecord(buf: Uint8Array, nf: number): string | null {
    if (nf < 64) return null;
    const from = this.starts[0]!;
    const to = this.ends[nf - 1]!;
    for (let i = from; i < to; i++) if (buf[i]! >= 0x80) return null;
    return this.decoder.decode(buf.subarray(from, to));
  }

  /** The text of field k, with a quoted field's doubled quotes undone. */
  private text(buf: Uint8Array, k: number): string {
    const s = this.decoder.decode(buf.subarray(this.starts[k]!, this.ends[k]!));
    return (this.flags[k]! & ESCAPED) !== 0 ? s.replaceAll('""', '"') : s;
  }

  private grow(): void {
    const capacity = Math.ceil(this.capacity * 1.5) + 16;
    for (const c of this.columns) c.grow(capacity, this.rows);
    this.capacity = capacity;
  }

  private growFields(): void {
    const n = this.starts.length * 2;
    const starts = new Int32Array(n);
    starts.set(this.starts);
    const ends = new Int32Array(n);
    ends.set(this.ends);
    const flags = new Uint8Array(n);
    flags.set(this.flags);
    this.starts = starts;
    this.ends = ends;
    this.flags = flags;
    const values = new Float64Array(n);
    values.set(this.values);
    this.values = values;
  }
}

/**
 * A plain decimal the inline paths of parseFast do not take (over 19 digits, tiny exponents, a mantissa
 * below 2^53 with more than 22 decimals, an undecidable quotient): Eisel-Lemire, else `Number()`.
 * m is the digits summed as a double, lo the same modulo 2^32.
 */
function slowDecimal(buf: Uint8Array, s: number, e: number, m: number, lo: number, exponent: number, minus: number): number {
  // minus (1 or 0) rather than a boolean: a comparison in parseFast that never ran would deoptimize it.
  const negative = minus !== 0;
  let v = NaN;
  if (m < TWO53) {
    v = eiselLemire(Math.floor(m / TWO32), m % TWO32, exponent, negative);
  } else if (m < MANTISSA_LIMIT) {
    const low = lo >>> 0;
    v = eiselLemire(Math.round((m - low) * INV32), low, exponent, negative);
  }
  return v === v ? v : parseNumberBytes(buf, s, e);
}
