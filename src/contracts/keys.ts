/** API keys (admin only): list, create (the key is shown once), revoke. */
import { z } from 'zod';
import { roleSchema } from './system.js';

export const keyNameSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/);

export const apiKeyInfoSchema = z.strictObject({
  name: z.string(),
  role: roleSchema,
  /** The first characters of the key, to tell keys apart; never the key. */
  prefix: z.string(),
  created_at: z.string(),
  created_by: z.string(),
  revoked_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
});

export const listKeysResponseSchema = z.strictObject({ keys: z.array(apiKeyInfoSchema) });

export const createKeyBodySchema = z.strictObject({ name: keyNameSchema, role: roleSchema });

export const createKeyResponseSchema = z.strictObject({
  name: z.string(),
  role: roleSchema,
  /** The key itself: shown this once, stored only as a hash. */
  key: z.string(),
  prefix: z.string(),
  created_at: z.string(),
});

export const keyParamsSchema = z.strictObject({ name: z.string().min(1) });

export const revokeKeyResponseSchema = z.strictObject({ name: z.string(), revoked_at: z.string() });

export type ApiKeyInfo = z.infer<typeof apiKeyInfoSchema>;
export type CreateKeyBody = z.infer<typeof createKeyBodySchema>;
export type CreateKeyResponse = z.infer<typeof createKeyResponseSchema>;
