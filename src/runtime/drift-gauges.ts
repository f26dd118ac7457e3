/**
 * The drift gauges of /metrics come from the latest stored check of each served model, read when Prometheus
 * scrapes (at most once a second), so checks run by the schedule, a job on another process or the API all
 * show — not only those of this process.
 */
import type { Store } from '../store/index.js';
import type { ServiceMetrics } from './metrics.js';

interface ReportColumns {
  readonly columns?: readonly { readonly name?: unknown; readonly score?: unknown }[];
}

/** A refresher for the drift gauges: at most one read of the store a second, shared by the three gauges. */
export function driftGaugeRefresher(getMetrics: () => ServiceMetrics, store: Store, models: () => readonly string[], now: () => number): () => Promise<void> {
  let last = -Infinity;
  let running: Promise<void> = Promise.resolve();
  const refresh = async (): Promise<void> => {
    const metrics = getMetrics();
    for (const model of models()) {
      const latest = await store.reports.latest(model).catch(() => undefined);
      if (latest === undefined) continue;
      if (latest.driftShare !== null) metrics.driftShare.set({ model }, latest.driftShare);
      metrics.datasetDrift.set({ model }, latest.datasetDrift ? 1 : 0);
      for (const c of (latest.report as ReportColumns | null)?.columns ?? []) {
        if (typeof c.name === 'string' && typeof c.score === 'number' && Number.isFinite(c.score)) metrics.featureDriftScore.set({ model, feature: c.name }, c.score);
      }
    }
  };
  return () => {
    if (now() - last >= 1000) {
      last = now();
      running = refresh();
    }
    return running;
  };
}
