/** Small building blocks shared by the pages. */
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import type { Severity } from '../api/types.ts';
import { fmtNumber } from '../lib/format.ts';

/** Severity as colour AND text (never colour alone), with an icon-like glyph for colour-blind readers. */
export function SeverityBadge({ severity }: { readonly severity: Severity | string | null | undefined }) {
  const s = (severity ?? 'LOW').toUpperCase();
  const glyph = s === 'HIGH' ? '▲' : s === 'MEDIUM' ? '◆' : '●';
  return (
    <span className={`severity severity-${s.toLowerCase()}`} data-testid="severity">
      <span aria-hidden="true">{glyph}</span> {s}
    </span>
  );
}

export function StatusPill({ drifted, labels = ['Drifted', 'Stable'] }: { readonly drifted: boolean; readonly labels?: readonly [string, string] }) {
  return <span className={`pill ${drifted ? 'pill-drifted' : 'pill-stable'}`}>{drifted ? labels[0] : labels[1]}</span>;
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return `Not allowed: ${error.message}`;
    return error.describe();
  }
  return error instanceof Error ? error.message : String(error);
}

/** A failure, said in the server's words (code, message and the field it names). */
export function ErrorNote({ error, prefix, omitField = false }: {
  readonly error: unknown;
  readonly prefix?: string;
  /** The note stands beside the field it is about (an upload), so the field's name is not repeated. */
  readonly omitField?: boolean;
}) {
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <div className="error-note" role="alert">
      {prefix !== undefined ? <strong>{prefix} </strong> : null}
      {omitField && error instanceof ApiError && error.status !== 403 ? error.message : errorText(error)}
      {code !== undefined && !code.startsWith('HTTP_') ? <> <code className="error-code">{code}</code></> : null}
    </div>
  );
}

export function Loading({ what }: { readonly what: string }) {
  return <p className="muted" aria-live="polite">Loading {what}…</p>;
}

export function Card({ title, children, testId, tone }: { readonly title: string; readonly children: ReactNode; readonly testId?: string; readonly tone?: 'bad' | 'good' }) {
  return (
    <section className={`card${tone !== undefined ? ` card-${tone}` : ''}`} data-testid={testId} aria-label={title}>
      <h3 className="card-title">{title}</h3>
      <div className="card-value">{children}</div>
    </section>
  );
}

/**
 * A button that runs an async action and shows its failure beside it (so "it did nothing" never happens).
 * `confirm` adds a second step: the first click asks, with an optional reason, Confirm runs the action.
 */
export function ActionButton(props: {
  readonly label: string;
  readonly run: (reason: string) => Promise<unknown>;
  readonly onDone?: (result: unknown) => void;
  readonly confirm?: string;
  readonly reasonLabel?: string;
  readonly variant?: 'primary' | 'danger' | 'plain';
  readonly disabled?: boolean;
}) {
  const [phase, setPhase] = useState<'idle' | 'confirm' | 'busy'>('idle');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const go = async (): Promise<void> => {
    setPhase('busy');
    setError(null);
    try {
      const result = await props.run(reason);
      setReason('');
      props.onDone?.(result);
    } catch (e) {
      setError(e);
    } finally {
      setPhase('idle');
    }
  };
  const cls = `btn btn-${props.variant ?? 'plain'}`;
  return (
    <span className="action">
      {phase === 'confirm' ? (
        <span className="confirm" role="group" aria-label={props.confirm}>
          <span className="confirm-question">{props.confirm}</span>
          {props.reasonLabel !== undefined ? (
            <label className="reason">
              <span>{props.reasonLabel}</span>
              <input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
            </label>
          ) : null}
          <button type="button" className={cls} onClick={() => void go()}>Confirm {props.label.toLowerCase()}</button>
          <button type="button" className="btn btn-plain" onClick={() => setPhase('idle')}>Cancel</button>
        </span>
      ) : (
        <button type="button" className={cls} disabled={props.disabled === true || phase === 'busy'} aria-busy={phase === 'busy'}
          onClick={() => (props.confirm !== undefined ? setPhase('confirm') : void go())}>
          {phase === 'busy' ? `${props.label}…` : props.label}
        </button>
      )}
      {error !== null ? <ErrorNote error={error} prefix={`${props.label} failed:`} /> : null}
    </span>
  );
}

/** Any JSON-ish object as a definition list (evidence and details whose shape the page does not know). */
export function KeyValues({ value }: { readonly value: unknown }) {
  if (typeof value !== 'object' || value === null) return <span>{String(value ?? '—')}</span>;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="kv">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k.replace(/_/g, ' ')}</dt>
          {/* Fractions to 4 digits (a drift share of 0.15789473684210525 reads as 0.1579); ids and counts as sent. */}
          <dd>{typeof v === 'object' && v !== null ? <code>{JSON.stringify(v)}</code> : typeof v === 'number' && !Number.isInteger(v) ? fmtNumber(v, 4) : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
