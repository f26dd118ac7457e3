/**
 * A stand-in HTTP API on a real socket for the component tests, answering the routes of PLAN.md with
 * canned bodies until the real server (branch `server`) is merged; then the browser end-to-end tests run
 * against `buildApp(runtime)` instead. It records each request (method, path, Authorization, body) so the
 * tests check what the pages send, and it can push server-sent events to connected streams.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

export interface StubRequest {
  readonly method: string;
  readonly path: string;
  readonly auth: string | undefined;
  readonly body: string;
}

export interface StubReply {
  readonly status?: number;
  readonly body?: unknown;
}

export type StubHandler = (req: StubRequest) => StubReply | undefined;

export interface StubApi {
  readonly url: string;
  readonly requests: StubRequest[];
  /** Replace or add the handler for "METHOD /path" (path without the query). */
  on(route: string, handler: StubHandler | StubReply): void;
  /** Sends a server-sent event to every open /v1/events/stream connection. */
  push(data: unknown, event?: string): void;
  close(): Promise<void>;
}

/** `staticDir`: also serve the built dashboard (dist/web) at `/`, as the real server will. */
export async function startStubApi(routes: Readonly<Record<string, StubHandler | StubReply>>, staticDir?: string): Promise<StubApi> {
  const table = new Map<string, StubHandler>();
  const streams = new Set<ServerResponse>();
  const requests: StubRequest[] = [];
  const on = (route: string, h: StubHandler | StubReply): void => {
    table.set(route, typeof h === 'function' ? h : () => h);
  };
  for (const [r, h] of Object.entries(routes)) on(r, h);

  const read = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const record: StubRequest = { method: req.method ?? 'GET', path, auth: req.headers.authorization, body: await read(req) };
      requests.push(record);
      if (path === '/v1/events/stream') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      const handler = table.get(`${record.method} ${path}`);
      if (handler === undefined && staticDir !== undefined && record.method === 'GET' && !path.startsWith('/v1/')) {
        const file = join(staticDir, normalize(path === '/' ? '/index.html' : path).replace(/^(\.\.[/\\])+/, ''));
        try {
          const body = await readFile(file);
          res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
          res.end(body);
        } catch {
          res.writeHead(404).end();
        }
        return;
      }
      const reply = handler?.(record) ?? { status: 404, body: { error: { code: 'NOT_FOUND', message: `no route ${record.method} ${path}` } } };
      res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json' });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    on,
    push(data, event) {
      const text = `${event !== undefined ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
      for (const s of streams) s.write(text);
    },
    async close() {
      for (const s of streams) s.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
