import type { DatasetSource, DriftReport } from '../../drift/index.js';
import { driftedShareSummary, formatCount, formatPercent, sourcePath } from '../format.js';
import { h, type Raw } from './escape.js';

function source(label: string, s: DatasetSource): Raw {
  return h`<p class="meta">${label}: <code>${sourcePath(s)}</code> · ${formatCount(s.rows)} rows</p>`;
}

/** Title, the two datasets, run metadata and the verdict banner. */
export function headerHtml(report: DriftReport): Raw {
  const d = report.dataset;
  const verdict = driftedShareSummary(d);
  const banner = d.dataset_drift
    ? h`<div class="banner drift" role="alert">Dataset drift detected · ${verdict}</div>`
    : h`<div class="banner ok">No dataset drift · ${verdict}</div>`;
  return h`<header class="top">
<div>
<h1>Drift report</h1>
${source('Reference', report.reference)}
${source('Current', report.current)}
<p class="meta">Preset <strong>${report.preset}</strong> · correction <strong>${report.correction}</strong> · generated ${report.generated_at}</p>
</div>
${banner}
</header>`;
}

function kpi(label: string, value: string, tone = ''): Raw {
  return h`<div class="kpi"><div class="label">${label}</div><div class="value ${tone}">${value}</div></div>`;
}

/** The KPI strip: columns analysed, drifted, share, threshold, severity. */
export function kpisHtml(report: DriftReport): Raw {
  const d = report.dataset;
  const severityTone = d.severity === 'HIGH' ? 'drift' : d.severity === 'MEDIUM' ? 'warn' : 'stable';
  return h`<div class="kpis">
${kpi('Columns analysed', String(d.columns_analyzed))}
${kpi('Drifted columns', String(d.drifted_columns), d.drifted_columns > 0 ? 'drift' : 'stable')}
${kpi('Drifted share', formatPercent(d.drifted_share), d.dataset_drift ? 'drift' : 'stable')}
${kpi('Drift threshold', formatPercent(d.drift_share_threshold))}
${kpi('Severity', d.severity, severityTone)}
</div>`;
}
