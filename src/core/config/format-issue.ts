/** Turns a zod issue into one sentence that names the key path, the allowed values and what was found. */
import { z } from 'zod';
import { closestMatch } from '../did-you-mean.js';

type Key = PropertyKey;

export interface IssueText {
  /** Dotted key path, e.g. `per_kind.numeric.method` ('' for the whole file). */
  readonly path: string;
  /** The sentence after the path, e.g. `must be one of ks, psi (got "kss"; did you mean "ks"?)`. */
  readonly message: string;
  /** The key the problem is about, when it is an unknown key (to point at its line). */
  readonly unknownKey?: string;
  /** Path of the value (or of the map holding the unknown key). */
  readonly valuePath: readonly Key[];
}

/** Phrases one issue against the raw input (to quote what was given) and the schema (to list allowed keys). */
export function formatIssue(issue: z.core.$ZodIssue, input: unknown, schema: z.ZodType): IssueText {
  const valuePath = issue.path;
  const dotted = valuePath.map(String).join('.');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0]!;
      const allowed = allowedKeys(schema, valuePath);
      const near = allowed.length > 0 ? closestMatch(key, allowed) : undefined;
      const hint = near !== undefined ? `did you mean "${near}"?` : `allowed keys: ${allowed.join(', ')}`;
      return { path: [...valuePath, key].map(String).join('.'), message: `unknown key (${hint})`, unknownKey: key, valuePath };
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const got = valueAt(input, valuePath);
      const near = typeof got === 'string' ? closestMatch(got, values) : undefined;
      const tail = near !== undefined ? `; did you mean "${near}"?` : '';
      return { path: dotted, message: `must be one of ${values.join(', ')} (got ${quote(got)}${tail})`, valuePath };
    }
    default: {
      const got = valueAt(input, valuePath);
      const message = got === undefined ? issue.message : `${issue.message} (got ${quote(got)})`;
      return { path: dotted, message, valuePath };
    }
  }
}

function valueAt(input: unknown, path: readonly Key[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<Key, unknown>)[k];
  }
  return v;
}

function quote(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** The keys the schema allows at `path` (an object's shape, or a record's value shape). */
export function allowedKeys(schema: z.ZodType, path: readonly Key[]): string[] {
  let s: z.ZodType | undefined = unwrap(schema);
  for (const k of path) {
    if (s instanceof z.ZodObject) s = unwrap((s.shape as Record<string, z.ZodType>)[String(k)]);
    else if (s instanceof z.ZodRecord) s = unwrap(s.valueType as z.ZodType);
    else s = undefined;
    if (s === undefined) return [];
  }
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

function unwrap(s: z.ZodType | undefined): z.ZodType | undefined {
  let cur = s;
  for (;;) {
    if (cur instanceof z.ZodOptional) cur = cur.unwrap() as z.ZodType;
    else if (cur instanceof z.ZodPipe) cur = cur.out as z.ZodType;
    else return cur;
  }
}
