/**
 * The Prometheus metrics of the service (issue 11 §5), on a registry of their own so two runtimes in one
 * process (tests) do not share counters. Names follow Prometheus conventions: `_total` counters, base units
 * (seconds), snake_case labels. The serving routes count predictions and requests; the monitor, pipeline and
 * alerter set the drift, performance, retraining and alert series.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ServiceMetrics {
  readonly registry: Registry;
  readonly predictions: Counter<'model' | 'version'>;
  readonly ingestedRows: Counter<'model'>;
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly requestDuration: Histogram<'method' | 'route'>;
  readonly driftShare: Gauge<'model'>;
  readonly featureDriftScore: Gauge<'model' | 'feature'>;
  readonly datasetDrift: Gauge<'model'>;
  readonly performance: Gauge<'model' | 'metric'>;
  readonly retrainingJobs: Counter<'model' | 'outcome'>;
  readonly trainingDuration: Histogram;
  readonly alerts: Counter<'channel' | 'outcome'>;
}

export interface ServiceMetricsOptions {
  /** Node's process metrics too (default true). */
  readonly defaultMetrics?: boolean;
  /** Called before the drift gauges are read at a scrape (sets them from the latest stored checks). */
  readonly refreshDrift?: () => Promise<void>;
}

export function createServiceMetrics(options: ServiceMetricsOptions = {}): ServiceMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'driftwatch_process_' });
  const registers = [registry];
  const drift = options.refreshDrift !== undefined ? { collect: options.refreshDrift } : {};
  return {
    registry,
    predictions: new Counter({ name: 'driftwatch_predictions_total', help: 'Rows predicted and logged, by model and version', labelNames: ['model', 'version'], registers }),
    ingestedRows: new Counter({ name: 'driftwatch_ingested_rows_total', help: 'Rows logged through ingest (predicted elsewhere or at ingest)', labelNames: ['model'], registers }),
    requests: new Counter({ name: 'driftwatch_http_requests_total', help: 'HTTP requests answered, by route and status', labelNames: ['method', 'route', 'status'], registers }),
    requestDuration: new Histogram({
      name: 'driftwatch_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    }),
    driftShare: new Gauge({ name: 'driftwatch_drift_share', help: 'Share of drifted columns in the latest check', labelNames: ['model'], registers, ...drift }),
    featureDriftScore: new Gauge({ name: 'driftwatch_feature_drift_score', help: "Each feature's drift score in the latest check", labelNames: ['model', 'feature'], registers, ...drift }),
    datasetDrift: new Gauge({ name: 'driftwatch_dataset_drift', help: '1 when the latest check found dataset drift, else 0', labelNames: ['model'], registers, ...drift }),
    performance: new Gauge({ name: 'driftwatch_performance', help: 'Realised performance on labelled rows of the latest window', labelNames: ['model', 'metric'], registers }),
    retrainingJobs: new Counter({ name: 'driftwatch_retraining_jobs_total', help: 'Retraining jobs finished, by outcome', labelNames: ['model', 'outcome'], registers }),
    trainingDuration: new Histogram({ name: 'driftwatch_training_duration_seconds', help: 'Time spent training in retraining jobs', buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800], registers }),
    alerts: new Counter({ name: 'driftwatch_alerts_total', help: 'Alert deliveries, by channel and outcome', labelNames: ['channel', 'outcome'], registers }),
  };
}
