/**
 * What a drift analysis derives from the reference alone (sorted finite samples of numeric columns, category
 * counts of categorical ones), kept across analyses against one reference: a monitor compares many windows
 * with one baseline and sorts it once instead of on every check. Entries are keyed by the identity of the
 * reference column's value array; tables are immutable, so an entry stays right for as long as the array
 * lives (and goes with it: the maps hold their keys weakly).
 */
import type { SortedSample } from './extract.js';

export interface ReferencePreparation {
  readonly sorted: WeakMap<Float64Array, SortedSample>;
  readonly counts: WeakMap<Int32Array, { readonly counts: Float64Array; readonly missing: number }>;
}

export function createReferencePreparation(): ReferencePreparation {
  return { sorted: new WeakMap(), counts: new WeakMap() };
}
