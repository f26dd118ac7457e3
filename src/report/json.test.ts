import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../test/helpers/golden.js';
import { sampleModelReport } from '../../test/fixtures/report/sample-model-report.js';
import { AWKWARD_NAME, sampleReport } from '../../test/fixtures/report/sample-report.js';
import { REPORT_SCHEMA_VERSION, type DriftReport } from '../drift/index.js';
import { renderJson, renderJsonChunks, reportToJson } from './json.js';

/** generated_at changes on every run of the engine; goldens pin everything else. */
function normalise(json: string): string {
  return json.replace(/"generated_at": "[^"]*"/, '"generated_at": "<normalised>"');
}

/** The same data with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) { out.add(k); keysOf(v, out); }
  }
  return out;
}

describe('renderJson', () => {
  it('matches the golden report', () => expectGolden('drift_report.json', normalise(renderJson(sampleReport))));

  it('streams in chunks that join to exactly the one-string JSON, columns and no columns alike', () => {
    const many: DriftReport = { ...sampleReport, columns: Array.from({ length: 3000 }, (_, i) => ({ ...sampleReport.columns[i % sampleReport.columns.length]!, name: `c${i}\n"${i}"` })) };
    for (const r of [sampleReport, many, { ...sampleReport, columns: [] }, sampleModelReport]) {
      const chunks = [...renderJsonChunks(r)];
      const text = chunks.join('');
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      expect(JSON.parse(text).columns).toHaveLength(r.columns.length);
      if (r === many) expect(chunks.length).toBeGreaterThan(3);
    }
  });

  it('writes wide lists in slices that join to exactly the report stringified in one piece', () => {
    // Thousands of columns, quality rows and issues, each list many slices long, names outside Latin-1 in
    // some slices only (they make a slice a two-byte string), and every list empty in turn.
    const n = 4000;
    const columns = Array.from({ length: n }, (_, i) => ({ ...sampleReport.columns[i % sampleReport.columns.length]!, name: i % 7 === 0 ? `größe_${i} →` : `c${i}` }));
    const q = sampleReport.quality;
    const wide: DriftReport = {
      ...sampleReport, columns,
      quality: {
        columns: Array.from({ length: n }, (_, i) => ({ ...q.columns[i % q.columns.length]!, name: `c${i}` })),
        issues: Array.from({ length: n / 2 }, (_, i) => ({ ...q.issues[i % q.issues.length]!, column: `c${i}` })),
      },
    };
    const variants = [
      wide,
      { ...wide, columns: [] },
      { ...wide, quality: { ...wide.quality, columns: [] } },
      { ...wide, quality: { ...wide.quality, issues: [] } },
      { ...wide, columns: columns.slice(0, 1), quality: { columns: wide.quality.columns.slice(0, 1), issues: wide.quality.issues.slice(0, 1) } },
    ];
    for (const r of variants) {
      const chunks = [...renderJsonChunks(r)];
      expect(chunks.join('')).toBe(`${JSON.stringify(reportToJson(r), null, 2)}\n`);
      if (r === wide) expect(chunks.length).toBeGreaterThan(3 * 10);
    }
  });

  it('uses 2-space indent and a trailing newline', () => {
    const out = renderJson(sampleReport);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.split('\n')[1]).toBe(`  "schema_version": "${REPORT_SCHEMA_VERSION}",`);
  });

  it('does not depend on the key order of the input object', () => {
    const shuffled = reverseKeys(sampleReport) as DriftReport;
    expect(Object.keys(shuffled)[0]).toBe('warnings');
    expect(renderJson(shuffled)).toBe(renderJson(sampleReport));
  });

  it('encodes non-finite numbers as strings and keeps null p-values null', () => {
    const parsed = JSON.parse(renderJson(sampleReport));
    const device = parsed.columns.find((c: { name: string }) => c.name === AWKWARD_NAME);
    expect(device.statistic).toBe('Infinity');
    const weird = { ...sampleReport.columns[0]!, statistic: -Infinity, score: NaN };
    const again = JSON.parse(renderJson({ ...sampleReport, columns: [weird] }));
    expect(again.columns[0].statistic).toBe('-Infinity');
    expect(again.columns[0].score).toBe('NaN');
    expect(parsed.columns.find((c: { name: string }) => c.name === 'tenure_months').p_value).toBeNull();
  });

  it('round-trips every finite value exactly', () => {
    const parsed = JSON.parse(renderJson(sampleReport));
    const income = sampleReport.columns[1]!;
    // An absent `combine` is written as its documented default, an absent `change` worked out from the
    // summaries (reports before schema 1.2), absent histogram `values` as null.
    expect(parsed.columns[1]).toEqual(JSON.parse(JSON.stringify({
      ...income, effect_size: { ...income.effect_size, combine: 'and' }, histogram: { ...income.histogram, values: null },
      change: 'mean 56,035 → 69,355, +0.44 sd; missing 1% → 8%',
    })));
    expect(parsed.dataset).toEqual(sampleReport.dataset);
  });

  it('documents every key it emits in docs/report-schema.md', () => {
    const doc = readFileSync(new URL('../../docs/report-schema.md', import.meta.url), 'utf8');
    const keys = new Set([...keysOf(JSON.parse(renderJson(sampleReport))), ...keysOf(JSON.parse(renderJson(sampleModelReport)))]);
    const undocumented = [...keys].filter((k) => !doc.includes(`\`${k}\``));
    expect(undocumented).toEqual([]);
  });

  it('writes the model section in documented key order, and null without a model', () => {
    expectGolden('drift_report_model.json', normalise(renderJson(sampleModelReport)));
    expect(JSON.parse(renderJson(sampleReport)).model).toBeNull();
    const parsed = JSON.parse(renderJson(sampleModelReport));
    expect(Object.keys(parsed).at(-1)).toBe('model');
    expect(Object.keys(parsed.model)).toEqual(['model', 'prediction_drift', 'confidence', 'performance', 'performance_alert', 'notes']);
    expect(parsed.model.performance.current.metrics.roc_auc).toBeNull();
    expect(JSON.parse(renderJson(reverseKeys(sampleModelReport) as DriftReport))).toEqual(parsed);
  });

  it('writes `alert` as dataset_drift for a report from before schema 1.2', () => {
    const { alert: _, ...old } = sampleReport.dataset;
    expect(JSON.parse(renderJson({ ...sampleReport, dataset: { ...old, dataset_drift: false } })).dataset.alert).toBe(false);
  });

  it('pins the schema version: changing it must be deliberate (update docs/report-schema.md)', () => {
    expect(REPORT_SCHEMA_VERSION).toBe('1.3');
    const doc = readFileSync(new URL('../../docs/report-schema.md', import.meta.url), 'utf8');
    expect(doc).toContain(`\`schema_version\`: \`"${REPORT_SCHEMA_VERSION}"\``);
  });
});
