/**
 * API keys: made from 32 random bytes, shown once, stored as a SHA-256 hash (a key has 256 bits of entropy,
 * so a fast hash is enough; there is nothing to brute-force as there is with a password).
 */
import { createHash, randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'dw_';

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 10), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
