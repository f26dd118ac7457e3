/**
 * Models: each model's versions with their metrics and lineage, the production alias as a timeline, and
 * (for operators) promote and rollback, each behind a confirmation step with a reason.
 */
import { api } from '../api/endpoints.ts';
import type { ModelDetail, ModelVersion } from '../api/types.ts';
import { ModelPicker } from '../components/ModelPicker.tsx';
import { ActionButton, ErrorNote, Loading } from '../components/ui.tsx';
import { fmtNumber, fmtTime, metricLabel } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { href } from '../lib/route.ts';
import { useSession } from '../lib/session.tsx';
import { servingPeriods } from '../lib/timeline.ts';

export default function Models({ model }: { readonly model: string | undefined }) {
  const models = useLoad(() => api.models(), []);
  if (models.state === 'error' && models.data === undefined) return <ErrorNote error={models.error} prefix="Could not list models:" />;
  if (models.data === undefined) return <Loading what="models" />;
  if (models.data.length === 0) return <><h1>Models</h1><p>No model is registered yet.</p></>;
  const name = model ?? models.data[0]!.name;
  return (
    <>
      <div className="page-head">
        <h1>Models</h1>
        <ModelPicker models={models.data} value={name} onChange={(m) => { window.location.hash = href({ page: 'models', model: m }); }} />
      </div>
      <ModelView key={name} name={name} onChanged={models.reload} />
    </>
  );
}

function ModelView({ name, onChanged }: { readonly name: string; readonly onChanged: () => void }) {
  const { canOperate } = useSession();
  const detail = useLoad(() => api.model(name), [name]);
  const history = useLoad(() => api.aliasHistory(name), [name]);
  const refresh = (): void => {
    detail.reload();
    history.reload();
    onChanged();
  };
  if (detail.state === 'error' && detail.data === undefined) return <ErrorNote error={detail.error} prefix="Could not load the model:" />;
  if (detail.data === undefined) return <Loading what="model" />;
  const m = detail.data;
  const production = m.aliases['production'];
  return (
    <>
      <section className="panel" aria-labelledby="versions-h">
        <h2 id="versions-h">Versions</h2>
        <p>Production: <strong data-testid="production-version">{production === undefined ? 'none' : `v${production}`}</strong></p>
        {canOperate ? (
          <ActionButton label="Start retraining" confirm={`Queue a retraining job for ${name}?`} reasonLabel="Reason" run={(r) => api.retrain(name, r || undefined)}
            onDone={() => { window.location.hash = href({ page: 'jobs' }); }} />
        ) : null}
        {canOperate && production !== undefined ? (
          <ActionButton label="Roll back" variant="danger" confirm={`Roll production back from v${production} to the version before it?`} reasonLabel="Reason" run={(r) => api.rollback(name, r || undefined)} onDone={refresh} />
        ) : null}
        <VersionsTable model={m} canOperate={canOperate} onChanged={refresh} />
      </section>
      <section className="panel" aria-labelledby="timeline-h">
        <h2 id="timeline-h">Production over time</h2>
        {history.state === 'error' ? <ErrorNote error={history.error} prefix="Could not load the alias history:" /> : null}
        {history.data === undefined ? null : history.data.length === 0 ? <p className="muted">The alias has never moved.</p> : (
          <ol className="timeline" data-testid="timeline">
            {servingPeriods(history.data).map((p) => (
              <li key={`${p.from}-${p.version}`} className={p.to === null ? 'current' : undefined}>
                <span className="when">{fmtTime(p.from)} → {p.to === null ? 'now' : fmtTime(p.to)}</span>
                <strong>{p.version === null ? 'no version' : `v${p.version}`}</strong>
                <span className="muted"> {p.move.kind}{p.move.previous_version !== null ? ` from v${p.move.previous_version}` : ''} by {p.move.actor}{p.move.reason !== null && p.move.reason !== '' ? ` — ${p.move.reason}` : ''}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function metricsText(v: ModelVersion): string {
  const entries = Object.entries(v.metrics ?? {});
  return entries.length === 0 ? '—' : entries.map(([k, x]) => `${metricLabel(k)} ${fmtNumber(x)}`).join(', ');
}

function VersionsTable({ model, canOperate, onChanged }: { readonly model: ModelDetail; readonly canOperate: boolean; readonly onChanged: () => void }) {
  const aliasesOf = (v: number): string[] => Object.entries(model.aliases).filter(([, x]) => x === v).map(([a]) => a);
  const versions = [...model.versions].sort((a, b) => b.version - a.version);
  return (
    <table className="data responsive" data-testid="versions">
      <thead>
        <tr><th scope="col">Version</th><th scope="col">State</th><th scope="col">Created</th><th scope="col">Metrics</th><th scope="col">Lineage</th>{canOperate ? <th scope="col">Actions</th> : null}</tr>
      </thead>
      <tbody>
        {versions.map((v) => {
          const aliases = aliasesOf(v.version);
          return (
            <tr key={v.version}>
              <td data-label="Version"><strong>v{v.version}</strong> {aliases.map((a) => <span key={a} className="tag">{a}</span>)}</td>
              <td data-label="State">{v.state ?? '—'}{v.state_reason !== undefined && v.state_reason !== null ? <span className="muted"> ({v.state_reason})</span> : null}</td>
              <td data-label="Created">{fmtTime(v.created_at)}{v.created_by !== undefined ? ` by ${v.created_by}` : ''}</td>
              <td data-label="Metrics">{metricsText(v)}</td>
              <td data-label="Lineage">
                {v.parent_version !== undefined && v.parent_version !== null ? `from v${v.parent_version}` : 'first'}
                {v.trained_on_dataset_version_id !== undefined && v.trained_on_dataset_version_id !== null ? ` · trained on dataset ${v.trained_on_dataset_version_id}` : ''}
                {v.reference_dataset_version_id !== undefined && v.reference_dataset_version_id !== null ? ` · reference ${v.reference_dataset_version_id}` : ''}
              </td>
              {canOperate ? (
                <td data-label="Actions">
                  {aliases.includes('production') ? null : (
                    <ActionButton label={`Promote v${v.version}`} confirm={`Make v${v.version} the production version?`} reasonLabel="Reason" run={(r) => api.promote(model.name, v.version, r || undefined)} onDone={onChanged} />
                  )}
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
