/** The `server:` key of driftwatch.yaml: how `driftwatch serve` listens, limits and logs. */
import { z } from 'zod';

const positiveInt = (what: string) =>
  z.number({ error: `must be a whole number (${what})` }).int({ error: `must be a whole number (${what})` }).positive({ error: `must be a positive whole number (${what})` });

export const serverConfigSchema = z.strictObject(
  {
    port: z.number({ error: 'must be a port number' }).int({ error: 'must be a port number' }).min(0, { error: 'must be a port number' }).max(65535, { error: 'must be a port number' }).optional(),
    host: z.string({ error: 'must be a host name or address' }).min(1, { error: 'must be a host name or address' }).optional(),
    /** Largest request body, in megabytes (default 32); larger ones get a 413. */
    body_limit_mb: z.number({ error: 'must be a positive number' }).positive({ error: 'must be a positive number' }).optional(),
    /** Requests per key (per address for a keyless caller) per window; default 100,000 a minute. */
    rate_limit: z
      .strictObject({ max: positiveInt('requests').optional(), window_s: positiveInt('seconds').optional() }, { error: 'must be a mapping (max, window_s)' })
      .optional(),
    /** Origins allowed to call the API from a browser; CORS is off when absent. */
    cors_origins: z.array(z.string({ error: 'must be an origin such as https://example.com' }), { error: 'must be a list of origins' }).optional(),
    /** Log every request (one JSON line each); off by default, errors are always logged. */
    log_requests: z.boolean({ error: 'must be true or false' }).optional(),
    /** How long a logged prediction waits for others to share its commit, in ms (default 2). */
    commit_window_ms: z.number({ error: 'must be a number of milliseconds' }).min(0, { error: 'must be a number of milliseconds' }).max(1000, { error: 'must be at most 1000' }).optional(),
  },
  { error: 'must be a mapping (port, host, body_limit_mb, rate_limit, cors_origins, log_requests, commit_window_ms)' },
);

export type ServerConfig = z.output<typeof serverConfigSchema>;
