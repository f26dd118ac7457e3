/**
 * What a check tells the alerter. These are the shapes of src/alerts' `CheckSignal` and `Alerter.observe`
 * (PLAN.md), declared here structurally so the monitor does not wait for the alerts module: any Alerter
 * fits `SignalObserver`.
 */
export type Severity = 'LOW' | 'MEDIUM' | 'HIGH';
export type SignalKind = 'dataset_drift' | 'target_drift' | 'performance_drop' | 'prediction_drift';

export interface CheckSignal {
  readonly model: string;
  readonly kind: SignalKind;
  readonly active: boolean;
  readonly severity: Severity;
  /** Epoch ms. */
  readonly at: number;
  readonly summary: string;
  readonly reportId?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly columns?: readonly string[];
}

export interface SignalObserver {
  observe(signal: CheckSignal): Promise<{ fired: boolean; resolved: boolean; alertId?: string }>;
}
