/**
 * The registry of drift methods: every name a user can pass to --stattest, with its metadata. The table in
 * docs/drift-methods.md is checked against this list by test/drift/methods-doc.test.ts.
 */
import { DriftwatchError } from '../../core/index.js';
import type { MethodName } from '../types.js';
import { BINNED_METHODS } from './binned-distances.js';
import { COUNT_METHODS } from './count-tests.js';
import { ORDER_BASED_METHODS } from './order-based.js';
import type { DriftMethod } from './types.js';

/** All registered methods, in documentation order. */
export const DRIFT_METHODS: readonly DriftMethod[] = [...ORDER_BASED_METHODS, ...BINNED_METHODS, ...COUNT_METHODS];

const byName = new Map<string, DriftMethod>(DRIFT_METHODS.map((m) => [m.name, m]));

export const METHOD_NAMES: readonly MethodName[] = DRIFT_METHODS.map((m) => m.name);

export function isMethodName(name: string): name is MethodName {
  return byName.has(name);
}

/** The method of that name; DriftwatchError('USAGE') listing the known names when there is none. */
export function getMethod(name: string): DriftMethod {
  const m = byName.get(name);
  if (m === undefined) {
    throw new DriftwatchError('USAGE', `unknown drift method "${name}"; known methods: ${METHOD_NAMES.join(', ')}`, { field: 'stattest' });
  }
  return m;
}
