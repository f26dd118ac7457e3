/**
 * ISO-8601 dates and date-times as epoch milliseconds: `2024-01-31`, `2024-01-31T12:00`,
 * `2024-01-31 12:00:00`, `2024-01-31T12:00:00.123Z`, `2024-01-31T12:00:00+05:30`. A value without an
 * offset is taken as UTC (never the machine's local time, so results do not depend on where they run).
 * Fractions finer than a millisecond are truncated.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(?:\s?(Z|z|[+-]\d{2}(?::?\d{2})?))?$/;

/** Epoch milliseconds of an ISO-8601 date or date-time, or NaN when the text is not one. */
export function parseIsoDateTime(text: string): number {
  const m = ISO.exec(text.trim());
  if (m === null) return NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return NaN;
  const t = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 2024-02-30 over to March; a real date survives the round trip.
  if (new Date(t).getUTCDate() !== day) return NaN;
  const zone = m[8];
  if (zone === undefined || zone === 'Z' || zone === 'z') return t;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2, 4)) : 0);
  return t - sign * offsetMinutes * 60_000;
}
