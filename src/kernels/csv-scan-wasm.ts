/**
 * A WebAssembly scanner for the plainest CSV records, generated at run time (no toolchain, no file): it
 * walks complete records of a window copied into its memory, with a per-column kind table, and stops at the
 * first record holding anything it does not take, so that JavaScript (the reference path) reads that one.
 *
 * Per record it takes exactly `n` fields, each followed by the delimiter (the last by LF or CR LF). A numeric field
 * must be a plain decimal: optional '-', digits, optionally one '.' and digits, at least one digit, at most 19
 * significant ones (so the mantissa is an exact unsigned i64) and at most 22 decimals (20 past 2^53). Its value is the correctly rounded quotient
 * m / 10^k: one IEEE division when m < 2^53 (Clinger: both operands exact), else the exact-residual test of
 * the project's decimal quotient (Dekker's product, every operation an individually rounded f64 op as in
 * JavaScript, no fused multiply-add) which refuses ties and powers of two: the record is then left to
 * JavaScript. The sign is applied last (so "-0" is -0). A categorical field is only located: its (start,
 * end) addresses are written for JavaScript to intern, unless it is a short value (1-7 bytes) found in the
 * column's table of known short values (filled by JavaScript through `remember`): then its code, and -1 as
 * the end. Anything else stops the scan at that record's start:
 * a quote opening a categorical field, a bare CR, an empty or non-decimal numeric field, an exponent, a blank line,
 * a ragged record, and the end of the window.
 *
 * Memory layout (fixed part): 10^0..10^22 at POW10_AT, per k <= 20 four doubles at SPLIT_AT (10^k's Veltkamp
 * halves, 1 / 10^k, 10^k / 2), the stop position at STOP_AT, one i32 per column at KINDS_AT (0 numeric, else
 * the address of the categorical column's short-value table of SHORT_TABLE_BYTES). The caller places the
 * tables, the output and the window after the kinds.
 */
import { ascii } from '../core/index.js';
import { threadKernel } from './thread-kernel.js';
import { Code, F64, I32, I64, type WasmFunction, type WasmMemory } from './wasm-assembler.js';

const { LF, CR, QUOTE, MINUS, DOT, ZERO } = ascii;

export const POW10_AT = 0;
export const SPLIT_AT = 192;
export const STOP_AT = 1016;
export const KINDS_AT = 1024;
/** A short-value table: 256 slots of (key i64: the bytes, length i32: 0 when empty, code i32). */
export const SHORT_TABLE_BYTES = 4096;
/** Entries a table takes (half its slots: probes stay short). */
export const SHORT_TABLE_ENTRIES = 128;
/** Multiplier of the short-value hash (64-bit golden ratio). */
const HASH = 0x9e3779b97f4a7c15n;

const MAX_DIGITS = 19;
const TWO53 = 2n ** 53n;
const SPLIT = 134217729;

/**
 * scan(pos, end, n, out, stride, maxRows, delim) -> rows: parses records from `pos` while they start before
 * `end` (which must follow a line feed), at most maxRows (<= stride) of them. Field k of record r goes to
 * out + (k * stride + r) * 8: a double, or two i32 (start, end). The start of the first record not taken is stored at STOP_AT.
 */
function scanFunction(): WasmFunction {
  const [pos, end, n, out, rowStride, maxRows, delim] = [0, 1, 2, 3, 4, 5, 6];
  const [rows, rec, k, o, stride, ch, minus, ds, nd, fs, tb] = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
  const [m, r] = [18, 19];
  const [a, q0, p, cc, qh, ql, ph, pl, res, v, rf] = [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30];
  const [tbl, h, addr] = [31, 32, 33];
  const [x64, y64, y32, s0] = [34, 35, 36, 37];
  const c = new Code();
  /**
   * Digits from pos into m (i64, wrapping past 19 digits: such a number is refused anyway); leaves pos at the
   * first non-digit. Eight, then four digits at a time from one load (SWAR, as parseFast: a mask finds any
   * non-digit, multiplies make the value), then one at a time. Loads may read past the window (its padding).
   */
  const digits = (): void => {
    c.block().loop();
    c.get(pos).i64Load().tee(x64).i64(0x3030303030303030n).i64Sub().tee(y64);
    c.get(x64).i64(0x4646464646464646n).i64Add().i64Or().i64(0x8080808080808080n).i64And().i64Eqz().i32Eqz().brIf(1);
    c.get(y64).i64(10n).i64Mul().get(y64).i64(8n).i64ShrU().i64Add().i64(0x00ff00ff00ff00ffn).i64And().tee(y64);
    c.i64(100n).i64Mul().get(y64).i64(16n).i64ShrU().i64Add().i64(0x0000ffff0000ffffn).i64And().tee(y64);
    c.i64(10000n).i64Mul().get(y64).i64(32n).i64ShrU().i64Add().i64(0xffffffffn).i64And().set(y64);
    c.get(m).i64(100000000n).i64Mul().get(y64).i64Add().set(m);
    c.get(pos).i32(8).i32Add().set(pos);
    c.br(0);
    c.end().end();
    c.block();
    c.get(pos).i32Load().tee(ch).i32(0x30303030).i32Sub().tee(y32);
    c.get(ch).i32(0x46464646).i32Add().i32Or().i32(0x80808080 | 0).i32And().brIf(0);
    c.get(y32).i32(10).i32Mul().get(y32).i32(8).i32ShrU().i32Add().i32(0x00ff00ff).i32And().tee(y32);
    c.i32(100).i32Mul().get(y32).i32(16).i32ShrU().i32Add().i32(0xffff).i32And().set(y32);
    c.get(m).i64(10000n).i64Mul().get(y32).i64ExtendI32U().i64Add().set(m);
    c.get(pos).i32(4).i32Add().set(pos);
    c.end();
    c.block().loop();
    c.get(pos).i32Load8u().i32(ZERO).i32Sub().tee(ch).i32(9).i32GtU().brIf(1);
    c.get(m).i64(10n).i64Mul().get(ch).i64ExtendI32U().i64Add().set(m);
    c.get(pos).i32(1).i32Add().set(pos);
    c.br(0);
    c.end().end();
  };
  c.i32(0).set(rows);
  c.get(rowStride).i32(3).i32Shl().set(stride);
  c.block(); // done: a br here stops the scan at `rec`
  c.loop(); // records
  c.get(pos).set(rec);
  c.get(rows).get(maxRows).i32GeU().brIf(1);
  c.get(pos).get(end).i32GeU().brIf(1);
  // A blank line is no record (JavaScript skips it), though one empty categorical field would look alike.
  c.get(pos).i32Load8u().tee(ch).i32(LF).i32Eq().get(ch).i32(CR).i32Eq().i32Or().brIf(1);
  c.i32(0).set(k);
  c.get(out).get(rows).i32(3).i32Shl().i32Add().set(o);
  c.loop(); // fields
  c.get(k).i32(2).i32Shl().i32Load(KINDS_AT).tee(tbl).if();
  {
    // Categorical: up to the delimiter, LF or CR (as in JavaScript). A quoted field is JavaScript's.
    c.get(pos).i32Load8u().i32(QUOTE).i32Eq().brIf(3);
    c.get(pos).set(ds);
    c.block().loop();
    c.get(pos).i32Load8u().tee(ch).get(delim).i32Eq().brIf(1);
    c.get(ch).i32(LF).i32Eq().brIf(1);
    c.get(ch).i32(CR).i32Eq().brIf(1);
    c.get(pos).i32(1).i32Add().set(pos);
    c.br(0);
    c.end().end();
    c.block(); // stored
    c.block(); // not in the table
    c.get(pos).get(ds).i32Sub().tee(nd).i32(1).i32Sub().i32(7).i32GeU().brIf(0);
    c.get(ds).i64Load().i64(1n).get(nd).i32(3).i32Shl().i64ExtendI32U().i64Shl().i64(1n).i64Sub().i64And().set(m);
    slotOf(c, m, nd, h);
    c.loop();
    c.get(tbl).get(h).i32(4).i32Shl().i32Add().tee(addr).i32Load(8).tee(ch).i32Eqz().brIf(1);
    c.get(ch).get(nd).i32Eq().get(addr).i64Load().get(m).i64Eq().i32And().if();
    c.get(o).get(addr).i32Load(12).i32Store();
    c.get(o).i32(-1).i32Store(4);
    c.br(3);
    c.end();
    c.get(h).i32(1).i32Add().i32(255).i32And().set(h);
    c.br(0);
    c.end();
    c.end();
    c.get(o).get(ds).i32Store();
    c.get(o).get(pos).i32Store(4);
    c.end();
  }
  c.else();
  {
    c.get(pos).i32Load8u().i32(MINUS).i32Eq().tee(minus).get(pos).i32Add().set(pos);
    c.i64(0n).set(m);
    c.get(pos).tee(ds).set(s0);
    digits();
    c.get(pos).get(ds).i32Sub().set(nd);
    c.i32(0).set(fs);
    c.get(pos).i32Load8u().i32(DOT).i32Eq().if();
    c.get(pos).i32(1).i32Add().tee(pos).set(ds);
    digits();
    c.get(pos).get(ds).i32Sub().tee(fs).get(nd).i32Add().set(nd);
    c.end();
    // At least one digit, at most 19 significant ones (leading zeros, as in 0.00123, add nothing to m) and
    // at most 22 decimals (the powers of ten held exactly); else JavaScript's.
    c.get(nd).i32Eqz().brIf(3);
    c.get(nd).i32(MAX_DIGITS).i32GtU().if();
    c.get(s0).set(ds);
    c.block().loop();
    c.get(nd).get(ds).i32Load8u().tee(ch).i32(ZERO).i32Eq().i32Sub().set(nd);
    c.get(ds).i32(1).i32Add().set(ds);
    c.get(ch).i32(ZERO).i32Eq().get(ch).i32(DOT).i32Eq().i32Or().brIf(0);
    c.end().end();
    c.end();
    c.get(nd).i32(MAX_DIGITS).i32GtU().get(fs).i32(22).i32GtU().i32Or().brIf(3);
    c.get(m).f64ConvertI64U().tee(a);
    c.i32(POW10_AT).get(fs).i32(3).i32Shl().i32Add().f64Load().tee(p);
    c.f64Div().tee(q0).set(v);
    c.get(m).i64(TWO53).i64LtU().i32Eqz().if();
    {
      // Past 2^53: nearestQuotient of decimal-quotient.ts, operation for operation (k <= 20 only).
      c.get(fs).i32(20).i32GtU().brIf(4);
      c.get(m).get(a).i64TruncF64U().i64Sub().tee(r).f64ConvertI64S().set(rf);
      c.i32(SPLIT_AT).get(fs).i32(5).i32Shl().i32Add().set(tb);
      c.f64(SPLIT).get(q0).f64Mul().set(cc);
      c.get(cc).get(cc).get(q0).f64Sub().f64Sub().set(qh);
      c.get(q0).get(qh).f64Sub().set(ql);
      c.get(q0).get(p).f64Mul().set(ph);
      // pl = qh * pHi - ph + qh * pLo + ql * pHi + ql * pLo, left to right.
      c.get(qh).get(tb).f64Load().f64Mul().get(ph).f64Sub();
      c.get(qh).get(tb).f64Load(8).f64Mul().f64Add();
      c.get(ql).get(tb).f64Load().f64Mul().f64Add();
      c.get(ql).get(tb).f64Load(8).f64Mul().f64Add().set(pl);
      c.get(a).get(ph).f64Sub().get(pl).f64Sub().get(rf).f64Add().set(res);
      c.get(q0).get(res).get(tb).f64Load(16).f64Mul().f64Add().set(v);
      // rest = res - (v - q0) * p (in cc); ulp = v + v * 2^-53 - v (in qh).
      c.get(res).get(v).get(q0).f64Sub().get(p).f64Mul().f64Sub().set(cc);
      c.get(v).get(v).f64(2 ** -53).f64Mul().f64Add().get(v).f64Sub().set(qh);
      c.get(cc).f64Abs().get(tb).f64Load(24).get(qh).f64Mul().f64Lt();
      c.get(rf).f64Abs().get(a).f64(2 ** -50).f64Mul().f64Le();
      c.i32And().i32Eqz().brIf(4);
    }
    c.end();
    c.get(o).get(v).f64Neg().get(v).get(minus).select().f64Store();
  }
  c.end();
  // Between fields the delimiter, after the last one LF or CR LF (a bare CR, JavaScript's, cannot be at the
  // window's end, which follows an LF).
  c.get(k).i32(1).i32Add().tee(k).get(n).i32LtU().if();
  c.get(pos).i32Load8u().get(delim).i32Ne().brIf(3);
  c.get(pos).i32(1).i32Add().set(pos);
  c.get(o).get(stride).i32Add().set(o);
  c.br(1);
  c.end();
  c.end(); // fields
  c.get(pos).get(pos).i32Load8u().i32(CR).i32Eq().i32Add().tee(pos).i32Load8u().i32(LF).i32Ne().brIf(1);
  c.get(pos).i32(1).i32Add().set(pos);
  c.get(rows).i32(1).i32Add().set(rows);
  c.br(0);
  c.end(); // records
  c.end(); // done
  c.i32(STOP_AT).get(rec).i32Store();
  c.get(rows);
  return {
    name: 'scan',
    params: [I32, I32, I32, I32, I32, I32, I32],
    results: [I32],
    locals: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I64, I64, F64, F64, F64, F64, F64, F64, F64, F64, F64, F64, F64, I32, I32, I32, I64, I64, I32, I32],
    body: c,
  };
}

/** Leaves in local `h` the first slot of the short value with key local `key` (i64) and length local `length`. */
function slotOf(c: Code, key: number, length: number, h: number): void {
  c.get(key).get(length).i64ExtendI32U().i64Xor().i64(HASH).i64Mul().i64(56n).i64ShrU().i32WrapI64().set(h);
}

/**
 * remember(table, w1, w2, length, code): enters the short value whose bytes are w1 (0-3) and w2 (4-7), bytes
 * past `length` zero, with its code (nothing when present). The caller keeps a table below SHORT_TABLE_ENTRIES.
 */
function rememberFunction(): WasmFunction {
  const [tbl, w1, w2, length, code] = [0, 1, 2, 3, 4];
  const [key, h, addr, l] = [5, 6, 7, 8];
  const c = new Code();
  c.get(w1).i64ExtendI32U().get(w2).i64ExtendI32U().i64(32n).i64Shl().i64Or().set(key);
  slotOf(c, key, length, h);
  c.loop();
  c.get(tbl).get(h).i32(4).i32Shl().i32Add().tee(addr).i32Load(8).tee(l).i32Eqz().if();
  c.get(addr).get(key).i64Store();
  c.get(addr).get(length).i32Store(8);
  c.get(addr).get(code).i32Store(12);
  c.return();
  c.end();
  c.get(l).get(length).i32Eq().get(addr).i64Load().get(key).i64Eq().i32And().if();
  c.return();
  c.end();
  c.get(h).i32(1).i32Add().i32(255).i32And().set(h);
  c.br(0);
  c.end();
  return { name: 'remember', params: [I32, I32, I32, I32, I32], results: [], locals: [I64, I32, I32, I32], body: c };
}

/** This thread's scanner: its memory (grown as needed, reused) and the exported scan. */
export interface CsvScanKernel {
  readonly memory: WasmMemory;
  readonly scan: (pos: number, end: number, n: number, out: number, stride: number, maxRows: number, delim: number) => number;
  readonly remember: (table: number, w1: number, w2: number, length: number, code: number) => void;
}

// The fixed tables: powers of ten and, per k <= 20, 10^k's Veltkamp halves, 1 / 10^k and 10^k / 2.
const loadKernel = threadKernel(() => [scanFunction(), rememberFunction()], ({ memory }) => {
  const pow10 = new Float64Array(memory.buffer, POW10_AT, 23);
  for (let i = 0; i <= 22; i++) pow10[i] = Number(`1e${i}`);
  const split = new Float64Array(memory.buffer, SPLIT_AT, 21 * 4);
  for (let i = 0; i <= 20; i++) {
    const q = pow10[i]!;
    const t = SPLIT * q;
    const h = t - (t - q);
    split.set([h, q - h, 1 / q, q / 2], 4 * i);
  }
});

/** The thread's kernel, compiled on first use; null where WebAssembly cannot run (the caller reads in JavaScript). */
export function csvScanKernel(): CsvScanKernel | null {
  const k = loadKernel();
  if (k === null) return null;
  const scan = k.ex.scan!;
  const remember = k.ex.remember!;
  return {
    memory: k.memory,
    scan: (pos, end, n, out, stride, maxRows, delim) => scan(pos, end, n, out, stride, maxRows, delim),
    remember: (table, w1, w2, length, code) => {
      remember(table, w1, w2, length, code);
    },
  };
}
