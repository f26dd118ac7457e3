/** Files shipped with the package, found from this module's location so the CLI works from any folder. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// src/cli/ and dist/cli/ sit at the same depth under the package root.
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The package's examples/data folder (the demo datasets). */
export function examplesDataDir(): string {
  return resolve(packageRoot, 'examples', 'data');
}
