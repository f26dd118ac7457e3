/** The job queue: one interface, an embedded durable queue on the store and BullMQ on Redis; `openQueue` picks. */
export { openQueue, type OpenQueueOptions } from './open-queue.js';
export {
  JOB_STATES,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  DEFAULT_GRACE_MS,
  DEFAULT_QUEUE_PREFIX,
  type JobPayload,
  type EnqueueOptions,
  type JobState,
  type QueuedJob,
  type JobHandler,
  type ConsumeOptions,
  type QueueConsumer,
  type JobQueue,
} from './types.js';
