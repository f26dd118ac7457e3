/**
 * Approvals: pending retraining and promotion requests with their evidence; operators approve or reject
 * with a comment. "Refresh analysis" runs the drift check now; in demo mode the demo's drift can be forced
 * and reset, so the whole loop can be shown.
 */
import { useState } from 'react';
import { api } from '../api/endpoints.ts';
import type { Approval, CheckResult } from '../api/types.ts';
import { ModelPicker } from '../components/ModelPicker.tsx';
import { ActionButton, ErrorNote, KeyValues, Loading, SeverityBadge, StatusPill } from '../components/ui.tsx';
import { fmtNumber, fmtPercent, fmtTime, metricLabel } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { href } from '../lib/route.ts';
import { useSession } from '../lib/session.tsx';

export default function Approvals() {
  const { me, canOperate } = useSession();
  const [state, setState] = useState<'pending' | 'all'>('pending');
  const approvals = useLoad(() => api.approvals(state === 'pending' ? 'pending' : undefined), [state]);
  const models = useLoad(() => api.models(), []);
  const [checked, setChecked] = useState<CheckResult | null>(null);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const model = picked ?? models.data?.[0]?.name;

  return (
    <>
      <div className="page-head">
        <h1>Approvals</h1>
        <label className="field inline">
          <span>Show</span>
          <select value={state} onChange={(e) => setState(e.target.value as 'pending' | 'all')}>
            <option value="pending">pending</option>
            <option value="all">all</option>
          </select>
        </label>
      </div>
      {canOperate && model !== undefined ? (
        <div className="actions panel" data-testid="approval-actions">
          {models.data !== undefined ? <ModelPicker models={models.data} value={model} onChange={setPicked} /> : null}
          <ActionButton label="Refresh analysis" run={() => api.check(model)} onDone={(r) => { setChecked(r as CheckResult); approvals.reload(); }} />
          {me.demo === true ? (
            <>
              <ActionButton label="Simulate high drift" variant="danger" run={() => api.simulateDrift()} onDone={() => approvals.reload()} />
              <ActionButton label="Reset demo" confirm="Reset the demo to its start? Logged traffic is cleared, pending approvals are rejected and version 1 serves again; reports, versions and the audit trail stay." run={() => api.resetDemo()} onDone={() => { setChecked(null); approvals.reload(); }} />
            </>
          ) : null}
          {checked !== null ? (
            <p role="status">
              Checked now: {checked.dataset_drift ? 'dataset drift' : 'no dataset drift'}, drift share {fmtPercent(checked.drift_share)}.{' '}
              <a href={href({ page: 'report', id: String(checked.report_id), model })}>Open the report</a>
            </p>
          ) : null}
        </div>
      ) : null}
      {approvals.state === 'error' ? <ErrorNote error={approvals.error} prefix="Could not list approvals:" /> : null}
      {approvals.data === undefined ? (approvals.state === 'loading' ? <Loading what="approvals" /> : null) : approvals.data.length === 0 ? (
        <p data-testid="no-approvals">{state === 'pending' ? 'No pending requests.' : 'No requests yet.'}</p>
      ) : (
        <ul className="approvals" data-testid="approvals">
          {approvals.data.map((a) => <ApprovalCard key={String(a.id)} approval={a} canOperate={canOperate} onDecided={approvals.reload} />)}
        </ul>
      )}
    </>
  );
}

function ApprovalCard({ approval: a, canOperate, onDecided }: { readonly approval: Approval; readonly canOperate: boolean; readonly onDecided: () => void }) {
  const ev = a.evidence;
  return (
    <li className="panel approval" data-testid="approval">
      <h2>
        {a.kind === 'promotion' ? `Promote ${a.model} v${a.model_version ?? '?'}` : `Retrain ${a.model}`}{' '}
        <span className={`tag state-${a.state}`}>{a.state}</span>
      </h2>
      <p className="muted">Requested {fmtTime(a.requested_at)}{a.requested_by !== undefined ? ` by ${a.requested_by}` : ''}{a.job_id !== undefined && a.job_id !== null ? ` · job ${a.job_id}` : ''}</p>
      {ev !== null && ev !== undefined ? (
        <div className="evidence">
          {ev.drift !== undefined && ev.drift !== null ? (
            <p>
              Drift: {ev.drift.dataset_drift ? 'dataset drift' : 'no dataset drift'}, share {fmtPercent(ev.drift.drift_share)}
              {ev.drift.severity !== null ? <> <SeverityBadge severity={ev.drift.severity} /></> : null}
              {ev.drift.target_drift ? ' · target drift' : ''}
            </p>
          ) : null}
          {ev.trigger !== undefined && ev.trigger.length > 0 ? <p>Triggered by: {ev.trigger.join(', ')}</p> : null}
          {ev.metric !== undefined ? (
            <table className="data">
              <thead><tr><th scope="col"></th><th scope="col">Version</th><th scope="col">{metricLabel(ev.metric)}</th></tr></thead>
              <tbody>
                <tr><th scope="row">Champion</th><td>{ev.champion?.version ?? '—'}</td><td className="num">{fmtNumber(ev.champion?.value ?? null)}</td></tr>
                <tr><th scope="row">Challenger</th><td>{ev.challenger?.version ?? '—'}</td><td className="num">{fmtNumber(ev.challenger?.value ?? null)}</td></tr>
              </tbody>
            </table>
          ) : null}
          {ev.gates !== undefined && ev.gates.length > 0 ? (
            <ul className="gates">
              {ev.gates.map((g) => <li key={g.gate}><StatusPill drifted={!g.passed} labels={['Failed', 'Passed']} /> <strong>{g.gate.replace(/_/g, ' ')}</strong>: {g.detail}</li>)}
            </ul>
          ) : null}
          {ev.drift === undefined && ev.metric === undefined ? <KeyValues value={ev} /> : null}
        </div>
      ) : null}
      {a.state !== 'pending' ? (
        <p>Decided {fmtTime(a.decided_at)} by {a.decided_by ?? '—'}{a.comment !== null && a.comment !== undefined && a.comment !== '' ? `: “${a.comment}”` : ''}</p>
      ) : canOperate ? (
        <div className="decide">
          <ActionButton label="Approve" variant="primary" confirm="Approve this request?" reasonLabel="Comment (optional)" run={(c) => api.approve(String(a.id), c || undefined)} onDone={onDecided} />
          <ActionButton label="Reject" variant="danger" confirm="Reject this request?" reasonLabel="Comment (optional)" run={(c) => api.reject(String(a.id), c || undefined)} onDone={onDecided} />
        </div>
      ) : (
        <p className="muted">Only operators can approve or reject.</p>
      )}
    </li>
  );
}
