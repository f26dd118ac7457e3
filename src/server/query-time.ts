/** Times in query strings: ISO 8601 (`2026-12-01T10:00Z`) or epoch milliseconds. */
import { DriftwatchError } from '../core/index.js';

export function parseTime(text: string, field: string): number {
  const ms = /^\d+$/.test(text.trim()) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) throw new DriftwatchError('INVALID_ARGUMENT', `${field} must be an ISO 8601 time (e.g. 2026-12-01T10:00Z) or epoch milliseconds, not "${text}"`, { field });
  return ms;
}
