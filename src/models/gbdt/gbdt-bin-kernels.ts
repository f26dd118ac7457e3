/**
 * The binning kernel of GBDT training (see gbdt-binning.ts), in WebAssembly for the kernel module of
 * gbdt-kernels.ts: the bin lookup of rows, writing both the row-major and the column-major bins.
 */
import type { ArenaLayout } from './gbdt-arena.js';
import { Code, I32, F64, type ValType, type WasmFunction } from '../../kernels/index.js';

/**
 * binRows(start, end, x, row0, edges): bins rows start..end-1 whose values are at `x` (row-major, from row
 * `row0`) into the arena's row-major and column-major bins. `edges` holds each feature's upper edges padded to
 * 256 with +Infinity: the bin is the first edge >= the value, found in 8 branch-free halving steps (as
 * binning.ts `applyBins`); NaN goes to the feature's missing bin.
 */
export function binRowsFunction(L: ArenaLayout): WasmFunction {
  const [start, end, x, row0, edges] = [0, 1, 2, 3, 4];
  const [i, xr, rb] = [5, 6, 7];
  // Each search is a chain of 8 dependent loads: four features' chains are interleaved so they overlap
  // (straight-line code per row, feature offsets as constants).
  const G = 4;
  const lo = 8;
  const v = lo + G;
  const c = new Code();
  c.block().get(start).get(end).i32GeU().brIf(0);
  c.get(start).set(i);
  c.loop(); // rows
  c.get(i).get(row0).i32Sub().i32(L.d * 8).i32Mul().get(x).i32Add().set(xr);
  c.get(i).i32(L.d).i32Mul().set(rb);
  for (let f0 = 0; f0 < L.d; f0 += G) {
    const g = Math.min(G, L.d - f0);
    for (let j = 0; j < g; j++) c.get(xr).f64Load((f0 + j) * 8).set(v + j).i32(0).set(lo + j);
    for (let step = 128; step >= 1; step >>= 1) {
      for (let j = 0; j < g; j++) {
        // lo += (edge[lo + step - 1] < v) * step
        c.get(lo + j).get(lo + j).i32(3).i32Shl().get(edges).i32Add().f64Load((f0 + j) * 2048 + (step - 1) * 8).get(v + j).f64Lt();
        if (step > 1) c.i32(Math.log2(step)).i32Shl();
        c.i32Add().set(lo + j);
      }
    }
    for (let j = 0; j < g; j++) {
      const f = f0 + j;
      // NaN: the missing bin.
      c.get(rb).i32(0).i32Load8u(L.missingBin + f).get(lo + j).get(v + j).get(v + j).f64Ne().select().i32Store8(L.bins + f);
      c.get(i).i32(0).i32Load8u(L.missingBin + f).get(lo + j).get(v + j).get(v + j).f64Ne().select().i32Store8(L.binsT + f * L.n);
    }
  }
  c.get(i).i32(1).i32Add().tee(i).get(end).i32LtU().brIf(0);
  c.end();
  c.end();
  const locals: ValType[] = [I32, I32, I32, ...Array<ValType>(G).fill(I32), ...Array<ValType>(G).fill(F64)];
  return { name: 'binRows', params: [I32, I32, I32, I32, I32], results: [], locals, body: c };
}
