/** Jobs & audit: retraining jobs with step timings and logs, the audit trail with filters, alert deliveries. */
import { useState } from 'react';
import { api } from '../api/endpoints.ts';
import type { Job } from '../api/types.ts';
import { ActionButton, ErrorNote, KeyValues, Loading, SeverityBadge } from '../components/ui.tsx';
import { kindText } from '../lib/overview.ts';
import { useSession } from '../lib/session.tsx';
import { fmtDuration, fmtTime } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';

export default function Jobs() {
  return (
    <>
      <h1>Jobs &amp; audit</h1>
      <AlertsSection />
      <JobsSection />
      <AuditSection />
      <DeliveriesSection />
    </>
  );
}

function JobsSection() {
  const [state, setState] = useState('');
  const jobs = useLoad(() => api.jobs({ state: state === '' ? undefined : state }), [state]);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="jobs-h">
      <div className="page-head">
        <h2 id="jobs-h">Jobs</h2>
        <label className="field inline">
          <span>State</span>
          <select value={state} onChange={(e) => setState(e.target.value)}>
            {['', 'queued', 'running', 'succeeded', 'failed', 'cancelled'].map((s) => <option key={s} value={s}>{s === '' ? 'any' : s}</option>)}
          </select>
        </label>
      </div>
      {jobs.state === 'error' ? <ErrorNote error={jobs.error} prefix="Could not list jobs:" /> : null}
      {jobs.data === undefined ? <Loading what="jobs" /> : jobs.data.length === 0 ? <p className="muted">No jobs.</p> : (
        <table className="data responsive" data-testid="jobs">
          <thead><tr><th scope="col">Job</th><th scope="col">Kind</th><th scope="col">Model</th><th scope="col">State</th><th scope="col">Created</th><th scope="col">Took</th><th scope="col"></th></tr></thead>
          <tbody>
            {jobs.data.map((j) => {
              const id = String(j.id);
              return [
                <tr key={id}>
                  <td data-label="Job">#{id}</td>
                  <td data-label="Kind">{j.kind}</td>
                  <td data-label="Model">{j.model ?? j.model_name ?? '—'}</td>
                  <td data-label="State"><span className={`tag state-${j.state}`}>{j.state}</span>{j.error !== undefined && j.error !== null ? <span className="error-inline"> {j.error}</span> : null}</td>
                  <td data-label="Created">{fmtTime(j.created_at)}</td>
                  <td data-label="Took">{j.started_at && j.finished_at ? fmtDuration(Date.parse(j.finished_at) - Date.parse(j.started_at)) : '—'}</td>
                  <td data-label="Details">
                    <button type="button" className="btn btn-plain btn-small" aria-expanded={open === id} onClick={() => setOpen(open === id ? null : id)}>{open === id ? 'Hide steps' : 'Steps and log'}</button>
                  </td>
                </tr>,
                open === id ? <tr key={`${id}-detail`} className="detail-row"><td colSpan={7}><JobDetail id={id} /></td></tr> : null,
              ];
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function logText(job: Job): string {
  if (job.log === undefined) return '';
  return typeof job.log === 'string' ? job.log : job.log.join('\n');
}

function JobDetail({ id }: { readonly id: string }) {
  const job = useLoad(() => api.job(id), [id]);
  if (job.state === 'error') return <ErrorNote error={job.error} prefix="Could not load the job:" />;
  if (job.data === undefined) return <Loading what="job" />;
  const steps = job.data.steps ?? [];
  const total = steps.reduce((s, x) => s + (x.duration_ms ?? 0), 0);
  return (
    <div className="job-detail" data-testid="job-detail">
      {steps.length === 0 ? <p className="muted">No steps recorded.</p> : (
        <ol className="steps">
          {steps.map((s, i) => (
            <li key={`${s.name}-${i}`}>
              <span className={`tag state-${s.state}`}>{s.state}</span> <strong>{s.name}</strong> {fmtDuration(s.duration_ms)}
              <span className="step-bar" aria-hidden="true" style={{ width: `${total > 0 ? Math.max(1, ((s.duration_ms ?? 0) / total) * 100) : 0}%` }} />
              {s.outcome !== undefined && s.outcome !== null ? <span className="muted"> {s.outcome}</span> : null}
              {s.log !== undefined && s.log !== '' ? <pre className="log">{s.log}</pre> : null}
            </li>
          ))}
        </ol>
      )}
      {logText(job.data) !== '' ? <pre className="log">{logText(job.data)}</pre> : null}
      {job.data.result !== undefined && job.data.result !== null ? <KeyValues value={job.data.result} /> : null}
    </div>
  );
}

function AuditSection() {
  const [filters, setFilters] = useState({ actor: '', action: '', model: '' });
  const [applied, setApplied] = useState(filters);
  const audit = useLoad(() => api.audit({ actor: applied.actor || undefined, action: applied.action || undefined, model: applied.model || undefined, limit: 200 }), [applied]);
  return (
    <section className="panel" aria-labelledby="audit-h">
      <h2 id="audit-h">Audit trail</h2>
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); setApplied(filters); }}>
        {(['actor', 'action', 'model'] as const).map((k) => (
          <label key={k} className="field inline">
            <span>{k[0]!.toUpperCase() + k.slice(1)}</span>
            <input value={filters[k]} onChange={(e) => setFilters((f) => ({ ...f, [k]: e.target.value }))} />
          </label>
        ))}
        <button type="submit" className="btn btn-plain">Filter</button>
      </form>
      {audit.state === 'error' ? <ErrorNote error={audit.error} prefix="Could not load the audit trail:" /> : null}
      {audit.data === undefined ? <Loading what="audit trail" /> : audit.data.length === 0 ? <p className="muted">Nothing recorded.</p> : (
        <table className="data responsive" data-testid="audit">
          <thead><tr><th scope="col">Time</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Subject</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {[...audit.data].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).map((e) => (
              <tr key={String(e.id)}>
                <td data-label="Time">{fmtTime(e.at)}</td>
                <td data-label="Actor">{e.actor}</td>
                <td data-label="Action"><code>{e.action}</code></td>
                <td data-label="Subject">{e.subject ?? e.model ?? '—'}</td>
                <td data-label="Details"><KeyValues value={e.details ?? {}} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DeliveriesSection() {
  const deliveries = useLoad(() => api.deliveries(100), []);
  return (
    <section className="panel" aria-labelledby="deliveries-h">
      <h2 id="deliveries-h">Alert deliveries</h2>
      {deliveries.state === 'error' ? <ErrorNote error={deliveries.error} prefix="Could not load alert deliveries:" /> : null}
      {deliveries.data === undefined ? <Loading what="deliveries" /> : deliveries.data.length === 0 ? <p className="muted">No alert has been sent.</p> : (
        <table className="data responsive" data-testid="deliveries">
          <thead><tr><th scope="col">Time</th><th scope="col">Alert</th><th scope="col">Channel</th><th scope="col">Attempt</th><th scope="col">Outcome</th></tr></thead>
          <tbody>
            {deliveries.data.map((d) => (
              <tr key={String(d.id)}>
                <td data-label="Time">{fmtTime(d.at)}</td>
                <td data-label="Alert">{d.alert_id}</td>
                <td data-label="Channel">{d.channel}</td>
                <td data-label="Attempt">{d.attempt ?? '—'}</td>
                <td data-label="Outcome"><span className={`tag state-${d.outcome}`}>{d.outcome}</span>{d.error ? <span className="error-inline"> {d.error}</span> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function AlertsSection() {
  const { canOperate } = useSession();
  const alerts = useLoad(() => api.alerts({ state: 'firing' }), []);
  return (
    <section className="panel" aria-labelledby="alerts-h">
      <h2 id="alerts-h">Firing alerts</h2>
      {alerts.state === 'error' ? <ErrorNote error={alerts.error} prefix="Could not list alerts:" /> : null}
      {alerts.data === undefined ? <Loading what="alerts" /> : alerts.data.length === 0 ? <p className="muted">No alert is firing.</p> : (
        <table className="data responsive" data-testid="alerts">
          <thead><tr><th scope="col">Since</th><th scope="col">Model</th><th scope="col">Kind</th><th scope="col">Severity</th><th scope="col">Summary</th><th scope="col">Acknowledged</th></tr></thead>
          <tbody>
            {alerts.data.map((a) => (
              <tr key={a.id}>
                <td data-label="Since">{fmtTime(a.fired_at)}</td>
                <td data-label="Model">{a.model}</td>
                <td data-label="Kind">{kindText(a.kind)}</td>
                <td data-label="Severity"><SeverityBadge severity={a.severity} /></td>
                <td data-label="Summary">{a.summary}</td>
                <td data-label="Acknowledged">
                  {a.acknowledged_by !== undefined && a.acknowledged_by !== null ? a.acknowledged_by
                    : canOperate ? <ActionButton label="Acknowledge" confirm="Acknowledge this alert?" reasonLabel="Comment (optional)" run={(c) => api.acknowledge(a.id, c || undefined)} onDone={alerts.reload} /> : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
