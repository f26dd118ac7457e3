/**
 * Starts a worker thread on a sibling module. From compiled JavaScript (dist/) the `.js` file is loaded
 * directly; when running from TypeScript sources (tests, `node --import tsx`), the worker first registers tsx's
 * loader, since loader hooks of the parent are not inherited by workers.
 */
import { Worker } from 'node:worker_threads';

export function spawnModuleWorker(moduleUrl: URL, workerData: unknown): Worker {
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl, { workerData });
  const boot =
    `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(moduleUrl.href)}); })` +
    `.catch((e) => { throw e; });`;
  return new Worker(boot, { eval: true, workerData });
}

/** URL of a sibling module `name` (without extension), with this module's extension (.ts or .js). */
export function siblingModule(base: string, name: string): URL {
  const ext = base.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, base);
}
