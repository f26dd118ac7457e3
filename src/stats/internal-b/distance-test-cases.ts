import { caseSamples, type FixtureNumber, type LcgSpec, type SamplePair } from './test-support.js';

/** A wasserstein/energy fixture case: inline samples, a shared pair, or LCG-generated million-value data. */
export interface DistanceCase {
  readonly name: string;
  readonly pair?: string;
  readonly a?: readonly FixtureNumber[];
  readonly b?: readonly FixtureNumber[];
  readonly lcg?: { readonly a: LcgSpec; readonly b: LcgSpec };
  readonly expected: FixtureNumber;
}

export function distanceSamples(c: DistanceCase, pairs: readonly SamplePair[]): [Float64Array, Float64Array] {
  return caseSamples(c, pairs);
}
