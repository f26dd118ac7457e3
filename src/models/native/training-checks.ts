/**
 * Checks `trainModel` makes before a learner runs, and the translation of a learner's own option errors, so
 * that every learner fails the same way and in the user's words.
 */
import { DriftwatchError } from '../../core/index.js';
import type { Algorithm } from './params.js';
import { PARAMS } from './params.js';

/**
 * A classifier needs two classes among its training rows. Every learner fails here the same way: the trees
 * would otherwise train a constant model (accuracy 0 on any other class) and the linear learner fail inside.
 * Multinomial logistic regression also needs every class in the training rows (a class without rows has no
 * finite intercept).
 */
export function checkTrainingClasses(y: Float64Array, classes: readonly string[], split: boolean, algo: Algorithm): void {
  const counts = new Float64Array(classes.length);
  for (const c of y) counts[c]!++;
  const present = classes.filter((_, k) => counts[k]! > 0);
  const fix = split ? 'add rows, or use --valid-fraction 0' : 'add rows of the other classes';
  if (present.length < 2) {
    const what = split ? 'the training split' : 'the training data';
    const only = present.length === 1 ? ` ("${present[0]}")` : '';
    throw new DriftwatchError('SINGLE_CLASS', `${what} has only one class${only}: ${fix}`, { field: 'label' });
  }
  if (algo === 'logreg' && present.length < classes.length) {
    const absent = classes.filter((_, k) => counts[k] === 0);
    throw new DriftwatchError('SINGLE_CLASS', `the training split has no rows of class ${absent.map((c) => `"${c}"`).join(', ')} (logreg needs every class): ${fix}`, { field: 'label' });
  }
}

/**
 * A learner checks its options under its own names (`maxDepth`); the user wrote `max_depth`. Rewrites such an
 * error in the user's spelling; anything else passes through.
 */
export function inUserNames(e: unknown, algo: Algorithm): unknown {
  if (!(e instanceof DriftwatchError) || e.field === undefined) return e;
  const entry = Object.entries(PARAMS[algo]).find(([, def]) => def.key === e.field);
  if (!entry) return e;
  const [name, def] = entry;
  // "trainLogisticRegression: C must be ..." names a function the user never called.
  const message = e.message.replace(/^[a-zA-Z]+: /, '').replace(new RegExp(`\\b${def.key}\\b`, 'g'), name);
  return new DriftwatchError('USAGE', `parameter ${name}: ${message.startsWith(`invalid ${name}: `) ? message.slice(`invalid ${name}: `.length) : message}`, { field: name }, { cause: e });
}
