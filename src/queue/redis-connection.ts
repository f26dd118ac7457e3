/**
 * Connections to Redis for the BullMQ queue, through ioredis (BullMQ 6 takes the client as an optional peer
 * package; it is loaded only when REDIS_URL is set). Every failure to reach Redis becomes UNAVAILABLE naming
 * the URL without its password: at start-up the first connection must succeed within a few seconds rather
 * than ioredis retrying forever in silence; later, a lost connection is retried in the background (so the
 * queue recovers when Redis returns), its errors are reported, and calls fail fast meanwhile.
 */
import { createRequire } from 'node:module';
import { DriftwatchError } from '../core/index.js';
import { redactUrl } from '../store/index.js';

/** The part of an ioredis client this module uses (BullMQ uses the rest). */
export interface RedisClient {
  readonly status: string;
  connect(): Promise<void>;
  ping(): Promise<string>;
  quit(): Promise<string>;
  disconnect(): void;
  scan(cursor: string, ...args: (string | number)[]): Promise<[string, string[]]>;
  del(...keys: string[]): Promise<number>;
  on(event: 'error', listener: (e: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
  once(event: 'error', listener: (e: Error) => void): unknown;
  once(event: 'ready', listener: () => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
}

type RedisConstructor = new (url: string, options: Record<string, unknown>) => RedisClient;

/** How long the first connection may take before the queue reports Redis unreachable. */
export const REDIS_CONNECT_TIMEOUT_MS = 3000;
/** How long one command (ping, enqueue) may wait for Redis before it fails with UNAVAILABLE. */
export const REDIS_COMMAND_TIMEOUT_MS = 5000;

let constructorCache: RedisConstructor | undefined;

function redisConstructor(): RedisConstructor {
  if (constructorCache !== undefined) return constructorCache;
  try {
    const mod = createRequire(import.meta.url)('ioredis') as RedisConstructor | { default: RedisConstructor };
    constructorCache = 'default' in mod ? mod.default : mod;
    return constructorCache;
  } catch (e) {
    throw new DriftwatchError('UNAVAILABLE', 'REDIS_URL is set, but the Redis client package "ioredis" is not installed; install it (npm install ioredis) or unset REDIS_URL to use the embedded queue', { field: 'REDIS_URL' }, { cause: e });
  }
}

export type ConnectionRole = 'producer' | 'worker';

/**
 * A client for `url`, connected (or UNAVAILABLE within REDIS_CONNECT_TIMEOUT_MS). A producer's commands fail
 * at once while the connection is down (no offline queue, one retry); a worker's wait for it to return, as
 * BullMQ requires of the connections its workers block on (maxRetriesPerRequest: null).
 */
export async function connectRedis(url: string, role: ConnectionRole, onError: (e: unknown) => void): Promise<RedisClient> {
  const Redis = redisConstructor();
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    // Reconnect in the background, at most every 2 s, for as long as the process runs; errors are reported.
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
    ...(role === 'producer' ? { enableOfflineQueue: false, maxRetriesPerRequest: 1 } : { maxRetriesPerRequest: null }),
  });
  let connected = false;
  // Without a listener, an 'error' event would crash the process.
  client.on('error', (e) => {
    if (connected) onError(unavailable(url, e));
  });
  try {
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        const ready = () => {
          client.removeListener('error', failed);
          resolve();
        };
        const failed = (e: Error) => {
          client.removeListener('ready', ready);
          reject(e);
        };
        client.once('ready', ready);
        client.once('error', failed);
        client.connect().catch(() => undefined);
      }),
      REDIS_CONNECT_TIMEOUT_MS,
      `no answer within ${REDIS_CONNECT_TIMEOUT_MS} ms`,
    );
  } catch (e) {
    client.disconnect();
    throw unavailable(url, e);
  }
  connected = true;
  return client;
}

/** Redis errors as UNAVAILABLE, naming the redacted URL; DriftwatchErrors pass through. */
export function unavailable(url: string, e: unknown): DriftwatchError {
  if (e instanceof DriftwatchError) return e;
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : typeof err?.message === 'string' && err.message !== '' ? err.message : String(e);
  return new DriftwatchError('UNAVAILABLE', `Redis at ${redactUrl(url)} cannot be reached (${code}); check that Redis is running and REDIS_URL is right`, { field: 'REDIS_URL' }, { cause: e });
}

/** `p`, or a rejection with `message` after `ms`. */
export async function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
