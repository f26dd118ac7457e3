/**
 * Binning of GBDT training data straight into the training memory, on both threads: the samples' sorts (for the
 * quantile edges, binning.ts) and the bin lookup of row ranges are tasks with WebAssembly kernels
 * (gbdt-bin-kernels.ts), and the bins are written row-major and column-major at once. Same edges and bins as
 * `binFeatures` (the radix sort orders values exactly as the built-in sort does); without WebAssembly it is
 * `binFeatures` itself on the calling thread.
 */
import { binFeatures, fitBinMapperWith, type BinMapper } from '../trees/index.js';
import { align } from './gbdt-arena.js';
import type { GrowWorkspace } from './grow-gbdt-tree.js';

/** Rows are copied into the training memory this many bytes at a time for binning. */
const CHUNK_BYTES = 4 << 20;
/** Arrays shorter than this are sorted in place by the built-in sort: a task would cost more. */
const MIN_TASK_SORT = 1024;

/** Learns the bin edges of `x` (the workspace's n x d rows) and fills the workspace's bins. */
export function binIntoWorkspace(ws: GrowWorkspace, x: Float64Array, options: { maxBins: number; seed: number }): BinMapper {
  const { arena, runner } = ws;
  const { n, d } = arena.layout;
  if (!ws.kernels.wasm) {
    const { bins, mapper } = binFeatures(x, n, d, options);
    arena.setBins(bins, mapper.missingBin);
    return mapper;
  }
  const mapper = fitBinMapperWith(x, n, d, options, (arrays) => sortInArena(ws, arrays));
  arena.missingBin.set(mapper.missingBin);

  const rowBytes = d * 8;
  const chunkRows = Math.max(1, Math.min(n, Math.floor(CHUNK_BYTES / rowBytes)));
  const edges = arena.binningScratch(align(d * 256 * 8) + chunkRows * rowBytes);
  const xs = edges + align(d * 256 * 8);
  const f64 = new Float64Array(arena.memory!.buffer);
  // Each feature's edges padded to 256 with +Infinity (the 8-step search of applyBins).
  f64.fill(Infinity, edges / 8, edges / 8 + d * 256);
  for (let f = 0; f < d; f++) f64.set(mapper.upper[f], edges / 8 + f * 256);
  for (let c0 = 0; c0 < n; c0 += chunkRows) {
    const m = Math.min(chunkRows, n - c0);
    f64.set(x.subarray(c0 * d, (c0 + m) * d), xs / 8);
    const step = Math.max(256, Math.ceil(m / 8));
    for (let s = 0; s < m; s += step) runner.addBinRows(c0 + s, c0 + Math.min(m, s + step), xs, c0, edges);
    runner.run();
  }
  return mapper;
}

/** Sorts the arrays in place: the long ones as radix-sort tasks in the training memory. */
function sortInArena(ws: GrowWorkspace, arrays: Float64Array[]): void {
  const big = arrays.filter((a) => a.length >= MIN_TASK_SORT);
  for (const a of arrays) if (a.length < MIN_TASK_SORT) a.sort();
  if (big.length === 0) return;
  // Per array: its values, as many for the scatter, 2048 counters.
  const bytes = big.reduce((s, a) => s + 2 * align(a.length * 8) + 8192, 0);
  const base = ws.arena.binningScratch(bytes);
  const f64 = new Float64Array(ws.arena.memory!.buffer);
  const at: number[] = [];
  let o = base;
  for (const a of big) {
    at.push(o);
    f64.set(a, o / 8);
    const tmp = o + align(a.length * 8);
    ws.runner.addSort(o, tmp, tmp + align(a.length * 8), a.length);
    o = tmp + align(a.length * 8) + 8192;
  }
  ws.runner.run();
  big.forEach((a, j) => a.set(f64.subarray(at[j] / 8, at[j] / 8 + a.length)));
}
