/** `GET /v1/me`: the caller's key name and role, and whether the server runs keyless. */
import type { FastifyPluginAsync } from 'fastify';
import { meResponseSchema, type MeResponse } from '../../contracts/index.js';
import type { RouteContext } from '../build-app.js';
import { routeSchema } from '../route-schema.js';

export const meRoutes: FastifyPluginAsync<RouteContext> = async (app) => {
  app.get('/v1/me', {
    schema: routeSchema({ tags: ['keys'], summary: "The caller's key name and role", response: { 200: meResponseSchema } }),
  }, async (req): Promise<MeResponse> => ({ name: req.principal.name, role: req.principal.role, keyless: req.principal.keyless }));
};
