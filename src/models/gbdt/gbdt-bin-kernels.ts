/**
 * Binning kernels of GBDT training (see gbdt-binning.ts), in WebAssembly for the kernel module of
 * gbdt-kernels.ts: a radix sort of float64 values (the quantile edges need sorted samples; the built-in sort
 * costs ~90 ns per value) and the bin lookup of rows, writing both the row-major and the column-major bins.
 */
import type { ArenaLayout } from './gbdt-arena.js';
import { Code, I32, I64, F64, type ValType, type WasmFunction } from '../../kernels/index.js';

/**
 * sortF64(src, tmp, counts, n): sorts n NaN-free float64 at `src` in place, in the order of
 * Float64Array.prototype.sort (-0 before +0), with `tmp` (n values) and `counts` (2048 int32) as scratch.
 * LSD radix sort, 11 bits a pass, on the bits made order-preserving as unsigned integers (negative: all bits
 * flipped; positive: sign bit set); a pass whose digit is the same for every value is skipped.
 */
export function radixSortFunction(): WasmFunction {
  const [src0, tmp0, counts, n] = [0, 1, 2, 3];
  const [src, tmp, i, end, dgt, pos, sum, cnt, b, shift, v] = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const c = new Code();
  /** The digit of the i64 value in local `v` at the current shift, as i32. */
  const digit = (): void => {
    c.get(v).get(v).i64(63n).i64ShrS().i64(-0x8000000000000000n).i64Or().i64Xor().get(shift).i64ShrU().i32WrapI64().i32(0x7ff).i32And();
  };
  c.get(src0).set(src).get(tmp0).set(tmp);
  c.block().get(n).i32(2).i32LtU().brIf(0); // fewer than two values: sorted
  c.i64(0n).set(shift);
  c.loop(); // passes
  c.block(); // a skipped pass branches here
  c.get(counts).i32(0).i32(8192).memoryFill();
  c.get(src).tee(i).get(n).i32(3).i32Shl().i32Add().set(end);
  c.loop();
  c.get(i).i64Load().set(v);
  digit();
  c.i32(2).i32Shl().get(counts).i32Add().tee(pos).get(pos).i32Load().i32(1).i32Add().i32Store();
  c.get(i).i32(8).i32Add().tee(i).get(end).i32LtU().brIf(0);
  c.end();
  // Every value has the first value's digit: nothing moves.
  c.get(src).i64Load().set(v);
  digit();
  c.i32(2).i32Shl().get(counts).i32Add().i32Load().get(n).i32Eq().brIf(0);
  // Exclusive prefix sums.
  c.i32(0).set(sum).get(counts).set(b);
  c.loop();
  c.get(b).i32Load().set(cnt);
  c.get(b).get(sum).i32Store();
  c.get(sum).get(cnt).i32Add().set(sum);
  c.get(b).i32(4).i32Add().tee(b).get(counts).i32(8192).i32Add().i32LtU().brIf(0);
  c.end();
  // Stable scatter into tmp, then swap.
  c.get(src).set(i);
  c.loop();
  c.get(i).i64Load().set(v);
  digit();
  c.i32(2).i32Shl().get(counts).i32Add().tee(pos).i32Load().set(dgt);
  c.get(pos).get(dgt).i32(1).i32Add().i32Store();
  c.get(dgt).i32(3).i32Shl().get(tmp).i32Add().get(v).i64Store();
  c.get(i).i32(8).i32Add().tee(i).get(end).i32LtU().brIf(0);
  c.end();
  c.get(src).set(b).get(tmp).set(src).get(b).set(tmp);
  c.end(); // skip target
  c.get(shift).i64(11n).i64Add().tee(shift).i64(64n).i64LtU().brIf(0);
  c.end();
  // The sorted values are wherever the last pass left them.
  c.block().get(src).get(src0).i32Eq().brIf(0);
  c.get(src0).get(src).get(n).i32(3).i32Shl().memoryCopy();
  c.end();
  c.end();
  return { name: 'sortF64', params: [I32, I32, I32, I32], results: [], locals: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I64, I64], body: c };
}

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
