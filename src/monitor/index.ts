/** Monitoring: logged predictions as windows, scheduled checks against the baseline, drift and performance events. */
export { createMonitor, type Monitor, type MonitorDeps, type CheckResult, type EventRecord, type MonitorLogger, type ObservedDrift } from './monitor.js';
export { monitorConfigSchema, resolveMonitorSettings, windowQueryAt, WINDOW_KINDS, DEFAULT_WINDOW_ROWS, DEFAULT_INTERVAL_S, DEFAULT_MIN_ROWS, type MonitorConfig, type MonitorSettings, type WindowKind } from './config.js';
export { createRedactor, redactRows, redactColumns, storeSalt, type Redactor } from './redact.js';
export { windowTable, WINDOW_COLUMNS, type WindowTableOptions } from './window-table.js';
export { MIN_LABELLED_FOR_TARGET } from './check.js';
export { checkSignals, type CheckSignal, type SignalObserver, type SignalKind, type Severity } from './signals.js';
export { performanceWindows, bucketStart, type PerformanceBucket, type PerformanceWindow } from './performance.js';
