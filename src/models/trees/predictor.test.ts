import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileEnsemble } from './predictor.js';
import type { TreeEnsemble, TreeNodes } from './types.js';

/** A random tree over `d` features up to `maxDepth`, grown from a list of random numbers. */
function randomTree(r: () => number, d: number, maxDepth: number, valueDim: number): TreeNodes {
  const t: TreeNodes = { feature: [], threshold: [], left: [], right: [], missingLeft: [], value: [], gain: [], cover: [] };
  const grow = (depth: number): number => {
    const id = t.feature.length;
    t.feature.push(-1);
    t.threshold.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.missingLeft.push(0);
    for (let k = 0; k < valueDim; k++) t.value.push(0);
    t.gain.push(0);
    t.cover.push(0);
    if (depth < maxDepth && r() < 0.75) {
      t.feature[id] = Math.floor(r() * d);
      t.threshold[id] = r() * 2 - 1;
      t.missingLeft[id] = r() < 0.5 ? 1 : 0;
      const l = grow(depth + 1);
      const rr = grow(depth + 1);
      t.left[id] = l;
      t.right[id] = rr;
    } else {
      for (let k = 0; k < valueDim; k++) t.value[id * valueDim + k] = r() * 2 - 1;
    }
    return id;
  };
  grow(0);
  return t;
}

/** The obvious reference: walk each tree node by node and sum. */
function reference(e: TreeEnsemble, row: Float64Array): number[] {
  const out = e.baseScore.slice();
  const acc = new Array<number>(e.nOutputs).fill(0);
  e.trees.forEach((t, ti) => {
    let node = 0;
    while (t.feature[node] >= 0) {
      const v = row[t.feature[node]];
      node = Number.isNaN(v) ? (t.missingLeft[node] ? t.left[node] : t.right[node]) : v <= t.threshold[node] ? t.left[node] : t.right[node];
    }
    if (e.valueDim === 1) acc[e.treeOutput[ti]] += t.value[node];
    else for (let k = 0; k < e.valueDim; k++) acc[k] += t.value[node * e.valueDim + k];
  });
  const scale = e.aggregation === 'mean' ? 1 / e.trees.length : 1;
  return out.map((b, k) => b + acc[k] * scale);
}

function ensembleFrom(seed: number, maxDepth: number, valueDim: number, nOutputs: number): TreeEnsemble {
  let s = seed >>> 0 || 1;
  const r = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
  const trees = Array.from({ length: 7 }, () => randomTree(r, 4, maxDepth, valueDim));
  return {
    version: 1,
    algorithm: valueDim === 1 ? 'gbdt' : 'random_forest',
    task: valueDim === 1 ? 'regression' : 'multiclass',
    nFeatures: 4,
    nClasses: valueDim === 1 ? 0 : valueDim,
    nOutputs,
    valueDim,
    aggregation: valueDim === 1 ? 'sum' : 'mean',
    postTransform: 'identity',
    baseScore: Array.from({ length: nOutputs }, (_, k) => 0.1 * k),
    treeOutput: trees.map((_, t) => (valueDim === 1 ? t % nOutputs : 0)),
    trees,
  };
}

describe('compileEnsemble', () => {
  const rowArb = fc.array(fc.oneof(fc.double({ min: -1.5, max: 1.5, noNaN: true }), fc.constant(NaN)), { minLength: 4, maxLength: 4 });
  it.each([
    ['complete-tree layout (GBDT, depth <= 12)', 6, 1],
    ['node walk (deep trees)', 16, 1],
    ['node walk (distribution leaves)', 8, 3],
  ])('%s matches a node-by-node reference, NaN included', (_name, maxDepth, valueDim) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(rowArb, { minLength: 1, maxLength: 20 }), (seed, rows) => {
        const nOut = valueDim === 1 ? 1 : valueDim;
        const e = ensembleFrom(seed, maxDepth, valueDim, nOut);
        const p = compileEnsemble(e);
        const x = Float64Array.from(rows.flat());
        const got = p.predict(x, rows.length);
        const one = new Float64Array(nOut);
        rows.forEach((row, i) => {
          const want = reference(e, Float64Array.from(row));
          for (let k = 0; k < nOut; k++) expect(got[i * nOut + k]).toBeCloseTo(want[k], 12);
          p.predictRow(Float64Array.from(row), one);
          for (let k = 0; k < nOut; k++) expect(one[k]).toBeCloseTo(want[k], 12);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('batch prediction (the WebAssembly walk) equals single-row prediction to the bit: chunks, blocks with and without NaN, several outputs, stumps', () => {
    for (const [maxDepth, nOut] of [
      [6, 1],
      [5, 3],
      [0, 2],
    ]) {
      const base = ensembleFrom(17 + maxDepth, maxDepth, 1, nOut);
      const e: TreeEnsemble = nOut > 1 ? { ...base, task: 'multiclass', nClasses: nOut } : base;
      const p = compileEnsemble(e);
      // 2600 rows: three chunks of the copy-in buffer, tails that are not a multiple of 16, NaN in a few blocks.
      const n = 2600;
      let s = 99;
      const x = Float64Array.from({ length: n * 4 }, (_, k) => {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        const row = Math.floor(k / 4);
        return (row >= 1030 && row < 1040) || row === 2501 ? (s % 3 === 0 ? NaN : 0.5) : (s / 4294967296) * 3 - 1.5;
      });
      const got = p.predict(x, n);
      const one = new Float64Array(nOut);
      for (let i = 0; i < n; i++) {
        p.predictRow(x.subarray(i * 4, i * 4 + 4), one);
        for (let k = 0; k < nOut; k++) expect(got[i * nOut + k]).toBe(one[k]);
        if (i % 97 === 0 || i === 1031) {
          const want = reference(e, x.subarray(i * 4, i * 4 + 4));
          for (let k = 0; k < nOut; k++) expect(got[i * nOut + k]).toBeCloseTo(want[k], 12);
        }
      }
    }
  });

  it('large batches, walked by the calling thread and a helper thread, equal single-row prediction to the bit', async () => {
    const e = ensembleFrom(5, 6, 1, 1);
    const p = compileEnsemble(e);
    const n = 20_000; // enough rows to start the helper; five chunks of blocks
    let s = 7;
    const x = Float64Array.from({ length: n * 4 }, (_, k) => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return Math.floor(k / 4) % 997 === 0 && s % 2 === 0 ? NaN : (s / 4294967296) * 3 - 1.5;
    });
    const first = p.predict(x, n);
    // Let the helper start, then predict again: the helper now takes blocks too (when its core is free).
    await new Promise((r) => setTimeout(r, 300));
    const again = p.predict(x, n);
    const one = new Float64Array(1);
    for (let i = 0; i < n; i++) {
      p.predictRow(x.subarray(i * 4, i * 4 + 4), one);
      expect(first[i]).toBe(one[0]);
      expect(again[i]).toBe(one[0]);
    }
  });

  it('node layouts (forests, deep trees): the WebAssembly batch walk equals single-row prediction to the bit, over chunks, NaN blocks and the helper thread', async () => {
    for (const [maxDepth, valueDim, nOut] of [
      [16, 1, 2],
      [14, 3, 3],
    ]) {
      const base = ensembleFrom(23 + maxDepth, maxDepth, valueDim, nOut);
      const e: TreeEnsemble = { ...base, task: 'multiclass', nClasses: nOut };
      const p = compileEnsemble(e);
      // 40,000 rows: three chunks of 16,384, blocks of 8,192 with tails that are not a multiple of 16; NaN in two blocks.
      const n = 40_000;
      let s = 3;
      const x = Float64Array.from({ length: n * 4 }, (_, k) => {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        const row = Math.floor(k / 4);
        return (row >= 9000 && row < 9010) || row === 39_999 ? (s % 3 === 0 ? NaN : 0.5) : (s / 4294967296) * 3 - 1.5;
      });
      const first = p.predict(x, n);
      await new Promise((r) => setTimeout(r, 300));
      const again = p.predict(x, n);
      const one = new Float64Array(nOut);
      const differing: number[] = [];
      for (let i = 0; i < n; i++) {
        p.predictRow(x.subarray(i * 4, i * 4 + 4), one);
        for (let k = 0; k < nOut; k++) if (!Object.is(first[i * nOut + k], one[k]) || !Object.is(again[i * nOut + k], one[k])) differing.push(i);
        if (i % 997 === 0 || i === 9003 || i === 39_999) {
          const want = reference(e, x.subarray(i * 4, i * 4 + 4));
          for (let k = 0; k < nOut; k++) expect(first[i * nOut + k]).toBeCloseTo(want[k], 12);
        }
      }
      expect(differing).toEqual([]);
    }
  });
});
