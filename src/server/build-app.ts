/**
 * `buildApp(runtime)`: the Fastify application, not listening (tests use `inject`, `driftwatch serve` calls
 * `listen`). Core concerns are wired here once — auth and roles, rate limits, CORS, the error shape,
 * metrics, audit, OpenAPI — and every resource is a plugin listed in routes/index.ts.
 */
import type { DemoController } from './demo-controller.js';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { DriftwatchError, DRIFTWATCH_VERSION } from '../core/index.js';
import type { Runtime } from '../runtime/index.js';
import { createAuthenticator, roleAllows, type Authenticator, type Principal } from './auth.js';
import { toHttpError } from './http-errors.js';
import { coerceTextFields } from './coerce-query.js';
import { createPredictBatcher, type PredictBatcher } from './predict-batcher.js';
import { ROUTES } from './routes/index.js';
import type { AuditSpec } from './fastify-types.js';
import './fastify-types.js';

export interface BuildAppOptions {
  /**
   * Whether a server without API keys lets callers in (as an anonymous admin). startServer sets it only
   * when listening on loopback; default true (inject tests have no socket).
   */
  readonly allowKeyless?: boolean;
  /** Demo mode: the demo routes are registered and `GET /v1/me` says `demo: true`. */
  readonly demo?: boolean;
  /** What the demo routes do; without it they answer 409 (no demo traffic in this process). */
  readonly demoController?: DemoController;
  /** Serve the dashboard at `/` (default true); false for an API-only server. */
  readonly web?: boolean;
  /** Where the built dashboard is (default: the package's dist/web, made by `npm run build`). */
  readonly webRoot?: string;
}

/** What route plugins get besides the Fastify instance. */
export interface RouteContext {
  readonly runtime: Runtime;
  readonly auth: Authenticator;
  readonly options: BuildAppOptions;
  /** Coalesces concurrent requests' rows into one model call. */
  readonly batcher: PredictBatcher;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PUBLIC: Principal = { name: 'public', role: 'viewer', keyless: false };
const DEFAULT_BODY_LIMIT_MB = 32;

export async function buildApp(runtime: Runtime, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const serverConfig = runtime.config.server ?? {};
  const bodyLimit = Math.round((serverConfig.body_limit_mb ?? DEFAULT_BODY_LIMIT_MB) * 1048576);
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps the instance's type the plugins are written for.
    loggerInstance: runtime.logger as FastifyBaseLogger,
    // One log line per request costs more than serving a prediction; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: serverConfig.log_requests !== true }),
    bodyLimit,
    return503OnClosing: true,
    ajv: {
      // Strict validation: an unknown field is a 400 naming it, never silently dropped, and no type is coerced
      // in a body; query strings and params are converted from text by coerceTextFields (preValidation).
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false, strict: false },
    },
  });
  const auth = createAuthenticator(runtime.store, { allowKeyless: options.allowKeyless ?? true, now: () => runtime.clock.now() });
  const ctx: RouteContext = { runtime, auth, options, batcher: createPredictBatcher() };

  app.decorateRequest('principal', undefined as never);
  app.setErrorHandler((err, req, reply) => {
    const { status, body, internal } = toHttpError(err, { bodyLimitBytes: bodyLimit });
    if (internal) req.log.error({ err, route: req.routeOptions.url }, 'request failed');
    else if (status === 503) req.log.warn({ code: body.error.code, msg: body.error.message }, 'service unavailable');
    void reply.code(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error: { code: 'NOT_FOUND', message: `there is no route ${req.method} ${req.url.split('?')[0]}; the API is listed at /docs` } });
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Driftwatch', version: DRIFTWATCH_VERSION, description: 'Drift monitoring service: serving, ingestion, late labels, the model registry, drift checks, alerts.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key (driftwatch keys create)' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });

  // Auth runs first: rate limits are per key and the handlers need the caller. The hooks on the request path
  // are callback-style with a synchronous fast path: an async hook costs a promise and a turn per request,
  // which at thousands of predictions a second is a measurable share of a request's CPU.
  const authorize = (req: FastifyRequest, principal: Principal): void => {
    req.principal = principal;
    const need = req.routeOptions.config.role ?? (req.method === 'GET' || req.method === 'HEAD' ? 'viewer' : 'operator');
    if (!roleAllows(principal.role, need)) {
      throw new DriftwatchError('FORBIDDEN', `${req.method} ${req.routeOptions.url} needs the ${need} role; the key "${principal.name}" has ${principal.role}`);
    }
  };
  app.addHook('onRequest', (req, _reply, done) => {
    if (req.routeOptions.url === undefined || req.routeOptions.config.public === true || req.url.startsWith('/docs')) {
      req.principal = PUBLIC;
      done();
      return;
    }
    const authorization = authorizationOf(req);
    const known = auth.keylessNow(authorization);
    if (known !== undefined) {
      try {
        authorize(req, known);
      } catch (e) {
        done(e as Error);
        return;
      }
      done();
      return;
    }
    auth.authenticate(authorization).then((p) => {
      authorize(req, p);
      done();
    }).catch((e: unknown) => done(e as Error));
  });

  installCors(app, serverConfig.cors_origins ?? []);

  app.addHook('preValidation', (req, _reply, done) => {
    const schema = req.routeOptions.schema;
    if (schema !== undefined) {
      if (schema.querystring !== undefined) coerceTextFields(schema.querystring, req.query);
      if (schema.params !== undefined) coerceTextFields(schema.params, req.params);
    }
    done();
  });

  await app.register(rateLimit, {
    hook: 'preHandler',
    max: serverConfig.rate_limit?.max ?? 100_000,
    timeWindow: (serverConfig.rate_limit?.window_s ?? 60) * 1000,
    keyGenerator: (req) => (req.principal?.keyId !== undefined ? `key:${req.principal.keyId}` : `ip:${req.ip}`),
    // Keyless servers listen on loopback only: their callers are local processes (benchmarks, the demo).
    allowList: (req) => req.principal?.keyless === true || req.routeOptions.config.public === true,
    errorResponseBuilder: (_req, c) => new DriftwatchError('RATE_LIMITED', `rate limit of ${c.max} requests per ${c.after} window reached for this key; retry in ${Math.ceil(c.ttl / 1000)} s`),
  });

  // Graceful shutdown: answers sent while closing end their keep-alive connection, so the server is not kept
  // waiting for clients' idle sockets (Node closes only the connections idle when close() starts).
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Audit before the answer goes out: an acknowledged change is in the audit log.
  app.addHook('onSend', (req, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    const spec = req.routeOptions.config.audit;
    if (spec === false || !STATE_CHANGING.has(req.method) || reply.statusCode >= 400 || req.routeOptions.url === undefined) {
      done(null, payload);
      return;
    }
    runtime.store.audit.record(auditRecord(req, spec, reply.statusCode)).then(() => done(null, payload), (e: unknown) => done(e as Error));
  });

  // Label children kept per (method, route, status): no label object (and, for the histogram, no label
  // validation) per request.
  const requestCounters = new Map<string, { inc(): void }>();
  const requestTimers = new Map<string, { observe(v: number): void }>();
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const key = `${req.method} ${route}`;
    const counterKey = `${key} ${reply.statusCode}`;
    let counter = requestCounters.get(counterKey);
    if (counter === undefined) {
      counter = runtime.metrics.requests.labels({ method: req.method, route, status: reply.statusCode });
      requestCounters.set(counterKey, counter);
    }
    let timer = requestTimers.get(key);
    if (timer === undefined) {
      timer = runtime.metrics.requestDuration.labels({ method: req.method, route });
      requestTimers.set(key, timer);
    }
    counter.inc();
    timer.observe(reply.elapsedTime / 1000);
    done();
  });

  for (const route of ROUTES) await app.register(route, ctx);
  return app;
}

function authorizationOf(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization ?? req.headers['x-api-key'];
  return Array.isArray(h) ? h[0] : h;
}

function auditRecord(req: FastifyRequest, spec: AuditSpec | undefined, status: number) {
  const params = (req.params ?? {}) as Record<string, unknown>;
  const subjectParam = spec?.subjectParam ?? 'name';
  const subject = typeof params[subjectParam] === 'string' ? (params[subjectParam] as string) : `${req.method} ${req.routeOptions.url}`;
  return {
    actor: req.principal.name,
    action: spec?.action ?? `http.${req.method.toLowerCase()}`,
    subjectKind: spec?.subjectKind ?? 'route',
    subject,
    details: { route: `${req.method} ${req.routeOptions.url}`, status, ...(req.auditDetails ?? {}) },
  };
}

/** CORS stays off unless origins are configured; then those origins (only) get the headers and preflights. */
function installCors(app: FastifyInstance, origins: readonly string[]): void {
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (origin === undefined || !allowed.has(origin)) return;
    void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    if (req.method === 'OPTIONS') {
      await reply
        .code(204)
        .header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE')
        .header('access-control-allow-headers', 'authorization, content-type, x-api-key')
        .header('access-control-max-age', '600')
        .send();
    }
  });
}
