/**
 * The report's model section: prediction drift, confidence before and after, performance before and after
 * (over all classes, then per class for classifiers).
 */
import { fmtCount, fmtNumber, fmtPercent, metricLabel } from '../../lib/format.ts';
import type { ModelSection as Section } from '../../report/report-json.ts';
import { StatusPill } from '../../components/ui.tsx';
import { ColumnDistribution } from './DistributionExplorer.tsx';

export function ModelSection({ section }: { readonly section: Section }) {
  const { model, confidence, performance } = section;
  return (
    <div className="model-section" data-testid="model-section">
      <p>
        <strong>{model.algorithm}</strong> ({model.task}, {model.format}){model.classes !== null ? <> · classes {model.classes.join(', ')}</> : null}
      </p>
      {performance !== null ? (
        <div>
          <h3>Performance <StatusPill drifted={performance.alert} labels={['Dropped', 'Holding']} /></h3>
          <p className="muted">
            Label column <code>{performance.label}</code>; alert when {metricLabel(performance.metric)} drops by more than {fmtNumber(performance.max_drop)}
            {performance.drop !== null ? <> (it dropped by {fmtNumber(performance.drop)})</> : null}.
          </p>
          <table className="data" data-testid="performance">
            <thead><tr><th scope="col">Metric</th><th scope="col">Reference ({fmtCount(performance.reference.n_samples)} rows)</th><th scope="col">Current ({fmtCount(performance.current.n_samples)} rows)</th><th scope="col">Change</th></tr></thead>
            <tbody>
              {Object.keys(performance.reference.metrics).map((k) => {
                const key = k as keyof typeof performance.reference.metrics;
                return (
                  <tr key={k} className={k === performance.metric ? 'row-key' : undefined}>
                    <th scope="row">{metricLabel(k)}</th>
                    <td className="num">{fmtNumber(performance.reference.metrics[key] ?? null)}</td>
                    <td className="num">{fmtNumber(performance.current.metrics[key] ?? null)}</td>
                    <td className="num">{fmtNumber(performance.change[key] ?? null)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {model.task !== 'regression' ? <PerClassTable rows={performance.per_class ?? null} /> : null}
        </div>
      ) : <p className="muted">No labels in the current data: performance is not measured.</p>}
      {confidence !== null ? (
        <div>
          <h3>Confidence</h3>
          <table className="data">
            <thead><tr><th scope="col"></th><th scope="col">Reference</th><th scope="col">Current</th><th scope="col">Change</th></tr></thead>
            <tbody>
              <tr><th scope="row">Mean top-class confidence</th><td className="num">{fmtPercent(confidence.reference.mean)}</td><td className="num">{fmtPercent(confidence.current.mean)}</td><td className="num">{fmtPercent(confidence.mean_change)}</td></tr>
              <tr><th scope="row">Below {fmtPercent(confidence.low_confidence_threshold, 0)}</th><td className="num">{fmtPercent(confidence.reference.low_confidence_share)}</td><td className="num">{fmtPercent(confidence.current.low_confidence_share)}</td><td className="num">{fmtPercent(confidence.low_confidence_share_change)}</td></tr>
            </tbody>
          </table>
          <h4>Confidence histogram</h4>
          <ColumnDistribution column={confidence.drift} />
        </div>
      ) : null}
      <h3>Prediction drift</h3>
      <ColumnDistribution column={section.prediction_drift} />
      {section.notes.length > 0 ? <ul className="notes">{section.notes.map((n) => <li key={n}>{n}</li>)}</ul> : null}
    </div>
  );
}

type PerClassRows = NonNullable<NonNullable<Section['performance']>['per_class']>;

/**
 * Classifiers: each class's precision, recall, F1 and support on each side (scikit-learn's classification
 * report; 0 where a ratio is undefined). One header per column, so a screen reader reads each cell with its
 * metric and side; absent in reports from before schema 1.3.
 */
function PerClassTable({ rows }: { readonly rows: PerClassRows | null }) {
  if (rows === null || rows.length === 0) return <p className="muted">No per-class report: this report predates schema 1.3.</p>;
  const sides = [['reference', 'Reference'], ['current', 'Current']] as const;
  const scores = [['precision', 'Precision'], ['recall', 'Recall'], ['f1', 'F1']] as const;
  return (
    <table className="data" data-testid="per-class">
      <caption>Per class: precision, recall, F1 and support (labelled rows), reference and current</caption>
      <thead>
        <tr>
          <th scope="col">Class</th>
          {scores.flatMap(([, label]) => sides.map(([side, sideLabel]) => <th key={`${label}-${side}`} scope="col">{label} ({sideLabel.toLowerCase()})</th>))}
          {sides.map(([side, sideLabel]) => <th key={`support-${side}`} scope="col">Support ({sideLabel.toLowerCase()})</th>)}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.class}>
            <th scope="row">{row.class}</th>
            {scores.flatMap(([key]) => sides.map(([side]) => <td key={`${key}-${side}`} className="num">{fmtNumber(row[side][key])}</td>))}
            {sides.map(([side]) => <td key={`support-${side}`} className="num">{fmtCount(row[side].support)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
