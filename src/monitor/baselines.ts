/**
 * Reference baselines prepared once: the dataset version's Table read from its artifact, redacted features
 * hashed as logged rows are, and the drift engine's reference preparation (sorted samples, category
 * counts) that every check against it reuses. Keyed by the dataset version id: a new baseline (a promotion,
 * a rollback, `baseline set`) is a new key, so nothing stale is ever used.
 */
import { createTable, MISSING_CODE, type Column, type Table } from '../data/table/index.js';
import { createReferencePreparation, type ReferencePreparation } from '../drift/index.js';
import { readDatasetArtifact } from '../registry/index.js';
import type { DatasetVersion, Store } from '../store/index.js';
import type { Redactor } from './redact.js';

export interface Baseline {
  readonly datasetVersion: DatasetVersion;
  /** As read from the artifact (the model runs on this). */
  readonly table: Table;
  /** The table the window is compared with: redacted features hashed. */
  readonly compared: Table;
  readonly preparation: ReferencePreparation;
}

/** How many baselines stay in memory (models × recent baselines). */
const KEEP = 16;

export interface BaselineCache {
  get(dv: DatasetVersion): Promise<Baseline>;
  /** How many times a baseline was read and prepared (for tests and metrics). */
  readonly loads: number;
}

export function createBaselineCache(store: Store, redactor: () => Promise<Redactor>): BaselineCache {
  const cache = new Map<number, Promise<Baseline>>();
  let loads = 0;
  const load = async (dv: DatasetVersion): Promise<Baseline> => {
    loads++;
    const table = await readDatasetArtifact(store.artifacts, dv.artifactSha256, dv.format);
    const r = await redactor();
    const compared = r.features.size === 0 ? table : createTable(table.columns.map((c) => (r.features.has(c.name) ? hashedColumn(c, r) : c)));
    return { datasetVersion: dv, table, compared, preparation: createReferencePreparation() };
  };
  return {
    get(dv) {
      let p = cache.get(dv.id);
      if (p === undefined) {
        p = load(dv);
        // A failed read is not kept: the next check tries again.
        p.catch(() => cache.delete(dv.id));
        cache.set(dv.id, p);
        while (cache.size > KEEP) cache.delete(cache.keys().next().value!);
      }
      return p;
    },
    get loads() {
      return loads;
    },
  };
}

/** A reference column with its values hashed like logged values, as categories. */
function hashedColumn(c: Column, r: Redactor): Column {
  const n = c.storage === 'numeric' ? c.values.length : c.codes.length;
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let h: string | null;
    if (c.storage === 'numeric') h = Number.isNaN(c.values[i]!) ? null : r.hash(c.values[i]!);
    else h = c.codes[i] === MISSING_CODE ? null : r.hash(c.dictionary[c.codes[i]!]!);
    if (h === null) {
      codes[i] = MISSING_CODE;
      continue;
    }
    let k = index.get(h);
    if (k === undefined) {
      k = dictionary.length;
      dictionary.push(h);
      index.set(h, k);
    }
    codes[i] = k;
  }
  return { storage: 'categorical', name: c.name, kind: 'categorical', codes, dictionary };
}
