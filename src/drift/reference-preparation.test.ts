import { expect, it } from 'vitest';
import { manualClock } from '../core/clock.js';
import { categoricalColumn, createTable, numericColumn } from '../data/table/index.js';
import { analyzeDrift } from './analyze.js';
import { createReferencePreparation } from './prepare/reference-preparation.js';

const clock = manualClock('2026-12-01T00:00:00Z');
const n = 500;
const reference = createTable([
  numericColumn('x', Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 10)),
  categoricalColumn('c', Array.from({ length: n }, (_, i) => ['a', 'b', 'c'][i % 3]!)),
]);
const window = (shift: number) => createTable([
  numericColumn('x', Float64Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.3) * 10 + shift)),
  categoricalColumn('c', Array.from({ length: 200 }, (_, i) => ['a', 'b', 'c'][(i + shift) % 3 === 0 ? 0 : i % 3]!)),
]);

it('a kept reference preparation gives the same reports, and the reference is sorted once', () => {
  const prepared = createReferencePreparation();
  for (const shift of [0, 3, 0]) {
    const plain = analyzeDrift(reference, window(shift), { clock });
    const reused = analyzeDrift(reference, window(shift), { clock, referencePreparation: prepared });
    expect(reused).toEqual(plain);
  }
  const sorted = prepared.sorted.get((reference.column('x') as { values: Float64Array }).values);
  expect(sorted?.sorted.length).toBe(n);
  expect(prepared.counts.get((reference.column('c') as { codes: Int32Array }).codes)?.counts).toEqual(Float64Array.from([167, 167, 166]));
});
