import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accuracy, averagePrecision, balancedAccuracy, confusionMatrix, rocAuc } from './index.js';

// Binary labels with at least one of each class, and scores from a small grid so that ties are common.
const binaryCase = fc
  .integer({ min: 2, max: 60 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 20 }).map((v) => v / 20), { minLength: n, maxLength: n }),
    ),
  )
  .filter(([y]) => y.includes(0) && y.includes(1))
  .map(([y, s]) => ({ y: Int32Array.from(y), s: Float64Array.from(s) }));

const multiclassPair = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 80 }))
  .chain(([k, n]) =>
    fc.tuple(
      fc.constant(k),
      fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n }),
    ),
  )
  .map(([k, a, b]) => ({ k, y: Int32Array.from(a), p: Int32Array.from(b) }));

// Brute force: P(score of a random positive > score of a random negative) + half the ties.
function pairwiseAuc(y: Int32Array, s: Float64Array): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      wins += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

describe('metric properties', () => {
  it('ROC AUC equals the Mann-Whitney pairwise probability (ties count one half)', () => {
    fc.assert(fc.property(binaryCase, ({ y, s }) => Math.abs(rocAuc(y, s) - pairwiseAuc(y, s)) < 1e-12));
  });

  it('ROC AUC and average precision are invariant under strictly increasing transforms of the scores', () => {
    fc.assert(
      fc.property(binaryCase, fc.double({ min: 0.1, max: 10, noNaN: true }), ({ y, s }, a) => {
        const t = s.map((v) => Math.exp(a * v) + 3);
        return Math.abs(rocAuc(y, t) - rocAuc(y, s)) < 1e-12 && Math.abs(averagePrecision(y, t) - averagePrecision(y, s)) < 1e-12;
      }),
    );
  });

  it('AUC(1 - p) = 1 - AUC(p)', () => {
    fc.assert(fc.property(binaryCase, ({ y, s }) => Math.abs(rocAuc(y, s.map((v) => 1 - v)) - (1 - rocAuc(y, s))) < 1e-12));
  });

  it('AUC for class 0 of scores 1 - p equals AUC for class 1 of p', () => {
    fc.assert(fc.property(binaryCase, ({ y, s }) => Math.abs(rocAuc(y, s.map((v) => 1 - v), 0) - rocAuc(y, s, 1)) < 1e-12));
  });

  it('average precision lies in [0, 1] and is at least the prevalence for constant scores', () => {
    fc.assert(
      fc.property(binaryCase, ({ y, s }) => {
        const ap = averagePrecision(y, s);
        const prevalence = y.reduce((a, v) => a + v, 0) / y.length;
        return ap >= 0 && ap <= 1 + 1e-12 && Math.abs(averagePrecision(y, s.map(() => 0.5)) - prevalence) < 1e-12;
      }),
    );
  });

  it('accuracy and balanced accuracy lie in [0, 1]; the confusion matrix sums to n and its diagonal to the hits', () => {
    fc.assert(
      fc.property(multiclassPair, ({ k, y, p }) => {
        const acc = accuracy(y, p);
        const bal = balancedAccuracy(y, p, k);
        const cm = confusionMatrix(y, p, k);
        const total = cm.flat().reduce((a, v) => a + v, 0);
        const diag = cm.reduce((a, row, i) => a + row[i]!, 0);
        expect(acc).toBeGreaterThanOrEqual(0);
        expect(acc).toBeLessThanOrEqual(1);
        expect(bal).toBeGreaterThanOrEqual(0);
        expect(bal).toBeLessThanOrEqual(1);
        expect(total).toBe(y.length);
        expect(diag / y.length).toBeCloseTo(acc, 12);
      }),
    );
  });
});
