/**
 * The monitor: logs predicted rows (redacting what the config says), cuts windows from them, checks each
 * production model's window against its baseline on a schedule and on demand, stores the report, records
 * an event when drift or a performance drop starts or ends, tells the alerter, and asks for retraining
 * when the pipeline's trigger policy says so.
 */
import type { Clock } from '../core/index.js';
import { DriftwatchError } from '../core/index.js';
import { createTable, type Table } from '../data/table/index.js';
import type { DriftReport } from '../drift/index.js';
import type { LoadedModel } from '../models/index.js';
import { decideTrigger, resolvePipelineSettings, type PipelineSettings, type TriggerDecision, type TriggerReason } from '../pipeline/index.js';
import { PRODUCTION, type Registry } from '../registry/index.js';
import type { InsertResult, PredictionColumnsInput, PredictionRowInput, StoredEvent, Store, WindowQuery } from '../store/index.js';
import { createBaselineCache, type BaselineCache } from './baselines.js';
import { analyseWindow } from './check.js';
import { resolveMonitorSettings, windowQueryAt, type MonitorConfig, type MonitorSettings } from './config.js';
import { bucketSize, bucketStart, performanceWindows, type PerformanceBucket, type PerformanceWindow, type ScoringTask } from './performance.js';
import { createRedactor, redactColumns, redactRows, storeSalt, type Redactor } from './redact.js';
import { checkSignals, type Severity, type SignalObserver } from './signals.js';
import { WINDOW_COLUMNS, windowTable } from './window-table.js';

/** The check that asked for retraining, as the approval's evidence. */
export interface ObservedDrift {
  readonly drift: { readonly dataset_drift: boolean; readonly drift_share: number | null; readonly severity: string | null; readonly target_drift: boolean };
  readonly reasons: readonly string[];
  readonly reportId: number | null;
}

export interface EventRecord {
  readonly id: string;
  readonly model: string;
  readonly kind: string;
  readonly severity?: Severity;
  readonly at: string;
  readonly summary: string;
  readonly data: Record<string, unknown>;
}

export interface CheckResult {
  readonly model: string;
  /** 'skipped' when there was nothing to check (no production version, no baseline, too few rows). */
  readonly status: 'checked' | 'skipped';
  readonly reason: string | null;
  readonly reportId: number | null;
  readonly modelVersion: number | null;
  readonly rows: number;
  readonly labelled: number;
  readonly windowStart: string | null;
  readonly windowEnd: string | null;
  /** The report's headline: dataset drift, target drift or prediction drift (what drift events follow). */
  readonly drift: boolean;
  readonly datasetDrift: boolean;
  readonly driftShare: number | null;
  readonly driftedColumns: number;
  readonly totalColumns: number;
  readonly severity: Severity | null;
  readonly targetDrift: boolean;
  readonly predictionDrift: boolean;
  /** Realised performance on the labelled rows, when the model section could score it. */
  readonly performance: { readonly metric: string; readonly reference: number | null; readonly current: number | null; readonly drop: number | null; readonly alert: boolean } | null;
  readonly events: readonly EventRecord[];
  readonly trigger: TriggerDecision | null;
  readonly retrainingRequested: boolean;
}

export interface MonitorLogger {
  info(data: Record<string, unknown>, message: string): void;
  warn(data: Record<string, unknown>, message: string): void;
  error(data: Record<string, unknown>, message: string): void;
}

export interface MonitorDeps {
  readonly store: Store;
  readonly registry: Registry;
  readonly clock: Clock;
  /** src/alerts' Alerter (any object with its `observe`). */
  readonly alerter?: SignalObserver;
  readonly config: MonitorConfig;
  /** The pipeline's trigger policies (default: the pipeline's defaults). */
  readonly triggers?: PipelineSettings['triggers'];
  readonly requestRetraining?: (model: string, reasons: TriggerReason[], observed: ObservedDrift) => Promise<void>;
  readonly logger?: MonitorLogger;
}

export interface Monitor {
  readonly settings: MonitorSettings;
  /** Window vs baseline → stored report, events, alerter.observe, trigger decision. One at a time per model. */
  check(model: string, opts?: { reason?: string }): Promise<CheckResult>;
  /** Checks every production model every `interval_s`; stop() waits for running checks. */
  startSchedule(): { stop(): Promise<void> };
  /** One pass of the schedule: checks the models whose interval has passed (what the timer calls). */
  tick(): Promise<CheckResult[]>;
  /** The rows of a window as a Table (default: the configured window), with the row facts (`_timestamp` …). */
  window(model: string, query?: WindowQuery): Promise<Table>;
  /**
   * The labelled rows of a window (default: the configured one) as training data: the production version's
   * baseline columns (features in their kinds, and the label), nothing else, so no logged prediction or
   * time leaks into a retrained model. Falls back to the logged features and the label without a baseline.
   */
  trainingTable(model: string, query?: WindowQuery): Promise<Table>;
  /** Applies retention (max_age_days, max_rows) to every model's logged rows. */
  prune(): Promise<{ rows: number }>;
  /** In-process listener (for the live event stream); returns the unsubscribe function. */
  onEvent(listener: (e: EventRecord) => void): () => void;
  /** Logs rows (redacted features hashed first); committed before it resolves. */
  logRows(model: string, batchId: string | null, rows: readonly PredictionRowInput[]): Promise<InsertResult>;
  logColumns(model: string, batchId: string | null, batch: PredictionColumnsInput): Promise<InsertResult>;
  /** The redactor of this store (for a caller that stores rows some other way). */
  redactor(): Promise<Redactor>;
  /**
   * Realised performance per hour, day (default) or week, from the logged predictions and the labels that
   * arrived; default range: the 30 buckets up to now.
   */
  performance(model: string, opts?: { bucket?: PerformanceBucket; fromMs?: number; toMs?: number }): Promise<PerformanceWindow[]>;
  /** Counters for tests and metrics: baselines read and prepared so far (once per baseline while cached). */
  diagnostics(): { baselinesPrepared: number };
}

const DRIFT_KINDS = ['drift_started', 'drift_ended'];
const PERFORMANCE_KINDS = ['performance_drop', 'performance_recovered'];
const EPISODE_KINDS = ['drift_started', 'performance_drop', 'retraining_requested'];

const toRecord = (e: StoredEvent): EventRecord => ({
  id: String(e.id),
  model: e.model,
  kind: e.kind,
  ...(e.severity !== null ? { severity: e.severity } : {}),
  at: e.at,
  summary: e.summary,
  data: { ...e.data },
});

export function createMonitor(deps: MonitorDeps): Monitor {
  const { store, registry, clock } = deps;
  const settings = resolveMonitorSettings(deps.config);
  const triggers = deps.triggers ?? resolvePipelineSettings().triggers;
  const listeners = new Set<(e: EventRecord) => void>();
  const running = new Map<string, Promise<CheckResult>>();
  const lastChecked = new Map<string, number>();
  const models = new Map<string, Promise<LoadedModel>>();
  let redactorP: Promise<Redactor> | undefined;
  const redactor = (): Promise<Redactor> => {
    if (redactorP === undefined) {
      redactorP = settings.redact.length === 0 ? Promise.resolve(createRedactor([], '')) : storeSalt(store).then((salt) => createRedactor(settings.redact, salt));
      redactorP.catch(() => (redactorP = undefined));
    }
    return redactorP;
  };
  const baselines: BaselineCache = createBaselineCache(store, redactor);

  const emit = (e: EventRecord): void => {
    for (const l of listeners) {
      try {
        l(e);
      } catch (err) {
        deps.logger?.warn({ err: (err as Error).message }, 'an event listener failed');
      }
    }
  };
  const record = async (model: string, kind: string, summary: string, data: Record<string, unknown>, severity?: Severity | null): Promise<EventRecord> => {
    const e = toRecord(await store.events.append({ model, kind, summary, data, ...(severity != null ? { severity } : {}) }));
    emit(e);
    return e;
  };
  const latestKind = async (model: string, kinds: readonly string[]): Promise<string | undefined> => (await store.events.list({ model, kinds, limit: 1 }))[0]?.kind;

  const skipped = (model: string, reason: string, version: number | null = null, rows = 0): CheckResult => ({
    model, status: 'skipped', reason, reportId: null, modelVersion: version, rows, labelled: 0, windowStart: null, windowEnd: null,
    drift: false, datasetDrift: false, driftShare: null, driftedColumns: 0, totalColumns: 0, severity: null, targetDrift: false, predictionDrift: false,
    performance: null, events: [], trigger: null, retrainingRequested: false,
  });

  const runCheck = async (model: string, why: string): Promise<CheckResult> => {
    const now = clock.now();
    lastChecked.set(model, now);
    const view = await registry.getModel(model);
    const production = view.aliases.find((a) => a.alias === PRODUCTION);
    if (production === undefined) return skipped(model, 'no production version');
    const version = await registry.getVersion({ name: model, version: production.version });
    const dv = await registry.reference(model);
    if (dv === null) return skipped(model, 'the production version has no reference baseline', version.version);
    const query = windowQueryAt(settings.window, now);
    const window = await store.predictions.readWindow(model, query);
    if (window.rowCount < settings.minRows) return skipped(model, `${window.rowCount} logged rows in the window; a check needs at least ${settings.minRows}`, version.version, window.rowCount);
    const [baseline, r] = await Promise.all([baselines.get(dv), redactor()]);
    const windowName = 'last' in query ? `last ${query.last} rows of ${model}` : `${model} rows ${new Date(query.fromMs).toISOString()} to ${new Date(now).toISOString()}`;
    const { report, labelled } = await analyseWindow({ model, version, baseline, window, windowName, redacted: r.features, clock, registry, models });
    let windowStart = Infinity;
    let windowEnd = -Infinity;
    for (const t of window.tsMs) {
      if (t < windowStart) windowStart = t;
      if (t > windowEnd) windowEnd = t;
    }
    const d = report.dataset;
    const stored = await store.reports.save({
      modelName: model, modelVersion: version.version, referenceDatasetVersionId: dv.id, windowStartMs: windowStart, windowEndMs: windowEnd,
      summary: { datasetDrift: d.dataset_drift, driftShare: d.drifted_share, driftedColumns: d.drifted_columns, totalColumns: d.columns_analyzed, severity: d.severity },
      report,
    });
    const drifted = report.columns.filter((c) => c.drifted).map((c) => c.name);
    const targetDrift = report.target_drift?.drifted === true;
    const predictionDrift = report.model?.prediction_drift.drifted === true || report.prediction_drift?.drifted === true;
    const perf = report.model?.performance ?? null;
    const performance = perf === null ? null : { metric: perf.metric, reference: perf.reference.metrics[perf.metric] ?? null, current: perf.current.metrics[perf.metric] ?? null, drop: perf.drop, alert: perf.alert };
    const events: EventRecord[] = [];
    const common = { report_id: stored.id, model_version: version.version, rows: window.rowCount };

    // Drift episodes follow the report's headline (dataset drift, target drift or prediction drift): an
    // event when it starts and when it ends, compared with the last recorded state.
    const drifting = d.alert ?? d.dataset_drift;
    const what = [d.dataset_drift ? 'dataset drift' : null, targetDrift ? 'target drift' : null, report.prediction_drift?.drifted === true ? 'prediction drift' : null].filter((x) => x !== null).join(', ');
    const wasDrifting = (await latestKind(model, DRIFT_KINDS)) === 'drift_started';
    if (drifting && !wasDrifting) {
      events.push(await record(model, 'drift_started', `${what || 'drift'}: ${drifted.length} of ${d.columns_analyzed} columns drifted (${share(d.drifted_share)})`, { ...common, dataset_drift: d.dataset_drift, target_drift: targetDrift, drift_share: d.drifted_share, drifted_columns: drifted }, d.severity));
    } else if (!drifting && wasDrifting) {
      events.push(await record(model, 'drift_ended', `drift ended: ${drifted.length} of ${d.columns_analyzed} columns drifted (${share(d.drifted_share)})`, { ...common, drift_share: d.drifted_share }, 'LOW'));
    }
    if (performance !== null && perf !== null) {
      const wasDropped = (await latestKind(model, PERFORMANCE_KINDS)) === 'performance_drop';
      const change = performanceTransition(wasDropped, perf);
      if (change === 'dropped') {
        events.push(await record(model, 'performance_drop', `${performance.metric} dropped by ${num(performance.drop)} (${num(performance.reference)} → ${num(performance.current)}) on ${labelled} labelled rows`, { ...common, ...performance, labelled }, 'HIGH'));
      } else if (change === 'recovered') {
        events.push(await record(model, 'performance_recovered', `${performance.metric} recovered: ${num(performance.current)} on ${labelled} labelled rows`, { ...common, ...performance, labelled }, 'LOW'));
      }
    }

    await observe(model, report, stored.id, now);

    // The trigger policy, once per episode: a drift or performance episode asks for retraining once.
    const recorded = performance === null ? undefined : version.metrics[performance.metric];
    const trigger = decideTrigger({
      manual: false,
      noModel: false,
      datasetDrift: d.dataset_drift,
      driftShare: d.drifted_share,
      severity: d.severity,
      targetDrift,
      performance: performance !== null && recorded !== undefined && performance.current !== null ? { metric: performance.metric, recorded, current: performance.current } : null,
      driftAlerts: await driftEpisodesSinceRetraining(model),
      scheduleDue: false,
    }, triggers);
    let retrainingRequested = false;
    if (trigger.retrain && deps.requestRetraining !== undefined && (await latestKind(model, EPISODE_KINDS)) !== 'retraining_requested') {
      try {
        await deps.requestRetraining(model, [...trigger.reasons], {
          drift: { dataset_drift: d.dataset_drift, drift_share: d.drifted_share, severity: d.severity, target_drift: targetDrift },
          reasons: [...trigger.reasons],
          reportId: stored.id,
        });
        retrainingRequested = true;
        events.push(await record(model, 'retraining_requested', `retraining requested: ${trigger.explanation.join('; ')}`, { ...common, reasons: trigger.reasons }, d.severity));
      } catch (e) {
        // Too few labels yet is expected early in an episode: the next check asks again.
        if (e instanceof DriftwatchError && e.code === 'NO_DATA') deps.logger?.info({ model, reason: e.message }, 'retraining not requested yet');
        else deps.logger?.error({ model, err: (e as Error).message }, 'requesting retraining failed');
      }
    }
    const completed = await record(model, 'check_completed', `checked ${window.rowCount} rows: ${drifting ? what || 'drift' : 'no drift'} (${share(d.drifted_share)} of columns drifted)`, { ...common, reason: why, drift: drifting, dataset_drift: d.dataset_drift, drift_share: d.drifted_share, target_drift: targetDrift, labelled }, d.severity);
    events.push(completed);
    return {
      model, status: 'checked', reason: null, reportId: stored.id, modelVersion: version.version, rows: window.rowCount, labelled,
      windowStart: new Date(windowStart).toISOString(), windowEnd: new Date(windowEnd).toISOString(),
      drift: drifting, datasetDrift: d.dataset_drift, driftShare: d.drifted_share, driftedColumns: d.drifted_columns, totalColumns: d.columns_analyzed, severity: d.severity,
      targetDrift, predictionDrift, performance, events, trigger, retrainingRequested,
    };
  };

  /** Drift episodes started since the last retraining request (the pipeline's after_alerts policy). */
  async function driftEpisodesSinceRetraining(model: string): Promise<number> {
    const recent = await store.events.list({ model, kinds: ['drift_started', 'retraining_requested'], limit: 1000 });
    let n = 0;
    for (const e of recent) {
      if (e.kind === 'retraining_requested') break;
      n++;
    }
    return n;
  }

  async function observe(model: string, report: DriftReport, reportId: number, at: number): Promise<void> {
    const alerter = deps.alerter;
    if (alerter === undefined) return;
    for (const s of checkSignals(report, { model, at, reportId })) {
      try {
        await alerter.observe(s);
      } catch (e) {
        // A failing alerter never stops monitoring.
        deps.logger?.error({ model, kind: s.kind, err: (e as Error).message }, 'the alerter failed to observe a check');
      }
    }
  }

  const check = (model: string, opts: { reason?: string } = {}): Promise<CheckResult> => {
    // One check at a time per model: a second caller waits for the running one, then runs its own.
    const previous = running.get(model) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => runCheck(model, opts.reason ?? 'manual'));
    running.set(model, next);
    const clear = (): void => {
      if (running.get(model) === next) running.delete(model);
    };
    next.then(clear, clear);
    return next;
  };

  const tick = async (): Promise<CheckResult[]> => {
    const now = clock.now();
    const due: string[] = [];
    for (const m of await registry.listModels()) {
      if (!m.aliases.some((a) => a.alias === PRODUCTION)) continue;
      // A model whose check is still running is not queued again behind it.
      if (running.has(m.name)) continue;
      const last = lastChecked.get(m.name);
      if (last === undefined || now - last >= settings.intervalMs) due.push(m.name);
    }
    const results: CheckResult[] = [];
    for (const name of due) {
      try {
        results.push(await check(name, { reason: 'schedule' }));
      } catch (e) {
        deps.logger?.error({ model: name, err: (e as Error).message }, 'a scheduled check failed');
      }
    }
    return results;
  };

  return {
    settings,
    check,
    tick,
    startSchedule() {
      let stopped = false;
      let pass: Promise<unknown> = Promise.resolve();
      // The timer only looks for due models; the interval itself is measured on the clock.
      const every = Math.max(10, Math.min(1000, settings.intervalMs / 4));
      const timer = setInterval(() => {
        if (stopped) return;
        pass = pass.then(() => (stopped ? undefined : tick())).catch((e: unknown) => deps.logger?.error({ err: (e as Error).message }, 'the check schedule failed'));
      }, every);
      timer.unref?.();
      return {
        async stop() {
          stopped = true;
          clearInterval(timer);
          await pass;
          await Promise.allSettled([...running.values()]);
        },
      };
    },
    async window(model, query) {
      const w = await store.predictions.readWindow(model, query ?? windowQueryAt(settings.window, clock.now()));
      let label: string | null = null;
      try {
        label = (await registry.getVersion({ name: model })).signature.label;
      } catch (e) {
        if (!(e instanceof DriftwatchError) || e.code !== 'NOT_FOUND') throw e;
      }
      return windowTable(w, { label });
    },
    async trainingTable(model, query) {
      const w = await store.predictions.readWindow(model, { ...(query ?? windowQueryAt(settings.window, clock.now())), labelledOnly: true });
      const version = await registry.getVersion({ name: model });
      const label = version.signature.label;
      const dv = await registry.reference(model);
      if (dv !== null) return windowTable(w, { reference: (await baselines.get(dv)).table, label, minLabelled: 1 });
      const all = windowTable(w, { label });
      const facts = new Set<string>(Object.values(WINDOW_COLUMNS));
      return createTable(all.columns.filter((c) => !facts.has(c.name)));
    },
    async prune() {
      const { maxAgeDays, maxRows } = settings.retention;
      let rows = 0;
      if (maxAgeDays === null && maxRows === null) return { rows };
      for (const model of await store.predictions.modelNames()) {
        if (maxAgeDays !== null) rows += await store.predictions.prune(model, clock.now() - maxAgeDays * 86_400_000);
        if (maxRows !== null) rows += await store.predictions.pruneToCount(model, maxRows);
      }
      return { rows };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async logRows(model, batchId, rows) {
      return store.predictions.insertBatch(model, batchId, redactRows(rows, await redactor()));
    },
    async logColumns(model, batchId, batch) {
      return store.predictions.insertColumns(model, batchId, redactColumns(batch, await redactor()));
    },
    redactor,
    async performance(model, opts = {}) {
      const bucket = opts.bucket ?? 'day';
      const toMs = opts.toMs ?? clock.now() + 1;
      const fromMs = opts.fromMs ?? bucketStart(bucket, toMs) - 29 * bucketSize(bucket);
      let scoring: ScoringTask = { task: 'binary', positiveClass: null };
      try {
        const sig = (await registry.getVersion({ name: model })).signature;
        scoring = { task: sig.task, positiveClass: sig.positiveClass };
      } catch (e) {
        if (!(e instanceof DriftwatchError) || e.code !== 'NOT_FOUND') throw e;
      }
      const w = await store.predictions.readWindow(model, { fromMs: bucketStart(bucket, fromMs), toMs });
      return performanceWindows(w, bucket, fromMs, toMs, scoring);
    },
    diagnostics: () => ({ baselinesPrepared: baselines.loads }),
  };
}

function share(v: number): string {
  return `${Math.round(v * 1000) / 10}%`;
}

function num(v: number | null): string {
  return v === null ? 'n/a' : String(Math.round(v * 1000) / 1000);
}

/**
 * Whether a check starts or ends a performance-drop episode. It ends only once the drop is back under half
 * the allowance: a metric measured on a few hundred labelled rows wobbles by a few points, and a drop
 * hovering at the threshold would otherwise write drop, recovered, drop … on consecutive checks.
 */
export function performanceTransition(wasDropped: boolean, perf: { readonly drop: number | null; readonly max_drop: number; readonly alert: boolean }): 'dropped' | 'recovered' | null {
  if (perf.drop === null) return null;
  if (!wasDropped) return perf.alert ? 'dropped' : null;
  return perf.drop <= perf.max_drop / 2 ? 'recovered' : null;
}
