/**
 * The bundled churn data (examples/data/telco_churn.csv) cut into a reference and a current file with
 * injected drift: the current rows get higher monthly and total charges and longer tenures. Seeded, so
 * every run writes the same files.
 */
import { join } from 'node:path';
import { createRng } from '../../src/core/index.js';
import { createTable, numericColumn, readTable, selectRows, writeCsv, type Table } from '../../src/data/index.js';

export const CHURN_FILE = join(import.meta.dirname, '..', '..', 'examples', 'data', 'telco_churn.csv');

export interface ChurnPair {
  readonly reference: string;
  readonly current: string;
  readonly referenceRows: number;
  readonly currentRows: number;
}

export async function writeChurnPair(dir: string, options: { rows?: number; drift?: boolean } = {}): Promise<ChurnPair> {
  const all = await readTable(CHURN_FILE);
  const rng = createRng(7);
  const order = Array.from({ length: all.rowCount }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const n = Math.min(options.rows ?? 3000, all.rowCount);
  const half = Math.floor(n / 2);
  const reference = selectRows(all, Int32Array.from(order.slice(0, half)));
  let current = selectRows(all, Int32Array.from(order.slice(half, n)));
  if (options.drift !== false) current = injectDrift(current);
  const paths = { reference: join(dir, 'reference.csv'), current: join(dir, 'current.csv') };
  await writeCsv(reference, paths.reference);
  await writeCsv(current, paths.current);
  return { ...paths, referenceRows: reference.rowCount, currentRows: current.rowCount };
}

function injectDrift(t: Table): Table {
  const shift: Record<string, (v: number) => number> = {
    monthly_charges: (v) => v + 30,
    total_charges: (v) => v * 1.6 + 500,
    tenure: (v) => Math.round(v * 1.8),
  };
  return createTable(t.columns.map((c) => {
    const f = shift[c.name];
    return f === undefined || c.storage !== 'numeric' ? c : numericColumn(c.name, c.values.map((v) => (Number.isNaN(v) ? v : f(v))), c.kind);
  }));
}
