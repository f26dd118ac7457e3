import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../../core/errors.js';
import { createTable, numericColumn } from '../../data/index.js';
import { bindPositional, checkFeatureNames, type PositionalInputs } from './imported-inputs.js';

const tableOf = (names: readonly string[]) => createTable(names.map((n) => numericColumn(n, [1, 2])));
const spec = (over: Partial<PositionalInputs>): PositionalInputs => ({ width: 3, names: null, label: null, featureNames: null, model: 'the test model', ...over });

function codeOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    if (!(e instanceof DriftwatchError)) throw e;
    return e.code;
  }
}

describe('bindPositional: a positional model reads exactly its inputs', () => {
  it('takes the columns besides the label, in file order, when there are exactly as many', () => {
    expect(bindPositional(tableOf(['y', 'a', 'b', 'c']), spec({ label: 'y' }))).toEqual({ columns: ['a', 'b', 'c'], by: 'position', unused: ['y'] });
  });

  it('refuses a label it was not told about, naming the columns and the way out', () => {
    expect(() => bindPositional(tableOf(['y', 'a', 'b', 'c']), spec({}))).toThrow(
      /the test model reads 3 features by position and records no names, but the data has 4 columns \("y", "a", "b", "c"\); name the label column with --label if it is one of them, or give the 3 input columns in the model's order with --features/,
    );
    expect(codeOf(() => bindPositional(tableOf(['a', 'b']), spec({})))).toBe('INPUT_MISMATCH');
    expect(() => bindPositional(tableOf(['id', 'y', 'a', 'b', 'c']), spec({ label: 'y' }))).toThrow(/has 4 columns besides the label "y"/);
  });

  it('reads recorded names by name, in any file order; refuses other columns and names what is missing', () => {
    const names = ['a', 'b', 'c'];
    expect(bindPositional(tableOf(['c', 'y', 'a', 'b']), spec({ names, label: 'y' }))).toEqual({ columns: names, by: 'name', unused: ['y'] });
    expect(() => bindPositional(tableOf(['c', 'id', 'a', 'b']), spec({ names }))).toThrow(/records their names \("a", "b", "c"\); the data has "id", which it does not read/);
    expect(codeOf(() => bindPositional(tableOf(['c', 'id', 'a', 'b']), spec({ names })))).toBe('INPUT_MISMATCH');
    expect(() => bindPositional(tableOf(['a', 'b']), spec({ names }))).toThrow(/the data lacks "c"/);
    expect(codeOf(() => bindPositional(tableOf(['a', 'b']), spec({ names })))).toBe('COLUMN_NOT_FOUND');
  });

  it('a --features mapping wins, and must name columns of the data', () => {
    const t = tableOf(['id', 'x', 'z', 'w']);
    expect(bindPositional(t, spec({ names: ['a', 'b', 'c'], featureNames: ['w', 'x', 'z'] }))).toEqual({ columns: ['w', 'x', 'z'], by: 'features', unused: ['id'] });
    expect(codeOf(() => bindPositional(t, spec({ featureNames: ['x', 'z', 'nope'] })))).toBe('COLUMN_NOT_FOUND');
  });

  it('checkFeatureNames: as many as the model reads, none twice', () => {
    expect(checkFeatureNames(undefined, 3, 'm')).toBeNull();
    expect(checkFeatureNames(['a', 'b', 'c'], 3, 'm')).toEqual(['a', 'b', 'c']);
    expect(() => checkFeatureNames(['a', 'b'], 3, 'the XGBoost model')).toThrow(/--features: the XGBoost model reads 3 features, but 2 columns were given/);
    expect(() => checkFeatureNames(['a', 'a', 'b'], 3, 'm')).toThrow(/named twice/);
  });

  it('property: a binding never includes the label and, by position, is the table order without it; else it refuses', () => {
    const name = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'y');
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 6 }), fc.boolean(), (cols, width, withLabel) => {
        const label = withLabel ? 'y' : null;
        let binding;
        try {
          binding = bindPositional(tableOf(cols), spec({ width, label }));
        } catch (e) {
          expect((e as DriftwatchError).code).toBe('INPUT_MISMATCH');
          expect(cols.filter((c) => c !== label).length).not.toBe(width);
          return;
        }
        expect(binding.columns).toHaveLength(width);
        if (label !== null) expect(binding.columns).not.toContain(label);
        expect(binding.columns).toEqual(cols.filter((c) => c !== label));
        expect([...binding.columns, ...binding.unused].sort()).toEqual([...cols].sort());
      }),
    );
  });
});
