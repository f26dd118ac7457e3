import { describe, expect, it } from 'vitest';
import { decide, INITIAL_STREAK, type AlertPolicy, type PolicyAction, type StreakState } from './policy.js';
import type { CheckSignal, Severity } from './types.js';

const HOUR = 3_600_000;
const policy: AlertPolicy = { consecutive: 2, resolveAfter: 2, cooldownMs: 6 * HOUR, sendResolved: true };

const signal = (hour: number, active: boolean, severity: Severity = 'MEDIUM', columns?: string[]): CheckSignal => ({
  model: 'churn',
  kind: 'dataset_drift',
  active,
  severity,
  at: hour * HOUR,
  summary: active ? 'drift' : 'quiet',
  ...(columns !== undefined ? { columns } : {}),
});

/**
 * Replays a pattern of checks through the policy the way the alerter does (the open episode kept by the
 * caller), one per hour: 'x' active, '.' quiet. Returns each check's action type.
 */
function replay(pattern: string, opts: { policy?: AlertPolicy; muted?: Set<string>; columns?: string[]; severities?: Severity[]; acknowledgeAfterFire?: boolean; snoozedUntilHour?: number } = {}): { actions: PolicyAction['type'][]; notified: boolean[] } {
  let state: StreakState = { ...INITIAL_STREAK, snoozedUntilMs: opts.snoozedUntilHour === undefined ? null : opts.snoozedUntilHour * HOUR };
  const actions: PolicyAction['type'][] = [];
  const notified: boolean[] = [];
  [...pattern].forEach((ch, i) => {
    const s = signal(i, ch === 'x', opts.severities?.[i] ?? 'MEDIUM', opts.columns);
    const d = decide(state, s, opts.policy ?? policy, opts.muted);
    actions.push(d.action.type);
    const a = d.action;
    notified.push(a.type === 'notify_held' || ((a.type === 'fire' || a.type === 'escalate' || a.type === 'resolve') && a.notify));
    let open = state.open;
    if (a.type === 'fire') open = { severity: s.severity, acknowledged: opts.acknowledgeAfterFire === true, notified: a.notify };
    else if (a.type === 'escalate' && open !== null) open = { ...open, severity: s.severity };
    else if (a.type === 'notify_held' && open !== null) open = { ...open, notified: true };
    else if (a.type === 'resolve') open = null;
    state = { ...d.next, open };
  });
  return { actions, notified };
}

describe('alert policy', () => {
  it('fires only after K consecutive active checks, once per episode', () => {
    const { actions } = replay('x.x.xxxxx');
    expect(actions).toEqual(['none', 'none', 'none', 'none', 'none', 'fire', 'touch', 'touch', 'touch']);
  });

  it('K = 1 fires on the first active check; K = 3 needs three', () => {
    expect(replay('x', { policy: { ...policy, consecutive: 1 } }).actions).toEqual(['fire']);
    expect(replay('xxxx', { policy: { ...policy, consecutive: 3 } }).actions).toEqual(['none', 'none', 'fire', 'touch']);
  });

  it('resolves after resolveAfter quiet checks in a row, not on one quiet check (no flapping)', () => {
    const { actions, notified } = replay('xx.x..');
    expect(actions).toEqual(['none', 'fire', 'touch', 'touch', 'touch', 'resolve']);
    expect(notified).toEqual([false, true, false, false, false, true]);
    expect(replay('xx..', { policy: { ...policy, sendResolved: false } }).notified).toEqual([false, true, false, false]);
  });

  it('a new episode within the cooldown waits for it to pass, and fires then if still active', () => {
    // Fired at hour 1, resolved at hour 3, active again from hour 4: the cooldown (6 h) ends at hour 7.
    const { actions } = replay('xx..xxxxx');
    expect(actions).toEqual(['none', 'fire', 'touch', 'resolve', 'none', 'none', 'none', 'fire', 'touch']);
  });

  it('escalates once when the severity rises during an episode, unless acknowledged', () => {
    const severities: Severity[] = ['LOW', 'LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'LOW'];
    const open = replay('xxxxxx', { severities });
    expect(open.actions).toEqual(['none', 'fire', 'escalate', 'touch', 'escalate', 'touch']);
    expect(open.notified).toEqual([false, true, true, false, true, false]);
    const acked = replay('xxxxxx', { severities, acknowledgeAfterFire: true });
    expect(acked.actions).toEqual(['none', 'fire', 'escalate', 'touch', 'escalate', 'touch']);
    expect(acked.notified).toEqual([false, true, false, false, false, false]);
  });

  it('a signal whose columns are all muted does not count; one unmuted column is enough', () => {
    const muted = new Set(['tenure', 'contract']);
    expect(replay('xxxx', { muted, columns: ['tenure', 'contract'] }).actions).toEqual(['none', 'none', 'none', 'none']);
    expect(replay('xx', { muted, columns: ['tenure', 'monthly_charges'] }).actions).toEqual(['none', 'fire']);
    // Muting what drives an open episode ends it like quiet checks do.
    const muteLater = decide({ activeStreak: 5, quietStreak: 1, lastFiredAtMs: 0, snoozedUntilMs: null, open: { severity: 'LOW', acknowledged: false, notified: true } }, signal(9, true, 'LOW', ['tenure']), policy, muted);
    expect(muteLater.counted).toBe(false);
    expect(muteLater.action).toEqual({ type: 'resolve', notify: true });
  });

  it('a snooze holds notifications back and the held firing goes out at the first active check after it', () => {
    const { actions, notified } = replay('xxxxxx..', { snoozedUntilHour: 4 });
    expect(actions).toEqual(['none', 'fire', 'touch', 'touch', 'notify_held', 'touch', 'touch', 'resolve']);
    expect(notified).toEqual([false, false, false, false, true, false, false, true]);
    // An episode that opens and ends inside the snooze sends nothing at all.
    const quiet = replay('xx..', { snoozedUntilHour: 10 });
    expect(quiet.actions).toEqual(['none', 'fire', 'touch', 'resolve']);
    expect(quiet.notified).toEqual([false, false, false, false]);
  });

  it('is pure: the same state and signal give the same decision', () => {
    const state: StreakState = { activeStreak: 1, quietStreak: 0, lastFiredAtMs: null, snoozedUntilMs: null, open: null };
    expect(decide(state, signal(1, true), policy)).toEqual(decide(state, signal(1, true), policy));
    expect(state.activeStreak).toBe(1);
  });
});
