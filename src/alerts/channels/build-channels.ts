/** Channels from the config and the environment: secrets are read here, once, and never logged. */
import { DriftwatchError, type Clock } from '../../core/index.js';
import { durationMs, type ChannelConfig } from '../config.js';
import type { Channel } from './channel.js';
import { emailChannel } from './email.js';
import { SLACK_API_URL, slackChannel } from './slack.js';
import { webhookChannel } from './webhook.js';

export interface ChannelDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  readonly fetch: typeof fetch;
  readonly defaultTimeoutMs: number;
}

/** The channel's own timeout, or the delivery default. */
export function channelTimeoutMs(c: ChannelConfig, fallback: number): number {
  return c.timeout === undefined ? fallback : durationMs(c.timeout);
}

export function buildChannels(configs: Readonly<Record<string, ChannelConfig>>, deps: ChannelDeps): Map<string, Channel> {
  const out = new Map<string, Channel>();
  for (const [name, c] of Object.entries(configs)) out.set(name, buildChannel(name, c, deps));
  return out;
}

function buildChannel(name: string, c: ChannelConfig, deps: ChannelDeps): Channel {
  const secret = (key: string, variable: string | undefined): string | null => {
    if (variable === undefined) return null;
    const value = deps.env[variable];
    if (value === undefined || value === '') {
      // The name of the variable is said, never a value.
      throw new DriftwatchError('CONFIG_INVALID', `alerts.channels.${name}.${key}: the environment variable ${variable} is not set; set it to the channel's secret or remove the channel`, { field: `alerts.channels.${name}.${key}` });
    }
    return value;
  };
  switch (c.type) {
    case 'webhook':
      return webhookChannel({ name, url: c.url, secret: secret('secret_env', c.secret_env), headers: c.headers ?? {}, clock: deps.clock, fetch: deps.fetch });
    case 'slack': {
      const url = secret('webhook_url_env', c.webhook_url_env);
      if (url !== null) {
        if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
          throw new DriftwatchError('CONFIG_INVALID', `alerts.channels.${name}.webhook_url_env: the environment variable ${c.webhook_url_env ?? ''} must hold an http(s) URL`, { field: `alerts.channels.${name}.webhook_url_env` });
        }
        return slackChannel(name, { kind: 'webhook', url }, deps.fetch);
      }
      const token = secret('bot_token_env', c.bot_token_env)!;
      return slackChannel(name, { kind: 'bot', token, channel: c.channel ?? '', apiUrl: c.slack_api_url ?? SLACK_API_URL }, deps.fetch);
    }
    case 'email':
      return emailChannel({
        name,
        host: c.host,
        port: c.port ?? (c.secure === true ? 465 : 587),
        secure: c.secure ?? false,
        user: secret('user_env', c.user_env),
        password: secret('password_env', c.password_env),
        from: c.from,
        to: c.to,
        timeoutMs: channelTimeoutMs(c, deps.defaultTimeoutMs),
      });
  }
}
