/** API keys for the service: stored as hashes only (the key itself is shown once, by whoever creates it). */
import type { Selectable } from 'kysely';
import { DriftwatchError } from '../../core/index.js';
import { isoOf, isoOrNull, nowValue, type StoreContext } from '../context.js';
import type { ApiKeysTable } from '../schema.js';

export type ApiKeyRole = 'viewer' | 'operator' | 'admin';

export interface ApiKey {
  readonly id: number;
  readonly name: string;
  readonly role: ApiKeyRole;
  /** The first characters of the key, so a person can tell keys apart. */
  readonly prefix: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export interface ApiKeyRepository {
  /** CONFLICT when the name is taken. */
  create(input: { name: string; role: ApiKeyRole; keyHash: string; prefix: string; createdBy: string }): Promise<ApiKey>;
  /** The active (not revoked) key with that hash. */
  findActiveByHash(keyHash: string): Promise<ApiKey | undefined>;
  list(): Promise<ApiKey[]>;
  /** NOT_FOUND when there is no active key of that name. */
  revoke(name: string): Promise<ApiKey>;
  touch(id: number): Promise<void>;
  countActive(): Promise<number>;
}

export function apiKeyRepository(ctx: StoreContext): ApiKeyRepository {
  const { db } = ctx;
  const toKey = (r: Selectable<ApiKeysTable>): ApiKey => ({
    id: r.id,
    name: r.name,
    role: r.role as ApiKeyRole,
    prefix: r.prefix,
    createdAt: isoOf(ctx, r.created_at),
    createdBy: r.created_by,
    revokedAt: isoOrNull(ctx, r.revoked_at),
    lastUsedAt: isoOrNull(ctx, r.last_used_at),
  });
  return {
    async create(input) {
      const r = await db.insertInto('api_keys').values({
        name: input.name, role: input.role, key_hash: input.keyHash, prefix: input.prefix, created_at: nowValue(ctx), created_by: input.createdBy, revoked_at: null, last_used_at: null,
      }).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
      if (r === undefined) throw new DriftwatchError('CONFLICT', `an API key named "${input.name}" already exists; choose another name or revoke it first`, { field: 'name' });
      return toKey(r);
    },
    async findActiveByHash(keyHash) {
      const r = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).where('revoked_at', 'is', null).executeTakeFirst();
      return r === undefined ? undefined : toKey(r);
    },
    async list() {
      const rows = await db.selectFrom('api_keys').selectAll().orderBy('name').execute();
      return rows.map(toKey);
    },
    async revoke(name) {
      const r = await db.updateTable('api_keys').set({ revoked_at: nowValue(ctx) }).where('name', '=', name).where('revoked_at', 'is', null).returningAll().executeTakeFirst();
      if (r === undefined) throw new DriftwatchError('NOT_FOUND', `there is no active API key named "${name}"`, { field: 'name' });
      return toKey(r);
    },
    async touch(id) {
      await db.updateTable('api_keys').set({ last_used_at: nowValue(ctx) }).where('id', '=', id).execute();
    },
    async countActive() {
      const r = await db.selectFrom('api_keys').select((eb) => eb.fn.countAll().as('n')).where('revoked_at', 'is', null).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
