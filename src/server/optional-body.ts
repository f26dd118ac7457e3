/**
 * For POST routes whose body fields are all optional (rollback, retrain, check, approve, acknowledge): a call
 * without a body (`curl -X POST …/rollback`) reads as `{}` instead of failing validation.
 */
import type { FastifyRequest } from 'fastify';

export async function optionalBody(req: FastifyRequest): Promise<void> {
  if (req.body === undefined || req.body === null) req.body = {};
}
