/** The HTTP service: `buildApp` (Fastify, not listening) and `startServer` (listen, keyless rules, graceful shutdown). */
export { buildApp, type BuildAppOptions, type RouteContext } from './build-app.js';
export { startServer, isLoopbackHost, type StartServerOptions, type RunningServer } from './start-server.js';
export { routeSchema, type RouteContracts } from './route-schema.js';
export { toHttpError, fieldPath } from './http-errors.js';
export { ANONYMOUS, roleAllows, type Principal } from './auth.js';
export type { AuditSpec } from './fastify-types.js';
export { uploadsFolder } from './uploads.js';
