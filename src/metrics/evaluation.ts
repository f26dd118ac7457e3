/** A model's metrics on labelled rows, whichever its task, and the change between two models'. */
import type { ClassifierEvaluation, RegressorEvaluation } from './evaluate.js';

export type Evaluation = ClassifierEvaluation | RegressorEvaluation;

export function isRegression(e: Evaluation): e is RegressorEvaluation {
  return 'r2' in e;
}

/** `a - b` for every numeric metric both have (not the row count): a model against its baseline. */
export function evaluationChange(a: Evaluation, b: Evaluation): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(a)) {
    const w = (b as unknown as Record<string, unknown>)[k];
    if (typeof v === 'number' && typeof w === 'number' && k !== 'n_samples') out[k] = v - w;
  }
  return out;
}
