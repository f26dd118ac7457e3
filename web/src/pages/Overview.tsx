/**
 * Overview of one model (the first, or the one in the URL): cards, severity, the alert banner, charts over
 * time, and the latest events — refetched whenever the event stream reports something for this model.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useEventStream } from '../api/events.ts';
import { api } from '../api/endpoints.ts';
import type { EventRecord, ModelSummary } from '../api/types.ts';
import { LazyChart as Chart } from '../components/LazyChart.tsx';
import { ModelPicker } from '../components/ModelPicker.tsx';
import { SeriesTable } from '../components/SeriesTable.tsx';
import { Card, ErrorNote, Loading, SeverityBadge } from '../components/ui.tsx';
import { fmtTime } from '../lib/format.ts';
import { useCompact, useLoad } from '../lib/hooks.ts';
import { alertBanner, eventChangesSummary, kindText, summaryCards } from '../lib/overview.ts';
import { href } from '../lib/route.ts';
import { classDistributionChart, lineChart, trainingChart } from '../lib/series-charts.ts';
import { PALETTE } from '../../../src/report/charts/index.ts';

export default function Overview({ model }: { readonly model: string | undefined }) {
  const models = useLoad(() => api.models(), []);
  if (models.state === 'error' && models.data === undefined) return <ErrorNote error={models.error} prefix="Could not list models:" />;
  if (models.data === undefined) return <Loading what="models" />;
  if (models.data.length === 0) {
    return (
      <>
        <h1>Overview</h1>
        <p>No model is registered yet. Register one with <code>driftwatch register</code> or upload two files on <a href={href({ page: 'analyze' })}>Analyze</a>.</p>
      </>
    );
  }
  const name = model !== undefined && models.data.some((m) => m.name === model) ? model : models.data[0]!.name;
  return <ModelOverview key={name} name={name} models={models.data} />;
}

function ModelOverview({ name, models }: { readonly name: string; readonly models: Parameters<typeof ModelPicker>[0]['models'] }) {
  const summary = useLoad(() => api.summary(name).then(withAccuracy(name)), [name]);
  const events = useLoad(() => api.events({ model: name, limit: 10 }), [name]);
  const [live, setLive] = useState<EventRecord[]>([]);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { reload: reloadSummary } = summary;
  const { reload: reloadEvents } = events;

  // A burst of events (a check records several) refetches once.
  const onEvent = useCallback((e: EventRecord) => {
    setLive((xs) => [e, ...xs].slice(0, 10));
    if (!eventChangesSummary(e.kind)) return;
    if (pending.current !== undefined) clearTimeout(pending.current);
    pending.current = setTimeout(() => {
      reloadSummary();
      reloadEvents();
    }, 300);
  }, [reloadSummary, reloadEvents]);
  useEffect(() => () => clearTimeout(pending.current), []);
  const stream = useEventStream(onEvent, name);

  const recent = useMemo(() => {
    const seen = new Set<string>();
    return [...live, ...(events.data ?? [])].filter((e) => {
      const k = String(e.id);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    }).slice(0, 10);
  }, [live, events.data]);

  return (
    <>
      <div className="page-head">
        <h1>Overview</h1>
        <ModelPicker models={models} value={name} onChange={(m) => { window.location.hash = href({ page: 'overview', model: m }); }} />
        <span className={`live live-${stream}`} data-testid="stream-state" title="Live updates from the server's event stream">
          {stream === 'live' ? '● live' : stream === 'connecting' ? '○ connecting' : '○ offline, retrying'}
        </span>
      </div>
      {summary.state === 'error' ? <ErrorNote error={summary.error} prefix="Could not load the summary:" /> : null}
      {summary.data === undefined ? (summary.state === 'loading' ? <Loading what="summary" /> : null) : <SummaryView s={summary.data} name={name} />}
      <section className="panel" aria-labelledby="events-h">
        <h2 id="events-h">Latest events</h2>
        {recent.length === 0 ? <p className="muted">No events yet.</p> : (
          <ul className="events" data-testid="events">
            {recent.map((e) => (
              <li key={String(e.id)}>
                <time>{fmtTime(e.at)}</time> {e.severity !== undefined ? <SeverityBadge severity={e.severity} /> : null} <strong>{kindText(e.kind)}</strong> {e.summary}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/**
 * Realised accuracy from GET …/performance when the summary carries no accuracy series (labels arrive late,
 * and the performance route is where they are counted).
 */
function withAccuracy(name: string): (s: ModelSummary) => Promise<ModelSummary> {
  return async (s) => {
    if ((s.series.accuracy ?? []).length > 0) return s;
    const windows = await api.performance(name).catch(() => []);
    const accuracy = windows.filter((w) => typeof w.metrics['accuracy'] === 'number').map((w): [string, number] => [w.end, w.metrics['accuracy']!]);
    return accuracy.length === 0 ? s : { ...s, series: { ...s.series, accuracy } };
  };
}

function SummaryView({ s, name }: { readonly s: ModelSummary; readonly name: string }) {
  const compact = useCompact();
  const banner = alertBanner(s);
  const cards = summaryCards(s);
  const drift = useMemo(() => lineChart({ name: 'drift share', series: s.series.drift_share, percent: true, threshold: s.threshold, compact }), [s, compact]);
  const accuracy = useMemo(() => lineChart({ name: 'accuracy', series: s.series.accuracy, percent: true, colour: PALETTE.stable, compact }), [s, compact]);
  const confidence = useMemo(() => lineChart({ name: 'top-class confidence', series: s.series.confidence, percent: true, colour: PALETTE.current, compact }), [s, compact]);
  const classes = useMemo(() => classDistributionChart(s.series.class_distribution, compact), [s, compact]);
  const training = useMemo(() => trainingChart(s.series.training_time, compact), [s, compact]);
  const classColumns = Object.entries(s.series.class_distribution ?? {}).map(([c, series]) => ({ name: `class ${c}`, series, percent: true }));
  return (
    <>
      {banner !== null ? (
        <div className="banner banner-alert" role="alert" data-testid="alert-banner">
          <strong>⚠ {banner.title}</strong>
          <ul>{banner.lines.map((l) => <li key={l}>{l}</li>)}</ul>
          <a href={href({ page: 'report', model: name })}>Open the latest drift report</a>
        </div>
      ) : null}
      <div className="severity-row">
        <span>Severity</span> <SeverityBadge severity={s.severity} />
      </div>
      <div className="cards" data-testid="cards">
        {cards.map((c) => (
          <Card key={c.title} title={c.title} {...(c.tone !== undefined ? { tone: c.tone } : {})}>
            <span className="big">{c.value}</span>
            {c.note !== undefined ? <span className="note">{c.note}</span> : null}
          </Card>
        ))}
      </div>
      <div className="chart-grid">
        <ChartPanel title="Drift share over time"><Chart spec={drift} height={220} label="Drift share over time, with the threshold" />
          <SeriesTable caption="Drift share" columns={[{ name: 'drift share', series: s.series.drift_share, percent: true }]} /></ChartPanel>
        <ChartPanel title="Realised accuracy">
          {(s.series.accuracy ?? []).length === 0 ? <p className="muted">No labels yet: accuracy appears when labels arrive.</p> : <Chart spec={accuracy} height={220} label="Realised accuracy over time" />}
          <SeriesTable caption="Accuracy" columns={[{ name: 'accuracy', series: s.series.accuracy, percent: true }]} /></ChartPanel>
        <ChartPanel title="Prediction class distribution"><Chart spec={classes} height={220} label="Share of each predicted class over time" />
          <SeriesTable caption="Class distribution" columns={classColumns} /></ChartPanel>
        <ChartPanel title="Top-class confidence"><Chart spec={confidence} height={220} label="Mean top-class confidence over time" />
          <SeriesTable caption="Confidence" columns={[{ name: 'confidence', series: s.series.confidence, percent: true }]} /></ChartPanel>
        <ChartPanel title="Retraining events and training time"><Chart spec={training} height={220} label="Training time of each retraining job" />
          <SeriesTable caption="Training time (s)" columns={[{ name: 'seconds', series: s.series.training_time }]} /></ChartPanel>
      </div>
    </>
  );
}

function ChartPanel({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <section className="panel chart-panel" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
