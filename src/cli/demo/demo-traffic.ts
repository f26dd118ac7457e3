/**
 * The traffic of `driftwatch serve --demo`: rows of the bundled churn data sent to the served model over HTTP
 * (as a client would), their true labels sent back a few seconds later as feedback, and drift that grows
 * gradually: over `rampMs`, a growing share of the rows are month-to-month contracts with short tenures and
 * higher charges, whose customers churn more. The monitor's scheduled checks see it rise.
 */
import { join } from 'node:path';
import { createRng } from '../../core/index.js';
import { readTable } from '../../data/index.js';
import { examplesDataDir } from '../package-paths.js';
import { DEMO_LABEL, DEMO_MODEL } from './serve-demo.js';

export interface DemoTrafficOptions {
  readonly url: string;
  /** Rows per request (default 20) and requests a second (default 5). */
  readonly rowsPerRequest?: number;
  readonly requestsPerSecond?: number;
  /** Time for the drift to reach full strength (default 60 s). */
  readonly rampMs?: number;
  /** Delay of the labels (default 5 s). */
  readonly labelDelayMs?: number;
  readonly seed?: number;
  readonly onError?: (e: unknown) => void;
}

type Row = Record<string, number | string | null>;

export interface DemoTraffic {
  /** Sends `rows` fully drifted rows at once, with their labels straight after; the ramp jumps to full strength. */
  burst(rows: number): Promise<number>;
  /** Back to undrifted traffic, the ramp starting again from now. */
  restart(): void;
  stop(): Promise<void>;
}

export async function startDemoTraffic(options: DemoTrafficOptions): Promise<DemoTraffic> {
  const table = await readTable(join(examplesDataDir(), 'telco_churn.csv'));
  const rows: { features: Row; label: string }[] = [];
  for (let i = 0; i < table.rowCount; i++) {
    const features: Row = {};
    let label = '';
    for (const c of table.columns) {
      const v = c.storage === 'numeric' ? (Number.isNaN(c.values[i]!) ? null : c.values[i]!) : c.codes[i]! < 0 ? null : c.dictionary[c.codes[i]!]!;
      if (c.name === DEMO_LABEL) label = String(v);
      else features[c.name] = v;
    }
    rows.push({ features, label });
  }
  const rng = createRng(options.seed ?? 7);
  const perRequest = options.rowsPerRequest ?? 20;
  const rampMs = options.rampMs ?? 60_000;
  const labelDelayMs = options.labelDelayMs ?? 5000;
  let started = Date.now();
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${options.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  const drifted = (r: { features: Row; label: string }): { features: Row; label: string } => {
    const f = { ...r.features };
    f['contract'] = 'Month-to-month';
    f['tenure'] = Math.max(1, Math.round(Number(f['tenure'] ?? 1) * 0.4));
    f['monthly_charges'] = Number(f['monthly_charges'] ?? 0) + 25;
    // Customers like these churn more: target drift too.
    return { features: f, label: rng.next() < 0.5 ? 'Yes' : r.label };
  };

  const tick = (): void => {
    if (stopped) return;
    const strength = Math.min(1, (Date.now() - started) / rampMs);
    const batch = Array.from({ length: perRequest }, () => {
      const r = rows[rng.int(rows.length)]!;
      return rng.next() < strength * 0.8 ? drifted(r) : r;
    });
    const p = post(`/v1/models/${DEMO_MODEL}/predict`, { rows: batch.map((b) => b.features) })
      .then((answer) => {
        const ids = (answer['predictions'] as { prediction_id: string }[]).map((x) => x.prediction_id);
        const t = setTimeout(() => {
          timers.delete(t);
          if (stopped) return;
          const f = post(`/v1/models/${DEMO_MODEL}/feedback`, { labels: ids.map((id, i) => ({ prediction_id: id, label: batch[i]!.label })) }).catch((e: unknown) => options.onError?.(e));
          inFlight.add(f.then(() => undefined));
        }, labelDelayMs);
        timers.add(t);
      })
      .catch((e: unknown) => options.onError?.(e));
    const tracked = p.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  const interval = setInterval(tick, 1000 / (options.requestsPerSecond ?? 5));
  return {
    async burst(n) {
      started = Date.now() - rampMs;
      const batch = Array.from({ length: n }, () => drifted(rows[rng.int(rows.length)]!));
      const answer = await post(`/v1/models/${DEMO_MODEL}/predict`, { rows: batch.map((b) => b.features) });
      const ids = (answer['predictions'] as { prediction_id: string }[]).map((x) => x.prediction_id);
      await post(`/v1/models/${DEMO_MODEL}/feedback`, { labels: ids.map((id, i) => ({ prediction_id: id, label: batch[i]!.label })) });
      return n;
    },
    restart() {
      started = Date.now();
    },
    async stop() {
      stopped = true;
      clearInterval(interval);
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...inFlight]);
    },
  };
}
