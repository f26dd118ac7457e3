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

/**
 * Workers started ahead on a module, before their work is known (workerData null: the module waits for its
 * first message). Starting a worker and loading its module takes tens of milliseconds of a core or more,
 * which a caller can overlap with work of its own. Idle workers do not keep the process alive; one that
 * fails or exits while idle is dropped.
 */
export class IdleWorkers {
  private readonly idle: Worker[] = [];

  constructor(moduleUrl: URL, count: number) {
    for (let k = 0; k < count; k++) {
      let w: Worker;
      try {
        w = startModuleWorker(moduleUrl, null);
      } catch {
        break;
      }
      w.unref();
      const drop = (): void => {
        const at = this.idle.indexOf(w);
        if (at >= 0) this.idle.splice(at, 1);
      };
      w.on('error', drop);
      w.on('exit', drop);
      this.idle.push(w);
    }
  }

  /** A started worker, now the caller's (its listeners removed, keeping the process alive again), if any. */
  take(): Worker | undefined {
    const w = this.idle.pop();
    if (w !== undefined) {
      w.removeAllListeners();
      w.ref();
    }
    return w;
  }

  /** Stops the workers never taken. */
  close(): void {
    for (const w of this.idle.splice(0)) void w.terminate();
  }
}
