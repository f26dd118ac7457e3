/**
 * The composition root of the service: `createRuntime` opens the store (SQLite in the home folder, Postgres
 * when DATABASE_URL is set), the registry, the production-model cache, the prediction log and the metrics,
 * and closes them in the right order. The server, the worker and `driftwatch serve` take a Runtime and never
 * pick implementations themselves.
 */
import { systemClock, type Clock } from '../core/index.js';
import { createAlerter, type Alerter } from '../alerts/index.js';
import { openQueue, type JobHandler, type JobQueue } from '../queue/index.js';
import { createRegistry, type Registry } from '../registry/index.js';
import { databaseUrlFrom, openStore, type Store } from '../store/index.js';
import { pipelineConfigOf, type DriftwatchConfig } from './config/index.js';
import { createLogger, type Logger } from './logger.js';
import { createServiceMetrics, type ServiceMetrics } from './metrics.js';
import { driftGaugeRefresher } from './drift-gauges.js';
import { createPredictionLog, type PredictionLog } from './prediction-log.js';
import { createProductionModels, type ProductionModels } from './production-models.js';
import { createRetraining, PIPELINE_RUN_KIND, RETRAINING_WINDOW_ROWS, type Retraining } from './retraining.js';
import { createMonitor, type CheckResult, type Monitor } from '../monitor/index.js';
import { resolvePipelineSettings } from '../pipeline/index.js';

/** What this process runs: everything, only the HTTP API, or only the job worker. */
export type RuntimeRole = 'all' | 'api' | 'worker';

/** The job queue (src/queue): embedded in the store, or BullMQ when REDIS_URL is set. */
export type RuntimeQueue = JobQueue;

/** The alerter (src/alerts). */
export type RuntimeAlerter = Alerter;

/** The monitor (src/monitor): windows, checks on a schedule and on demand, events, retention, redaction. */
export type RuntimeMonitor = Monitor;

/** Job kinds the worker runs besides the pipeline's. */
export const MONITOR_CHECK_KIND = 'monitor.check';
export const RETENTION_PRUNE_KIND = 'retention.prune';

export interface RuntimeOptions {
  readonly config?: DriftwatchConfig;
  /** The data directory (SQLite file, artifacts). */
  readonly home: string;
  /** DATABASE_URL (Postgres) and REDIS_URL are read from here. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly clock?: Clock;
  readonly role?: RuntimeRole;
  readonly logger?: Logger;
  /** How often the production alias of each served model is re-read (default 1000 ms). */
  readonly aliasPollMs?: number;
  /** Register Node's process metrics (default true; tests turn it off). */
  readonly processMetrics?: boolean;
}

export interface Runtime {
  readonly config: DriftwatchConfig;
  readonly home: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  readonly role: RuntimeRole;
  readonly logger: Logger;
  readonly store: Store;
  readonly registry: Registry;
  readonly models: ProductionModels;
  readonly predictionLog: PredictionLog;
  readonly metrics: ServiceMetrics;
  readonly queue: RuntimeQueue;
  readonly alerter: RuntimeAlerter;
  readonly monitor: RuntimeMonitor;
  /** Retraining requests: a pipeline job recorded and queued (the retrain route, the monitor's trigger). */
  readonly retraining: Retraining;
  /** What the worker runs, by queue message kind. */
  readonly jobHandlers: Readonly<Record<string, JobHandler>>;
  /** Runs a drift check now and sets the Prometheus drift and performance gauges from it. */
  check(model: string, reason: string): Promise<CheckResult>;
  /** Flushes the prediction log, stops the pollers, closes the alerter, the queue and the store. Idempotent. */
  close(): Promise<void>;
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const config = options.config ?? {};
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger();
  const store = await openStore({ home: options.home, url: databaseUrlFrom(env), clock });
  const registry = createRegistry(store);
  const models = createProductionModels({
    store,
    registry,
    clock,
    ...(options.aliasPollMs !== undefined ? { pollMs: options.aliasPollMs } : {}),
    onError: (name, e) => logger.warn({ model: name, err: e }, 'could not check the production alias; serving the loaded version'),
  });
  const metrics: ServiceMetrics = createServiceMetrics({
    defaultMetrics: options.processMetrics !== false,
    refreshDrift: driftGaugeRefresher(() => metrics, store, () => models.loaded().map((m) => m.name), () => clock.now()),
  });
  let queue: JobQueue;
  try {
    // DRIFTWATCH_QUEUE_PREFIX: several deployments (or test runs) sharing one Redis keep apart by key prefix.
    const prefix = env['DRIFTWATCH_QUEUE_PREFIX']?.trim();
    queue = await openQueue({ store, redisUrl: env['REDIS_URL'], ...(prefix !== undefined && prefix !== '' ? { prefix } : {}), clock, onError: (e) => logger.warn({ err: e }, 'job queue connection error') });
  } catch (e) {
    models.close();
    await store.close();
    throw e;
  }
  const alerter = createAlerter({
    store,
    clock,
    config: config.alerts ?? {},
    env,
    logger,
    onDelivery: (d) => metrics.alerts.inc({ channel: d.channel, outcome: d.outcome }),
  });
  // The monitor asks for retraining through the same path as the retrain route; retraining freezes the
  // monitor's window into the job. Each needs the other, hence the late binding.
  const monitor = createMonitor({
    store,
    registry,
    clock,
    alerter,
    config: config.monitor ?? {},
    triggers: resolvePipelineSettings(pipelineConfigOf(config)).triggers,
    requestRetraining: async (model, reasons, observed) => {
      await retraining.request({ model, actor: 'monitor', reason: `drift check: ${reasons.join(', ')}`, force: true, observed });
    },
    logger,
  });
  const retraining: Retraining = createRetraining({ store, registry, clock, queue, home: options.home, pipeline: pipelineConfigOf(config), window: (model) => monitor.window(model, { last: RETRAINING_WINDOW_ROWS }) });
  // Logged rows go through the monitor: features listed under monitor.redact are hashed before they are stored.
  const predictionLog = createPredictionLog((model, rows) => monitor.logRows(model, null, rows), {
    ...(config.server?.commit_window_ms !== undefined ? { windowMs: config.server.commit_window_ms } : {}),
    maxInFlight: store.backend === 'postgres' ? 4 : 1,
  });
  const check = async (model: string, reason: string): Promise<CheckResult> => recordCheck(metrics, await monitor.check(model, { reason }));
  const jobHandlers: Record<string, JobHandler> = {
    [PIPELINE_RUN_KIND]: async (job) => {
      const model = typeof job.payload['model'] === 'string' ? job.payload['model'] : 'unknown';
      // Elapsed time of this process, not a point in time: no Clock needed.
      const t0 = performance.now();
      try {
        const result = await retraining.handler(job);
        metrics.retrainingJobs.inc({ model, outcome: 'completed' });
        metrics.trainingDuration.observe((performance.now() - t0) / 1000);
        return result;
      } catch (e) {
        metrics.retrainingJobs.inc({ model, outcome: 'failed' });
        throw e;
      }
    },
    [MONITOR_CHECK_KIND]: async (job) => {
      const r = await check(String(job.payload['model']), typeof job.payload['reason'] === 'string' ? job.payload['reason'] : 'queued');
      return { status: r.status, report_id: r.reportId, drift: r.drift };
    },
    [RETENTION_PRUNE_KIND]: async () => monitor.prune(),
  };
  let closing: Promise<void> | undefined;
  return {
    config,
    home: options.home,
    env,
    clock,
    role: options.role ?? 'all',
    logger,
    store,
    registry,
    models,
    predictionLog,
    metrics,
    queue,
    alerter,
    monitor,
    retraining,
    jobHandlers,
    check,
    close() {
      closing ??= (async () => {
        models.close();
        try {
          await predictionLog.flush();
        } catch (e) {
          logger.error({ err: e }, 'prediction rows could not be committed at shutdown');
        }
        await alerter.close().catch((e: unknown) => logger.warn({ err: e }, 'alert deliveries still pending at shutdown were abandoned'));
        await queue.close().catch((e: unknown) => logger.warn({ err: e }, 'the job queue did not close cleanly'));
        await store.close();
      })();
      return closing;
    },
  };
}

/** The latest check's figures as the Prometheus gauges of issue 11 §5. */
export function recordCheck(metrics: ServiceMetrics, r: CheckResult): CheckResult {
  if (r.status !== 'checked') return r;
  if (r.driftShare !== null) metrics.driftShare.set({ model: r.model }, r.driftShare);
  metrics.datasetDrift.set({ model: r.model }, r.datasetDrift ? 1 : 0);
  if (r.performance?.current != null) metrics.performance.set({ model: r.model, metric: r.performance.metric }, r.performance.current);
  return r;
}
