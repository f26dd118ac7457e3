/**
 * The evidently and default presets against NumPy/SciPy (test/fixtures/scripts/drift_presets.py):
 * verdict for verdict, and statistics, p-values and effect sizes to 1e-9 relative.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { analyzeDrift } from '../../src/drift/analyze.js';
import type { ColumnDrift, DriftReport, PresetName } from '../../src/drift/types.js';
import { readCsvTable, readRawCsv, tableFromRaw } from './helpers/csv-table.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIR = join(ROOT, 'test', 'fixtures', 'drift');
type Num = number | string | null;
interface ExpectedColumn {
  method: string;
  statistic: Num;
  p_value: Num;
  drifted: boolean;
  effect?: { method: string; value: Num; exceeded: boolean };
}
interface ExpectedPreset {
  columns: Record<string, ExpectedColumn>;
  dataset: { columns_analyzed: number; drifted_columns: number; drifted_share: number; dataset_drift: boolean };
}
interface Case {
  name: string;
  source: string;
  reference?: string;
  current?: string;
  reference_rows?: [number, number];
  current_rows?: [number, number];
  current_tenure_below?: number | null;
  current_limit?: number | null;
  target: string | null;
  rows: [number, number];
  presets: Record<'evidently' | 'default', ExpectedPreset>;
}
const fixture = JSON.parse(readFileSync(join(DIR, 'presets.json'), 'utf8')) as { cases: Case[] };

function value(x: Num): number | null {
  if (x === null) return null;
  if (typeof x === 'number') return x;
  return x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : NaN;
}

function close(actual: number | null, expected: Num, what: string): void {
  const e = value(expected);
  if (e === null || actual === null) {
    expect(actual, what).toBe(e);
    return;
  }
  if (!Number.isFinite(e) || e === 0) {
    expect(actual, what).toBe(e);
    return;
  }
  expect(Math.abs(actual - e) / Math.abs(e), `${what}: ${actual} vs ${e}`).toBeLessThanOrEqual(1e-9);
}

function tables(c: Case) {
  if (c.source === 'synthetic') return [readCsvTable(join(DIR, c.reference!)), readCsvTable(join(DIR, c.current!))] as const;
  const path = join(ROOT, c.source);
  if (!existsSync(path)) throw new Error(`${c.source} is missing: the telco cases need the example data`);
  const raw = readRawCsv(path);
  const tenure = raw.header.indexOf('tenure');
  const [r0, r1] = c.reference_rows!;
  const [c0, c1] = c.current_rows!;
  let cur = raw.rows.slice(c0, c1);
  if (c.current_tenure_below !== null && c.current_tenure_below !== undefined) cur = cur.filter((r) => Number(r[tenure]) < c.current_tenure_below!);
  if (c.current_limit !== null && c.current_limit !== undefined) cur = cur.slice(0, c.current_limit);
  return [tableFromRaw({ header: raw.header, rows: raw.rows.slice(r0, r1) }), tableFromRaw({ header: raw.header, rows: cur })] as const;
}

function allColumns(r: DriftReport): ColumnDrift[] {
  return [...r.columns, ...(r.target_drift !== null ? [r.target_drift] : []), ...(r.prediction_columns ?? [])];
}

describe.each(fixture.cases)('preset fixtures: $name', (c) => {
  const [reference, current] = tables(c);
  it('has the fixture row counts', () => {
    expect([reference.rowCount, current.rowCount]).toEqual(c.rows);
  });
  it.each(['evidently', 'default'] as const)('%s matches NumPy/SciPy verdict for verdict', (preset: PresetName & ('evidently' | 'default')) => {
    const expected = c.presets[preset];
    const report = analyzeDrift(reference, current, { preset, ...(c.target !== null ? { target: c.target } : {}), clock: manualClock(0) });
    const got = new Map(allColumns(report).map((col) => [col.name, col]));
    expect([...got.keys()].sort()).toEqual(Object.keys(expected.columns).sort());
    for (const [name, e] of Object.entries(expected.columns)) {
      const a = got.get(name)!;
      expect(a.method, `${name} method`).toBe(e.method);
      expect(a.drifted, `${name} verdict`).toBe(e.drifted);
      close(a.statistic, e.statistic, `${name} statistic`);
      close(a.p_value, e.p_value, `${name} p-value`);
      if (e.effect !== undefined) {
        expect(a.effect_size?.method, `${name} effect method`).toBe(e.effect.method);
        expect(a.effect_size?.exceeded, `${name} effect verdict`).toBe(e.effect.exceeded);
        close(a.effect_size!.value, e.effect.value, `${name} effect`);
      } else {
        expect(a.effect_size, `${name} effect`).toBeNull();
      }
    }
    expect(report.dataset.columns_analyzed).toBe(expected.dataset.columns_analyzed);
    expect(report.dataset.drifted_columns).toBe(expected.dataset.drifted_columns);
    expect(report.dataset.drifted_share).toBeCloseTo(expected.dataset.drifted_share, 12);
    expect(report.dataset.dataset_drift).toBe(expected.dataset.dataset_drift);
  });
});
