/**
 * Analyze two uploaded files (and optionally a model) like `driftwatch analyze`: POST /v1/analyze, then the
 * same report view as a stored report. A problem in a file is shown beside that file, in the API's words
 * (its message names the line and column; `field` names the upload).
 */
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { ErrorNote } from '../components/ui.tsx';
import { fieldOfUpload, UPLOAD_FIELDS, type UploadField } from '../lib/analyze-form.ts';
import { reviveReport, type ReportJson } from '../report/report-json.ts';
import { ReportView } from './report/ReportView.tsx';

const PRESETS = ['default', 'evidently', 'classic'] as const;
const LABELS: Readonly<Record<UploadField, string>> = { reference: 'Reference file', current: 'Current file', model: 'Model (optional)' };
const ACCEPT = '.csv,.tsv,.txt,.jsonl,.ndjson,.json,.parquet';

export default function Analyze() {
  const [files, setFiles] = useState<Partial<Record<UploadField, File>>>({});
  const [label, setLabel] = useState('');
  const [preset, setPreset] = useState<(typeof PRESETS)[number]>('default');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<(ReportJson & { report_id?: string | number }) | null>(null);
  const report = useMemo(() => (result === null ? null : reviveReport(result)), [result]);
  const errorField = error instanceof ApiError ? fieldOfUpload(error.field, error.message) : undefined;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (files.reference === undefined || files.current === undefined) return;
    const form = new FormData();
    form.append('reference', files.reference, files.reference.name);
    form.append('current', files.current, files.current.name);
    if (files.model !== undefined) form.append('model', files.model, files.model.name);
    if (label.trim() !== '') form.append('label', label.trim());
    form.append('preset', preset);
    setBusy(true);
    setError(null);
    try {
      setResult(await api.analyze(form));
    } catch (err) {
      setError(err);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Analyze</h1>
      <form className="panel analyze-form" onSubmit={(e) => void submit(e)} aria-describedby="analyze-help">
        <p id="analyze-help" className="muted">Compare a reference (baseline) file with a current one: CSV, Parquet or JSON Lines. Add a model to see prediction drift and performance.</p>
        {UPLOAD_FIELDS.map((f) => (
          <div key={f} className="field">
            <label htmlFor={`file-${f}`}>{LABELS[f]}</label>
            <input id={`file-${f}`} name={f} type="file" accept={f === 'model' ? undefined : ACCEPT} required={f !== 'model'}
              aria-invalid={errorField === f} aria-describedby={errorField === f ? 'analyze-error' : undefined}
              onChange={(e) => setFiles((fs) => ({ ...fs, [f]: e.target.files?.[0] }))} />
            {errorField === f ? <div id="analyze-error"><ErrorNote error={error} prefix={`${LABELS[f]}:`} omitField={error instanceof ApiError && error.field === f} /></div> : null}
          </div>
        ))}
        <div className="row">
          <label className="field">
            <span>Label column (optional)</span>
            <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. churn" />
          </label>
          <label className="field">
            <span>Preset</span>
            <select value={preset} onChange={(e) => setPreset(e.target.value as (typeof PRESETS)[number])}>
              {PRESETS.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </label>
        </div>
        {error !== null && errorField === undefined ? <ErrorNote error={error} prefix="Analysis failed:" /> : null}
        <button type="submit" className="btn btn-primary" disabled={busy || files.reference === undefined || files.current === undefined} aria-busy={busy}>
          {busy ? 'Running analysis…' : 'Run analysis'}
        </button>
      </form>
      {report !== null ? <ReportView report={report} reportId={result?.report_id} /> : null}
    </>
  );
}
