/**
 * Time as a dependency. Whatever reads the wall clock (report timestamps, cron schedules, "which version was
 * in production at T", alert cooldowns) takes a `Clock`, so tests and simulations run on a clock they move.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told: for tests and simulated months of checks. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Sets the clock to a time (epoch ms, a Date or an ISO string). */
  set(at: number | Date | string): void;
}

export function manualClock(start: number | Date | string = 0): ManualClock {
  let t = toEpochMs(start);
  return {
    now: () => t,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a clock only moves forward by a finite amount, not ${ms} ms`);
      t += ms;
    },
    set(at) {
      t = toEpochMs(at);
    },
  };
}

/** The clock's time as an ISO 8601 string (UTC). */
export function isoNow(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}

function toEpochMs(at: number | Date | string): number {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${String(at)}`);
  return ms;
}
