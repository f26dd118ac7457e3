/**
 * Starting a worker thread on a sibling module, from compiled JavaScript (dist/, plain node) and from the
 * TypeScript sources (vitest, `node --import tsx`) alike. Built, the worker is the `.js` file beside the
 * caller. From sources it is the `.ts` file, and since workers do not inherit the parent's loader hooks,
 * the worker first registers tsx's loader and then imports it.
 */
import { Worker } from 'node:worker_threads';

/** URL of the sibling module `name` (without extension) of the module at `base`, with `base`'s extension. */
export function siblingModuleUrl(base: string, name: string): URL {
  const ext = new URL(base).pathname.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, base);
}

/** A Worker running the module at `moduleUrl` (.js directly; .ts through tsx's loader). */
export function startModuleWorker(moduleUrl: URL, workerData: unknown): Worker {
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl, { workerData });
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
