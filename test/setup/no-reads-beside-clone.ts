/**
 * A clone must pass its tests with nothing beside it, yet CI runs with ../shared next to the clone, so a test
 * that reads ../shared would pass there and fail for a user. This setup file makes any read of a path beside
 * the repository (inside its parent folder, outside the repository) fail the test that made it.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const parent = dirname(repo);

export function isBesideClone(path: fs.PathLike | number): boolean {
  if (typeof path === 'number') return false;
  const p = resolve(path instanceof URL ? fileURLToPath(path) : String(path));
  return p.startsWith(parent + sep) && p !== repo && !p.startsWith(repo + sep);
}

function guard<F extends (...args: never[]) => unknown>(name: string, f: F, promised = false): F {
  return function (this: unknown, ...args: Parameters<F>) {
    const path = args[0] as unknown as fs.PathLike | number;
    if (isBesideClone(path)) {
      const error = new Error(`tests must not read outside the repository (${name} ${String(path)}): copy what the test needs into the repository`);
      if (promised) return Promise.reject(error);
      throw error;
    }
    return f.apply(this, args);
  } as F;
}

const sync = fs as unknown as Record<string, (...args: never[]) => unknown>;
for (const name of ['readFileSync', 'openSync', 'createReadStream', 'readdirSync', 'statSync', 'existsSync', 'readFile', 'open', 'readdir', 'stat']) {
  sync[name] = guard(name, sync[name]!);
}
const promises = fs.promises as unknown as Record<string, (...args: never[]) => unknown>;
for (const name of ['readFile', 'open', 'readdir', 'stat']) promises[name] = guard(`promises.${name}`, promises[name]!, true);
// Named ESM imports (`import { readFileSync } from 'node:fs'`) see the guarded functions only after this.
syncBuiltinESMExports();
