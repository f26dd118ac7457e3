import { caseSamples, lcgValues, type FixtureNumber, type SamplePair } from './test-support.js';

/** A wasserstein/energy fixture case: inline samples, a shared pair, or LCG-generated million-value data. */
export interface DistanceCase {
  readonly name: string;
  readonly pair?: string;
  readonly a?: readonly FixtureNumber[];
  readonly b?: readonly FixtureNumber[];
  readonly lcg?: { readonly a: readonly (number | string)[]; readonly b: readonly (number | string)[] };
  readonly expected: FixtureNumber;
}

type Transform = 'square' | 'shift' | 'grid';

export function distanceSamples(c: DistanceCase, pairs: readonly SamplePair[]): [Float64Array, Float64Array] {
  if (c.lcg !== undefined) {
    const gen = (g: readonly (number | string)[]): Float64Array => lcgValues(g[0] as number, g[1] as number, g[2] as Transform);
    return [gen(c.lcg.a), gen(c.lcg.b)];
  }
  return caseSamples(c, pairs);
}
