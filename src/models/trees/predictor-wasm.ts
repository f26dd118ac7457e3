/**
 * Batch prediction of complete-layout ensembles (predictor.ts) as WebAssembly generated for the ensemble.
 *
 * The walk is the same as the JavaScript one — `h = 2h + 1 + (x > t)` down a complete tree, leaves summed in tree
 * order from zero, so the sums are identical to the bit — but sixteen rows go down each tree side by side (their
 * loads are independent and overlap; the JavaScript walker runs out of registers past four), each step is a
 * dozen instructions with no bounds checks, and the depth loop is unrolled. A node is one 16-byte record
 * (threshold, the feature's byte offset in a row, the missing-value direction), so a step touches one cache
 * line. Blocks without NaN (checked with a SIMD scan) take a path without the missing-value test.
 *
 * Rows are copied into the module's memory 4,096 at a time (and the sums back), which costs a few percent. From
 * 8,192 rows a call starts a helper thread (predictor-helper.ts) that walks blocks of 128 rows with the calling
 * thread. Measured on 40k rows x 100 trees of depth 6: 1.3-1.6M rows/s on one thread, 1.6-2.1M with the helper,
 * against 0.75-0.8M for the JavaScript walk.
 */
import { chunkedWalker } from './predictor-helper.js';
import { hasNaNFunction, walkBlockFunction } from './predictor-wasm-blocks.js';
import { Code, F64, I32, WASM_PAGE, wasmApi, wasmModule, type ValType, type WasmExports, type WasmFunction } from '../../kernels/index.js';

/** The arrays of the complete layout (predictor.ts `completeLayout`). */
export interface CompleteLayout {
  /** Depth of the complete trees; each has 2^D - 1 inner nodes and 2^D leaves. */
  readonly depth: number;
  readonly nTrees: number;
  readonly nFeatures: number;
  readonly nOutputs: number;
  /** Per tree, inner nodes in heap order. */
  readonly feat: Int32Array;
  readonly thr: Float64Array;
  readonly missRight: Uint8Array;
  /** Per tree, leaf values (2^D each). */
  readonly leaf: Float64Array;
  /** Output each tree adds to. */
  readonly outIdx: Int32Array;
}

/** Adds the ensemble's raw sums for rows start..end-1 of row-major `x` into `out` (n x nOutputs). */
export type BatchWalker = (x: Float64Array, start: number, end: number, out: Float64Array) => void;

/** Rows copied into the module at a time. */
const CHUNK = 4096;
/** Batches of this many rows start the helper thread (predictor-helper.ts). */
const MIN_PARALLEL_ROWS = 8192;
/** Rows per tree-major pass: their values stay in the core's first-level cache while every tree walks them. */
const BLOCK = 128;
/** Rows walked side by side on the path without NaN. */
const LANES = 16;

/** The WebAssembly batch walker of `L`, or null where WebAssembly is unavailable. */
export function wasmBatchWalker(L: CompleteLayout): BatchWalker | null {
  if (!wasmApi || L.nTrees === 0) return null;
  const D = L.depth;
  const inner = (1 << D) - 1;
  const width = 1 << D;
  const { nTrees: nT, nFeatures: d, nOutputs: nOut } = L;
  let at = 64;
  const take = (bytes: number): number => {
    const o = at;
    at += Math.ceil(bytes / 64) * 64;
    return o;
  };
  const nodes = take(nT * inner * 16);
  const leaves = take(nT * width * 8);
  const outs = take(nT * 4);
  const xs = take(CHUNK * d * 8);
  const sums = take(CHUNK * nOut * 8);
  let memory;
  let module;
  let ex: WasmExports;
  try {
    // Shared, so that a helper thread can walk rows of the same chunk.
    const pages = Math.ceil(at / WASM_PAGE);
    memory = new wasmApi.Memory({ initial: pages, maximum: pages, shared: true });
    const lay = { D, inner, width, nT, d, nOut, nodes, leaves, outs, xs, sums };
    module = new wasmApi.Module(wasmModule(pages, [walkFunction(lay, 'fast', LANES, false), walkFunction(lay, 'safe', 1, true), hasNaNFunction(xs, d), walkBlockFunction(LANES)]));
    ex = new wasmApi.Instance(module, { env: { memory } }).exports;
  } catch {
    return null; // no memory for it: the JavaScript walker
  }
  const buf = memory.buffer;
  const nodeF = new Float64Array(buf, nodes, nT * inner * 2);
  const nodeI = new Int32Array(buf, nodes, nT * inner * 4);
  for (let k = 0; k < nT * inner; k++) {
    nodeF[2 * k] = L.thr[k];
    nodeI[4 * k + 2] = L.feat[k] * 8;
    nodeI[4 * k + 3] = L.missRight[k];
  }
  new Float64Array(buf, leaves, nT * width).set(L.leaf);
  new Int32Array(buf, outs, nT).set(L.outIdx);
  return chunkedWalker({
    memory, module, walkBlock: ex.walkBlock, blockRows: BLOCK, chunkRows: CHUNK, d, nOut,
    x: new Float64Array(buf, xs, CHUNK * d), sums: new Float64Array(buf, sums, CHUNK * nOut), minParallelRows: MIN_PARALLEL_ROWS,
  });
}

interface Lay {
  D: number;
  inner: number;
  width: number;
  nT: number;
  d: number;
  nOut: number;
  nodes: number;
  leaves: number;
  outs: number;
  xs: number;
  sums: number;
}

/**
 * `name(start, end)`: adds every tree's leaf to the sums of chunk rows start..end-1, `lanes` rows side by side
 * ((end - start) must be a multiple of `lanes`); `nan`: with the missing-value test.
 */
function walkFunction(L: Lay, name: string, lanes: number, nan: boolean): WasmFunction {
  const [start, end, node, leaf, tree, treeEnd, row, o, p, fo] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const h = 10;
  const xr = h + lanes;
  const v = xr + lanes;
  const c = new Code();
  // Heap positions count from 1 (children of h: 2h, 2h + 1), so a step is h = 2h + (x > t): `node` is one record
  // before tree's first, `leaf` one tree's width before its first leaf.
  c.i32(L.nodes - 16).set(node).i32(L.leaves - 8 * L.width).set(leaf).i32(L.outs).set(tree);
  c.i32(L.outs + L.nT * 4).set(treeEnd);
  c.block().get(start).get(end).i32GeU().brIf(0);
  c.loop(); // trees
  c.get(tree).i32Load().i32(3).i32Shl().set(o);
  c.get(start).set(row);
  c.loop(); // row groups
  for (let r = 0; r < lanes; r++) {
    c.i32(1).set(h + r);
    c.get(row).i32(r).i32Add().i32(L.d * 8).i32Mul().i32(L.xs).i32Add().set(xr + r);
  }
  for (let level = 0; level < L.D; level++) {
    for (let r = 0; r < lanes; r++) {
      c.get(node).get(h + r).i32(4).i32Shl().i32Add().tee(p).i32Load(8).set(fo);
      if (nan) {
        // x > t, or for NaN (which compares false) the learnt direction.
        c.get(xr + r).get(fo).i32Add().f64Load().set(v);
        c.get(v).get(p).f64Load().f64Gt();
        c.get(v).get(v).f64Ne().get(p).i32Load(12).i32And().i32Or();
      } else {
        c.get(xr + r).get(fo).i32Add().f64Load().get(p).f64Load().f64Gt();
      }
      c.get(h + r).i32(1).i32Shl().i32Add().set(h + r);
    }
  }
  for (let r = 0; r < lanes; r++) {
    // sums[(row + r) * nOut + outIdx] += leaf[h]
    c.get(row).i32(r).i32Add().i32(L.nOut * 8).i32Mul().get(o).i32Add().i32(L.sums).i32Add().tee(p);
    c.get(p).f64Load().get(leaf).get(h + r).i32(3).i32Shl().i32Add().f64Load().f64Add().f64Store();
  }
  c.get(row).i32(lanes).i32Add().tee(row).get(end).i32LtU().brIf(0);
  c.end();
  c.get(leaf).i32(L.width * 8).i32Add().set(leaf);
  c.get(node).i32(L.inner * 16).i32Add().set(node);
  c.get(tree).i32(4).i32Add().tee(tree).get(treeEnd).i32LtU().brIf(0);
  c.end().end();
  const locals: ValType[] = [I32, I32, I32, I32, I32, I32, I32, I32, ...Array<ValType>(2 * lanes).fill(I32), F64];
  return { name, params: [I32, I32], results: [], locals, body: c };
}
