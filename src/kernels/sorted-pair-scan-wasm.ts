/**
 * The merge walk of stats/sorted-pair-scan.ts as a WebAssembly kernel, generated at run time. Same steps,
 * same floating-point operations in the same order (WebAssembly's f64 operations round like JavaScript's),
 * the same NumPy pairwise summation of the terms 8192 at a time: the results are bit-identical.
 *
 * Why a kernel for a loop JavaScript runs well once warm: a CLI run walks a few dozen large columns, so V8
 * compiles the walk during its first calls, and each path that had not run yet (a buffer flush, a sample
 * running out) throws the optimized code away again; on a 200,000-row file the cold walks cost several
 * times the warm ones. WebAssembly is compiled before the first call and never deoptimizes.
 */
import { reserveMemory, threadKernel } from './thread-kernel.js';
import { Code, F64, I32, type WasmFunction } from './wasm-assembler.js';

/** NumPy's summation buffer: the terms are summed this many at a time. */
const CHUNK = 8192;
const BLOCK = 128;

/** pairwise(ptr, n) -> f64: NumPy's pairwise sum of the n doubles at ptr (function 0, it calls itself). */
function pairwiseFunction(): WasmFunction {
  const [p, n] = [0, 1];
  const [res, r0, i, end, half] = [2, 3, 11, 12, 13];
  const c = new Code();
  const load = (k: number): void => {
    c.get(p).get(i).i32(3).i32Shl().i32Add().f64Load(8 * k);
  };
  // res += p[i] for the values from i to n, left to right, then return res.
  const addRestAndReturn = (): void => {
    c.block().loop();
    c.get(i).get(n).i32GeU().brIf(1);
    c.get(res);
    load(0);
    c.f64Add().set(res);
    c.get(i).i32(1).i32Add().set(i);
    c.br(0);
    c.end().end();
    c.get(res).return();
  };
  // n < 8: from +0 (np.sum([-0.0]) is 0.0), left to right.
  c.block();
  c.get(n).i32(8).i32GeU().brIf(0);
  c.f64(0).set(res);
  addRestAndReturn();
  c.end();
  // n <= 128: eight interleaved accumulators, then the remainder.
  c.block();
  c.i32(BLOCK).get(n).i32LtU().brIf(0);
  for (let k = 0; k < 8; k++) c.get(p).f64Load(8 * k).set(r0 + k);
  c.get(n).i32(-8).i32And().set(end);
  c.i32(8).set(i);
  c.block().loop();
  c.get(i).get(end).i32GeU().brIf(1);
  for (let k = 0; k < 8; k++) {
    c.get(r0 + k);
    load(k);
    c.f64Add().set(r0 + k);
  }
  c.get(i).i32(8).i32Add().set(i);
  c.br(0);
  c.end().end();
  c.get(r0).get(r0 + 1).f64Add().get(r0 + 2).get(r0 + 3).f64Add().f64Add();
  c.get(r0 + 4).get(r0 + 5).f64Add().get(r0 + 6).get(r0 + 7).f64Add().f64Add();
  c.f64Add().set(res);
  addRestAndReturn();
  c.end();
  // Larger: halves, the first rounded down to a multiple of 8.
  c.get(n).i32(1).i32ShrU().i32(-8).i32And().set(half);
  c.get(p).get(half).call(0);
  c.get(p).get(half).i32(3).i32Shl().i32Add().get(n).get(half).i32Sub().call(0);
  c.f64Add();
  return { name: 'pairwise', params: [I32, I32], results: [F64], locals: [F64, F64, F64, F64, F64, F64, F64, F64, F64, I32, I32, I32], body: c };
}

/**
 * scan(a, n1, b, n2, terms, out): the walk over the ascending samples at a and b (both non-empty), terms
 * summed through the CHUNK doubles at terms; writes distinct count, max gap, min gap and the Wasserstein
 * integral as four doubles at out.
 */
function scanFunction(): WasmFunction {
  const [a, n1, b, n2, terms, out] = [0, 1, 2, 3, 4, 5];
  const [i, j, fill, started, distinct, take, changed] = [6, 7, 8, 9, 10, 11, 12];
  const [total, maxGap, minGap, x, gap, va, vb, z, fn1, fn2, s] = [13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
  const c = new Code();
  const gapNow = (): void => {
    c.get(i).f64ConvertI32U().get(fn1).f64Div().get(j).f64ConvertI32U().get(fn2).f64Div().f64Sub().set(gap);
  };
  const flush = (count: () => void): void => {
    // total = started ? total + s : s (the first chunk's sum stands alone, as in numpySum).
    c.get(terms);
    count();
    c.call(0).set(s);
    c.get(total).get(s).f64Add().get(s).get(started).select().set(total);
    c.i32(1).set(started);
  };
  // One merged value z: its term with the gap before it, the distinct count and gap extremes, the new gap.
  const step = (): void => {
    c.get(terms).get(fill).i32(3).i32Shl().i32Add();
    c.get(gap).f64Abs().get(z).get(x).f64Sub().f64Mul().f64Store();
    c.get(fill).i32(1).i32Add().set(fill);
    c.get(z).get(x).f64Ne().tee(changed).get(distinct).i32Add().set(distinct);
    c.get(gap).get(maxGap).get(changed).get(gap).get(maxGap).f64Gt().i32And().select().set(maxGap);
    c.get(gap).get(minGap).get(changed).get(gap).get(minGap).f64Lt().i32And().select().set(minGap);
    gapNow();
    c.get(z).set(x);
    c.block();
    c.get(fill).i32(CHUNK).i32Ne().brIf(0);
    flush(() => c.i32(CHUNK));
    c.i32(0).set(fill);
    c.end();
  };
  c.get(n1).f64ConvertI32U().set(fn1);
  c.get(n2).f64ConvertI32U().set(fn2);
  c.f64(-Infinity).set(maxGap);
  c.f64(Infinity).set(minGap);
  c.i32(1).set(distinct);
  // The first value: the smaller first element (a's on a tie).
  c.get(a).f64Load().tee(va).get(b).f64Load().tee(vb).f64Le().tee(take).set(i);
  c.get(take).i32(1).i32Xor().set(j);
  c.get(va).get(vb).get(take).select().set(x);
  gapNow();
  // Both samples have values left.
  c.block().loop();
  c.get(i).get(n1).i32GeU().brIf(1);
  c.get(j).get(n2).i32GeU().brIf(1);
  c.get(a).get(i).i32(3).i32Shl().i32Add().f64Load().set(va);
  c.get(b).get(j).i32(3).i32Shl().i32Add().f64Load().set(vb);
  // A branch, not a select: the merge order is mostly predictable, and a select would chain each load
  // to the comparison before it.
  c.get(va).get(vb).f64Le().if();
  c.get(va).set(z).get(i).i32(1).i32Add().set(i);
  c.else();
  c.get(vb).set(z).get(j).i32(1).i32Add().set(j);
  c.end();
  step();
  c.br(0);
  c.end().end();
  // The rest of whichever sample is left (the other loop runs no step).
  for (const [k, n, p] of [[i, n1, a], [j, n2, b]] as const) {
    c.block().loop();
    c.get(k).get(n).i32GeU().brIf(1);
    c.get(p).get(k).i32(3).i32Shl().i32Add().f64Load().set(z);
    c.get(k).i32(1).i32Add().set(k);
    step();
    c.br(0);
    c.end().end();
  }
  // The last value's gap (0: both ECDFs are 1 there), then the partial chunk.
  c.get(gap).get(maxGap).get(gap).get(maxGap).f64Gt().select().set(maxGap);
  c.get(gap).get(minGap).get(gap).get(minGap).f64Lt().select().set(minGap);
  c.block();
  c.get(fill).i32Eqz().brIf(0);
  flush(() => c.get(fill));
  c.end();
  c.get(out).get(distinct).f64ConvertI32U().f64Store(0);
  c.get(out).get(maxGap).f64Store(8);
  c.get(out).get(minGap).f64Store(16);
  c.get(out).get(total).f64(0).get(started).select().f64Store(24);
  return {
    name: 'scan', params: [I32, I32, I32, I32, I32, I32], results: [],
    locals: [I32, I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64, F64, F64, F64], body: c,
  };
}

const loadKernel = threadKernel(() => [pairwiseFunction(), scanFunction()]);

/** What the walk yields, in stats/sorted-pair-scan.ts's terms. */
export interface PairScanFigures {
  readonly distinctBoth: number;
  readonly maxGap: number;
  readonly minGap: number;
  readonly wasserstein: number;
}

/**
 * The walk over `a` and `b` (non-empty, ascending, no NaN) in the kernel, or null when it cannot run here
 * (no WebAssembly, or memory for the copies cannot be had): the caller walks in JavaScript then.
 */
export function wasmScanSortedPair(a: Float64Array, b: Float64Array): PairScanFigures | null {
  const k = loadKernel();
  if (k === null) return null;
  const bAt = a.length * 8;
  const termsAt = bAt + b.length * 8;
  const outAt = termsAt + CHUNK * 8;
  if (!reserveMemory(k.memory, outAt + 32)) return null;
  const buffer = k.memory.buffer;
  new Float64Array(buffer, 0, a.length).set(a);
  new Float64Array(buffer, bAt, b.length).set(b);
  k.ex.scan!(0, a.length, bAt, b.length, termsAt, outAt);
  const out = new Float64Array(buffer, outAt, 4);
  return { distinctBoth: out[0]!, maxGap: out[1]!, minGap: out[2]!, wasserstein: out[3]! };
}
