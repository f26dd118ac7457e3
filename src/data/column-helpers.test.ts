import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cells } from '../../test/helpers/table-cells.js';
import { DriftwatchError } from '../core/errors.js';
import { compareSchemas } from './compare-schemas.js';
import { numericValues, toCategorical, toNumeric } from './convert-column.js';
import { readTable } from './read-table.js';
import { selectRows } from './select-rows.js';
import { categoricalColumn, createTable, numericColumn } from './table/index.js';
import { tableToCsvString, writeCsv } from './write-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-helpers-'));

describe('toCategorical / toNumeric / numericValues', () => {
  it('toCategorical uses shortest texts, ISO text for datetimes, and keeps other kinds', () => {
    const c = toCategorical(numericColumn('x', [0.1 + 0.2, NaN, -0, 0, 1e21]));
    expect(c.dictionary).toEqual(['0.30000000000000004', '0', '1e+21']);
    expect(Array.from(c.codes)).toEqual([0, -1, 1, 1, 2]);
    expect(c.kind).toBe('categorical');
    expect(toCategorical(numericColumn('t', [Date.UTC(2024, 0, 1)], 'datetime')).dictionary).toEqual(['2024-01-01T00:00:00.000Z']);
    expect(toCategorical(numericColumn('i', [1, 2], 'id')).kind).toBe('id');
  });

  it('toNumeric parses categories, maps boolean words to 0/1 and names a bad value', () => {
    expect(Array.from(toNumeric(categoricalColumn('s', ['1e3', null, '-2'])).values)).toEqual([1000, NaN, -2]);
    const b = toNumeric(categoricalColumn('b', ['Yes', 'No', null], 'boolean'));
    expect([Array.from(b.values), b.kind]).toEqual([[1, 0, NaN], 'boolean']);
    for (const [yes, no] of [['true', 'false'], ['Y', 'n'], [' t ', 'F']] as const) {
      expect(Array.from(toNumeric(categoricalColumn('b', [yes, no], 'boolean')).values)).toEqual([1, 0]);
    }
    expect(() => toNumeric(categoricalColumn('s', ['1', 'x']), 'data.csv')).toThrow(expect.objectContaining({ code: 'PARSE_ERROR', file: 'data.csv', field: 's' }));
  });

  it('numericValues drops NaN and infinities and copies', () => {
    const col = numericColumn('x', [1, NaN, Infinity, -Infinity, 2]);
    expect(Array.from(numericValues(col))).toEqual([1, 2]);
    const all = numericColumn('y', [1, 2]);
    const v = numericValues(all);
    v[0] = 99;
    expect(all.values[0]).toBe(1);
    expect(() => numericValues(categoricalColumn('c', ['a']))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('compareSchemas', () => {
  it('lists missing, extra and kind changes in table order', () => {
    const ref = createTable([numericColumn('a', [1]), categoricalColumn('b', ['x']), numericColumn('c', [1]), numericColumn('d', [1])]);
    const cur = createTable([numericColumn('d', [1]), numericColumn('b', [1]), numericColumn('e', [1]), categoricalColumn('a', ['1'])]);
    expect(compareSchemas(ref, cur)).toEqual({
      missing_in_current: ['c'],
      extra_in_current: ['e'],
      type_changes: [
        { name: 'a', reference: 'numeric', current: 'categorical' },
        { name: 'b', reference: 'categorical', current: 'numeric' },
      ],
    });
  });
});

describe('selectRows', () => {
  it('gathers rows in order and rebuilds dictionaries', () => {
    const t = createTable([numericColumn('n', [10, 11, 12, 13]), categoricalColumn('c', ['a', 'b', null, 'c'])]);
    const s = selectRows(t, Int32Array.from([3, 1, 1, 2]));
    expect(s.rowCount).toBe(4);
    expect(cells(s.column('n'))).toEqual([13, 11, 11, 12]);
    const c = s.column('c')!;
    expect(c.storage === 'categorical' && c.dictionary).toEqual(['c', 'b']);
    expect(cells(c)).toEqual(['c', 'b', 'b', null]);
    expect(() => selectRows(t, Uint32Array.from([4]))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('writeCsv', () => {
  it('quotes only where needed and writes missing as empty', () => {
    const t = createTable([
      numericColumn('x', [1.5, NaN]),
      categoricalColumn('s, t', ['say "hi"', null]),
      numericColumn('when', [Date.UTC(2024, 0, 2), NaN], 'datetime'),
    ]);
    expect(tableToCsvString(t)).toBe('x,"s, t",when\n1.5,"say ""hi""",2024-01-02T00:00:00.000Z\n,,\n');
  });

  it('reports a path it cannot write as FILE_UNWRITABLE, not as a read failure', async () => {
    const t = createTable([numericColumn('x', [1])]);
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    const e = await writeCsv(t, join(blocker, 'out.csv')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DriftwatchError);
    expect((e as DriftwatchError).code).toBe('FILE_UNWRITABLE');
    expect((e as DriftwatchError).message).toMatch(/cannot be written \(its folder does not exist or is a file\)/);
  });

  it('round-trips random numeric and text columns bit-exactly through a file', async () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', 'é', 'x'), minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== '');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.double({ noNaN: true }), fc.option(word, { nil: null })), { minLength: 1, maxLength: 30 }), async (rows) => {
        const t = createTable([numericColumn('x', rows.map((r) => r[0])), categoricalColumn('s', rows.map((r) => r[1]))]);
        const p = join(dir, 'out.csv');
        await writeCsv(t, p);
        expect(readFileSync(p, 'utf8')).toBe(tableToCsvString(t));
        if (rows.every((r) => r[1] === null)) return; // an all-missing text column reads back numeric
        const back = await readTable(p, { columnKinds: { s: 'categorical' } });
        const x = back.column('x')!;
        expect(x.storage).toBe('numeric');
        // Bit-exact except the sign of zero: String(-0) is "0".
        const plusZero = (v: number): number => (v === 0 ? 0 : v);
        expect(cells(x).map((v) => plusZero(v as number))).toEqual(rows.map((r) => plusZero(r[0])));
        expect(cells(back.column('s'))).toEqual(rows.map((r) => r[1]));
      }),
      { numRuns: 100 },
    );
  });
});
