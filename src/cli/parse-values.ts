/** Checks option values once, at the edge, naming the flag, the allowed values and what was given. */
import { closestMatch } from '../core/index.js';
import { badOption } from './errors.js';

/** `a,b , c` -> ['a', 'b', 'c']; repeated flags are concatenated by the caller. */
export function parseList(raw: string | readonly string[] | undefined): string[] {
  if (raw === undefined) return [];
  const parts = typeof raw === 'string' ? [raw] : raw;
  return parts.flatMap((p) => p.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  /** Whether `min` itself is excluded. */
  readonly minExclusive?: boolean;
  readonly integer?: boolean;
  /** Phrase for the message, e.g. 'a number between 0 and 1'. */
  readonly describe: string;
}

export function parseNumber(flag: string, raw: string, rule: NumberRule): number {
  const text = raw.trim();
  // Number('') is 0 and Number('0x10') is 16: accept plain decimals only.
  const ok = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text);
  const v = ok ? Number(text) : NaN;
  const inRange =
    Number.isFinite(v) &&
    (rule.min === undefined || (rule.minExclusive === true ? v > rule.min : v >= rule.min)) &&
    (rule.max === undefined || v <= rule.max) &&
    (rule.integer !== true || Number.isInteger(v));
  if (!inRange) throw badOption(flag, `must be ${rule.describe} (got "${raw}")`);
  return v;
}

/** A random seed: a whole number that fits the 32-bit seed of core's Rng. */
export function parseSeed(flag: string, raw: string): number {
  return parseNumber(flag, raw, { min: 0, max: 4294967295, integer: true, describe: 'a whole number from 0 to 4294967295' });
}

/** One of `allowed`, or a USAGE error listing them (with the closest as a suggestion). */
export function parseChoice<T extends string>(flag: string, raw: string, allowed: readonly T[]): T {
  const v = raw.trim();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw badOption(flag, unknownValueMessage(v, allowed));
}

/** `must be one of a, b, c (got "x"; did you mean "a"?)` */
export function unknownValueMessage(got: string, allowed: readonly string[]): string {
  const near = closestMatch(got, allowed);
  return `must be one of ${allowed.join(', ')} (got "${got}"${near !== undefined ? `; did you mean "${near}"?` : ''})`;
}

/** A comma list of choices, each checked. */
export function parseChoiceList<T extends string>(flag: string, raw: string | readonly string[], allowed: readonly T[]): T[] {
  const items = parseList(raw);
  if (items.length === 0) throw badOption(flag, `needs at least one of ${allowed.join(', ')}`);
  return [...new Set(items.map((i) => parseChoice(flag, i, allowed)))];
}

/** `,` `;` `|`, or `tab` / `\t` for a tab; undefined when the flag was not given. */
export function parseDelimiter(flag: string, raw: string): string;
export function parseDelimiter(flag: string, raw: string | undefined): string | undefined;
export function parseDelimiter(flag: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const v = raw === 'tab' || raw === '\\t' ? '\t' : raw;
  if (v.length !== 1 || v === '"' || v === '\n' || v === '\r') {
    throw badOption(flag, `must be one character, or "tab" (got "${raw}")`);
  }
  return v;
}
