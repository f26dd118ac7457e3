/**
 * One drift report, as the Drift report and Analyze pages show it: the verdict, the three charts from the
 * shared chart specifications (pie, gauge, per-feature scores), the columns table (also the charts' text
 * alternative), the distribution explorer, the model section, and downloads.
 */
import { useMemo, useState } from 'react';
import { driftGaugeChart, driftPieChart, driftScoreBarChart, driftScoreBarHeight, MAX_SCORE_BARS, scoreBarSubset } from '../../../../src/report/charts/index.ts';
import { download } from '../../api/client.ts';
import { reportDownloadUrl } from '../../api/endpoints.ts';
import { LazyChart as Chart } from '../../components/LazyChart.tsx';
import { ErrorNote, SeverityBadge } from '../../components/ui.tsx';
import { fmtCount, fmtPercent, fmtTime } from '../../lib/format.ts';
import { useCompact } from '../../lib/hooks.ts';
import { tableRows } from '../../report/columns-table.ts';
import type { DriftReport } from '../../report/report-json.ts';
import { ColumnsTable } from './ColumnsTable.tsx';
import { DistributionExplorer } from './DistributionExplorer.tsx';
import { ModelSection } from './ModelSection.tsx';

export function ReportView({ report, reportId }: { readonly report: DriftReport; readonly reportId?: string | number | undefined }) {
  const compact = useCompact();
  const rows = useMemo(() => tableRows(report), [report]);
  const [picked, setPicked] = useState<string>(() => rows.find((c) => c.drifted)?.name ?? rows[0]?.name ?? '');
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const pie = useMemo(() => driftPieChart(report), [report]);
  const gauge = useMemo(() => driftGaugeChart(report), [report]);
  // A wide report's chart draws its highest scores (100,000 bars stalled the page); the table lists every column.
  const scored = useMemo(() => scoreBarSubset(report), [report]);
  const bars = useMemo(() => driftScoreBarChart(scored, { compact }), [scored, compact]);
  const d = report.dataset;

  const pick = (name: string): void => {
    setPicked(name);
    document.getElementById('explorer')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const get = (format: 'json' | 'csv' | 'html'): void => {
    if (reportId === undefined) return;
    setDownloadError(null);
    download(reportDownloadUrl(reportId, format), `drift_report_${reportId}.${format}`).catch(setDownloadError);
  };

  return (
    <article className="report" data-testid="report">
      <div className={`banner ${d.dataset_drift ? 'banner-alert' : 'banner-ok'}`} role="status" data-testid="verdict">
        <strong>{d.dataset_drift ? 'Dataset drift detected' : 'No dataset drift'}</strong>{' '}
        <SeverityBadge severity={d.severity} />{' '}
        {d.drifted_columns} of {d.columns_analyzed} columns drifted ({fmtPercent(d.drifted_share)}; threshold {fmtPercent(d.drift_share_threshold)}).
        {report.target_drift !== null && report.target_drift.drifted ? <> Target <code>{report.target_drift.name}</code> drifted.</> : null}
      </div>
      <p className="muted meta">
        Reference {report.reference.path ?? 'upload'} ({fmtCount(report.reference.rows)} rows) · current {report.current.path ?? 'upload'} ({fmtCount(report.current.rows)} rows) ·
        preset {report.preset} · generated {fmtTime(report.generated_at)}
      </p>
      {reportId !== undefined ? (
        <div className="downloads" role="group" aria-label="Download the report">
          <span>Download:</span>
          {(['json', 'csv', 'html'] as const).map((f) => <button key={f} type="button" className="btn btn-plain btn-small" onClick={() => get(f)}>{f.toUpperCase()}</button>)}
          {downloadError !== null ? <ErrorNote error={downloadError} prefix="Download failed:" /> : null}
        </div>
      ) : null}
      <div className="chart-grid report-charts">
        <section className="panel" aria-label="Drifted versus stable columns">
          <h2>Drifted vs stable</h2>
          <Chart spec={pie} height={220} label={`${d.drifted_columns} of ${d.columns_analyzed} columns drifted`} />
        </section>
        <section className="panel" aria-label="Drift share against the threshold">
          <h2>Drift share</h2>
          <Chart spec={gauge} height={220} label={`Drift share ${fmtPercent(d.drifted_share)} against threshold ${fmtPercent(d.drift_share_threshold)}`} />
        </section>
        <section className="panel wide" aria-label="Drift score per feature">
          <h2>Drift score per feature</h2>
          {scored !== report ? <p className="muted meta" data-testid="bars-note">The {MAX_SCORE_BARS} highest of {fmtCount(report.columns.length)} features; the columns table below lists every one.</p> : null}
          <Chart spec={bars} height={driftScoreBarHeight(scored)} label={scored !== report ? `Drift score of the ${MAX_SCORE_BARS} highest-scoring features, red when drifted; the columns table below lists every score` : 'Drift score of each feature, red when drifted; the columns table below lists the same scores'} />
        </section>
      </div>
      <section className="panel" aria-labelledby="columns-h">
        <h2 id="columns-h">Columns</h2>
        <ColumnsTable rows={rows} onPick={pick} />
      </section>
      <section className="panel" id="explorer" aria-labelledby="explorer-h">
        <h2 id="explorer-h">Distribution explorer</h2>
        <DistributionExplorer columns={rows} selected={picked} onSelect={setPicked} />
      </section>
      {report.model !== null && report.model !== undefined ? (
        <section className="panel" aria-labelledby="model-h">
          <h2 id="model-h">Model</h2>
          <ModelSection section={report.model} />
        </section>
      ) : null}
      {report.warnings !== undefined && report.warnings.length > 0 ? (
        <section className="panel"><h2>Warnings</h2><ul>{report.warnings.map((w) => <li key={w}>{w}</li>)}</ul></section>
      ) : null}
    </article>
  );
}
