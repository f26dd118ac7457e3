/**
 * A route's Fastify schema from its zod contracts: params, query, body and each response turned into JSON
 * Schema once, at start-up. Every route also declares the error body for the 4xx/5xx answers it can give, so
 * the OpenAPI document shows them and they are serialised like the rest.
 */
import type { FastifySchema } from 'fastify';
import type { z } from 'zod';
import { errorBodySchema, jsonSchemaOf } from '../contracts/index.js';

export interface RouteContracts {
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Success responses by status. */
  readonly response: Readonly<Record<number, z.ZodType>>;
  readonly summary?: string;
  readonly description?: string;
  /** The OpenAPI tag (the resource). */
  readonly tags?: readonly string[];
  /** No API key needed (health, readiness, metrics). */
  readonly public?: boolean;
}

const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503] as const;
let errorJson: Record<string, unknown> | undefined;

export function routeSchema(c: RouteContracts): FastifySchema {
  errorJson ??= { ...jsonSchemaOf(errorBodySchema, 'output'), description: 'The error body: a stable code, a message, and the field it is about' };
  const response: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(c.response)) response[status] = jsonSchemaOf(schema, 'output');
  for (const status of ERROR_STATUSES) if (!(status in response)) response[status] = errorJson;
  return {
    ...(c.summary !== undefined ? { summary: c.summary } : {}),
    ...(c.description !== undefined ? { description: c.description } : {}),
    ...(c.tags !== undefined ? { tags: [...c.tags] } : {}),
    ...(c.params !== undefined ? { params: jsonSchemaOf(c.params) } : {}),
    ...(c.query !== undefined ? { querystring: jsonSchemaOf(c.query) } : {}),
    ...(c.body !== undefined ? { body: jsonSchemaOf(c.body) } : {}),
    ...(c.public === true ? {} : { security: [{ bearer: [] }] }),
    response,
  };
}
