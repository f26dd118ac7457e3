import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../test/helpers/golden.js';
import { AWKWARD_NAME, LONG_NAME, sampleReport } from '../../test/fixtures/report/sample-report.js';
import { wideReport } from '../../test/fixtures/report/wide-report.js';
import type { DriftReport } from '../drift/index.js';
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
    expect(html).toContain('<strong>Dataset, target and prediction drift detected</strong><span class="clause">dataset drift: 4 of 8 columns drifted (50% &gt;= 50%)</span><span class="clause">target churned drifted (yes 12.8% → 15.2%)</span>');
    for (const label of ['Columns analysed', 'Drifted columns', 'Drifted share', 'Drift threshold', 'Severity']) expect(html).toContain(`<div class="label">${label}</div>`);
    expect(html).toContain('<div class="value drift">HIGH</div>');
    for (const id of ['columns', 'distributions', 'target', 'quality', 'excluded', 'schema', 'notes']) expect(html).toContain(`id="${id}"`);
    for (const e of sampleReport.excluded) expect(html).toContain(e.name);
    expect(html).toContain('zip_code</strong>: numeric → categorical');
  });

  it('inlines server-rendered SVG charts: pie, gauge, scores and one distribution per column, wide and compact, and a sparkline per row', () => {
    const panels = sampleReport.columns.length + 2; // features + target + prediction
    expect(count(html, /<svg class="spark"/g)).toBe(sampleReport.columns.length);
    expect(count(html, /<svg\b/g)).toBe(2 + 2 * (1 + panels) + sampleReport.columns.length);
    expect(count(html, /<details class="dist"/g)).toBe(panels);
    // ECharts' global instance counter is replaced by per-chart prefixes, so classes never collide.
    expect(html).not.toMatch(/zr\d+-cls-/);
  });

  it('groups columns into one sortable table per method, rows by score', () => {
    const methods = new Set(sampleReport.columns.map((c) => c.method));
    expect(count(html, /<table class="sortable fixed cards">/g)).toBe(methods.size);
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
        dataset: { ...sampleReport.dataset, drifted_columns: 0, drifted_share: 0, dataset_drift: false, severity: 'LOW', alert: false },
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

  it('open the drifted ones, say what changed, and give both shares of each bar on hover', () => {
    const section = html.slice(html.indexOf('id="distributions"'), html.indexOf('id="target"'));
    const opened = [...section.matchAll(/<details class="dist" id="[^"]*" data-name="([^"]*)" data-drifted="(\d)"( open)?>/g)];
    expect(opened.length).toBe(sampleReport.columns.length);
    for (const m of opened) expect(m[3] !== undefined).toBe(m[2] === '1');
    expect(section).toContain('<span class="change">mean 56,035 → 69,355, +0.44 sd; missing 1% → 8%</span>');
    expect(section).toContain('data-tip="tablet: reference 0%, current 11.9%"');
  });
});

describe('a wide report', () => {
  const section = (page: string, id: string): string => page.slice(page.indexOf(`id="${id}"`), page.indexOf('</section>', page.indexOf(`id="${id}"`)));
  const r = wideReport();
  const page = renderHtml(r, { companions: ['drift_report.json', 'feature_scores.csv'] });

  it('lists in its tables the features that have a panel, drifted first, and every row links to a panel that exists', () => {
    const tables = section(page, 'columns');
    const rows = [...tables.matchAll(/<tr data-name="([^"]*)"/g)].map((m) => m[1]!);
    expect(rows).toHaveLength(1000);
    for (const name of ['f1495', 'f1496', 'f1497', 'f1498', 'f1499', 'f0', 'f994']) expect(rows).toContain(name);
    expect(rows).not.toContain('f995');
    const panels = [...section(page, 'distributions').matchAll(/<details class="dist" id="([^"]*)" data-name="([^"]*)"/g)];
    expect(panels.map((m) => m[2]).sort()).toEqual([...rows].sort());
    const ids = new Set([...page.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]));
    for (const [, href] of tables.matchAll(/href="#([^"]*)"/g)) expect(ids.has(href!)).toBe(true);
    // Rows by score within a table, as in a narrow report: the five drifted ones, with the lowest scores, last.
    const ks = [...tables.slice(tables.indexOf('<h3>ks ·')).matchAll(/<tr data-name="([^"]*)"/g)].map((m) => m[1]!);
    expect(ks.slice(0, 3)).toEqual(['f1', 'f2', 'f3']);
    expect(ks.slice(-5)).toEqual(['f1495', 'f1496', 'f1497', 'f1498', 'f1499']);
    expect(tables).toContain('<h3>ks · 990 of 1,485 columns</h3>');
    expect(tables).toContain('<h3>psi · 10 of 15 columns</h3>');
  });

  it('says so, links the files that list every feature, and says what the search filters', () => {
    expect(page).toContain('This report has 1,500 features: the tables list the 1,000 with a distribution panel below (drifted ones first, then the highest drift scores), and the search and “Drifted only” filter those rows. Every feature is in <a href="drift_report.json" download>drift_report.json</a> and <a href="feature_scores.csv" download>feature_scores.csv</a>.');
    expect(page).toContain('placeholder="Search 1,000 listed columns" aria-label="Search 1,000 listed columns"');
    expect(page).toContain('the other 500 are in <a href="drift_report.json" download>drift_report.json</a>.');
    expect(page).toContain('The 60 highest of 1,500 features; the tables below list 1,000.');
    const bare = renderHtml(r);
    expect(bare).toContain('Every feature is in the JSON and CSV reports.');
    expect(bare).toContain('the other 500 are in the JSON report.');
    expect(renderHtml(r, { companions: ['feature_scores.csv'] })).toContain('Every feature is in <a href="feature_scores.csv" download>feature_scores.csv</a>.');
  });

  it('draws the charts of the first 10 panels only', () => {
    const panels = section(page, 'distributions');
    expect((panels.match(/<div class="variant wide">/g) ?? []).length).toBe(10);
    expect(panels).toContain('Chart left out: only the first 10 features by drift score get one.');
  });

  it('lists 1,000 quality rows, those with an issue or a change in missing values first, and the first 1,000 issues', () => {
    const quality = section(page, 'quality');
    const rows = [...quality.matchAll(/<tr><td class="name">([^<]*)<\/td>/g)].map((m) => Number(m[1]!.slice(1)));
    expect(rows).toHaveLength(1000);
    expect(rows.slice(0, 900)).toEqual(Array.from({ length: 900 }, (_, i) => 600 + i));
    expect(rows.slice(900)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(quality).toContain('1,000 of 1,500 columns: those named by an issue or whose missing share changed first. Every column is in <a href="drift_report.json" download>drift_report.json</a>.');
    expect((quality.match(/<li>/g) ?? []).length).toBe(1000);
    expect(quality).toContain('The first 1,000 of 1,200 issues; every one is in <a href="drift_report.json" download>drift_report.json</a>.');
  });

  it('lists everything up to 1,000 features', () => {
    const out = renderHtml(wideReport(1000));
    expect((out.match(/<tr data-name=/g) ?? []).length).toBe(1000);
    expect(out).not.toContain('listed');
    expect(out).toContain('The 60 highest of 1000 features; the tables below list every one.');
  });
});

describe('the headline and the page around it', () => {
  it('turns the banner red for a drifted target under a calm feature set, and names it', () => {
    const r: DriftReport = { ...sampleReport, dataset: { ...sampleReport.dataset, drifted_columns: 1, drifted_share: 1 / 8, dataset_drift: false, severity: 'HIGH', alert: true } };
    const out = renderHtml(r);
    expect(out).toContain('<div class="banner drift" role="alert"><strong>Target and prediction drift detected</strong>');
    expect(out).toContain('<span class="clause">target churned drifted (yes 12.8% → 15.2%)</span>');
    expect(out).toContain('<span class="clause">features: 1 of 8 columns drifted (12.5% &lt; 50%)</span>');
  });

  it('links the JSON and CSV written beside it, and nothing when none is', () => {
    const out = renderHtml(sampleReport, { companions: ['drift_report.json', 'feature_scores.csv'] });
    expect(out).toContain('<a href="drift_report.json" download>drift_report.json</a>');
    expect(out).toContain('<a href="feature_scores.csv" download>feature_scores.csv</a>');
    expect(html).not.toContain('Also written here');
  });

  it('shows the effect size that decided beside the p-value', () => {
    expect(html).toMatch(/<td class="num effect" data-value="0\.021"[^>]*>Wass 0\.021 &lt; 0\.1<\/td>/);
  });

  it('matches the golden page (chart SVGs normalised; their specifications have goldens of their own)', () => {
    const normalised = renderHtml(sampleReport, { companions: ['drift_report.json', 'feature_scores.csv'] })
      .replace(/<svg width="(\d+)" height="(\d+)"[\s\S]*?<\/svg>/g, '<svg width="$1" height="$2"><!-- chart --></svg>');
    expectGolden('drift_report.html', normalised);
  });
});
