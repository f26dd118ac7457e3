/**
 * Contracts are zod schemas; Fastify validates and serialises with JSON Schema (Ajv and fast-json-stringify, both
 * compiled once per route). This turns one into the other, so a route's contract is written once and the
 * OpenAPI document, the validator and the serialiser all follow it.
 */
import { z } from 'zod';

export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * The JSON Schema (draft 7, what Fastify's Ajv and @fastify/swagger read) of a contract: `input` for what a
 * caller sends (defaults may be left out), `output` for what the server answers.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const out = z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'any' }) as Record<string, unknown>;
  // Ajv refuses a `$schema` it was not configured with, and the OpenAPI document does not need it.
  delete out['$schema'];
  return out;
}
