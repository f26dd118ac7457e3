/**
 * The two functions every generated batch walker shares (predictor-wasm.ts, predictor-wasm-nodes.ts): the SIMD
 * NaN scan of a block of copied-in rows, and `walkBlock`, the export the calling thread and the helper thread
 * (predictor-helper.ts) call, which picks the path without the missing-value test when the block has no NaN.
 * A module lists its functions as [fast walk, safe walk, hasNaN, walkBlock], in that order: walkBlock calls the
 * others by index.
 */
import { Code, F64, I32, V128, type WasmFunction } from '../../kernels/index.js';

const [FAST, SAFE, HAS_NAN] = [0, 1, 2];

/**
 * walkBlock(b, e): chunk rows b..e-1 (one block), on the path without NaN when the block has none. The fast
 * path walks `lanes` rows side by side, so it takes the largest multiple of `lanes` rows from b and the safe
 * path the rest.
 */
export function walkBlockFunction(lanes: number): WasmFunction {
  const [b, e, f] = [0, 1, 2];
  const c = new Code();
  c.block().get(b).get(e).call(HAS_NAN).i32Eqz().brIf(0);
  c.get(b).get(e).call(SAFE).return();
  c.end();
  c.get(e).get(e).get(b).i32Sub().i32(lanes).i32RemU().i32Sub().set(f);
  c.block().get(b).get(f).i32LtU().i32Eqz().brIf(0);
  c.get(b).get(f).call(FAST);
  c.end();
  c.block().get(f).get(e).i32LtU().i32Eqz().brIf(0);
  c.get(f).get(e).call(SAFE);
  c.end();
  return { name: 'walkBlock', params: [I32, I32], results: [], locals: [I32], body: c };
}

/** hasNaN(start, end) -> 1 when a value of chunk rows start..end-1 (rows of `d` values from byte `xs`) is NaN. */
export function hasNaNFunction(xs: number, d: number): WasmFunction {
  const [start, end, p, pend, acc, w, one, any] = [0, 1, 2, 3, 4, 5, 6, 7];
  const c = new Code();
  c.get(start).i32(d * 8).i32Mul().i32(xs).i32Add().set(p);
  c.get(end).i32(d * 8).i32Mul().i32(xs).i32Add().set(pend);
  // Pairs of values; an odd total leaves one value, checked on its own.
  c.block().loop();
  c.get(p).i32(16).i32Add().get(pend).i32LeU().i32(1).i32Xor().brIf(1);
  c.get(p).v128Load().tee(w).get(w).f64x2Ne().get(acc).v128Or().set(acc);
  c.get(p).i32(16).i32Add().set(p);
  c.br(0);
  c.end().end();
  c.get(acc).v128AnyTrue().set(any);
  c.block().get(p).get(pend).i32GeU().brIf(0);
  c.get(any).get(p).f64Load().tee(one).get(one).f64Ne().i32Or().set(any);
  c.end();
  c.get(any);
  return { name: 'hasNaN', params: [I32, I32], results: [I32], locals: [I32, I32, V128, V128, F64, I32], body: c };
}
