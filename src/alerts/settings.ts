/** The alerts config with every default applied: what the alerter and the policy run on. */
import { durationMs, type AlertsConfig, type ChannelConfig } from './config.js';
import type { AlertPolicy } from './policy.js';
import { SEVERITY_RANK, type Severity } from './types.js';

export interface DeliverySettings {
  readonly attempts: number;
  readonly backoffMs: number;
  /** Each wait is this many times the one before. */
  readonly backoffFactor: number;
  readonly timeoutMs: number;
  readonly closeTimeoutMs: number;
}

export interface AlertSettings {
  readonly policy: AlertPolicy;
  readonly channels: Readonly<Record<string, ChannelConfig>>;
  /** Channel names per severity. */
  readonly routes: Readonly<Record<Severity, readonly string[]>>;
  readonly delivery: DeliverySettings;
  readonly publicUrl: string | null;
}

/**
 * Fire after 2 drifted checks in a row; end after 6 quiet ones. Ending takes longer than starting on purpose
 * (hysteresis): a real problem that a check catches 80% of the time misses 2 checks in a row every ~25 checks,
 * but 6 in a row only once in ~15,000, so the episode does not flap (docs/alerts.md has the numbers).
 */
export const DEFAULT_POLICY: AlertPolicy = { consecutive: 2, resolveAfter: 6, cooldownMs: 6 * 3_600_000, sendResolved: true };

export function resolveAlertSettings(config: AlertsConfig = {}): AlertSettings {
  const p = config.policy ?? {};
  const consecutive = p.consecutive ?? DEFAULT_POLICY.consecutive;
  const channels = config.channels ?? {};
  const names = Object.keys(channels);
  const routeFor = (s: Severity): string[] => {
    if (config.routes === undefined) return names;
    const picked = new Set<string>();
    for (const r of config.routes) if (SEVERITY_RANK[r.min_severity] <= SEVERITY_RANK[s]) r.channels.forEach((c) => picked.add(c));
    return names.filter((n) => picked.has(n));
  };
  const d = config.delivery ?? {};
  return {
    policy: {
      consecutive,
      resolveAfter: p.resolve_after ?? DEFAULT_POLICY.resolveAfter,
      cooldownMs: p.cooldown === undefined ? DEFAULT_POLICY.cooldownMs : durationMs(p.cooldown),
      sendResolved: p.send_resolved ?? DEFAULT_POLICY.sendResolved,
    },
    channels,
    routes: { LOW: routeFor('LOW'), MEDIUM: routeFor('MEDIUM'), HIGH: routeFor('HIGH') },
    delivery: {
      attempts: d.attempts ?? 4,
      backoffMs: d.backoff === undefined ? 1000 : durationMs(d.backoff),
      backoffFactor: 4,
      timeoutMs: d.timeout === undefined ? 10_000 : durationMs(d.timeout),
      closeTimeoutMs: d.close_timeout === undefined ? 5000 : durationMs(d.close_timeout),
    },
    publicUrl: config.public_url === undefined ? null : config.public_url.replace(/\/+$/, ''),
  };
}
