import { describe, expect, it } from 'vitest';
import { AWKWARD_NAME, LONG_NAME, sampleReport } from '../../test/fixtures/report/sample-report.js';
import type { DriftReport } from '../drift/types.js';
import { renderHtml } from './html.js';

const html = renderHtml(sampleReport);
const count = (s: string, needle: string | RegExp): number => (typeof needle === 'string' ? s.split(needle).length - 1 : (s.match(needle) ?? []).length);

describe('renderHtml', () => {
  it('is one self-contained document with inline style and script', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(count(html, '<style>')).toBe(1);
    expect(count(html, /<script\b/g)).toBe(1);
    expect(html).toContain('<script>');
    expect(html).not.toMatch(/<link\b|<iframe\b|<img\b|@import|url\(/i);
    expect(html).toContain("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
  });

  it('references nothing on the network', () => {
    expect(html).not.toMatch(/\b(?:src|href|xlink:href|action|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toContain('http://');
    expect(html).not.toContain('https://');
  });

  it('has the header, KPI cards and every section', () => {
    expect(html).toContain('Dataset drift detected · 4 of 8 columns drifted (50% &gt;= 50%)');
    for (const label of ['Columns analysed', 'Drifted columns', 'Drifted share', 'Drift threshold', 'Severity']) expect(html).toContain(`<div class="label">${label}</div>`);
    expect(html).toContain('<div class="value warn">MEDIUM</div>');
    for (const id of ['columns', 'distributions', 'target', 'quality', 'excluded', 'schema', 'notes']) expect(html).toContain(`id="${id}"`);
    for (const e of sampleReport.excluded) expect(html).toContain(e.name);
    expect(html).toContain('zip_code</strong>: numeric → categorical');
  });

  it('inlines server-rendered SVG charts: pie, gauge, scores and one distribution per column', () => {
    const panels = sampleReport.columns.length + 2; // features + target + prediction
    expect(count(html, /<svg\b/g)).toBe(3 + panels);
    expect(count(html, /<details class="dist"/g)).toBe(panels);
    // ECharts' global instance counter is replaced by per-chart prefixes, so classes never collide.
    expect(html).not.toMatch(/zr\d+-cls-/);
  });

  it('groups columns into one sortable table per method, rows by score', () => {
    const methods = new Set(sampleReport.columns.map((c) => c.method));
    expect(count(html, /<table class="sortable fixed">/g)).toBe(methods.size);
    const ks = html.slice(html.indexOf('<h3>ks · 3 columns</h3>'));
    const order = ['income', 'credit_score', 'age'].map((n) => ks.indexOf(`>${n}</a>`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toContain('data-value="Infinity"');
  });

  it('escapes column names, paths and messages', () => {
    expect(html).not.toContain(AWKWARD_NAME);
    expect(html).toContain('device, &quot;type&quot; &lt;mobile &amp; web&gt;');
    const evil: DriftReport = {
      ...sampleReport,
      reference: { path: '"><script>alert(1)</script>', rows: 1 },
      columns: [{ ...sampleReport.columns[0]!, name: '<img src=x onerror=alert(1)>', reason: "it's <b>bold</b>" }],
      notes: ['</style><script>alert(2)</script>'],
    };
    const out = renderHtml(evil);
    expect(count(out, /<script\b/g)).toBe(1);
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>bold</b>');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('is deterministic and a sane size', () => {
    expect(renderHtml(sampleReport)).toBe(html);
    expect(html.length).toBeGreaterThan(20_000);
    expect(html.length).toBeLessThan(400_000);
  });

  it('copes with a report without target, prediction, issues or notes', () => {
    const bare: DriftReport = {
      ...sampleReport, target_drift: null, prediction_drift: null, prediction_columns: [],
      quality: { columns: [], issues: [] }, excluded: [], notes: [],
      schema: { missing_in_current: [], extra_in_current: [], type_changes: [] },
      dataset: { ...sampleReport.dataset, drifted_columns: 0, drifted_share: 0, dataset_drift: false, severity: 'LOW' },
    };
    const out = renderHtml(bare);
    expect(out).toContain('No dataset drift');
    expect(out).toContain('No target or prediction column was given.');
    expect(out).toContain('No data-quality issues found.');
    expect(out).not.toContain('id="notes"');
  });
});

describe('distribution panels', () => {
  it('leave the chart out past the cap but keep the summary and the anchor', async () => {
    const { distributionPanel } = await import('./html/distributions.js');
    const panel = distributionPanel(sampleReport.columns[1]!, 'dist-1', false, false).html;
    expect(panel).not.toContain('<svg');
    expect(panel).toContain('Chart left out');
    expect(panel).toContain('id="dist-1"');
    expect(panel).toContain('<td>Mean</td>');
  });

  it('list drifted columns first, each group by score with NaN scores last', () => {
    const columns = sampleReport.columns.map((c) => (c.name === 'age' ? { ...c, score: NaN } : c));
    const out = renderHtml({ ...sampleReport, columns });
    const section = out.slice(out.indexOf('id="distributions"'), out.indexOf('id="target"'));
    const names = [...section.matchAll(/<summary><span class="name">([^<]*)<\/span>/g)].map((m) => m[1]);
    expect(names).toEqual(['device, &quot;type&quot; &lt;mobile &amp; web&gt;', 'income', 'region', LONG_NAME, 'tenure_months', 'credit_score', 'is_premium', 'age']);
  });
});
