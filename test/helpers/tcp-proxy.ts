/**
 * A TCP proxy on a fixed local port to a service (Redis in the tests), which a test stops — dropping every
 * connection, as a service going away does — and starts again on the same port.
 */
import { connect as connectTcp, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** The local port; the same after a restart. */
  readonly port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function tcpProxy(target: URL, defaultPort = 6379): Promise<TcpProxy> {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  let port = 0;
  const start = async () => {
    server = createServer((client) => {
      const upstream = connectTcp({ host: target.hostname, port: Number(target.port || defaultPort) });
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  };
  await start();
  return {
    get port() {
      return port;
    },
    async stop() {
      if (server === undefined) return;
      const s = server;
      server = undefined;
      for (const sock of sockets) sock.destroy();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    start,
  };
}
