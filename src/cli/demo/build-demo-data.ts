/** Splits an example dataset into a reference half and a drifted current half. */
import type { Rng } from '../../core/index.js';
import { selectRows, type Table } from '../../data/index.js';
import { simulateDrift } from '../../data/simulate/index.js';
import type { DemoScenario } from './scenarios.js';

export interface DemoPair {
  readonly reference: Table;
  readonly current: Table;
}

/**
 * A seeded random half of the rows is the reference; the other half, with the scenario's drift injected, is
 * current. Both halves keep the file's row order.
 */
export function buildDemoPair(table: Table, scenario: DemoScenario, rng: Rng): DemoPair {
  const n = table.rowCount;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  const half = Math.ceil(n / 2);
  const reference = selectRows(table, order.slice(0, half).sort());
  const clean = selectRows(table, order.slice(half).sort());
  return { reference, current: simulateDrift(clean, scenario.transforms, rng.fork()) };
}
