/** Durations: a monotonic millisecond counter (not the wall clock), injectable so tests can pin timings. */
export type Timer = () => number;

export const performanceTimer: Timer = () => performance.now();
