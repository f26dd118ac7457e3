/**
 * Drift must not be missed because of how a value is spelt: a column keeps the kind the reference gives it,
 * values that are not numbers are counted (never change the test), exclusion reasons are true, an all-empty
 * column is all missing (not a type change), and settings that cannot apply say so.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../core/clock.js';
import { DriftwatchError } from '../core/errors.js';
import { createRng, type Rng } from '../core/rng.js';
import { readTable } from '../data/read-table.js';
import { createTable, numericColumn, type Table } from '../data/table/index.js';
import { analyzeDrift } from './analyze.js';

const clock = { clock: manualClock('2026-01-02T03:04:05Z') };
const dir = mkdtempSync(join(tmpdir(), 'driftwatch-read-by-reference-'));
let fileNo = 0;

async function csv(header: string, rows: readonly string[]): Promise<Table> {
  const p = join(dir, `f${fileNo++}.csv`);
  writeFileSync(p, `${header}\n${rows.join('\n')}\n`);
  return readTable(p);
}

function normals(rng: Rng, n: number, mean: number): number[] {
  return Array.from({ length: n }, () => mean + rng.normal());
}

const junk = fc.constantFrom('oops', '0x10', '1_000', 'n.a.', '?', 'nan', 'NULL', 'None', '#N/A');

describe('a numeric column keeps the kind the reference gives it', () => {
  it('a +5 sd shift is found whatever the current file spells between its numbers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(fc.tuple(fc.nat(499), junk), { minLength: 1, maxLength: 60 }), async (seed, inserts) => {
        const rng = createRng(seed);
        const ref = normals(rng, 500, 0).map((v) => v.toFixed(6));
        const cur = normals(rng, 500, 5).map((v) => v.toFixed(6));
        for (const [at, j] of inserts) cur[at] = j;
        const report = analyzeDrift(await csv('x', ref), await csv('x', cur), clock);
        const x = report.columns.find((c) => c.name === 'x')!;
        expect(x.kind).toBe('numeric');
        expect(x.drifted).toBe(true);
        expect(report.dataset.dataset_drift).toBe(true);
        const texts = new Set(cur);
        const notNumbers = [...texts].filter((t) => ['oops', '0x10', '1_000', 'n.a.', '?'].includes(t));
        const count = cur.filter((t) => notNumbers.includes(t)).length;
        const q = report.quality.columns.find((c) => c.name === 'x')!;
        if (count === 0) expect(q.non_numeric_current).toBeNull();
        else {
          const first = cur.findIndex((t) => notNumbers.includes(t));
          expect(q.non_numeric_current).toEqual({ count, first_value: cur[first], first_line: first + 2, first_row: first + 1 });
          expect(report.quality.issues).toContainEqual({
            column: 'x',
            kind: 'non_numeric',
            message: `${count === 1 ? '1 non-numeric value' : `${count} non-numeric values`} in current, ${count === 1 ? '' : 'first '}at line ${first + 2}: '${cur[first]}'; left out like missing values`,
          });
        }
        expect(report.schema.type_changes).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('non-numeric values are counted apart from the missing ones', async () => {
    const ref = Array.from({ length: 100 }, (_, i) => String(i % 10));
    const cur = Array.from({ length: 100 }, (_, i) => (i < 10 ? 'oops' : i < 15 ? 'NaN' : String(i % 10)));
    const r = analyzeDrift(await csv('x', ref), await csv('x', cur), clock);
    const s = r.columns[0]!.summary.current;
    expect(s.count).toBe(85);
    expect(s.missing).toBe(5);
    expect(s.missing_share).toBe(0.05);
    expect(r.quality.issues.map((i) => i.kind)).toEqual(['non_numeric']);
  });

  it('a reference with some text among distinct numbers is numeric, not "identifier-like"', async () => {
    const rng = createRng(7);
    const ref = normals(rng, 400, 10).map((v, i) => (i % 50 === 3 ? 'oops' : v.toFixed(4)));
    const cur = normals(rng, 400, 10).map((v) => v.toFixed(4));
    const r = analyzeDrift(await csv('m', ref), await csv('m', cur), clock);
    expect(r.excluded).toEqual([]);
    expect(r.columns[0]!.kind).toBe('numeric');
    expect(r.quality.columns[0]!.non_numeric_reference).toEqual({ count: 8, first_value: 'oops', first_line: 5, first_row: 4 });
    expect(r.schema.type_changes).toEqual([]);
  });

  it('a reference that is mostly text stays categorical; current numbers are compared as text', async () => {
    const ref = Array.from({ length: 40 }, (_, i) => ['red', 'green', 'blue', '7'][i % 4]!);
    const cur = Array.from({ length: 40 }, (_, i) => String(i % 3));
    const r = analyzeDrift(await csv('c', ref), await csv('c', cur), clock);
    expect(r.columns[0]!.kind).toBe('categorical');
    expect(r.quality.columns[0]!.non_numeric_current).toBeNull();
  });

  it('exclusion reasons are true: consecutive integer ids stay identifiers, even with a stray text in current', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => String(1000 + i));
    const r = analyzeDrift(await csv('user_id,v', ids.map((id, i) => `${id},${i % 3}`)), await csv('user_id,v', ids.map((id, i) => `${i === 4 ? 'x' : id},${i % 3}`)), clock);
    expect(r.excluded.find((e) => e.name === 'user_id')?.reason).toMatch(/^identifier-like \(kind id\)/);
  });

  it('decimal commas in a ;-separated pair are numbers, and their shift is found', async () => {
    const rng = createRng(3);
    const write = (mean: number): string[] => normals(rng, 300, mean).map((v, i) => `${v.toFixed(3).replace('.', ',')};${i % 2 === 0 ? 'x' : 'y'}`);
    const r = analyzeDrift(await csv('a;b', write(0)), await csv('a;b', write(3)), clock);
    const a = r.columns.find((c) => c.name === 'a')!;
    expect(a.kind).toBe('numeric');
    expect(a.drifted).toBe(true);
    expect(r.quality.issues.filter((i) => i.kind === 'non_numeric')).toEqual([]);
  });

  it.each([
    ['reference', '', 'x'],
    ['current', 'x', ''],
  ])('an all-empty column in the %s is all missing, not a type change', async (side, a, b) => {
    const rows = (fill: string): string[] => Array.from({ length: 30 }, (_, i) => `${i % 5},${fill === '' ? '' : `${fill}${i % 3}`}`);
    const r = analyzeDrift(await csv('v,e', rows(a)), await csv('v,e', rows(b)), clock);
    expect(r.schema.type_changes).toEqual([]);
    expect(r.notes.join(' ')).not.toMatch(/"e"/);
    expect(r.excluded).toContainEqual({ name: 'e', reason: `all values missing in ${side === 'reference' ? 'the reference' : 'current'}` });
    expect(r.quality.issues).toContainEqual({ column: 'e', kind: 'all_missing', message: `all values missing in ${side === 'reference' ? 'the reference' : 'current'}; not compared` });
  });
});

describe('settings that cannot apply say so', () => {
  const rng = createRng(11);
  const continuous = (mean: number) => numericColumn('x', normals(rng, 800, mean));
  const few = (shift: number) => numericColumn('k', Array.from({ length: 800 }, (_, i) => (i + shift) % 4));

  it('stattest chi2 on a continuous column: the preset judges it, with a warning; few-valued columns keep chi2', () => {
    const r = analyzeDrift(createTable([continuous(0), few(0)]), createTable([continuous(5), few(1)]), { ...clock, stattest: 'chi2' });
    const x = r.columns.find((c) => c.name === 'x')!;
    expect(x.method).toBe('ks');
    expect(x.drifted).toBe(true);
    expect(x.reason).toMatch(/stattest chi2 does not fit this continuous column: \d+ distinct values/);
    expect(r.columns.find((c) => c.name === 'k')!.method).toBe('chi2');
    expect(r.warnings).toEqual([
      `stattest chi2 counts each distinct value as a category, which tests next to nothing on continuous columns: "x" (1600 distinct values); the preset judged it instead. Use ks, wasserstein or psi for numeric columns.`,
    ]);
  });

  it('per_kind chi2 on a continuous column is kept, with a warning', () => {
    const r = analyzeDrift(createTable([continuous(0)]), createTable([continuous(0)]), { ...clock, perKind: { numeric: { method: 'chi2' } } });
    expect(r.columns[0]!.method).toBe('chi2');
    expect(r.warnings?.[0]).toMatch(/^per_kind\.numeric chi2 counts each distinct value .*; kept as set\./);
  });

  it('a correction with only distances has no effect and says so; with p-values it is a note', () => {
    const d = analyzeDrift(createTable([continuous(0)]), createTable([continuous(0)]), { ...clock, stattest: 'wasserstein', correction: 'bonferroni' });
    expect(d.warnings).toEqual(['correction bonferroni has no effect: every feature was judged by a distance (wasserstein), which has no p-value to correct.']);
    const p = analyzeDrift(createTable([continuous(0)]), createTable([continuous(0)]), { ...clock, correction: 'bonferroni' });
    expect(p.warnings).toEqual([]);
    expect(p.notes.join(' ')).toMatch(/corrected for multiple testing/);
  });

  it.each([
    [{ target: 'k', drop: ['k'] }, 'drop'],
    [{ prediction: 'k', id: ['k'] }, 'id'],
    [{ target: 'k', timestamp: 'k' }, 'timestamp'],
  ])('a target or prediction also left out (%j) is a USAGE error', (options, field) => {
    try {
      analyzeDrift(createTable([continuous(0), few(0)]), createTable([continuous(0), few(0)]), { ...clock, ...options });
      expect.fail('expected a USAGE error');
    } catch (e) {
      expect(e).toBeInstanceOf(DriftwatchError);
      expect((e as DriftwatchError).code).toBe('USAGE');
      expect((e as DriftwatchError).field).toBe(field);
      expect((e as DriftwatchError).message).toMatch(/column "k" is the (target|prediction) and is also given as/);
    }
  });

  it('tables read from files name them in the report', async () => {
    const a = await csv('v', ['1', '2', '3']);
    const r = analyzeDrift(a, a, clock);
    expect(r.reference.path).toBe(a.path);
    expect(r.current.path).toBe(a.path);
  });
});
