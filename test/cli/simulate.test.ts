import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTransform } from '../../src/cli/simulate/index.js';
import { simulateDrift, decimalPlaces, type DriftTransform } from '../../src/data/simulate/index.js';
import { DriftwatchError } from '../../src/core/errors.js';
import { createRng } from '../../src/core/rng.js';
import { categoricalColumn, categoryAt, createTable, numericColumn, readTable, type CategoricalColumn, type NumericColumn, type Table } from '../../src/data/index.js';
import { runCli, tempDir } from './helpers/run-cli.js';

function num(t: Table, name: string): Float64Array {
  return (t.column(name) as NumericColumn).values;
}
function cats(t: Table, name: string): (string | null)[] {
  const c = t.column(name) as CategoricalColumn;
  return Array.from({ length: t.rowCount }, (_, i) => categoryAt(c, i));
}
function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}
function std(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i]! - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** n rows: x ~ N(10, 2) (full precision), k integer 0..99, g categorical a/b/c with shares 0.5/0.3/0.2. */
function sample(n: number, seed = 7): Table {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n }, () => 10 + 2 * rng.normal());
  const k = Float64Array.from({ length: n }, () => rng.int(100));
  const g = Array.from({ length: n }, (_, i) => (i % 10 < 5 ? 'a' : i % 10 < 8 ? 'b' : 'c'));
  return createTable([numericColumn('x', x), numericColumn('k', k), categoricalColumn('g', g)]);
}

const t = parseTransform;

describe('parseTransform', () => {
  it('parses every flag shape', () => {
    expect(t('shift', 'income=+2000')).toEqual({ kind: 'shift', column: 'income', amount: 2000, source: '--shift income=+2000' });
    expect(t('shift', 'a=-1.5')).toMatchObject({ amount: -1.5 });
    expect(t('scale', 'mean radius=1.5')).toMatchObject({ column: 'mean radius', factor: 1.5 });
    expect(t('noise', 'x=0.3')).toMatchObject({ kind: 'noise', factor: 0.3 });
    expect(t('missing', 'x=0.2')).toMatchObject({ kind: 'missing', fraction: 0.2 });
    expect(t('resample', 'contract=Month-to-month:1.3')).toMatchObject({ column: 'contract', value: 'Month-to-month', weight: 1.3 });
    expect(t('resample', 'time=12:30:2')).toMatchObject({ value: '12:30', weight: 2 });
  });

  it.each([
    ['shift', 'income', /expected COLUMN=AMOUNT/],
    ['shift', 'income=', /expected COLUMN=AMOUNT/],
    ['shift', '=2', /expected COLUMN=AMOUNT/],
    ['shift', 'income=abc', /expected COLUMN=AMOUNT/],
    ['scale', 'x=-2', /must not be negative/],
    ['missing', 'x=1.5', /between 0 and 1/],
    ['resample', 'churn=Yes', /VALUE:WEIGHT/],
    ['resample', 'churn=Yes:0', /positive weight/],
  ] as const)('--%s %s is a usage error', (kind, raw, message) => {
    expect(() => t(kind, raw)).toThrow(message);
    try {
      t(kind, raw);
    } catch (e) {
      expect((e as DriftwatchError).code).toBe('USAGE');
    }
  });
});

describe('simulateDrift', () => {
  const base = sample(20_000);

  it('shift adds the constant to every value and leaves other columns alone', () => {
    const out = simulateDrift(base, [t('shift', 'k=+5')], createRng(1));
    const before = num(base, 'k');
    const after = num(out, 'k');
    for (let i = 0; i < before.length; i++) expect(after[i]).toBe(before[i]! + 5);
    expect(out.column('x')).toBe(base.column('x'));
    expect(out.column('g')).toBe(base.column('g'));
  });

  it('scale keeps the mean and multiplies the standard deviation', () => {
    const out = simulateDrift(base, [t('scale', 'x=1.5')], createRng(1));
    expect(mean(num(out, 'x'))).toBeCloseTo(mean(num(base, 'x')), 8);
    expect(std(num(out, 'x'))).toBeCloseTo(1.5 * std(num(base, 'x')), 8);
  });

  it('noise adds zero-mean noise with sd = factor x column std', () => {
    const out = simulateDrift(base, [t('noise', 'x=0.5')], createRng(3));
    const diff = num(out, 'x').map((v, i) => v - num(base, 'x')[i]!);
    expect(Math.abs(mean(diff))).toBeLessThan(0.05);
    expect(std(diff) / (0.5 * std(num(base, 'x')))).toBeGreaterThan(0.97);
    expect(std(diff) / (0.5 * std(num(base, 'x')))).toBeLessThan(1.03);
  });

  it('keeps whole-number columns whole', () => {
    const out = simulateDrift(base, [t('scale', 'k=1.37'), t('noise', 'k=0.2')], createRng(3));
    expect(num(out, 'k').every((v) => Number.isInteger(v))).toBe(true);
    expect(decimalPlaces(Float64Array.from([1, 2.5, 3.25]))).toBe(2);
    expect(decimalPlaces(Float64Array.from([29.85, 108.15, NaN]))).toBe(2);
  });

  it('resample gives the value weight x its share and keeps the row count and the others\' proportions', () => {
    const out = simulateDrift(base, [t('resample', 'g=c:2')], createRng(5));
    expect(out.rowCount).toBe(base.rowCount);
    const g = cats(out, 'g');
    const share = (v: string): number => g.filter((x) => x === v).length / g.length;
    expect(share('c')).toBeCloseTo(0.4, 10); // exactly round(0.2 * 2 * n) rows
    expect(share('a') / share('b')).toBeGreaterThan(5 / 3 - 0.1);
    expect(share('a') / share('b')).toBeLessThan(5 / 3 + 0.1);
    // Rows move together: a resampled row keeps its own x and k.
    const pairs = new Set(Array.from({ length: base.rowCount }, (_, i) => `${num(base, 'x')[i]}|${num(base, 'k')[i]}`));
    for (let i = 0; i < out.rowCount; i += 97) expect(pairs.has(`${num(out, 'x')[i]}|${num(out, 'k')[i]}`)).toBe(true);
  });

  it('resample works on a numeric label and can shrink a class', () => {
    const table = createTable([numericColumn('target', Float64Array.from({ length: 1000 }, (_, i) => (i < 400 ? 0 : 1)))]);
    const out = simulateDrift(table, [t('resample', 'target=0:0.5')], createRng(1));
    expect(num(out, 'target').filter((v) => v === 0).length).toBe(200);
  });

  it('missing blanks exactly that fraction, numeric and categorical', () => {
    const out = simulateDrift(base, [t('missing', 'x=0.25'), t('missing', 'g=0.1')], createRng(9));
    expect(num(out, 'x').filter((v) => Number.isNaN(v)).length).toBe(5000);
    expect(cats(out, 'g').filter((v) => v === null).length).toBe(2000);
  });

  it('is deterministic for a seed and leaves the input untouched', () => {
    const copy = Float64Array.from(num(base, 'x'));
    const transforms: DriftTransform[] = [t('resample', 'g=a:1.2'), t('noise', 'x=0.3'), t('missing', 'k=0.1')];
    const a = simulateDrift(base, transforms, createRng(11));
    const b = simulateDrift(base, transforms, createRng(11));
    const c = simulateDrift(base, transforms, createRng(12));
    expect(num(a, 'x')).toEqual(num(b, 'x'));
    expect(cats(a, 'g')).toEqual(cats(b, 'g'));
    expect(num(a, 'x')).not.toEqual(num(c, 'x'));
    expect(num(base, 'x')).toEqual(copy);
  });

  it('scale and shift give mean + factor (x - mean) + amount, to the column precision (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 50 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 40 }),
        (values, amount, tenths) => {
          const table = createTable([numericColumn('v', values.map((v) => v / 4))]);
          const shift = t('shift', `v=${amount}`);
          const scale = t('scale', `v=${tenths / 10}`);
          const out = num(simulateDrift(table, [scale, shift], createRng(1)), 'v');
          const m = mean(values.map((v) => v / 4));
          // Results are rounded to the input's precision (0, 1 or 2 decimals here).
          const half = 0.5 * 10 ** -decimalPlaces(Float64Array.from(values, (v) => v / 4));
          out.forEach((v, i) => {
            const expected = m + (tenths / 10) * (values[i]! / 4 - m) + amount;
            expect(Math.abs(v - expected)).toBeLessThanOrEqual(half + 1e-9);
          });
        },
      ),
    );
  });

  it('names unknown columns, kinds that do not fit and impossible weights', () => {
    expect(() => simulateDrift(base, [t('shift', 'X=1')], createRng(1), { inputName: 'in.csv' })).toThrow(
      '--shift X=1: column "X" not found in in.csv; did you mean "x"?',
    );
    expect(() => simulateDrift(base, [t('shift', 'g=1')], createRng(1))).toThrow(
      '--shift g=1: column "g" is categorical; --shift, --scale and --noise need a numeric column (use --resample or --missing)',
    );
    expect(() => simulateDrift(base, [t('resample', 'g=c:6')], createRng(1))).toThrow(
      '--resample g=c:6: "c" is 20.0% of the rows, so a weight of 6 would need more than all of them (at most 5.00)',
    );
    expect(() => simulateDrift(base, [t('resample', 'g=d:2')], createRng(1))).toThrow('--resample g=d:2: column "g" has no value "d"; its values: "a", "b", "c"');
    expect(() => simulateDrift(base, [t('resample', 'k=1000:2')], createRng(1))).toThrow('numeric column "k" has no value 1000');
  });
});

describe('driftwatch simulate-drift', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  writeFileSync(join(dir, 'in.csv'), 'id,price,plan,churn\n1,10.50,basic,No\n2,12.25,plus,Yes\n3,9.75,basic,No\n4,11.00,plus,No\n5,10.00,basic,No\n6,13.50,plus,Yes\n');

  it('writes the drifted CSV and says what it did', async () => {
    const r = await runCli(['simulate-drift', '-i', 'in.csv', '-o', 'sub/out.csv', '--shift', 'price=+2', '--missing', 'plan=0.5', '--seed', '3'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('Wrote sub/out.csv (6 rows x 4 columns, seed 3):\n  --shift price=+2\n  --missing plan=0.5\n');
    const out = await readTable(join(dir, 'sub', 'out.csv'));
    expect(Array.from(num(out, 'price'))).toEqual([12.5, 14.25, 11.75, 13, 12, 15.5]);
    expect(cats(out, 'plan').filter((v) => v === null)).toHaveLength(3);
  });

  it('gives the same bytes for the same seed', async () => {
    const args = ['simulate-drift', '-i', 'in.csv', '--noise', 'price=1', '--resample', 'churn=Yes:1.5', '--seed', '9'];
    await runCli([...args, '-o', 'a.csv'], { cwd: dir });
    await runCli([...args, '-o', 'b.csv'], { cwd: dir });
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe(readFileSync(join(dir, 'b.csv'), 'utf8'));
  });

  it.each([
    [['-o', 'x.csv', '--shift', 'price=1'], 'driftwatch: --input: missing: give the data file to read\n'],
    [['-i', 'in.csv', '--shift', 'price=1'], 'driftwatch: --out: missing: give the CSV file to write\n'],
    [['-i', 'in.csv', '-o', 'x.csv'], 'driftwatch: simulate-drift: nothing to do: give at least one of --shift, --scale, --noise, --resample, --missing\n'],
    [['-i', 'in.csv', '-o', 'x.csv', '--shift', 'prize=1'], 'driftwatch: --shift prize=1: column "prize" not found in in.csv; did you mean "price"?\n'],
    [['-i', 'in.csv', '-o', 'x.csv', '--shift', 'plan=1'], /column "plan" is categorical/],
    [['-i', 'in.csv', '-o', 'x.csv', '--shift', 'price=1', '--seed', '-1'], 'driftwatch: --seed: must be a whole number from 0 to 4294967295 (got "-1")\n'],
    [['-i', 'missing.csv', '-o', 'x.csv', '--shift', 'price=1'], /^driftwatch: missing\.csv/],
    [['-i', 'in.csv', '-o', '.', '--shift', 'price=1'], 'driftwatch: --out: . is a folder; give the name of the CSV file to write\n'],
    [['-i', 'in.csv', '-o', 'in.csv/x.csv', '--shift', 'price=1'], /^driftwatch: in\.csv cannot be created as a folder \(a file is in the way\); choose a folder you can write to\n$/],
  ])('%j fails with exit 2', async (args, expected) => {
    const r = await runCli(['simulate-drift', ...args], { cwd: dir });
    expect(r.code).toBe(2);
    if (typeof expected === 'string') expect(r.stderr).toBe(expected);
    else expect(r.stderr).toMatch(expected);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
