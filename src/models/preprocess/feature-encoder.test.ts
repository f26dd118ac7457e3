import { describe, expect, it } from 'vitest';
import { categoricalColumn, createTable, numericColumn } from '../../data/table/index.js';
import { DriftwatchError } from '../../core/errors.js';
import { encode, encodedGroups, encodedNames, encodedWidth, fitEncoder, MAX_ONEHOT_CATEGORIES } from './feature-encoder.js';
import { encodeLabels, encodeLabelStrings } from './label-encoder.js';
import { tableFingerprint } from './fingerprint.js';

const train = createTable([
  numericColumn('age', [20, 30, NaN, 50]),
  categoricalColumn('plan', ['b', 'a', null, 'b']),
  numericColumn('const', [1, 1, 1, 1]),
]);

describe('feature encoder', () => {
  it('ordinal encoding keeps NaN for trees and maps unseen categories to missing', () => {
    const spec = fitEncoder(train, ['age', 'plan'], { categorical: 'ordinal', impute: false, standardize: false });
    expect(encodedWidth(spec)).toBe(2);
    const test = createTable([categoricalColumn('plan', ['a', 'zzz', 'b']), numericColumn('age', [1, NaN, 3]), numericColumn('extra', [0, 0, 0])]);
    const { X, n, d } = encode(spec, test);
    expect([n, d]).toEqual([3, 2]);
    expect(Array.from(X)).toEqual([1, 0, NaN, NaN, 3, 1]);
  });

  it("'auto' one-hot encodes up to MAX_ONEHOT_CATEGORIES categories and uses ordinal codes above", () => {
    const many = Array.from({ length: MAX_ONEHOT_CATEGORIES + 1 }, (_, i) => `c${i}`);
    const t = createTable([categoricalColumn('few', many.map((_, i) => `f${i % MAX_ONEHOT_CATEGORIES}`)), categoricalColumn('many', many)]);
    const spec = fitEncoder(t, ['few', 'many'], { categorical: 'auto', impute: false, standardize: false });
    expect(spec.columns.map((c) => (c.kind === 'categorical' ? c.encoding : c.kind))).toEqual(['onehot', 'ordinal']);
    expect(encodedWidth(spec)).toBe(MAX_ONEHOT_CATEGORIES + 1);
  });

  it('one-hot with imputation and standardisation for linear models', () => {
    const spec = fitEncoder(train, ['age', 'plan', 'const'], { categorical: 'onehot', impute: true, standardize: true });
    expect(encodedNames(spec)).toEqual(['age', 'plan=a', 'plan=b', 'const']);
    expect(encodedGroups(spec)).toEqual([
      { name: 'age', start: 0, end: 1 },
      { name: 'plan', start: 1, end: 3 },
      { name: 'const', start: 3, end: 4 },
    ]);
    const { X, d } = encode(spec, train);
    const mean = (20 + 30 + 50) / 3;
    const std = Math.sqrt(((20 - mean) ** 2 + (30 - mean) ** 2 + (50 - mean) ** 2) / 3);
    expect(d).toBe(4);
    expect(X[0]).toBeCloseTo((20 - mean) / std, 12);
    expect(X[2 * d]).toBeCloseTo(0, 12); // the missing age imputed with the mean
    expect(Array.from(X.subarray(2 * d + 1, 2 * d + 3))).toEqual([0, 0]); // missing category: all zeros
    expect(X[3]).toBe(0); // constant column scaled by 1, centred
  });

  it('names the missing column', () => {
    const spec = fitEncoder(train, ['age', 'plan'], { categorical: 'ordinal', impute: false, standardize: false });
    const test = createTable([numericColumn('age', [1])]);
    expect(() => encode(spec, test, 'new.csv')).toThrowError(DriftwatchError);
    expect(() => encode(spec, test, 'new.csv')).toThrow(/needs column "plan"/);
  });

  it('reads numbers written as text', () => {
    const spec = fitEncoder(train, ['age'], { categorical: 'ordinal', impute: false, standardize: false });
    const { X } = encode(spec, createTable([categoricalColumn('age', ['1.5', null])]));
    expect(Array.from(X)).toEqual([1.5, NaN]);
    expect(() => encode(spec, createTable([categoricalColumn('age', ['x'])]))).toThrow(/must be numeric/);
  });
});

describe('label encoder', () => {
  it('puts the positive class second: yes/no, 1/0, true/false, else sorted second', () => {
    expect(encodeLabels(categoricalColumn('c', ['Yes', 'No', 'Yes'])).classes).toEqual(['No', 'Yes']);
    expect(encodeLabels(numericColumn('t', [1, 0, 0])).classes).toEqual(['0', '1']);
    expect(encodeLabels(categoricalColumn('c', ['TRUE', 'false'])).positiveClass).toBe('TRUE');
    expect(encodeLabels(categoricalColumn('c', ['malignant', 'benign'])).positiveClass).toBe('malignant');
    expect(encodeLabels(categoricalColumn('c', ['malignant', 'benign']), { positiveClass: 'benign' }).classes).toEqual(['malignant', 'benign']);
  });

  it('multiclass in natural order, missing as -1', () => {
    const enc = encodeLabels(numericColumn('k', [10, 2, 1, NaN]));
    expect(enc.classes).toEqual(['1', '2', '10']);
    expect(Array.from(enc.y)).toEqual([2, 1, 0, -1]);
  });

  it('refuses a single class and an unknown positive class', () => {
    expect(() => encodeLabels(categoricalColumn('c', ['a', 'a']))).toThrow(/only one class/);
    expect(() => encodeLabelStrings(['a', null, 'a'], 'c')).toThrow(/label column "c" has only one class/);
    expect(encodeLabelStrings(['no', null, 'yes'], 'c')).toEqual({ y: Int32Array.from([0, -1, 1]), classes: ['no', 'yes'], positiveClass: 'yes' });
    expect(() => encodeLabels(categoricalColumn('c', ['a', 'b']), { positiveClass: 'z' })).toThrow(/not a label/);
  });
});

describe('fingerprint', () => {
  it('changes with the data and is stable otherwise', () => {
    const a = tableFingerprint(train, ['age', 'plan']);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(tableFingerprint(train, ['age', 'plan'])).toBe(a);
    const other = createTable([numericColumn('age', [20, 30, NaN, 51]), categoricalColumn('plan', ['b', 'a', null, 'b'])]);
    expect(tableFingerprint(other, ['age', 'plan'])).not.toBe(a);
  });
});
