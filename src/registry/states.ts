/**
 * The life of a model version: candidate -> approved | rejected; approved -> production; production ->
 * archived when another version replaces it; archived -> production when a rollback (or a promotion) brings
 * it back. Rejected is final. Anything else is a CONFLICT naming the version, its state and the way on.
 */
import { DriftwatchError } from '../core/index.js';

export type VersionState = 'candidate' | 'approved' | 'rejected' | 'production' | 'archived';

export const VERSION_STATES: readonly VersionState[] = ['candidate', 'approved', 'rejected', 'production', 'archived'];

const NEXT: Readonly<Record<VersionState, readonly VersionState[]>> = {
  candidate: ['approved', 'rejected'],
  approved: ['production', 'archived'],
  rejected: [],
  production: ['archived'],
  archived: ['production'],
};

export function canTransition(from: VersionState, to: VersionState): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(name: string, version: number, from: VersionState, to: VersionState): void {
  if (canTransition(from, to)) return;
  const allowed = NEXT[from];
  const way = allowed.length === 0 ? `a ${from} version cannot change state; register a new version instead` : `from ${from} it can become ${allowed.join(' or ')}`;
  throw new DriftwatchError('CONFLICT', `model "${name}" version ${version} is ${from} and cannot become ${to}: ${way}`, { field: 'state' });
}

export function isVersionState(value: string): value is VersionState {
  return (VERSION_STATES as readonly string[]).includes(value);
}
