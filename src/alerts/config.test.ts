import { describe, expect, it } from 'vitest';
import { alertsConfigSchema, durationMs } from './config.js';
import { resolveAlertSettings } from './settings.js';

const issues = (input: unknown): string[] => {
  const r = alertsConfigSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('alerts config', () => {
  it('accepts every channel type and resolves the defaults', () => {
    const config = alertsConfigSchema.parse({
      channels: {
        ops: { type: 'slack', webhook_url_env: 'SLACK_WEBHOOK_URL' },
        bot: { type: 'slack', bot_token_env: 'SLACK_BOT_TOKEN', channel: '#ml-alerts' },
        hook: { type: 'webhook', url: 'https://hooks.example.com/driftwatch', secret_env: 'HOOK_SECRET', headers: { 'X-Team': 'ml' } },
        mail: { type: 'email', host: 'smtp.example.com', port: 587, user_env: 'SMTP_USER', password_env: 'SMTP_PASSWORD', from: 'driftwatch@example.com', to: 'oncall@example.com' },
      },
    });
    const s = resolveAlertSettings(config);
    expect(s.policy).toEqual({ consecutive: 2, resolveAfter: 6, cooldownMs: 6 * 3_600_000, sendResolved: true });
    expect(s.routes).toEqual({ LOW: ['ops', 'bot', 'hook', 'mail'], MEDIUM: ['ops', 'bot', 'hook', 'mail'], HIGH: ['ops', 'bot', 'hook', 'mail'] });
    expect(s.delivery).toMatchObject({ attempts: 4, backoffMs: 1000, backoffFactor: 4, timeoutMs: 10_000 });
    expect(config.channels?.['mail']).toMatchObject({ to: ['oncall@example.com'] });
    expect(resolveAlertSettings().routes.HIGH).toEqual([]);
  });

  it('routes by minimum severity: HIGH to Slack, everything to the webhook', () => {
    const s = resolveAlertSettings(alertsConfigSchema.parse({
      channels: { slack: { type: 'slack', webhook_url_env: 'S' }, hook: { type: 'webhook', url: 'http://127.0.0.1:9/x' } },
      routes: [{ min_severity: 'HIGH', channels: ['slack'] }, { min_severity: 'LOW', channels: ['hook'] }],
      policy: { consecutive: 3, cooldown: '30m', send_resolved: false },
      public_url: 'https://dw.example.com/',
    }));
    expect(s.routes).toEqual({ LOW: ['hook'], MEDIUM: ['hook'], HIGH: ['slack', 'hook'] });
    expect(s.policy).toEqual({ consecutive: 3, resolveAfter: 6, cooldownMs: 30 * 60_000, sendResolved: false });
    expect(s.publicUrl).toBe('https://dw.example.com');
  });

  it('reads durations', () => {
    expect([durationMs('250ms'), durationMs('90s'), durationMs('15m'), durationMs('6h'), durationMs('1d'), durationMs(2)]).toEqual([250, 90_000, 900_000, 21_600_000, 86_400_000, 2000]);
  });

  it('says what each wrong value must be', () => {
    expect(issues({ channels: { a: { type: 'slack' } } })).toEqual(['channels.a: must have either webhook_url_env (incoming webhook) or bot_token_env and channel (chat.postMessage), not both']);
    expect(issues({ channels: { a: { type: 'slack', bot_token_env: 'T' } } })).toEqual(['channels.a.channel: must name the `channel` to post in when bot_token_env is given']);
    expect(issues({ channels: { a: { type: 'pager' } } })[0]).toContain('must be a channel mapping whose type is slack, webhook or email');
    expect(issues({ channels: { a: { type: 'webhook', url: 'ftp://x' } } })).toEqual(['channels.a.url: must be an http:// or https:// URL']);
    expect(issues({ channels: { a: { type: 'webhook', url: 'http://x', secret_env: 'not a name' } } })).toEqual(['channels.a.secret_env: must be the name of an environment variable, such as SLACK_WEBHOOK_URL']);
    expect(issues({ channels: { a: { type: 'email', host: 'h', port: 0, from: 'a@b', to: [] } } })).toEqual(['channels.a.port: must be a port number from 1 to 65535', 'channels.a.to: must be an email address or a list of them']);
    expect(issues({ policy: { consecutive: 0, cooldown: 'soon', send_resolved: 'yes' } })).toEqual([
      'policy.consecutive: must be a whole number of at least 1',
      'policy.cooldown: must be a duration such as "30s", "15m", "6h" or "1d" (or a number of seconds)',
      'policy.send_resolved: must be true or false',
    ]);
    expect(issues({ channels: { hook: { type: 'webhook', url: 'http://x' } }, routes: [{ min_severity: 'HIGH', channels: ['slack'] }] })).toEqual(['routes.0.channels.0: must name a channel defined under alerts.channels (hook are)']);
    expect(issues({ routes: [{ min_severity: 'URGENT', channels: ['x'] }] })[0]).toMatch(/^routes\.0\.min_severity/);
    // Unknown keys are phrased by src/core/config ("unknown key (did you mean …)") from the issue's code.
    const unknown = alertsConfigSchema.safeParse({ polcy: {} });
    expect(unknown.success ? [] : unknown.error.issues.map((i) => i.code)).toEqual(['unrecognized_keys']);
  });
});
