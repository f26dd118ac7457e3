/** What the server adds to Fastify's request and route config (declaration merging). */
import type { Role } from '../contracts/index.js';
import type { Principal } from './auth.js';

/** How a successful state-changing call is written to the audit log. */
export interface AuditSpec {
  /** Dotted verb, e.g. 'predictions.ingested'. */
  readonly action: string;
  /** What kind of thing it is about: 'model', 'api_key', … */
  readonly subjectKind: string;
  /** The route param that names the subject (default `name`). */
  readonly subjectParam?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller (set by the auth hook before any handler runs). */
    principal: Principal;
    /** Extra details for the audit record of this call. */
    auditDetails?: Record<string, unknown>;
  }
  interface FastifyContextConfig {
    /** The least role that may call the route (default: viewer for GET/HEAD, operator otherwise). */
    role?: Role;
    /** No key needed: health, readiness, metrics, docs. */
    public?: boolean;
    /**
     * The audit record of a successful call (POST/PUT/PATCH/DELETE are audited by default as
     * `http.<method>`). `false` when the route records elsewhere (the prediction log, the registry's audit).
     */
    audit?: AuditSpec | false;
  }
}
