/**
 * Listening, with the key rule of the service: a server without API keys binds to loopback only (and says
 * so), and refuses any other address until a key exists. `close()` is the graceful shutdown of the HTTP side:
 * stop accepting and let in-flight requests finish (their prediction rows are committed before they answer);
 * then the caller stops the worker and closes the runtime (prediction log flushed, queue, store).
 */
import type { FastifyInstance } from 'fastify';
import { DriftwatchError } from '../core/index.js';
import type { Runtime } from '../runtime/index.js';
import { buildApp } from './build-app.js';
import type { DemoController } from './demo-controller.js';

export type { DemoController } from './demo-controller.js';

export interface StartServerOptions {
  readonly host: string;
  readonly port: number;
  readonly demo?: boolean;
  /** What the demo's buttons do (demo mode); the demo command supplies it. */
  readonly demoController?: DemoController;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  /** e.g. http://127.0.0.1:8050 */
  readonly url: string;
  readonly keyless: boolean;
  /** Graceful: stops accepting and lets in-flight requests finish (their rows committed). The caller closes the runtime. Idempotent. */
  close(): Promise<void>;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export async function startServer(runtime: Runtime, options: StartServerOptions): Promise<RunningServer> {
  const keys = await runtime.store.apiKeys.countActive();
  const loopback = isLoopbackHost(options.host);
  if (keys === 0 && !loopback) {
    throw new DriftwatchError(
      'USAGE',
      `refusing to listen on ${options.host} without API keys: anyone who can reach it could change models. Create a key first (driftwatch keys create --name NAME --role admin), or listen on 127.0.0.1`,
      { field: '--host' },
    );
  }
  const app = await buildApp(runtime, { allowKeyless: loopback, ...(options.demo !== undefined ? { demo: options.demo } : {}), ...(options.demoController !== undefined ? { demoController: options.demoController } : {}) });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  if (keys === 0) app.log.warn({ url }, `no API keys are configured: listening on ${options.host} only, and every local caller has the admin role. Create keys (driftwatch keys create) to require them.`);
  app.log.info({ url, keys, backend: runtime.store.backend, role: runtime.role }, `Driftwatch is listening on ${url}`);
  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    keyless: keys === 0,
    close() {
      closing ??= app.close();
      return closing;
    },
  };
}
