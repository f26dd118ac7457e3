/**
 * Micro-batching of model calls. A model call has a fixed cost (encoding, tree walk set-up) that dwarfs the
 * per-row cost: one row takes ~35 µs, 64 rows ~2 µs each. Requests that reach the model in the same turn of
 * the event loop (under load, the ones parsed together) are predicted in one call, per served version —
 * a batch never mixes two versions, since it is keyed by the served-model object each request fixed at its
 * start. Each request still gets exactly its own rows back.
 */
import type { PredictionResult } from '../models/index.js';
import type { ServedModel } from '../runtime/index.js';
import { tableOfBlocks, type InputBlock } from './serving-rows.js';

/** A request's share of a batched call: its rows are `offset … offset + rowCount - 1` of `result`. */
export interface BatchedPrediction {
  readonly result: PredictionResult;
  readonly offset: number;
}

interface Pending {
  readonly block: InputBlock;
  resolve(p: BatchedPrediction): void;
  reject(e: unknown): void;
}

/** Requests bigger than this are predicted alone (they are batches already). */
const MAX_BATCH_ROWS = 2048;

export interface PredictBatcher {
  predict(served: ServedModel, block: InputBlock): Promise<BatchedPrediction>;
}

export function createPredictBatcher(): PredictBatcher {
  let pending = new Map<ServedModel, Pending[]>();
  let scheduled = false;

  const run = async (served: ServedModel, group: Pending[]): Promise<void> => {
    try {
      const result = await served.model.predict(tableOfBlocks(served.signature, group.map((p) => p.block)));
      let offset = 0;
      for (const p of group) {
        p.resolve({ result, offset });
        offset += p.block.rowCount;
      }
    } catch (e) {
      if (group.length === 1) {
        group[0]!.reject(e);
        return;
      }
      // One request's rows must not fail the others: predict each alone.
      for (const p of group) await run(served, [p]);
    }
  };

  const flush = (): void => {
    scheduled = false;
    const batches = pending;
    pending = new Map();
    for (const [served, group] of batches) void run(served, group);
  };

  return {
    predict(served, block) {
      if (block.rowCount >= MAX_BATCH_ROWS) {
        return served.model.predict(tableOfBlocks(served.signature, [block])).then((result) => ({ result, offset: 0 }));
      }
      return new Promise<BatchedPrediction>((resolve, reject) => {
        const group = pending.get(served);
        if (group === undefined) pending.set(served, [{ block, resolve, reject }]);
        else group.push({ block, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
