import { describe, expect, it } from 'vitest';
import { applyKinds } from './apply-kinds.js';
import { parseIsoDateTime } from './datetime-parse.js';
import { inferKind, looksLikeIdName } from './infer-kind.js';
import { categoricalColumn, numericColumn } from './table/index.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('inferKind: numeric storage', () => {
  it('keeps few-valued numerics (0/1 flags) numeric', () => {
    expect(inferKind(numericColumn('flag', range(50).map((i) => i % 2)))).toBe('numeric');
  });
  it('calls a consecutive unique integer column an id', () => {
    expect(inferKind(numericColumn('row', range(30)))).toBe('id');
    expect(inferKind(numericColumn('row', range(30).map((i) => i + 1000)))).toBe('id');
  });
  it('calls unique integers an id only when consecutive or named like an id', () => {
    const scattered = range(30).map((i) => i * 7919 + 13);
    expect(inferKind(numericColumn('amount', scattered))).toBe('numeric');
    expect(inferKind(numericColumn('customer_id', scattered))).toBe('id');
    expect(inferKind(numericColumn('customerID', scattered))).toBe('id');
  });
  it('needs 20 rows, no missing value and integers for an id', () => {
    expect(inferKind(numericColumn('row', range(19)))).toBe('numeric');
    expect(inferKind(numericColumn('row', [...range(29), NaN]))).toBe('numeric');
    expect(inferKind(numericColumn('row', range(30).map((i) => i + 0.5)))).toBe('numeric');
  });
  it('recognizes id-like names', () => {
    for (const n of ['id', 'ID', 'user_id', 'user-id', 'userId', 'customerID', 'uuid', 'id_user', 'session key']) expect(looksLikeIdName(n), n).toBe(true);
    for (const n of ['paid', 'valid', 'idle', 'width', 'monkey']) expect(looksLikeIdName(n), n).toBe(false);
  });
});

describe('inferKind: text storage', () => {
  it('boolean words of one pair, any case', () => {
    expect(inferKind(categoricalColumn('churn', ['Yes', 'No', 'No', null]))).toBe('boolean');
    expect(inferKind(categoricalColumn('b', ['TRUE', 'false']))).toBe('boolean');
    expect(inferKind(categoricalColumn('b', ['y']))).toBe('boolean');
    expect(inferKind(categoricalColumn('b', ['t', 'F']))).toBe('boolean');
    expect(inferKind(categoricalColumn('b', ['yes', 'false']))).toBe('categorical');
    expect(inferKind(categoricalColumn('b', ['yes', 'no', 'maybe']))).toBe('categorical');
  });
  it('ISO-8601 dates and date-times', () => {
    expect(inferKind(categoricalColumn('d', ['2024-01-31', '2024-02-29', null]))).toBe('datetime');
    expect(inferKind(categoricalColumn('d', ['2024-01-31T12:00:00Z', '2024-01-31 12:00:00', '2024-01-31T12:00:00.5+05:30']))).toBe('datetime');
    expect(inferKind(categoricalColumn('d', ['2024-01-31', 'soon']))).toBe('categorical');
    expect(inferKind(categoricalColumn('d', ['2023-02-29']))).toBe('categorical');
  });
  it('text: many distinct, long or wordy values', () => {
    const sentences = range(30).map((i) => `the customer wrote comment number ${i}`);
    expect(inferKind(categoricalColumn('comment', sentences))).toBe('text');
    const words = range(30).map((i) => `w${i} x`);
    expect(inferKind(categoricalColumn('short', words))).toBe('text');
  });
  it('id: unique short tokens on every row', () => {
    expect(inferKind(categoricalColumn('key', range(30).map((i) => `C${1000 + i}`)))).toBe('id');
    expect(inferKind(categoricalColumn('key', [...range(29).map((i) => `C${i}`), null]))).toBe('categorical');
  });
  it('categorical otherwise, including few-valued labels with spaces', () => {
    const labels = range(60).map((i) => ['Month-to-month', 'One year', 'Two year'][i % 3]!);
    expect(inferKind(categoricalColumn('contract', labels))).toBe('categorical');
    expect(inferKind(categoricalColumn('empty', [null, null]))).toBe('categorical');
  });
});

describe('parseIsoDateTime', () => {
  it('reads dates as UTC midnight and honours offsets', () => {
    expect(parseIsoDateTime('2024-01-31')).toBe(Date.UTC(2024, 0, 31));
    expect(parseIsoDateTime('2024-01-31 12:30')).toBe(Date.UTC(2024, 0, 31, 12, 30));
    expect(parseIsoDateTime('2024-01-31T12:00:00.123Z')).toBe(Date.UTC(2024, 0, 31, 12, 0, 0, 123));
    expect(parseIsoDateTime('2024-01-31T12:00:00+02:00')).toBe(Date.UTC(2024, 0, 31, 10));
    expect(parseIsoDateTime('2024-01-31T12:00:00-0130')).toBe(Date.UTC(2024, 0, 31, 13, 30));
  });
  it('rejects impossible and non-ISO dates', () => {
    for (const t of ['2024-13-01', '2024-02-30', '31/01/2024', '2024-1-5', '20240131', '2024-01-31T25:00', 'x']) expect(parseIsoDateTime(t), t).toBeNaN();
  });
});

describe('applyKinds: overrides', () => {
  it('converts a numeric column to categorical by shortest text', () => {
    const [c] = applyKinds([numericColumn('n', [1.5, NaN, 2, 1.5])], { n: 'categorical' });
    expect(c!.storage === 'categorical' && [c.dictionary, Array.from(c.codes)]).toEqual([['1.5', '2'], [0, -1, 1, 0]]);
    expect(c!.kind).toBe('categorical');
  });
  it('parses a categorical column as numeric, or names the first bad value', () => {
    const [c] = applyKinds([categoricalColumn('s', ['1', ' 2.5 ', null])], { s: 'numeric' });
    expect(c!.storage === 'numeric' && Array.from(c.values)).toEqual([1, 2.5, NaN]);
    expect(() => applyKinds([categoricalColumn('s', ['1', 'two'])], { s: 'numeric' }, 'f.csv')).toThrow(/column "s" must be numeric but data row 2 has "two"/);
  });
  it('converts datetime text to epoch milliseconds; the override names a bad value', () => {
    const [c] = applyKinds([categoricalColumn('t', ['2024-01-01', null])], {});
    expect(c!.kind).toBe('datetime');
    expect(c!.storage === 'numeric' && Array.from(c.values)).toEqual([Date.UTC(2024, 0, 1), NaN]);
    expect(() => applyKinds([categoricalColumn('t', ['2024-01-01', 'later'])], { t: 'datetime' })).toThrow(/data row 2 has "later"/);
  });
  it('labels id and text overrides and rejects unknown columns', () => {
    const [c] = applyKinds([numericColumn('n', [1, 2])], { n: 'id' });
    expect(c!.kind).toBe('id');
    expect(() => applyKinds([numericColumn('n', [1])], { m: 'id' })).toThrow(/"m"/);
  });
});
