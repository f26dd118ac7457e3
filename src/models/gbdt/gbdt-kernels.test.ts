import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { GbdtArena } from './gbdt-arena.js';
import { compileKernels, jsKernels, wasmKernels, type GbdtKernels } from './gbdt-kernels.js';
import { applyBins, fitBinMapper } from '../trees/index.js';
import { binIntoWorkspace } from './gbdt-binning.js';
import { GrowWorkspace, growGbdtTree } from './grow-gbdt-tree.js';

/** Random bins (some features with few bins and a missing bin), gradients and an increasing row subset. */
function problem(n: number, d: number, seed: number) {
  const rng = createRng(seed);
  const missingBin = Uint8Array.from({ length: d }, (_, f) => (f % 3 === 0 ? 7 : 255));
  const bins = new Uint8Array(n * d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) bins[i * d + f] = rng.int(missingBin[f] + 1);
  const y = Float64Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
  const gh = Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? rng.normal() : 0.05 + rng.next()));
  return { bins, y, gh, missingBin, rng };
}

function both(n: number, d: number, slots: 2 | 3, seed: number): { arenas: GbdtArena[]; kernels: GbdtKernels[] } {
  const p = problem(n, d, seed);
  const arenas = [new GbdtArena(p.y, n, d, slots, 1, true), new GbdtArena(p.y, n, d, slots, 1, false)];
  for (const a of arenas) a.setBins(p.bins, p.missingBin);
  expect(arenas[0].memory).not.toBeNull();
  const module = compileKernels(arenas[0])!;
  const kernels = [wasmKernels(arenas[0], module), jsKernels(arenas[1])];
  const subset: number[] = [];
  for (let i = 0; i < n; i++) if (p.rng.next() < 0.7) subset.push(i);
  for (const a of arenas) {
    a.gh.set(p.gh);
    a.rows.set(subset);
  }
  return { arenas, kernels };
}

describe('GBDT kernels: WebAssembly and JavaScript agree to the bit', () => {
  it.each([2, 3] as const)('histograms (all features and a subset), add and subtract, %i slots', (slots) => {
    const n = 3000;
    const d = 13;
    const { arenas, kernels } = both(n, d, slots, slots);
    const out: Float64Array[][] = [];
    for (let s = 0; s < 2; s++) {
      const a = arenas[s];
      const K = kernels[s];
      const h1 = a.takeHist();
      const h2 = a.takeHist();
      a.feats.set(Int32Array.from({ length: d }, (_, f) => f));
      K.hist(h1, 0, 2000, d);
      const all = Float64Array.from(h1.view);
      a.feats.set([1, 3, 4, 9, 12]);
      K.hist(h2, 100, 1700, 5);
      const some = Float64Array.from(h2.view);
      K.add(h1, h2, 5);
      const added = Float64Array.from(h1.view);
      K.sub(h1, h2, 5);
      K.sub(h1, h2, 5);
      out.push([all, some, added, Float64Array.from(h1.view)]);
    }
    // Unlisted features of a subset histogram are not written: compare the listed ones only.
    const listed = (h: Float64Array, feats: number[]) => feats.flatMap((f) => Array.from(h.subarray(f * 256 * slots, (f + 1) * 256 * slots)));
    expect(out[0][0]).toEqual(out[1][0]);
    expect(out[0][0].some((v) => v !== 0)).toBe(true);
    for (const k of [1, 2, 3]) expect(listed(out[0][k], [1, 3, 4, 9, 12])).toEqual(listed(out[1][k], [1, 3, 4, 9, 12]));
    // Counts (third slot) are row counts.
    if (slots === 3) {
      let c = 0;
      for (let b = 0; b < 256; b++) c += out[0][0][b * 3 + 2];
      expect(c).toBe(2000);
    }
  });

  it('partitions stably, left rows in place and right rows to scratch, missing bin either way', () => {
    const n = 2500;
    const d = 4;
    const { arenas, kernels } = both(n, d, 2, 7);
    for (const missLeft of [0, 1]) {
      const res = arenas.map((a, s) => {
        const before = Array.from(a.rows.subarray(0, 2000));
        const l = kernels[s].partition(0, 2000, 3, 4, 7, missLeft);
        const left = Array.from(a.rows.subarray(0, l));
        const right = Array.from(a.scratch.subarray(0, 2000 - l));
        const goes = (i: number) => (a.bins[i * d + 3] === 7 ? missLeft === 1 : a.bins[i * d + 3] <= 4);
        expect(left).toEqual(before.filter(goes));
        expect(right).toEqual(before.filter((i) => !goes(i)));
        a.rows.set(before);
        // Copied back, and as two joined halves: left rows then right rows, each in their original order.
        const packed = [...before.filter(goes), ...before.filter((i) => !goes(i))];
        expect(kernels[s].partition(0, 2000, 3, 4, 7, missLeft | 2)).toBe(l);
        expect(Array.from(a.rows.subarray(0, 2000))).toEqual(packed);
        a.rows.set(before);
        const l0 = kernels[s].partition(0, 777, 3, 4, 7, missLeft);
        const l1 = kernels[s].partition(777, 2000, 3, 4, 7, missLeft);
        kernels[s].join(0, 777, 2000, l0, l1);
        expect(Array.from(a.rows.subarray(0, 2000))).toEqual(packed);
        a.rows.set(before);
        return [l, left, right];
      });
      expect(res[0]).toEqual(res[1]);
    }
  });

  it('bins into the arena exactly as binFeatures does (row- and column-major, NaN, low-cardinality features)', () => {
    const n = 40_000; // enough rows for the helper thread to take part
    const d = 5;
    const rng = createRng(8);
    const x = Float64Array.from({ length: n * d }, (_, k) => (rng.next() < 0.03 ? NaN : k % d === 1 ? rng.int(4) - 1.5 : rng.normal()));
    const mapper = fitBinMapper(x, n, d, { maxBins: 255, seed: 3 });
    const bins = applyBins(mapper, x, n);
    const ws = new GrowWorkspace(new Float64Array(n), n, d, 2, 1, 2);
    const got = binIntoWorkspace(ws, x, { maxBins: 255, seed: 3 });
    ws.close();
    expect(got.upper.map((u) => Array.from(u))).toEqual(mapper.upper.map((u) => Array.from(u)));
    expect(Array.from(ws.arena.missingBin)).toEqual(Array.from(mapper.missingBin));
    expect(ws.arena.bins).toEqual(bins);
    for (let f = 0; f < d; f++) for (let i = 0; i < n; i += 7) expect(ws.arena.binsT[f * n + i]).toBe(bins[i * d + f]);
  });

  it('grows the identical tree with either kernel set', () => {
    const n = 40_000;
    const d = 6;
    const p = problem(n, d, 11);
    const trees = [true, false].map((wasm) => {
      const ws = new GrowWorkspace(p.y, n, d, 2, 1, 1, wasm);
      ws.arena.setBins(p.bins, p.missingBin);
      ws.arena.gh.set(p.gh);
      for (let i = 0; i < n; i++) ws.arena.rows[i] = i;
      const opt = { maxDepth: 5, maxLeaves: 0, leafWise: false, minSplitGain: 0, lambda: 1, minSamplesLeaf: 1, minChildWeight: 1 };
      const t = growGbdtTree(ws, n, Int32Array.from({ length: d }, (_, f) => f), opt);
      ws.close();
      return JSON.stringify(t);
    });
    expect(trees[0]).toBe(trees[1]);
  });
});
