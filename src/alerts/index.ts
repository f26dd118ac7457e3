/** Alerts: channels (Slack, webhook, email) and the policy (consecutive checks, cooldown, resolve, routes). */
export * from './types.js';
export { alertsConfigSchema, durationMs, type AlertsConfig, type ChannelConfig, type SlackChannelConfig, type WebhookChannelConfig, type EmailChannelConfig } from './config.js';
export { resolveAlertSettings, DEFAULT_POLICY, type AlertSettings, type DeliverySettings } from './settings.js';
export { decide, sameStreak, signalCounts, INITIAL_STREAK, type AlertPolicy, type StreakState, type OpenEpisode, type PolicyAction, type PolicyDecision } from './policy.js';
export { createAlerter, type AlerterDeps } from './alerter.js';
export type { AlertLogger } from './deliver.js';
export { signalsFromReport, type ReportSignalOptions } from './signals.js';
export { signPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './channels/webhook.js';
export { messageText, webhookBody, type Notification } from './message.js';
