/**
 * Shutting down on SIGTERM (an orchestrator stopping the process) and SIGINT (Ctrl-C): the first signal runs
 * `shutdown` once (stop consuming, let the current job finish, close what is open) and then exits; a second
 * signal while that runs exits at once, for a person who does not want to wait.
 */
import type { WorkerLogger } from './worker.js';

export interface ShutdownSignalOptions {
  /** What to do before exiting: for the worker, `worker.stop()` then closing the runtime. */
  readonly shutdown: (signal: NodeJS.Signals) => Promise<void>;
  readonly logger: WorkerLogger;
  readonly signals?: readonly NodeJS.Signals[];
  /** Ends the process (default `process.exit`): 0 after a clean shutdown, 1 when it failed, 130 when forced. */
  readonly exit?: (code: number) => void;
}

/** Installs the handlers; returns a function that removes them. */
export function exitOnShutdownSignals(options: ShutdownSignalOptions): () => void {
  const { logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal: exiting without waiting for the running jobs');
      exit(130);
      return;
    }
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: no new jobs; waiting for the running ones');
    options.shutdown(signal).then(
      () => exit(0),
      (e: unknown) => {
        logger.error({ signal, message: e instanceof Error ? e.message : String(e) }, 'shutdown failed');
        exit(1);
      },
    );
  };
  for (const s of signals) process.on(s, onSignal);
  return () => {
    for (const s of signals) process.removeListener(s, onSignal);
  };
}
