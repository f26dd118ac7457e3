import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeNonFinite } from './reports.js';

/** What reports were stored through before: a stringify with a replacer (the strings), then a parse. */
const viaReplacer = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? (Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity') : x));

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity, -0), fc.string(), fc.boolean(), fc.constant(null)),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 5 }), fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 5 })),
})).node;

describe('encodeNonFinite', () => {
  it('stores what the stringify-with-replacer did, byte for byte, and never changes its input', () => {
    fc.assert(fc.property(value, (v) => {
      const before = viaReplacer(v);
      expect(JSON.stringify(encodeNonFinite(v))).toBe(before);
      expect(viaReplacer(v)).toBe(before);
    }), { numRuns: 500 });
  });

  it('hands back a value with nothing to encode as it is, copying only the way to a non-finite number', () => {
    const clean = { columns: [{ name: 'a', score: 0.5 }], dataset: { share: 0 } };
    expect(encodeNonFinite(clean)).toBe(clean);
    const mixed = { columns: [{ name: 'a', p: Number.NaN }, { name: 'b', p: 0.2 }], dataset: { share: 0 }, when: new Date(0) };
    const out = encodeNonFinite(mixed) as typeof mixed;
    expect(out.columns[0]).toEqual({ name: 'a', p: 'NaN' });
    expect(out.columns[1]).toBe(mixed.columns[1]);
    expect(out.dataset).toBe(mixed.dataset);
    expect(out.when).toBe('1970-01-01T00:00:00.000Z');
    expect(mixed.columns[0]!.p).toBeNaN();
  });
});
