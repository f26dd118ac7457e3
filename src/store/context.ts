import type { Kysely } from 'kysely';
import type { Clock } from '../core/index.js';
import type { StoreDialect } from './dialect.js';
import type { Database, DbTime } from './schema.js';
import type { SqliteWriteThread } from './sqlite-write-thread.js';

/** What every repository is built from: a connection (or the transaction it runs in), the dialect, the clock. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  readonly clock: Clock;
  /**
   * SQLite only, outside transactions: hot writes (prediction batches, audit rows) commit on a worker thread
   * so the event loop is not blocked while the disk syncs (sqlite-write-thread.ts).
   */
  readonly writeThread?: SqliteWriteThread;
}

/** A stored time as ISO 8601 UTC text, the form every record carries. */
export function isoOf(ctx: StoreContext, value: DbTime): string {
  return new Date(ctx.dialect.readTime(value)).toISOString();
}

export function isoOrNull(ctx: StoreContext, value: DbTime | null): string | null {
  return value === null ? null : isoOf(ctx, value);
}

/** The clock's time, ready to write. */
export function nowValue(ctx: StoreContext): string {
  return ctx.dialect.writeTime(ctx.clock.now());
}

/** Row counts come back as number (SQLite), bigint or string (pg count(*)). */
export function toCount(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
