/** API keys over HTTP, for admins: list, create (the key is in the answer once), revoke. */
import type { FastifyPluginAsync } from 'fastify';
import {
  createKeyBodySchema,
  createKeyResponseSchema,
  keyParamsSchema,
  listKeysResponseSchema,
  revokeKeyResponseSchema,
  type ApiKeyInfo,
  type CreateKeyBody,
} from '../../contracts/index.js';
import { generateApiKey } from '../../runtime/index.js';
import type { ApiKey } from '../../store/index.js';
import type { RouteContext } from '../build-app.js';
import { routeSchema } from '../route-schema.js';

export function keyInfo(k: ApiKey): ApiKeyInfo {
  return { name: k.name, role: k.role, prefix: k.prefix, created_at: k.createdAt, created_by: k.createdBy, revoked_at: k.revokedAt, last_used_at: k.lastUsedAt };
}

export const keyRoutes: FastifyPluginAsync<RouteContext> = async (app, { runtime }) => {
  const { store } = runtime;
  app.get('/v1/keys', {
    config: { role: 'admin' },
    schema: routeSchema({ tags: ['keys'], summary: 'API keys (never the keys themselves)', response: { 200: listKeysResponseSchema } }),
  }, async () => ({ keys: (await store.apiKeys.list()).map(keyInfo) }));

  app.post<{ Body: CreateKeyBody }>('/v1/keys', {
    config: { role: 'admin', audit: { action: 'api_key.created', subjectKind: 'api_key' } },
    schema: routeSchema({ tags: ['keys'], summary: 'Create a key; the answer holds it once', body: createKeyBodySchema, response: { 201: createKeyResponseSchema } }),
  }, async (req, reply) => {
    const { key, prefix, hash } = generateApiKey();
    const created = await store.apiKeys.create({ name: req.body.name, role: req.body.role, keyHash: hash, prefix, createdBy: req.principal.name });
    req.auditDetails = { name: created.name, role: created.role };
    void reply.code(201);
    return { name: created.name, role: created.role, key, prefix, created_at: created.createdAt };
  });

  app.delete<{ Params: { name: string } }>('/v1/keys/:name', {
    config: { role: 'admin', audit: { action: 'api_key.revoked', subjectKind: 'api_key' } },
    schema: routeSchema({ tags: ['keys'], summary: 'Revoke a key', params: keyParamsSchema, response: { 200: revokeKeyResponseSchema } }),
  }, async (req) => {
    const revoked = await store.apiKeys.revoke(req.params.name);
    return { name: revoked.name, revoked_at: revoked.revokedAt ?? '' };
  });
};
