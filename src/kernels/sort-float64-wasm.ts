/**
 * The float64 radix sort of sort-float64.ts as a WebAssembly kernel, generated at run time (no toolchain, no
 * file). Same algorithm, same order: keys are the IEEE-754 bits made order-preserving as unsigned 64-bit
 * integers (negative: every bit flipped; positive: the sign bit set), sorted first by their high 32 bits only,
 * then put in full order by a bounded insertion pass over runs of equal high words, with the full sort on all
 * 64 bits when those runs are long. WebAssembly does the work on whole i64 keys and 11-bit digits (8 KB of
 * counts a pass, which stay in the L1 cache; the JavaScript sort needs 16-bit digits to keep its pass count
 * down), and all digit counts of the high word come from the pass that makes the keys.
 *
 * Each thread that sorts has its own module instance and memory (module state is per thread), grown to the
 * largest sort it has seen and reused: the values are copied in, sorted there and copied out.
 */
import { reserveMemory, threadKernel } from './thread-kernel.js';
import { Code, I32, I64, type WasmFunction } from './wasm-assembler.js';

const BITS = 11;
const RADIX = 1 << BITS;
/** Digits as (shift, mask) over the 64-bit key, least significant first: three in each 32-bit word. */
const DIGITS: readonly (readonly [number, number])[] = [0, 11, 22, 32, 43, 54].map((shift, p) => [shift, p % 3 === 2 ? 0x3ff : RADIX - 1]);
/** The digits of the high word. */
const HIGH = [3, 4, 5];
const TABLE_BYTES = RADIX * 4;
const MIN_I64 = -0x8000000000000000n;
/** Element moves the insertion pass may make, per value, before the full sort takes over. */
const INSERTION_BUDGET = 2;

/** Adds one to the count of each of `passes`' digits of the i64 key in local `key`; counts at local `counts`. */
function countDigits(c: Code, key: number, counts: number, addr: number, passes: readonly number[]): void {
  for (const p of passes) {
    const [shift, mask] = DIGITS[p]!;
    c.get(key).i64(BigInt(shift)).i64ShrU().i32WrapI64().i32(mask).i32And().i32(2).i32Shl().get(counts).i32Add();
    c.tee(addr).get(addr).i32Load(p * TABLE_BYTES).i32(1).i32Add().i32Store(p * TABLE_BYTES);
  }
}

/**
 * keys(src, n, dst, counts, finiteOnly) -> k: the n doubles at src as keys at dst (which may be src: keys
 * are written at or before the value they come from), skipping non-finite values when finiteOnly; counts the
 * high word's digits, and the NaN skipped (an int32 after the digit counts). Returns the number of keys written.
 */
function keysFunction(): WasmFunction {
  const [src, n, dst, counts, finite] = [0, 1, 2, 3, 4];
  const [i, end, o, addr, v, key, nan] = [5, 6, 7, 8, 9, 10, 11];
  const c = new Code();
  c.get(src).tee(i).get(n).i32(3).i32Shl().i32Add().set(end);
  c.get(dst).set(o);
  c.block().loop();
  c.get(i).get(end).i32GeU().brIf(1);
  c.get(i).i64Load().set(v);
  c.get(i).i32(8).i32Add().set(i);
  c.block();
  c.get(finite).i32Eqz().brIf(0);
  c.get(v).i64(52n).i64ShrU().i32WrapI64().i32(0x7ff).i32And().i32(0x7ff).i32Ne().brIf(0);
  // Infinity or NaN (a non-zero mantissa, counted): next value.
  c.get(nan).get(v).i64(0xfffffffffffffn).i64And().i64Eqz().i32Eqz().i32Add().set(nan);
  c.br(1);
  c.end();
  c.get(v).get(v).i64(63n).i64ShrS().i64(MIN_I64).i64Or().i64Xor().set(key);
  c.get(o).get(key).i64Store();
  c.get(o).i32(8).i32Add().set(o);
  countDigits(c, key, counts, addr, HIGH);
  c.br(0);
  c.end().end();
  c.get(counts).get(nan).i32Store(DIGITS.length * TABLE_BYTES);
  c.get(o).get(dst).i32Sub().i32(3).i32ShrU();
  return { name: 'keys', params: [I32, I32, I32, I32, I32], results: [I32], locals: [I32, I32, I32, I32, I64, I64, I32], body: c };
}

/** count(keys, n, counts): counts every digit of the n keys (n >= 1). */
function countFunction(): WasmFunction {
  const [keys, n, counts] = [0, 1, 2];
  const [i, end, addr, key] = [3, 4, 5, 6];
  const c = new Code();
  c.get(keys).tee(i).get(n).i32(3).i32Shl().i32Add().set(end);
  c.loop();
  c.get(i).i64Load().set(key);
  countDigits(c, key, counts, addr, [0, 1, 2, 3, 4, 5]);
  c.get(i).i32(8).i32Add().tee(i).get(end).i32LtU().brIf(0);
  c.end();
  return { name: 'count', params: [I32, I32, I32], results: [], locals: [I32, I32, I32, I64], body: c };
}

/**
 * pass(src, dst, table, n, shift, mask) -> moved: one stable LSD pass on the digit (key >> shift) & mask with
 * its counts at `table` (n >= 1). When every key has the first key's digit nothing moves and it returns 0.
 */
function passFunction(): WasmFunction {
  const [src, dst, table, n, shift, mask] = [0, 1, 2, 3, 4, 5];
  const [i, end, b, sum, cnt, pos, sh, key] = [6, 7, 8, 9, 10, 11, 12, 13];
  const c = new Code();
  const digitAddr = (): void => {
    c.get(key).get(sh).i64ShrU().i32WrapI64().get(mask).i32And().i32(2).i32Shl().get(table).i32Add();
  };
  c.get(shift).i64ExtendI32U().set(sh);
  c.block();
  c.get(src).i64Load().set(key);
  digitAddr();
  c.i32Load().get(n).i32Ne().brIf(0);
  c.i32(0).return();
  c.end();
  // Exclusive prefix sums.
  c.i32(0).set(sum).get(table).tee(b).get(mask).i32(1).i32Add().i32(2).i32Shl().i32Add().set(end);
  c.loop();
  c.get(b).i32Load().set(cnt);
  c.get(b).get(sum).i32Store();
  c.get(sum).get(cnt).i32Add().set(sum);
  c.get(b).i32(4).i32Add().tee(b).get(end).i32LtU().brIf(0);
  c.end();
  c.get(src).tee(i).get(n).i32(3).i32Shl().i32Add().set(end);
  c.loop();
  c.get(i).i64Load().set(key);
  digitAddr();
  c.tee(b).i32Load().set(pos);
  c.get(b).get(pos).i32(1).i32Add().i32Store();
  c.get(pos).i32(3).i32Shl().get(dst).i32Add().get(key).i64Store();
  c.get(i).i32(8).i32Add().tee(i).get(end).i32LtU().brIf(0);
  c.end();
  c.i32(1);
  return { name: 'pass', params: [I32, I32, I32, I32, I32, I32], results: [I32], locals: [I32, I32, I32, I32, I32, I32, I64, I64], body: c };
}

/**
 * insertionFix(keys, n, budget) -> ok: keys ordered by their high word put in full order (stable insertion;
 * a key only moves past larger keys, which share its high word). Returns 0, the keys still a permutation,
 * once more than `budget` moves were made.
 */
function insertionFunction(): WasmFunction {
  const [keys, n, budget] = [0, 1, 2];
  const [i, end, j, key] = [3, 4, 5, 6];
  const c = new Code();
  c.get(keys).i32(8).i32Add().set(i);
  c.get(keys).get(n).i32(3).i32Shl().i32Add().set(end);
  c.block().loop();
  c.get(i).get(end).i32GeU().brIf(1);
  c.get(i).i64Load().set(key);
  c.block();
  c.get(i).i32(8).i32Sub().i64Load().get(key).i64LeU().brIf(0);
  c.get(i).set(j);
  c.loop();
  c.get(j).get(j).i32(8).i32Sub().tee(j).i64Load().i64Store();
  c.block();
  c.get(j).get(keys).i32Eq().brIf(0);
  c.get(j).i32(8).i32Sub().i64Load().get(key).i64GtU().brIf(1);
  c.end();
  c.end();
  c.get(j).get(key).i64Store();
  c.block();
  c.get(budget).get(i).get(j).i32Sub().i32(3).i32ShrU().i32Sub().tee(budget).i32(0).i32LtS().i32Eqz().brIf(0);
  c.i32(0).return();
  c.end();
  c.end();
  c.get(i).i32(8).i32Add().set(i);
  c.br(0);
  c.end().end();
  c.i32(1);
  return { name: 'insertionFix', params: [I32, I32, I32], results: [I32], locals: [I32, I32, I32, I64], body: c };
}

/** toDoubles(keys, n): keys back to the doubles they came from, in place. */
function toDoublesFunction(): WasmFunction {
  const [keys, n] = [0, 1];
  const [i, end, v] = [2, 3, 4];
  const c = new Code();
  c.get(keys).tee(i).get(n).i32(3).i32Shl().i32Add().set(end);
  c.loop();
  // Sign bit set (a positive double): clear it; else flip every bit.
  c.get(i).get(i).i64Load().tee(v).get(v).i64(63n).i64ShrS().i64(-1n).i64Xor().i64(MIN_I64).i64Or().i64Xor().i64Store();
  c.get(i).i32(8).i32Add().tee(i).get(end).i32LtU().brIf(0);
  c.end();
  return { name: 'toDoubles', params: [I32, I32], results: [], locals: [I32, I32, I64], body: c };
}

/** This thread's kernel: compiled on first use, null where WebAssembly is unavailable. */
const loadKernel = threadKernel(() => [keysFunction(), countFunction(), passFunction(), insertionFunction(), toDoublesFunction()]);

/**
 * Sorts the values of `values` — all of them, or with `finiteOnly` the finite ones — ascending into `out`
 * (which may be `values` itself), whose length must be the number of values sorted; NaN must not be present
 * unless `finiteOnly` skips it. False, with `out` untouched, when the kernel cannot run here.
 */
export function wasmRadixSort(values: Float64Array, out: Float64Array, finiteOnly: boolean): boolean {
  return sortInKernel(values, finiteOnly, () => out) !== null;
}

/**
 * The finite values of `values` sorted ascending into `allocate(count)`, and how many NaN were skipped: the
 * count comes from the pass that makes the keys, so the caller needs no counting pass of its own. Null,
 * with nothing allocated, when the kernel cannot run here.
 */
export function wasmSortFinite(values: Float64Array, allocate: (n: number) => Float64Array): { sorted: Float64Array; nan: number } | null {
  return sortInKernel(values, true, allocate);
}

function sortInKernel(values: Float64Array, finiteOnly: boolean, target: (n: number) => Float64Array): { sorted: Float64Array; nan: number } | null {
  const k = loadKernel();
  const total = values.length;
  // Keys at 0, the scatter buffer after them, then the digit counts and the NaN count.
  const tmp = total * 8;
  const counts = 2 * tmp;
  const countInts = DIGITS.length * RADIX + 2;
  if (k === null || !reserveMemory(k.memory, counts + 4 * countInts)) return null;
  const { ex } = k;
  const buffer = k.memory.buffer;
  new Float64Array(buffer, 0, total).set(values);
  const countView = new Int32Array(buffer, counts, countInts);
  countView.fill(0);
  const n = ex.keys!(0, total, 0, counts, finiteOnly ? 1 : 0);
  const nan = countView[DIGITS.length * RADIX]!;
  const out = target(n);
  if (out.length !== n) throw new Error(`wasmRadixSort: ${n} values to sort into an array of ${out.length}`);
  if (n === 0) return { sorted: out, nan };
  let src = 0;
  let dst = tmp;
  const pass = (p: number): void => {
    const [shift, mask] = DIGITS[p]!;
    if (ex.pass!(src, dst, counts + p * TABLE_BYTES, n, shift, mask) === 1) [src, dst] = [dst, src];
  };
  for (const p of HIGH) pass(p);
  if (ex.insertionFix!(src, n, INSERTION_BUDGET * n) === 0) {
    // Long runs of equal high words: the full sort, from whatever order the keys are in now.
    countView.fill(0);
    ex.count!(src, n, counts);
    for (let p = 0; p < DIGITS.length; p++) pass(p);
  }
  ex.toDoubles!(src, n);
  out.set(new Float64Array(buffer, src, n));
  return { sorted: out, nan };
}
