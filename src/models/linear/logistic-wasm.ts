/**
 * The two passes over X of the binary logistic objective (logistic-objective.ts), as WebAssembly generated for the
 * matrix's width: `margins` (z = b + w·x for a block of rows) and `accumulate` (g += r·x for the same rows). Each
 * row is read as pairs of f64 with SIMD (f64x2), the weights and the gradient stay in registers for the whole
 * block, and the margins use four independent accumulators so that the additions do not wait on each other.
 * The per-row loss, probability and residual (an exp and a log1p each) are computed by the caller between the two
 * calls, on the block's margins in the module's memory; the block's rows are then still in cache for `accumulate`.
 *
 * X is copied into the module's memory once per fit (L-BFGS evaluates the objective 15-30 times). On the
 * benchmark's 160,000 x 30 matrix an evaluation took ~20 ms in the JavaScript loop and ~8 ms here.
 */
import type { ColumnScaling } from './standardize.js';
import { Code, F64, I32, V128, WASM_PAGE, wasmApi, wasmModule, type ValType, type WasmExports, type WasmFunction } from '../../kernels/index.js';

/** Rows per block: their margins, and their values for the second pass, stay in the first-level cache. */
export const LOGISTIC_BLOCK = 128;
/** Widths above this use the JavaScript loop (the generated code holds one register pair per two features). */
const MAX_WIDTH = 1024;
/** Matrices above this size are not copied (the JavaScript loop reads them in place). */
const MAX_BYTES = 1 << 30;

export interface LogisticKernels {
  /** Weights w_0..w_{d-1}, then the intercept: write before `margins`. */
  readonly w: Float64Array;
  /** Gradient accumulators (d): zero before the first `accumulate` of an evaluation. */
  readonly g: Float64Array;
  /** The block's margins after `margins`; the caller overwrites them with residuals for `accumulate`. */
  readonly z: Float64Array;
  /** z[k] = b + w·x for rows r0..r1-1 (at most LOGISTIC_BLOCK). */
  margins(r0: number, r1: number): void;
  /** g += z[k]·x for rows r0..r1-1. */
  accumulate(r0: number, r1: number): void;
}

/**
 * Kernels over a copy of `X` (row-major n x d), standardised in the copy when `scaling` is given (the same
 * (x - mean) / scale as applyScaling, to the bit, without a second matrix); null where WebAssembly is unavailable
 * or X is too large.
 */
export function logisticKernels(X: Float64Array, n: number, d: number, scaling: ColumnScaling | null = null): LogisticKernels | null {
  const k = kernelModule(n, d, LOGISTIC_BLOCK);
  if (k === null) return null;
  k.x.set(X);
  if (scaling) {
    // Mean and scale go where the weights and gradient will be: standardize reads them from there once.
    k.w.set(scaling.mean);
    k.g.set(scaling.scale);
    k.standardize(0, n);
  }
  return k;
}

interface KernelModule extends LogisticKernels {
  /** The rows the kernels read (capacity x d). */
  readonly x: Float64Array;
  standardize(r0: number, r1: number): void;
}

/** A module for `capacity` rows of width d, with room for the margins of `zRows` rows at a time. */
function kernelModule(capacity: number, d: number, zRows: number): KernelModule | null {
  if (!wasmApi || d < 1 || d > MAX_WIDTH || capacity * d * 8 > MAX_BYTES) return null;
  const W = 64;
  const G = W + Math.ceil(((d + 1) * 8) / 64) * 64;
  const Z = G + Math.ceil((d * 8) / 64) * 64;
  const XO = Z + Math.ceil((zRows * 8) / 64) * 64;
  const pages = Math.ceil((XO + capacity * d * 8) / WASM_PAGE);
  let ex: WasmExports;
  let buffer: ArrayBuffer | SharedArrayBuffer;
  try {
    const memory = new wasmApi.Memory({ initial: pages });
    const lay = { d, W, G, Z, XO };
    ex = new wasmApi.Instance(new wasmApi.Module(wasmModule(null, [marginsFunction(lay), accumulateFunction(lay), standardizeFunction(lay)])), { env: { memory } })
      .exports;
    buffer = memory.buffer;
  } catch {
    return null;
  }
  const { margins, accumulate, standardize } = ex;
  return {
    x: new Float64Array(buffer, XO, capacity * d),
    w: new Float64Array(buffer, W, d + 1),
    g: new Float64Array(buffer, G, d),
    z: new Float64Array(buffer, Z, zRows),
    margins: (r0, r1) => void margins(r0, r1),
    accumulate: (r0, r1) => void accumulate(r0, r1),
    standardize: (r0, r1) => void standardize(r0, r1),
  };
}

/** Rows per call of the prediction margins (copied in, then their margins read back): at most 1 MB of rows. */
const predictChunk = (d: number): number => Math.max(16, Math.min(2048, Math.floor((1 << 20) / (d * 8))));
/** One prediction module per width, made on first use (a module depends on the width only). */
const predictModules = new Map<number, KernelModule | null>();

/**
 * Writes b + w·x of every row of X (row-major n x d) into `z` (length n), by the SIMD margins kernel over chunks
 * copied into its memory (one module per width, at most eight kept); returns false (z untouched) where WebAssembly is unavailable or d is too wide.
 */
export function logisticMargins(coef: Float64Array, b: number, X: Float64Array, n: number, d: number, z: Float64Array): boolean {
  let k = predictModules.get(d);
  if (k === undefined) {
    k = kernelModule(predictChunk(d), d, predictChunk(d));
    // A few widths are kept; a caller cycling through many makes a module for each call rather than many resident.
    if (predictModules.size < 8) predictModules.set(d, k);
  }
  if (k === null) return false;
  k.w.set(coef.subarray(0, d));
  k.w[d] = b;
  const chunk = k.z.length;
  for (let r0 = 0; r0 < n; r0 += chunk) {
    const m = Math.min(n, r0 + chunk) - r0;
    k.x.set(X.subarray(r0 * d, (r0 + m) * d));
    k.margins(0, m);
    z.set(k.z.subarray(0, m), r0);
  }
  return true;
}

interface Lay {
  d: number;
  W: number;
  G: number;
  Z: number;
  XO: number;
}

/** margins(r0, r1): z[k] = b + w·x_{r0+k}. */
function marginsFunction(L: Lay): WasmFunction {
  const { d } = L;
  const P = d >> 1;
  const odd = d % 2 === 1;
  const A = Math.min(4, P);
  const [r0, r1, p, end, q, b, ws] = [0, 1, 2, 3, 4, 5, 6];
  const acc = 7;
  const wv = acc + A;
  const c = new Code();
  c.block().get(r0).get(r1).i32GeU().brIf(0);
  c.get(r0).i32(d * 8).i32Mul().i32(L.XO).i32Add().set(p);
  c.get(r1).i32(d * 8).i32Mul().i32(L.XO).i32Add().set(end);
  c.i32(L.Z).set(q);
  for (let k = 0; k < P; k++) c.i32(0).v128Load(L.W + 16 * k).set(wv + k);
  c.i32(0).f64Load(L.W + 8 * d).set(b);
  if (odd) c.i32(0).f64Load(L.W + 8 * (d - 1)).set(ws);
  c.loop();
  for (let k = 0; k < P; k++) {
    const a = acc + (k % A);
    if (k >= A) c.get(a);
    c.get(p).v128Load(16 * k).get(wv + k).f64x2Mul();
    if (k >= A) c.f64x2Add();
    c.set(a);
  }
  // z = ((b + [x_{d-1} w_{d-1}]) + lane 0) + lane 1 of ((acc0 + acc1) + (acc2 + acc3))
  c.get(q).get(b);
  if (odd) c.get(p).f64Load(8 * (d - 1)).get(ws).f64Mul().f64Add();
  if (P > 0) {
    const sum = (lo: number, hi: number): void => {
      if (hi - lo === 1) {
        c.get(acc + lo);
        return;
      }
      const mid = (lo + hi) >> 1;
      sum(lo, mid);
      sum(mid, hi);
      c.f64x2Add();
    };
    sum(0, A);
    c.set(acc);
    c.get(acc).f64x2ExtractLane(0).f64Add().get(acc).f64x2ExtractLane(1).f64Add();
  }
  c.f64Store();
  c.get(q).i32(8).i32Add().set(q);
  c.get(p).i32(d * 8).i32Add().tee(p).get(end).i32LtU().brIf(0);
  c.end().end();
  const locals: ValType[] = [I32, I32, I32, F64, F64, ...Array<ValType>(A + P).fill(V128)];
  return { name: 'margins', params: [I32, I32], results: [], locals, body: c };
}

/** accumulate(r0, r1): g += z[k]·x_{r0+k}. */
function accumulateFunction(L: Lay): WasmFunction {
  const { d } = L;
  const P = d >> 1;
  const odd = d % 2 === 1;
  const [r0, r1, p, end, q, rs, gs, rv] = [0, 1, 2, 3, 4, 5, 6, 7];
  const gv = 8;
  const c = new Code();
  c.block().get(r0).get(r1).i32GeU().brIf(0);
  c.get(r0).i32(d * 8).i32Mul().i32(L.XO).i32Add().set(p);
  c.get(r1).i32(d * 8).i32Mul().i32(L.XO).i32Add().set(end);
  c.i32(L.Z).set(q);
  for (let k = 0; k < P; k++) c.i32(0).v128Load(L.G + 16 * k).set(gv + k);
  if (odd) c.i32(0).f64Load(L.G + 8 * (d - 1)).set(gs);
  c.loop();
  c.get(q).f64Load().tee(rs).f64x2Splat().set(rv);
  for (let k = 0; k < P; k++) c.get(gv + k).get(p).v128Load(16 * k).get(rv).f64x2Mul().f64x2Add().set(gv + k);
  if (odd) c.get(gs).get(p).f64Load(8 * (d - 1)).get(rs).f64Mul().f64Add().set(gs);
  c.get(q).i32(8).i32Add().set(q);
  c.get(p).i32(d * 8).i32Add().tee(p).get(end).i32LtU().brIf(0);
  c.end();
  for (let k = 0; k < P; k++) c.i32(0).get(gv + k).v128Store(L.G + 16 * k);
  if (odd) c.i32(0).get(gs).f64Store(L.G + 8 * (d - 1));
  c.end();
  const locals: ValType[] = [I32, I32, I32, F64, F64, V128, ...Array<ValType>(P).fill(V128)];
  return { name: 'accumulate', params: [I32, I32], results: [], locals, body: c };
}

/** standardize(r0, r1): x = (x - mean) / scale in place, mean at W and scale at G (pairs with SIMD). */
function standardizeFunction(L: Lay): WasmFunction {
  const { d } = L;
  const P = d >> 1;
  const odd = d % 2 === 1;
  const [r0, r1, p, end, ms, ss] = [0, 1, 2, 3, 4, 5];
  const mv = 6;
  const sv = mv + P;
  const c = new Code();
  c.block().get(r0).get(r1).i32GeU().brIf(0);
  c.get(r0).i32(d * 8).i32Mul().i32(L.XO).i32Add().set(p);
  c.get(r1).i32(d * 8).i32Mul().i32(L.XO).i32Add().set(end);
  for (let k = 0; k < P; k++) c.i32(0).v128Load(L.W + 16 * k).set(mv + k).i32(0).v128Load(L.G + 16 * k).set(sv + k);
  if (odd) c.i32(0).f64Load(L.W + 8 * (d - 1)).set(ms).i32(0).f64Load(L.G + 8 * (d - 1)).set(ss);
  c.loop();
  for (let k = 0; k < P; k++) c.get(p).get(p).v128Load(16 * k).get(mv + k).f64x2Sub().get(sv + k).f64x2Div().v128Store(16 * k);
  if (odd) c.get(p).get(p).f64Load(8 * (d - 1)).get(ms).f64Sub().get(ss).f64Div().f64Store(8 * (d - 1));
  c.get(p).i32(d * 8).i32Add().tee(p).get(end).i32LtU().brIf(0);
  c.end().end();
  const locals: ValType[] = [I32, I32, F64, F64, ...Array<ValType>(2 * P).fill(V128)];
  return { name: 'standardize', params: [I32, I32], results: [], locals, body: c };
}
