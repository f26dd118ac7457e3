/** The background worker: runs queued jobs with the runtime's handlers, and stops cleanly on SIGTERM/SIGINT. */
export { startWorker, type StartWorkerOptions, type RunningWorker, type WorkerLogger } from './worker.js';
export { exitOnShutdownSignals, type ShutdownSignalOptions } from './signals.js';
