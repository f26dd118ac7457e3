import type { DatasetSource, DriftReport } from '../../drift/index.js';
import { alertClauses, alertHeadline } from '../alert-line.js';
import { formatCount, formatPercent, sourcePath } from '../format.js';
import { alertOf } from '../report-columns.js';
import { h, type Raw } from './escape.js';
import { fileLink } from './listing.js';

function source(label: string, s: DatasetSource): Raw {
  return h`<p class="meta">${label}: <code>${sourcePath(s)}</code> · ${formatCount(s.rows)} rows</p>`;
}

/**
 * Title, the two datasets, run metadata, links to the files written beside the page, and the verdict
 * banner, which follows the headline rule (target and prediction drift raise it; docs/report-schema.md).
 */
export function headerHtml(report: DriftReport, companions: readonly string[] = []): Raw {
  const clauses = alertClauses(report).map((c) => h`<span class="clause">${c}</span>`);
  const banner = alertOf(report)
    ? h`<div class="banner drift" role="alert"><strong>${alertHeadline(report)}</strong>${clauses}</div>`
    : h`<div class="banner ok"><strong>${alertHeadline(report)}</strong>${clauses}</div>`;
  const links = companions.length === 0
    ? null
    : h`<p class="meta files">Also written here: ${companions.map((f, i) => h`${i > 0 ? ' · ' : ''}${fileLink(f)}`)}</p>`;
  return h`<header class="top">
<div>
<h1>Drift report</h1>
${source('Reference', report.reference)}
${source('Current', report.current)}
<p class="meta">Preset <strong>${report.preset}</strong> · correction <strong>${report.correction}</strong> · generated ${report.generated_at}</p>
${links}
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
