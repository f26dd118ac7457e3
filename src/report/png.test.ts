import { describe, expect, it } from 'vitest';
import { sampleModelReport } from '../../test/fixtures/report/sample-model-report.js';
import { AWKWARD_NAME, sampleReport } from '../../test/fixtures/report/sample-report.js';
import type { ColumnDrift } from '../drift/index.js';
import { renderPng } from './png.js';
import { MAX_BARS, SUMMARY_HEIGHT, SUMMARY_WIDTH, summarySvg } from './png/summary-svg.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which must come first. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(String.fromCharCode(...png.slice(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('renderPng', () => {
  it('writes a 1200x800 PNG', async () => {
    const png = await renderPng(sampleReport);
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: SUMMARY_WIDTH, height: SUMMARY_HEIGHT });
    expect(png.length).toBeGreaterThan(20_000);
  });

  it('composes KPIs, pie, gauge and score bars in one escaped SVG', () => {
    const svg = summarySvg(sampleReport);
    expect(svg).toContain('DRIFTED SHARE');
    expect(svg).toContain('Dataset, target and prediction drift detected · 4 of 8 columns drifted (50% &gt;= 50%)');
    expect((svg.match(/<svg\b/g) ?? []).length).toBe(4);
    expect(svg).not.toContain(AWKWARD_NAME);
    expect(svg).not.toMatch(/zr\d+-cls/);
  });

  it('shows only the highest scores when there are many features', async () => {
    const many: ColumnDrift[] = Array.from({ length: 45 }, (_, i) => ({ ...sampleReport.columns[0]!, name: `feature_${i}`, score: i / 45 }));
    const report = { ...sampleReport, columns: many };
    const svg = summarySvg(report);
    expect(svg).toContain(`top ${MAX_BARS} of 45`);
    expect(svg).toContain('feature_44');
    expect(svg).not.toContain('>feature_0<');
    expect(pngSize(await renderPng(report))).toEqual({ width: SUMMARY_WIDTH, height: SUMMARY_HEIGHT });
  });

  it('a report with a model section gets the model panel: verdict, predictions, confidence, the watched metric', async () => {
    const svg = summarySvg(sampleModelReport);
    expect(svg).toContain('>Model models/churn.json (gradient-boosted trees, binary: No, Yes)</text>');
    expect(svg).toContain('>PERFORMANCE ALERT: F1 dropped from 0.531 to 0.447 (drop 0.083 &gt; max 0.05)</text>');
    expect(svg).toContain('>DRIFTED (score 0.517)</text>');
    expect(svg).toContain('>0.866 → 0.895 (+0.029)</text>');
    expect(svg).toContain('>8% → 7% of rows</text>');
    expect(svg).toContain('>F1 (WATCHED)</text>');
    expect(svg).toContain('>0.531 → 0.447 (-0.083)</text>');
    // The charts move down to make room, and the image keeps its size.
    expect(summarySvg(sampleReport)).not.toContain('>Model ');
    const png = await renderPng(sampleModelReport);
    expect(pngSize(png)).toEqual({ width: SUMMARY_WIDTH, height: SUMMARY_HEIGHT });
  });
});
