/** The report's model section: prediction drift, confidence before and after, performance before and after. */
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
      <p className="muted">The JSON report carries no per-class classification report yet; the metrics above are over all classes.</p>
      {section.notes.length > 0 ? <ul className="notes">{section.notes.map((n) => <li key={n}>{n}</li>)}</ul> : null}
    </div>
  );
}
