/**
 * Who is calling: the API key in `Authorization: Bearer <key>` (or `X-API-Key`), looked up by its hash and
 * cached for a few seconds so the hot path does not query the store per request. A server with no keys
 * lets every caller in as an anonymous admin — allowed only when it listens on loopback (startServer
 * refuses anything else), so only local processes can reach it. Once a key exists, every non-public route
 * needs one.
 */
import type { ApiKey, Store } from '../store/index.js';
import { ROLES, type Role } from '../contracts/index.js';
import { DriftwatchError } from '../core/index.js';
import { hashApiKey } from '../runtime/index.js';

export const ANONYMOUS = 'anonymous (loopback)';

export interface Principal {
  readonly name: string;
  readonly role: Role;
  readonly keyless: boolean;
  /** The key's id (rate limiting and last-use), absent when keyless. */
  readonly keyId?: number;
}

export function roleAllows(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

const KEY_TTL_MS = 5000;
const COUNT_TTL_MS = 2000;
const TOUCH_EVERY_MS = 60_000;

export interface Authenticator {
  /** The caller of a request with this header value; UNAUTHORIZED for a missing or unknown key when keys exist. */
  authenticate(authorization: string | undefined): Promise<Principal>;
  /** Whether the server runs keyless now. */
  keyless(): Promise<boolean>;
  /**
   * The anonymous loopback caller, without a promise, when that is already known: no key sent, the server
   * keyless, and the key count read recently (refreshed in the background as `authenticate` does).
   * undefined whenever `authenticate` must decide. The hot path of a keyless server (predictions) uses it.
   */
  keylessNow(authorization: string | undefined): Principal | undefined;
}

const ANON: Principal = { name: ANONYMOUS, role: 'admin', keyless: true };

export function createAuthenticator(store: Store, options: { allowKeyless: boolean; now?: () => number }): Authenticator {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { key: ApiKey | undefined; at: number }>();
  const touched = new Map<number, number>();
  let active: { count: number; at: number } | undefined;
  let counting: Promise<number> | undefined;

  const countActive = (): Promise<number> => {
    counting ??= store.apiKeys
      .countActive()
      .then((count) => {
        active = { count, at: now() };
        return count;
      })
      .finally(() => (counting = undefined));
    return counting;
  };

  const activeKeys = async (): Promise<number> => {
    if (active === undefined) return countActive();
    // Refresh in the background; a store hiccup keeps the last answer.
    if (now() - active.at > COUNT_TTL_MS) countActive().catch(() => undefined);
    return active.count;
  };

  const lookup = async (key: string): Promise<ApiKey | undefined> => {
    const hash = hashApiKey(key);
    const hit = cache.get(hash);
    if (hit !== undefined && now() - hit.at < KEY_TTL_MS) return hit.key;
    const found = await store.apiKeys.findActiveByHash(hash);
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { key: found, at: now() });
    return found;
  };

  return {
    keylessNow(authorization) {
      if (!options.allowKeyless || active === undefined || active.count !== 0 || bearer(authorization) !== undefined) return undefined;
      if (now() - active.at > COUNT_TTL_MS) countActive().catch(() => undefined);
      return ANON;
    },
    async keyless() {
      return options.allowKeyless && (await activeKeys()) === 0;
    },
    async authenticate(authorization) {
      const key = bearer(authorization);
      if (key === undefined) {
        if (options.allowKeyless && (await activeKeys()) === 0) return ANON;
        throw new DriftwatchError('UNAUTHORIZED', 'this server requires an API key: send `Authorization: Bearer <key>` (an admin creates one with `driftwatch keys create --name NAME --role viewer|operator|admin`)');
      }
      const found = await lookup(key);
      if (found === undefined) throw new DriftwatchError('UNAUTHORIZED', 'the API key is not known or was revoked; ask an admin for a key (driftwatch keys create)');
      const last = touched.get(found.id) ?? 0;
      if (now() - last > TOUCH_EVERY_MS) {
        touched.set(found.id, now());
        store.apiKeys.touch(found.id).catch(() => undefined);
      }
      return { name: found.name, role: found.role, keyless: false, keyId: found.id };
    },
  };
}

function bearer(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m === null ? header.trim() : m[1];
}
