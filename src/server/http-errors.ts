/**
 * Every failure becomes one body, `{"error": {"code", "message", "field"?}}`, with the HTTP status the core
 * error table gives the code. Fastify's own errors (validation, body too large, bad JSON, wrong media type)
 * are translated into the same codes; anything unexpected is a 500 INTERNAL whose details stay in the log —
 * a stack trace never reaches the caller.
 */
import type { FastifyError } from 'fastify';
import type { ErrorBody } from '../contracts/index.js';
import { DriftwatchError, httpStatusOf, isErrorCode, type ErrorCode } from '../core/index.js';

export interface HttpError {
  readonly status: number;
  readonly body: ErrorBody;
  /** Unexpected: log it with its stack. */
  readonly internal: boolean;
}

function make(code: ErrorCode, message: string, field?: string, internal = false): HttpError {
  return { status: httpStatusOf(code), body: { error: { code, message, ...(field !== undefined ? { field } : {}) } }, internal };
}

/** Ajv's `/rows/3/age` as `rows[3].age`. */
export function fieldPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

interface AjvIssue {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Readonly<Record<string, unknown>>;
}

function validationError(issues: readonly AjvIssue[], context: string | undefined): HttpError {
  const issue = issues[0]!;
  let extra: string | undefined;
  let message = issue.message ?? 'is not valid';
  if (issue.keyword === 'required') {
    extra = String(issue.params['missingProperty']);
    message = 'is required';
  } else if (issue.keyword === 'additionalProperties') {
    extra = String(issue.params['additionalProperty']);
    message = 'is not a known field';
  } else if (issue.keyword === 'enum' && Array.isArray(issue.params['allowedValues'])) {
    message = `must be one of: ${(issue.params['allowedValues'] as unknown[]).map(String).join(', ')}`;
  } else if (issue.keyword === 'anyOf' || issue.keyword === 'type') {
    message = issue.keyword === 'type' ? `must be ${String(issue.params['type']).replace(/,/g, ' or ')}` : 'has a value of the wrong type (a number, a string, true/false or null)';
  }
  const where = context === 'querystring' ? 'query' : context === 'params' ? 'path' : (context ?? 'body');
  const field = fieldPath(issue.instancePath, extra);
  return make('INVALID_ARGUMENT', field === '' ? `the ${where} ${message}` : `${field} ${message}`, field === '' ? undefined : field);
}

export function toHttpError(e: unknown, limits: { bodyLimitBytes: number }): HttpError {
  if (e instanceof DriftwatchError) return make(e.code, e.toDisplayString(), e.field);
  const fe = e as Partial<FastifyError> & { validation?: AjvIssue[]; validationContext?: string };
  if (Array.isArray(fe.validation) && fe.validation.length > 0) return validationError(fe.validation, fe.validationContext);
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return make('PAYLOAD_TOO_LARGE', `the request body is larger than the server accepts (${(limits.bodyLimitBytes / 1048576).toFixed(1)} MB, server.body_limit_mb); send the rows in smaller batches`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return make('FILE_FORMAT', 'this route takes a JSON body: send it with Content-Type: application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return make('INVALID_ARGUMENT', 'the request body is empty; send a JSON object');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return make('INVALID_ARGUMENT', `the request body is not valid JSON (${fe.message ?? 'parse error'})`);
    default:
      break;
  }
  if (fe instanceof SyntaxError || fe.statusCode === 400) return make('INVALID_ARGUMENT', `the request body is not valid JSON (${fe.message ?? 'parse error'})`);
  const code = (e as { code?: unknown }).code;
  if (isErrorCode(code) && code !== 'INTERNAL' && typeof fe.message === 'string') return make(code, fe.message);
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 && typeof fe.message === 'string') {
    return { status: fe.statusCode, body: { error: { code: fe.statusCode === 404 ? 'NOT_FOUND' : 'INVALID_ARGUMENT', message: fe.message } }, internal: false };
  }
  return make('INTERNAL', 'an unexpected internal error happened; it is in the server log (search for this request id)', undefined, true);
}
