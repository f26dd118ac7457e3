/** Drift report page: a stored report by id, or the latest of a model, with a picker over stored reports. */
import { useMemo } from 'react';
import { api } from '../api/endpoints.ts';
import { ModelPicker } from '../components/ModelPicker.tsx';
import { ErrorNote, Loading } from '../components/ui.tsx';
import { fmtPercent, fmtTime } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { href } from '../lib/route.ts';
import { reviveReport } from '../report/report-json.ts';
import { ReportView } from './report/ReportView.tsx';

export default function ReportPage({ id, model }: { readonly id: string | undefined; readonly model: string | undefined }) {
  const models = useLoad(() => api.models(), []);
  const name = model ?? models.data?.[0]?.name;
  // The stored reports of the model, newest first; if the list route fails, the drift route's latest still opens.
  const reports = useLoad(async () => {
    if (name === undefined) return [];
    try {
      return await api.reports(name, 50);
    } catch (e) {
      const latest = (await api.drift(name, 1).catch(() => { throw e; })).latest;
      return latest === null ? [] : [latest];
    }
  }, [name]);
  const latestId = reports.data?.[0]?.id;
  const shownId = id ?? (latestId === undefined ? undefined : String(latestId));
  const report = useLoad(() => (shownId === undefined ? Promise.resolve(null) : api.report(shownId)), [shownId]);
  const revived = useMemo(() => (report.data === undefined || report.data === null ? null : reviveReport(report.data)), [report.data]);

  return (
    <>
      <div className="page-head">
        <h1>Drift report</h1>
        {models.data !== undefined && name !== undefined ? (
          <ModelPicker models={models.data} value={name} onChange={(m) => { window.location.hash = href({ page: 'report', model: m }); }} />
        ) : null}
        {reports.data !== undefined && reports.data.length > 0 ? (
          <label className="field inline">
            <span>Report</span>
            <select value={shownId ?? ''} onChange={(e) => { window.location.hash = href({ page: 'report', id: e.target.value, ...(name !== undefined ? { model: name } : {}) }); }}>
              {reports.data.map((r, i) => (
                <option key={String(r.id)} value={String(r.id)}>
                  {i === 0 ? 'latest · ' : ''}{fmtTime(r.created_at ?? r.generated_at)} · {r.dataset_drift ? 'drift' : 'no drift'} · {fmtPercent(r.drift_share)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {models.state === 'error' ? <ErrorNote error={models.error} prefix="Could not list models:" /> : null}
      {reports.state === 'error' ? <ErrorNote error={reports.error} prefix="Could not list reports:" /> : null}
      {report.state === 'error' ? <ErrorNote error={report.error} prefix="Could not load the report:" /> : null}
      {report.state === 'loading' && revived === null ? <Loading what="report" /> : null}
      {report.state === 'ready' && revived === null && reports.state === 'ready' ? <p>No stored report yet for this model. Drift checks store one each time they run.</p> : null}
      {revived !== null && shownId !== undefined ? <ReportView report={revived} reportId={shownId} /> : null}
    </>
  );
}
