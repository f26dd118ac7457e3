/** `GET /v1/me`: the caller's key name and role, whether the server runs keyless, and (demo mode) `demo: true`. */
import type { FastifyPluginAsync } from 'fastify';
import { meResponseSchema, type MeResponse } from '../../contracts/index.js';
import type { RouteContext } from '../build-app.js';
import { routeSchema } from '../route-schema.js';

export const meRoutes: FastifyPluginAsync<RouteContext> = async (app, { options }) => {
  app.get('/v1/me', {
    schema: routeSchema({ tags: ['keys'], summary: "The caller's key name and role", response: { 200: meResponseSchema } }),
  }, async (req): Promise<MeResponse> => ({
    name: req.principal.name,
    role: req.principal.role,
    keyless: req.principal.keyless,
    // The dashboard shows the demo controls (simulate drift, reset) only when the server runs the demo.
    ...(options.demo === true ? { demo: true } : {}),
  }));
};
