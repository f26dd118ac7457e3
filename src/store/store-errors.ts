import { DriftwatchError, isDriftwatchError } from '../core/index.js';
import type { StoreDialect } from './dialect.js';

/**
 * A driver error as a DriftwatchError: an unreachable or locked database is UNAVAILABLE (exit 69, HTTP 503),
 * a unique violation nobody handled is CONFLICT; anything else is left as it is (a bug, reported as INTERNAL).
 */
export function mapStoreError(dialect: StoreDialect, location: string, e: unknown): unknown {
  if (isDriftwatchError(e)) return e;
  const kind = dialect.classifyError(e);
  const detail = e instanceof Error ? e.message : String(e);
  if (kind === 'unavailable') {
    const hint = dialect.name === 'postgres' ? 'check that PostgreSQL is running and DATABASE_URL is right, then try again' : 'check the data directory (--home, DRIFTWATCH_HOME) and that no other process holds the database locked, then try again';
    return new DriftwatchError('UNAVAILABLE', `the ${dialect.name} database at ${location} cannot be used (${detail}); ${hint}`, {}, { cause: e });
  }
  if (kind === 'unique-violation') return new DriftwatchError('CONFLICT', `the store refused a duplicate (${detail})`, {}, { cause: e });
  return e;
}

/**
 * Wraps every method of a repository so driver errors leave it mapped. Repositories stay plain objects of
 * async functions; this is the one place the mapping happens.
 */
export function withErrorMapping<T extends object>(repo: T, dialect: StoreDialect, location: string): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(repo)) {
    out[key] = typeof value === 'function'
      ? async (...args: unknown[]) => {
          try {
            return await (value as (...a: unknown[]) => unknown).apply(repo, args);
          } catch (e) {
            throw mapStoreError(dialect, location, e);
          }
        }
      : value;
  }
  return out as T;
}
