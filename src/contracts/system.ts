/** Liveness, readiness and "who am I". */
import { z } from 'zod';

export const healthResponseSchema = z.strictObject({ status: z.literal('ok') });

const checkSchema = z.strictObject({ ok: z.boolean(), message: z.string().optional() });

export const readyResponseSchema = z.strictObject({
  /** `ready` with 200; `not_ready` with 503, and the failing checks say why. */
  status: z.enum(['ready', 'not_ready']),
  checks: z.strictObject({ store: checkSchema, queue: checkSchema, models: checkSchema }),
});

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const meResponseSchema = z.strictObject({
  /** The API key's name, or "anonymous (loopback)" on a keyless server. */
  name: z.string(),
  role: roleSchema,
  /** True when the server has no keys and, bound to loopback only, lets every local caller in. */
  keyless: z.boolean(),
  /** Present (true) when the server runs `serve --demo`: the dashboard shows the demo controls. */
  demo: z.literal(true).optional(),
});

export type HealthResponse = z.infer<typeof healthResponseSchema>;
export type ReadyResponse = z.infer<typeof readyResponseSchema>;
export type MeResponse = z.infer<typeof meResponseSchema>;
