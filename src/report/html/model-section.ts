/**
 * The HTML report's model section: the performance verdict, a before/after table of the realised metrics,
 * the per-class classification report, the confidence figures, and the predicted class (or value) and confidence histograms as distribution panels.
 */
import type { DriftReport, PerformanceMetric } from '../../drift/index.js';
import { formatCount, formatPercent } from '../format.js';
import { METRIC_LABELS, metricValue, modelTitle, performanceVerdict, signedValue } from '../model-text.js';
import { distributionPanel } from './distributions.js';
import { h, type Raw } from './escape.js';

export function modelSectionHtml(report: DriftReport): Raw {
  const m = report.model;
  if (m === undefined || m === null) return h``;
  const p = m.performance;
  const verdict =
    p === null
      ? h`<p class="muted">No performance: ${m.notes.find((n) => n.startsWith('No performance')) ?? 'the label is not in both inputs.'}</p>`
      : p.alert
        ? h`<div class="banner drift" role="alert">${performanceVerdict(p)}</div>`
        : h`<div class="banner ok">${performanceVerdict(p)}</div>`;
  const performanceTable =
    p === null
      ? h``
      : h`<h3>Performance on “${p.label}” before and after</h3>
<div class="table-wrap"><table id="model-performance"><thead><tr><th>Metric</th><th class="num">Reference</th><th class="num">Current</th><th class="num">Change</th><th></th></tr></thead>
<tbody>${(Object.keys(p.reference.metrics) as PerformanceMetric[]).map(
          (k) => h`<tr><td>${METRIC_LABELS[k]}</td><td class="num">${metricValue(p.reference.metrics[k])}</td><td class="num">${metricValue(p.current.metrics[k])}</td><td class="num">${signedValue(p.change[k])}</td><td class="small muted">${k === p.metric ? `watched: alert when it drops by more than ${p.max_drop}` : ''}</td></tr>`,
        )}
<tr><td>Labelled rows</td><td class="num">${formatCount(p.reference.n_samples)}</td><td class="num">${formatCount(p.current.n_samples)}</td><td></td><td></td></tr></tbody></table></div>`;
  const perClass = p?.per_class ?? null;
  const perClassTable =
    perClass === null || perClass.length === 0
      ? h``
      : h`<h3>Per class before and after</h3>
<p class="small muted">Each class's precision, recall and F1 (0 where undefined, as in scikit-learn's classification report) and support (labelled rows of the class).</p>
<div class="table-wrap"><table id="model-per-class"><thead><tr><th scope="col">Class</th><th scope="col" class="num">Precision ref.</th><th scope="col" class="num">Precision cur.</th><th scope="col" class="num">Recall ref.</th><th scope="col" class="num">Recall cur.</th><th scope="col" class="num">F1 ref.</th><th scope="col" class="num">F1 cur.</th><th scope="col" class="num">Support ref.</th><th scope="col" class="num">Support cur.</th></tr></thead>
<tbody>${perClass.map(
          (row) => h`<tr><th scope="row">${row.class}</th><td class="num">${metricValue(row.reference.precision)}</td><td class="num">${metricValue(row.current.precision)}</td><td class="num">${metricValue(row.reference.recall)}</td><td class="num">${metricValue(row.current.recall)}</td><td class="num">${metricValue(row.reference.f1)}</td><td class="num">${metricValue(row.current.f1)}</td><td class="num">${formatCount(row.reference.support)}</td><td class="num">${formatCount(row.current.support)}</td></tr>`,
        )}</tbody></table></div>`;
  const c = m.confidence;
  const confidenceTable =
    c === null
      ? h``
      : h`<h3>Confidence (top-class probability)</h3>
<div class="table-wrap"><table id="model-confidence"><thead><tr><th></th><th class="num">Reference</th><th class="num">Current</th><th class="num">Change</th></tr></thead>
<tbody><tr><td>Mean</td><td class="num">${metricValue(c.reference.mean)}</td><td class="num">${metricValue(c.current.mean)}</td><td class="num">${signedValue(c.mean_change)}</td></tr>
<tr><td>Rows below ${String(c.low_confidence_threshold)}</td><td class="num">${formatPercent(c.reference.low_confidence_share, 1)}</td><td class="num">${formatPercent(c.current.low_confidence_share, 1)}</td><td class="num">${signedValue(c.low_confidence_share_change)}</td></tr></tbody></table></div>`;
  const panels = [distributionPanel(m.prediction_drift, 'model-predictions', true), ...(c === null ? [] : [distributionPanel(c.drift, 'model-confidence-histogram', true)])];
  const notes = m.notes.length === 0 ? h`` : h`<ul class="plain small muted">${m.notes.map((n) => h`<li>${n}</li>`)}</ul>`;
  return h`<section class="card" id="model"><h2>Model</h2>
<p class="meta">${modelTitle(m)}: run on both datasets; its predictions are judged with the same methods as the data.</p>
${verdict}
${performanceTable}
${perClassTable}
${confidenceTable}
<h3>${m.model.task === 'regression' ? 'Predicted values' : 'Predicted classes and confidence'}</h3>
${panels}
${notes}
</section>`;
}
