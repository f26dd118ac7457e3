/**
 * The alert policy: a pure function from the durable state of one (model, kind) and one check's signal to
 * the next state and what to do. It is the whole of the rule documented in docs/alerts.md:
 *
 * - A signal counts when it is active and not every one of its columns is muted.
 * - An episode opens (fire) after `consecutive` counting checks in a row, unless an alert for the same model
 *   and kind fired less than `cooldownMs` ago; then it waits, and fires on the first counting check after the
 *   cooldown if the problem is still there. One alert per episode: later counting checks only raise its
 *   severity (escalate, notified once per rise unless acknowledged or snoozed).
 * - An episode ends (resolve) after `resolveAfter` quiet checks in a row; requiring more than one quiet check
 *   keeps a problem that hovers at the threshold from flapping between fired and resolved.
 * - While a snooze holds (per model and kind), nothing is notified; a firing notification held back by it is
 *   sent at the first counting check after the snooze if the episode is still open.
 *
 * Time is the signal's `at`, so the function needs no clock and replays the same way.
 */
import { SEVERITY_RANK, type CheckSignal, type Severity } from './types.js';

export interface AlertPolicy {
  /** K: counting checks in a row that open an episode. */
  readonly consecutive: number;
  /** Quiet checks in a row that end an episode. */
  readonly resolveAfter: number;
  /** Minimum time between two fired alerts of one model and kind. */
  readonly cooldownMs: number;
  readonly sendResolved: boolean;
}

/** The open episode, as far as the policy needs it. */
export interface OpenEpisode {
  readonly severity: Severity;
  readonly acknowledged: boolean;
  /** Whether its firing notification went out (false while a snooze held it back). */
  readonly notified: boolean;
}

export interface StreakState {
  readonly activeStreak: number;
  readonly quietStreak: number;
  readonly lastFiredAtMs: number | null;
  readonly snoozedUntilMs: number | null;
  readonly open: OpenEpisode | null;
}

export const INITIAL_STREAK: StreakState = { activeStreak: 0, quietStreak: 0, lastFiredAtMs: null, snoozedUntilMs: null, open: null };

export type PolicyAction =
  /** Nothing to store beyond the streaks. */
  | { readonly type: 'none' }
  /** Open an episode; notify unless snoozed. */
  | { readonly type: 'fire'; readonly notify: boolean }
  /** The open episode's severity rose to the signal's. */
  | { readonly type: 'escalate'; readonly notify: boolean }
  /** Send the firing notification a snooze held back (with the signal's severity if higher). */
  | { readonly type: 'notify_held' }
  /** End the open episode; notify when resolutions are sent and its firing was notified. */
  | { readonly type: 'resolve'; readonly notify: boolean }
  /** Keep the open episode up to date (last signal time); nothing to send. */
  | { readonly type: 'touch' };

export interface PolicyDecision {
  /** The state to store; `open` is what the caller keeps, or drops on 'resolve', or creates on 'fire'. */
  readonly next: Omit<StreakState, 'open'>;
  readonly action: PolicyAction;
  /** Whether the signal counted (active and not muted). */
  readonly counted: boolean;
  /** Why, in a few words: for logs and tests. */
  readonly reason: string;
}

/** Whether two states are the same (what the alerter skips writing). */
export function sameStreak(a: Omit<StreakState, 'open'>, b: Omit<StreakState, 'open'>): boolean {
  return a.activeStreak === b.activeStreak && a.quietStreak === b.quietStreak && a.lastFiredAtMs === b.lastFiredAtMs && a.snoozedUntilMs === b.snoozedUntilMs;
}

/** Whether a signal counts: active, and about at least one column that is not muted (or about no column). */
export function signalCounts(signal: Pick<CheckSignal, 'active' | 'columns'>, muted: ReadonlySet<string>): boolean {
  if (!signal.active) return false;
  const columns = signal.columns ?? [];
  return columns.length === 0 || columns.some((c) => !muted.has(c));
}

export function decide(state: StreakState, signal: CheckSignal, policy: AlertPolicy, muted: ReadonlySet<string> = new Set()): PolicyDecision {
  const at = signal.at;
  const counted = signalCounts(signal, muted);
  const snoozed = state.snoozedUntilMs !== null && at < state.snoozedUntilMs;
  const base = { lastFiredAtMs: state.lastFiredAtMs, snoozedUntilMs: state.snoozedUntilMs };
  const open = state.open;

  if (!counted) {
    // Streaks are capped where they stop mattering, so a steady state stops changing (and costs no write).
    const next = { ...base, activeStreak: 0, quietStreak: Math.min(state.quietStreak + 1, policy.resolveAfter) };
    const why = signal.active ? 'every column of the signal is muted' : 'quiet check';
    if (open === null) return { next, counted, action: { type: 'none' }, reason: why };
    if (next.quietStreak >= policy.resolveAfter) {
      const notify = policy.sendResolved && open.notified && !snoozed;
      return { next, counted, action: { type: 'resolve', notify }, reason: `${next.quietStreak} quiet checks in a row end the episode` };
    }
    return { next, counted, action: { type: 'touch' }, reason: `${why} ${next.quietStreak}/${policy.resolveAfter} towards resolving` };
  }

  const next = { ...base, activeStreak: Math.min(state.activeStreak + 1, policy.consecutive), quietStreak: 0 };
  if (open !== null) {
    if (!open.notified && !snoozed) return { next, counted, action: { type: 'notify_held' }, reason: 'the snooze ended while the episode is open' };
    if (SEVERITY_RANK[signal.severity] > SEVERITY_RANK[open.severity]) {
      const notify = open.notified && !open.acknowledged && !snoozed;
      return { next, counted, action: { type: 'escalate', notify }, reason: `severity rose from ${open.severity} to ${signal.severity}` };
    }
    return { next, counted, action: { type: 'touch' }, reason: 'the episode is already open' };
  }
  if (next.activeStreak < policy.consecutive) {
    return { next, counted, action: { type: 'none' }, reason: `${next.activeStreak}/${policy.consecutive} counting checks in a row` };
  }
  if (state.lastFiredAtMs !== null && at - state.lastFiredAtMs < policy.cooldownMs) {
    return { next, counted, action: { type: 'none' }, reason: `cooldown: the last alert fired ${Math.round((at - state.lastFiredAtMs) / 60_000)} min ago` };
  }
  return { next: { ...next, lastFiredAtMs: at }, counted, action: { type: 'fire', notify: !snoozed }, reason: `${next.activeStreak} counting checks in a row` };
}
