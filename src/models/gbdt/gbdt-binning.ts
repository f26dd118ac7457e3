/**
 * Binning of GBDT training data straight into the training memory: the edges are `fitBinMapper`'s (its samples
 * sorted by the kernels' float64 radix sort, shared with the drift engine), and the bin lookup of row ranges is a
 * task with a WebAssembly kernel (gbdt-bin-kernels.ts) on both threads, writing the bins row-major and
 * column-major at once. Same edges and bins as `binFeatures`; without WebAssembly it is `binFeatures` itself on
 * the calling thread.
 */
import { binFeatures, fitBinMapper, type BinMapper } from '../trees/index.js';
import { align } from './gbdt-arena.js';
import type { GrowWorkspace } from './grow-gbdt-tree.js';

/** Rows are copied into the training memory this many bytes at a time for binning. */
const CHUNK_BYTES = 4 << 20;

/** Learns the bin edges of `x` (the workspace's n x d rows) and fills the workspace's bins. */
export function binIntoWorkspace(ws: GrowWorkspace, x: Float64Array, options: { maxBins: number; seed: number }): BinMapper {
  const { arena, runner } = ws;
  const { n, d } = arena.layout;
  if (!ws.kernels.wasm) {
    const { bins, mapper } = binFeatures(x, n, d, options);
    arena.setBins(bins, mapper.missingBin);
    return mapper;
  }
  const mapper = fitBinMapper(x, n, d, options);
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
