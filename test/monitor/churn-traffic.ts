/**
 * Traffic for monitor tests from the bundled churn data (examples/data/telco_churn.csv, what `driftwatch
 * demo` uses): a reference to register with a model trained on it, held-out rows served as stable traffic,
 * and the same rows with the demo's drift injected.
 */
import { join } from 'node:path';
import { DEMO_SCENARIOS } from '../../src/cli/demo/scenarios.js';
import { parseTransform } from '../../src/cli/simulate/parse-transform.js';
import { createRng } from '../../src/core/index.js';
import { readTable, selectRows, simulateDrift, type Table } from '../../src/data/index.js';
import { trainModel } from '../../src/models/index.js';
import type { Registry } from '../../src/registry/index.js';
import type { FeatureValue, PredictionRowInput } from '../../src/store/index.js';

export const CHURN_FILE = join(import.meta.dirname, '..', '..', 'examples', 'data', 'telco_churn.csv');
export const LABEL = 'churn';

export interface ChurnTraffic {
  readonly reference: Table;
  /** Held-out rows, never in the reference. */
  readonly heldOut: Table;
  readonly model: Uint8Array;
}

let cached: Promise<ChurnTraffic> | undefined;

export function churnTraffic(): Promise<ChurnTraffic> {
  cached ??= (async () => {
    const all = await readTable(CHURN_FILE);
    const rng = createRng(11);
    const order = Array.from({ length: all.rowCount }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const reference = selectRows(all, Int32Array.from(order.slice(0, 2500)));
    const heldOut = selectRows(all, Int32Array.from(order.slice(2500)));
    const { model } = await trainModel(reference, { label: LABEL, algo: 'logreg', seed: 1, validFraction: 0.2 });
    return { reference, heldOut, model: Buffer.from(JSON.stringify(model.toFile())) };
  })();
  return cached;
}

export async function registerChurn(registry: Registry, t: ChurnTraffic): Promise<void> {
  await registry.registerModel({ name: 'churn', modelBytes: t.model, reference: { table: t.reference, source: 'churn reference' }, alias: 'production', actor: 'test' });
}

/** Rows `start..start+n` of a table as logged rows (the label left out: it arrives later, if at all). */
export function rowsOf(t: Table, start: number, n: number): { rows: PredictionRowInput[]; labels: string[] } {
  const rows: PredictionRowInput[] = [];
  const labels: string[] = [];
  for (let i = start; i < start + n; i++) {
    const features: Record<string, FeatureValue> = {};
    for (const c of t.columns) {
      const v: FeatureValue = c.storage === 'numeric' ? (Number.isNaN(c.values[i]!) ? null : c.values[i]!) : c.codes[i]! < 0 ? null : c.dictionary[c.codes[i]!]!;
      if (c.name === LABEL) labels.push(String(v));
      else features[c.name] = v;
    }
    rows.push({ features, prediction: 'No', probability: 0.3, modelVersion: 1 });
  }
  return { rows, labels };
}

/**
 * The demo's drift (more month-to-month contracts, higher prices, bunched tenures, missing charges), with
 * the contract shift made strong enough that the customers' other traits and churn follow it.
 */
export function drifted(t: Table, seed = 5): Table {
  const transforms = DEMO_SCENARIOS.telco.transforms.map((x) => (x.kind === 'resample' ? parseTransform('resample', `contract=Month-to-month:${STRONG_RESAMPLE}`) : x));
  return simulateDrift(t, transforms, createRng(seed));
}

export const STRONG_RESAMPLE = 1.8;
