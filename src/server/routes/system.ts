/** `GET /health` (the process answers), `GET /ready` (store, queue and a production model), `GET /metrics`. */
import type { FastifyPluginAsync } from 'fastify';
import { healthResponseSchema, readyResponseSchema, type ReadyResponse } from '../../contracts/index.js';
import type { RouteContext } from '../build-app.js';
import { routeSchema } from '../route-schema.js';
import { readiness } from '../readiness.js';

export const systemRoutes: FastifyPluginAsync<RouteContext> = async (app, { runtime }) => {
  app.get('/health', {
    config: { public: true },
    schema: routeSchema({ public: true, tags: ['system'], summary: 'The process is alive', response: { 200: healthResponseSchema } }),
  }, async () => ({ status: 'ok' as const }));

  app.get('/ready', {
    config: { public: true },
    schema: routeSchema({
      public: true,
      tags: ['system'],
      summary: 'Ready to serve: the store and the queue answer and a production model is loaded',
      description: '503 with the failing checks when not ready.',
      response: { 200: readyResponseSchema, 503: readyResponseSchema },
    }),
  }, async (_req, reply): Promise<ReadyResponse> => {
    const body = await readiness(runtime);
    void reply.code(body.status === 'ready' ? 200 : 503);
    return body;
  });

  app.get('/metrics', {
    config: { public: true },
    schema: { tags: ['system'], summary: 'Prometheus metrics (text exposition format)' },
  }, async (_req, reply) => {
    void reply.type(runtime.metrics.registry.contentType);
    return runtime.metrics.registry.metrics();
  });
};
