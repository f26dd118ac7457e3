/** Names and references: `churn`, `churn@production`, `churn:3`. */
import { DriftwatchError } from '../core/index.js';

export const PRODUCTION = 'production';
export const CHALLENGER = 'challenger';

export interface ModelRef {
  readonly name: string;
  readonly alias?: string;
  readonly version?: number;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const ALIAS = /^[a-z][a-z0-9_-]{0,63}$/;

export function assertModelName(name: string): void {
  if (!NAME.test(name)) {
    throw new DriftwatchError('INVALID_ARGUMENT', `"${name}" is not a valid model name: use letters, digits, '.', '_' and '-' (up to 128, starting with a letter or digit)`, { field: 'name' });
  }
}

export function assertAliasName(alias: string): void {
  if (!ALIAS.test(alias)) {
    throw new DriftwatchError('INVALID_ARGUMENT', `"${alias}" is not a valid alias: use lower-case letters, digits, '_' and '-', starting with a letter`, { field: 'alias' });
  }
}

/** Parses `NAME`, `NAME@alias` or `NAME:version`. */
export function parseModelRef(text: string): ModelRef {
  const at = text.lastIndexOf('@');
  if (at > 0) {
    const ref = { name: text.slice(0, at), alias: text.slice(at + 1) };
    assertModelName(ref.name);
    assertAliasName(ref.alias);
    return ref;
  }
  const colon = text.lastIndexOf(':');
  if (colon > 0) {
    const name = text.slice(0, colon);
    const v = text.slice(colon + 1);
    if (!/^[1-9][0-9]{0,8}$/.test(v)) throw new DriftwatchError('INVALID_ARGUMENT', `"${text}": the version after ':' must be a whole number from 1`, { field: 'version' });
    assertModelName(name);
    return { name, version: Number(v) };
  }
  assertModelName(text);
  return { name: text };
}

export function formatModelRef(ref: ModelRef): string {
  if (ref.alias !== undefined) return `${ref.name}@${ref.alias}`;
  if (ref.version !== undefined) return `${ref.name}:${ref.version}`;
  return ref.name;
}
