/**
 * Decoding of the stats fixtures (test/fixtures/stats), written once for every stats test.
 */

/** A fixture number: JSON floats, or the strings "Infinity", "-Infinity", "NaN". */
export type FixtureNumber = number | string;

export function fx(v: FixtureNumber): number {
  if (typeof v === 'number') return v;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === 'NaN') return NaN;
  throw new Error(`bad fixture number ${v}`);
}

export function fxArray(v: readonly FixtureNumber[]): Float64Array {
  return Float64Array.from(v, fx);
}

/**
 * The 32-bit LCG shared with test/fixtures/scripts/stats_b.py (`lcg_values`): every step and transform is
 * exactly rounded IEEE arithmetic, so Python and JavaScript produce identical values.
 */
export function lcgValues(seed: number, n: number, transform: 'square' | 'shift' | 'grid'): Float64Array {
  let state = seed % 4294967296;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    state = (state * 1664525 + 1013904223) % 4294967296;
    const v = state / 4294967296;
    out[i] = transform === 'square' ? v * v * 3 + 0.25 : transform === 'shift' ? v * 2 - 0.3 : Math.floor(v * 1000) / 8;
  }
  return out;
}

export interface SamplePair { readonly name: string; readonly a: readonly FixtureNumber[]; readonly b: readonly FixtureNumber[] }

/** LCG parameters of one generated sample: [seed, size, transform]. */
export type LcgSpec = readonly (number | string)[];

/** Resolves a case's samples: inline `a`/`b`, a `pair` name into lcg-samples.json, or `lcg` generator specs. */
export function caseSamples(
  c: {
    readonly pair?: string;
    readonly a?: readonly FixtureNumber[];
    readonly b?: readonly FixtureNumber[];
    readonly lcg?: { readonly a: LcgSpec; readonly b: LcgSpec };
  },
  pairs: readonly SamplePair[],
): [Float64Array, Float64Array] {
  if (c.lcg !== undefined) {
    const gen = (g: LcgSpec): Float64Array => lcgValues(g[0] as number, g[1] as number, g[2] as 'square' | 'shift' | 'grid');
    return [gen(c.lcg.a), gen(c.lcg.b)];
  }
  if (c.pair !== undefined) {
    const p = pairs.find((x) => x.name === c.pair);
    if (p === undefined) throw new Error(`unknown pair ${c.pair}`);
    return [fxArray(p.a), fxArray(p.b)];
  }
  return [fxArray(c.a!), fxArray(c.b!)];
}
