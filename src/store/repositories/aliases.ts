/** Aliases (production, challenger, user-defined) and the history of every move, so "who held it at T" is a query. */
import type { Selectable } from 'kysely';
import { isoOf, nowValue, type StoreContext } from '../context.js';
import type { AliasHistoryTable } from '../schema.js';

export interface AliasRecord {
  readonly alias: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export type AliasMoveKind = 'promote' | 'rollback' | 'set' | 'remove';

export interface AliasMove {
  readonly id: number;
  readonly alias: string;
  /** The new holder; null when the alias was removed. */
  readonly version: number | null;
  readonly previousVersion: number | null;
  readonly referenceDatasetVersionId: number | null;
  readonly movedAt: string;
  readonly actor: string;
  readonly reason: string | null;
  readonly kind: AliasMoveKind;
}

export interface NewAliasMove {
  readonly alias: string;
  readonly version: number | null;
  readonly previousVersion: number | null;
  readonly referenceDatasetVersionId: number | null;
  readonly actor: string;
  readonly reason: string | null;
  readonly kind: AliasMoveKind;
}

export interface AliasRepository {
  get(modelId: number, alias: string): Promise<AliasRecord | undefined>;
  list(modelId: number): Promise<AliasRecord[]>;
  /** Points the alias at a version (or removes it with null) and appends the move to the history. */
  move(modelId: number, move: NewAliasMove): Promise<AliasMove>;
  /** Every move, oldest first; one alias's when given. */
  history(modelId: number, alias?: string): Promise<AliasMove[]>;
  /** The last move of the alias at or before `atMs`, if any. */
  moveAt(modelId: number, alias: string, atMs: number): Promise<AliasMove | undefined>;
}

export function aliasRepository(ctx: StoreContext): AliasRepository {
  const { db, dialect } = ctx;
  const toMove = (r: Selectable<AliasHistoryTable>): AliasMove => ({
    id: r.id,
    alias: r.alias,
    version: r.version,
    previousVersion: r.previous_version,
    referenceDatasetVersionId: r.reference_dataset_version_id,
    movedAt: isoOf(ctx, r.moved_at),
    actor: r.actor,
    reason: r.reason,
    kind: r.kind as AliasMoveKind,
  });
  return {
    async get(modelId, alias) {
      const r = await db.selectFrom('aliases').selectAll().where('model_id', '=', modelId).where('alias', '=', alias).executeTakeFirst();
      return r === undefined ? undefined : { alias: r.alias, version: r.version, updatedAt: isoOf(ctx, r.updated_at), updatedBy: r.updated_by };
    },
    async list(modelId) {
      const rows = await db.selectFrom('aliases').selectAll().where('model_id', '=', modelId).orderBy('alias').execute();
      return rows.map((r) => ({ alias: r.alias, version: r.version, updatedAt: isoOf(ctx, r.updated_at), updatedBy: r.updated_by }));
    },
    async move(modelId, move) {
      const now = nowValue(ctx);
      if (move.version === null) {
        await db.deleteFrom('aliases').where('model_id', '=', modelId).where('alias', '=', move.alias).execute();
      } else {
        await db.insertInto('aliases')
          .values({ model_id: modelId, alias: move.alias, version: move.version, updated_at: now, updated_by: move.actor })
          .onConflict((oc) => oc.columns(['model_id', 'alias']).doUpdateSet({ version: move.version!, updated_at: now, updated_by: move.actor }))
          .execute();
      }
      const row = await db.insertInto('alias_history').values({
        model_id: modelId,
        alias: move.alias,
        version: move.version,
        previous_version: move.previousVersion,
        reference_dataset_version_id: move.referenceDatasetVersionId,
        moved_at: now,
        actor: move.actor,
        reason: move.reason,
        kind: move.kind,
      }).returningAll().executeTakeFirstOrThrow();
      return toMove(row);
    },
    async history(modelId, alias) {
      let q = db.selectFrom('alias_history').selectAll().where('model_id', '=', modelId);
      if (alias !== undefined) q = q.where('alias', '=', alias);
      const rows = await q.orderBy('moved_at').orderBy('id').execute();
      return rows.map(toMove);
    },
    async moveAt(modelId, alias, atMs) {
      // Moves in the same millisecond are ordered by id: the later insert is the later move.
      const r = await db.selectFrom('alias_history').selectAll()
        .where('model_id', '=', modelId).where('alias', '=', alias).where('moved_at', '<=', dialect.writeTime(atMs))
        .orderBy('moved_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
      return r === undefined ? undefined : toMove(r);
    },
  };
}
