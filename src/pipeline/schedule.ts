/** Cron schedules on the Clock: is an occurrence due between the last run and now? */
import { Cron } from 'croner';
import { DriftwatchError } from '../core/index.js';

export function assertCron(expression: string): void {
  try {
    new Cron(expression, { paused: true, timezone: 'UTC' });
  } catch (e) {
    throw new DriftwatchError('CONFIG_INVALID', `pipeline.triggers.schedule: "${expression}" is not a cron expression (${(e as Error).message}); write it like "0 2 * * *"`, { field: 'pipeline.triggers.schedule' });
  }
}

/** True when the schedule has an occurrence in (lastRunMs, nowMs]; with no last run, one in the last day counts. */
export function scheduleDue(expression: string, lastRunMs: number | null, nowMs: number): boolean {
  assertCron(expression);
  const since = lastRunMs ?? nowMs - 24 * 3600_000;
  const next = new Cron(expression, { paused: true, timezone: 'UTC' }).nextRun(new Date(since));
  return next !== null && next.getTime() <= nowMs;
}
