/** What the alerts module takes in (check signals) and gives out (alerts, delivery attempts, mutes). */
import type { StoredAlert } from '../store/index.js';

export type Severity = 'LOW' | 'MEDIUM' | 'HIGH';
export const SEVERITIES: readonly Severity[] = ['LOW', 'MEDIUM', 'HIGH'];
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { LOW: 0, MEDIUM: 1, HIGH: 2 };

export type SignalKind = 'dataset_drift' | 'target_drift' | 'performance_drop' | 'prediction_drift';
export const SIGNAL_KINDS: readonly SignalKind[] = ['dataset_drift', 'target_drift', 'performance_drop', 'prediction_drift'];

/** One check's verdict on one kind of problem of one model: the policy's input, once per check and kind. */
export interface CheckSignal {
  readonly model: string;
  readonly kind: SignalKind;
  /** Whether this check found the problem (e.g. the report's dataset_drift). */
  readonly active: boolean;
  readonly severity: Severity;
  /** The check's time, epoch ms: the policy's notion of "now" (cooldowns, snoozes). */
  readonly at: number;
  /** One line for people, e.g. "9 of 19 columns drifted (share 0.47, threshold 0.5)". */
  readonly summary: string;
  readonly reportId?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  /** The columns behind the signal; when every one of them is muted the signal does not count. */
  readonly columns?: readonly string[];
}

export type AlertState = 'firing' | 'resolved';
/** What a notification is about: an episode opened, its severity rose, or it ended. */
export type AlertEvent = 'fired' | 'escalated' | 'resolved';

/**
 * One episode of a (model, kind) problem, from the check that fired it to the one that resolved it: the
 * stored row (src/store) with the API's names and types, plus the report's link.
 */
export interface Alert extends Omit<StoredAlert, 'id' | 'modelName' | 'kind' | 'severity'> {
  readonly id: string;
  readonly model: string;
  readonly kind: SignalKind;
  /** The highest severity seen during the episode. */
  readonly severity: Severity;
  /** Link to the report when `public_url` is configured and the signal named a report. */
  readonly reportUrl: string | null;
}

/** One attempt to deliver one notification to one channel. */
export interface AlertDelivery {
  readonly id: string;
  readonly alertId: string;
  readonly channel: string;
  readonly event: AlertEvent;
  /** 1 for the first try. */
  readonly attempt: number;
  readonly outcome: 'ok' | 'failed';
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly at: string;
}

export interface AlertMute {
  readonly model: string;
  readonly column: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface ObserveResult {
  readonly fired: boolean;
  readonly resolved: boolean;
  /** The open (or just resolved) episode's alert, when there is one. */
  readonly alertId?: string;
}

export interface Alerter {
  /**
   * Records one check's signal, applies the policy and schedules the notifications it calls for. Resolves
   * once the decision is stored; deliveries run in the background and never hold it up.
   */
  observe(signal: CheckSignal): Promise<ObserveResult>;
  /** Newest first. */
  list(filter?: { model?: string; state?: AlertState; limit?: number }): Promise<Alert[]>;
  /** Newest first. */
  deliveries(filter?: { alertId?: string; limit?: number }): Promise<AlertDelivery[]>;
  /** An acknowledged alert sends no further firing or escalation notifications (its resolution still goes out). */
  acknowledge(alertId: string, actor: string, comment?: string): Promise<Alert>;
  /** No notification for the alert's model and kind until `untilMs` (a time in the past ends a snooze). */
  snooze(alertId: string, untilMs: number, actor: string): Promise<Alert>;
  /** Drift of a muted column does not count towards the model's alerts. */
  mute(model: string, column: string, actor: string): Promise<void>;
  unmute(model: string, column: string, actor: string): Promise<void>;
  mutes(model?: string): Promise<AlertMute[]>;
  /** Waits for pending deliveries (at most the configured close timeout), then abandons the rest. */
  close(): Promise<void>;
}
