/**
 * Batch prediction of node-layout ensembles (predictor.ts: random forests, and GBDT trees deeper than the complete
 * layout allows) as WebAssembly generated for the ensemble, the counterpart of predictor-wasm.ts.
 *
 * A forest is ~100 fully grown trees of ~15,000 nodes, ~17 levels deep on average and ~40 at most, so the walk is
 * bound by dependent loads, not arithmetic. What makes it fast:
 * - One 16-byte record per node: threshold, the feature's byte offset in a row, the left child's address (the
 *   right child is the next record). A step reads one record, one input value, and moves to
 *   `left + 16 * (x > t)`: no branch. A tree of 15,000 nodes is 240 KB and stays in the core's second-level cache
 *   while a block of rows walks it (the JavaScript arrays of the same tree, with leaf values inline, are ~500 KB).
 * - Leaves point to themselves, with a NaN threshold (nothing compares greater than NaN), so a row that reached
 *   its leaf stays there: sixteen rows walk a tree side by side, a fixed number of steps at a time, with no
 *   per-row leaf test — their loads are independent and overlap. After every few steps one test asks whether all
 *   sixteen have arrived. The leaf's record carries its values' address in the NaN's payload.
 * - Tree-major blocks of thousands of rows: one tree's records are read from memory once per block rather than once
 *   per row, and the records of a path down the tree are close together (predictor.ts numbers nodes depth-first).
 * - Blocks without NaN (a SIMD scan) take the path without the missing-value test; the other path reads each
 *   node's learnt missing direction from a byte array.
 * Leaves are summed in tree order from zero, as the JavaScript node walk does, so the sums are identical to the bit.
 * Rows are copied into the module's memory a chunk (two blocks) at a time; a call of more than one block starts the
 * predictor's helper thread (predictor-helper.ts), which walks blocks of the same chunk.
 * Measured on the benchmark's forest (100 trees, 1.5M nodes, 40k rows x 30 features): ~190k rows/s on one thread
 * (CPU time), against 39k for the JavaScript node walk.
 */
import { chunkedWalker } from './predictor-helper.js';
import { hasNaNFunction, walkBlockFunction } from './predictor-wasm-blocks.js';
import type { BatchWalker } from './predictor-wasm.js';
import { Code, F64, I32, WASM_MAX_PAGES, WASM_PAGE, wasmApi, wasmModule, type ValType, type WasmExports, type WasmFunction } from '../../kernels/index.js';

/** The node arrays of predictor.ts's `nodeLayout`: every tree's nodes, renumbered so that right = left + 1. */
export interface NodeLayout {
  readonly nTrees: number;
  readonly nFeatures: number;
  readonly nOutputs: number;
  readonly valueDim: number;
  /** Index of each tree's root. */
  readonly roots: Int32Array;
  /** Per node: the feature tested, or -1 for a leaf. */
  readonly feat: Int32Array;
  readonly thr: Float64Array;
  /** Per inner node: index of the left child (the right one follows it). */
  readonly child: Int32Array;
  readonly missRight: Uint8Array;
  /** Per node, valueDim numbers (zeros for inner nodes). */
  readonly value: Float64Array;
  /** Output each tree adds to when valueDim is 1 (a tree with valueDim > 1 adds to outputs 0..valueDim-1). */
  readonly outIdx: Int32Array;
}

/** Bytes of rows copied into the module at a time: 16,384 rows of 30 features. */
const CHUNK_BYTES = 4 << 20;
const MAX_CHUNK = 16_384;
const LANES = 16;
/** Steps all lanes take between two "have all arrived?" tests. */
const STEPS = 4;
/** The high word of a leaf's threshold: a quiet NaN; the low word is the address of the leaf's values. */
const LEAF_NAN_HIGH = 0x7ff80000;

/** The WebAssembly batch walker of `L`, or null where WebAssembly is unavailable or the layout does not fit. */
export function wasmNodeWalker(L: NodeLayout): BatchWalker | null {
  if (!wasmApi || L.nTrees === 0) return null;
  const { nTrees: nT, nFeatures: d, nOutputs: nOut, valueDim: vd } = L;
  const total = L.feat.length;
  let leaves = 0;
  for (let k = 0; k < total; k++) {
    if (L.feat[k] < 0) leaves++;
    // A NaN threshold would read as a leaf: such a model walks in JavaScript.
    else if (Number.isNaN(L.thr[k])) return null;
  }
  // Rows per chunk, and per tree-major block: half a chunk, so that the helper thread has a block to take. A long
  // block reads each tree's records from memory once for many rows: on the benchmark's forest, blocks of 8,192
  // rows walked 2.2x faster than blocks of 512 (the trees, 24 MB, do not stay in cache from one block to the next).
  const chunk = Math.max(2 * LANES, Math.min(MAX_CHUNK, Math.floor(CHUNK_BYTES / (d * 8 * 2 * LANES)) * 2 * LANES));
  const blockRows = chunk / 2;
  let at = 64;
  const take = (bytes: number): number => {
    const o = at;
    at += Math.ceil(bytes / 64) * 64;
    return o;
  };
  const nodes = take(total * 16);
  const values = take(leaves * vd * 8);
  const miss = take(total);
  const trees = take(nT * 8);
  const xs = take(chunk * d * 8);
  const sums = take(chunk * nOut * 8);
  const pages = Math.ceil(at / WASM_PAGE);
  if (pages > WASM_MAX_PAGES / 2) return null; // addresses stay below 2^31
  let memory;
  let module;
  let ex: WasmExports;
  try {
    memory = new wasmApi.Memory({ initial: pages, maximum: pages, shared: true });
    const lay: Lay = { d, nOut, vd, nodes, miss, trees, treesEnd: trees + nT * 8, xs, sums };
    module = new wasmApi.Module(
      wasmModule(pages, [walkFunction(lay, 'fast', LANES, false), walkFunction(lay, 'safe', 1, true), hasNaNFunction(xs, d), walkBlockFunction(LANES)]),
    );
    ex = new wasmApi.Instance(module, { env: { memory } }).exports;
  } catch {
    return null; // no memory for it: the JavaScript walker
  }
  const buf = memory.buffer;
  const nodeF = new Float64Array(buf, nodes, total * 2);
  const nodeI = new Int32Array(buf, nodes, total * 4);
  const valueF = new Float64Array(buf, values, leaves * vd);
  const missB = new Uint8Array(buf, miss, total);
  let leaf = 0;
  for (let k = 0; k < total; k++) {
    if (L.feat[k] >= 0) {
      nodeF[2 * k] = L.thr[k];
      nodeI[4 * k + 2] = L.feat[k] * 8;
      nodeI[4 * k + 3] = nodes + 16 * L.child[k];
      missB[k] = L.missRight[k];
    } else {
      nodeI[4 * k] = values + leaf * vd * 8;
      nodeI[4 * k + 1] = LEAF_NAN_HIGH;
      nodeI[4 * k + 3] = nodes + 16 * k;
      for (let j = 0; j < vd; j++) valueF[leaf * vd + j] = L.value[k * vd + j];
      leaf++;
    }
  }
  const treeI = new Int32Array(buf, trees, nT * 2);
  for (let t = 0; t < nT; t++) {
    treeI[2 * t] = nodes + 16 * L.roots[t];
    treeI[2 * t + 1] = (vd === 1 ? L.outIdx[t] : 0) * 8;
  }
  return chunkedWalker({
    memory, module, walkBlock: ex.walkBlock, blockRows, chunkRows: chunk, d, nOut,
    x: new Float64Array(buf, xs, chunk * d), sums: new Float64Array(buf, sums, chunk * nOut),
    // Two blocks or more: the helper thread can take one.
    minParallelRows: blockRows + 1,
  });
}

interface Lay {
  d: number;
  nOut: number;
  vd: number;
  nodes: number;
  miss: number;
  trees: number;
  treesEnd: number;
  xs: number;
  sums: number;
}

/**
 * `name(start, end)`: adds every tree's leaf values to the sums of chunk rows start..end-1, `lanes` rows side by
 * side ((end - start) must be a multiple of `lanes`); `nan`: with the missing-value test.
 */
function walkFunction(L: Lay, name: string, lanes: number, nan: boolean): WasmFunction {
  const [start, end, tree, root, o, row, p, any] = [0, 1, 2, 3, 4, 5, 6, 7];
  const node = 8;
  const xr = node + lanes;
  const v = xr + lanes;
  const c = new Code();
  c.block().get(start).get(end).i32GeU().brIf(0);
  c.i32(L.trees).set(tree);
  c.loop(); // trees
  c.get(tree).i32Load().set(root).get(tree).i32Load(4).set(o);
  c.get(start).set(row);
  c.loop(); // row groups
  for (let r = 0; r < lanes; r++) {
    c.get(root).set(node + r);
    c.get(row).i32(r).i32Add().i32(L.d * 8).i32Mul().i32(L.xs).i32Add().set(xr + r);
  }
  c.loop(); // steps, until every lane is at its leaf
  for (let s = 0; s < STEPS; s++) {
    for (let r = 0; r < lanes; r++) {
      const n = node + r;
      // next = left + 16 * (x > t); at a leaf left is itself and t is NaN.
      c.get(n).i32Load(12);
      if (nan) {
        c.get(xr + r).get(n).i32Load(8).i32Add().f64Load().set(v);
        c.get(v).get(n).f64Load().f64Gt();
        // NaN compares false: the learnt direction (0 at leaves) instead.
        c.get(v).get(v).f64Ne().get(n).i32(L.nodes).i32Sub().i32(4).i32ShrU().i32(L.miss).i32Add().i32Load8u().i32And().i32Or();
      } else {
        c.get(xr + r).get(n).i32Load(8).i32Add().f64Load().get(n).f64Load().f64Gt();
      }
      c.i32(4).i32Shl().i32Add().set(n);
    }
  }
  c.i32(0).set(any);
  for (let r = 0; r < lanes; r++) c.get(node + r).i32Load(12).get(node + r).i32Ne().get(any).i32Or().set(any);
  c.get(any).brIf(0);
  c.end();
  for (let r = 0; r < lanes; r++) {
    // The leaf's values: the low word of its NaN threshold.
    c.get(node + r).i32Load().set(p);
    const rowOff = (): Code => c.get(row).i32(r).i32Add().i32(L.nOut * 8).i32Mul().i32(L.sums).i32Add();
    if (L.vd === 1) {
      rowOff().get(o).i32Add().tee(any);
      c.get(any).f64Load().get(p).f64Load().f64Add().f64Store();
    } else {
      rowOff().set(any);
      for (let k = 0; k < L.vd; k++) c.get(any).get(any).f64Load(8 * k).get(p).f64Load(8 * k).f64Add().f64Store(8 * k);
    }
  }
  c.get(row).i32(lanes).i32Add().tee(row).get(end).i32LtU().brIf(0);
  c.end();
  c.get(tree).i32(8).i32Add().tee(tree).i32(L.treesEnd).i32LtU().brIf(0);
  c.end().end();
  const locals: ValType[] = [I32, I32, I32, I32, I32, I32, ...Array<ValType>(2 * lanes).fill(I32), F64];
  return { name, params: [I32, I32], results: [], locals, body: c };
}
