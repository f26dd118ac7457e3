/**
 * The `alerts:` section of driftwatch.yaml: named channels, the policy, severity routes and delivery settings.
 * Keys are snake_case like the rest of the file; every leaf says what it must be. Secrets (webhook URLs of
 * Slack, bot tokens, signing secrets, SMTP passwords) are never written in the file: a channel names the
 * environment variable that holds each one. Defaults are applied by `resolveAlertSettings`, so the schema's
 * output is what the user wrote.
 */
import { z } from 'zod';
import { SEVERITIES } from './types.js';

const envName = z
  .string({ error: 'must be the name of an environment variable, such as SLACK_WEBHOOK_URL' })
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be the name of an environment variable, such as SLACK_WEBHOOK_URL' });
const httpUrl = z
  .string({ error: 'must be an http:// or https:// URL' })
  .refine((v) => /^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v), { error: 'must be an http:// or https:// URL' });
const text = z.string({ error: 'must be a non-empty text' }).min(1, { error: 'must be a non-empty text' });
const bool = z.boolean({ error: 'must be true or false' });
const positiveInt = z.number({ error: 'must be a whole number of at least 1' }).int({ error: 'must be a whole number of at least 1' }).min(1, { error: 'must be a whole number of at least 1' });

/** A duration: "90s", "15m", "6h", "2d", "250ms", or a number of seconds. */
const DURATION_RE = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION_ERROR = 'must be a duration such as "30s", "15m", "6h" or "1d" (or a number of seconds)';
const duration = z.union([z.number({ error: DURATION_ERROR }).min(0, { error: DURATION_ERROR }), z.string({ error: DURATION_ERROR }).regex(DURATION_RE, { error: DURATION_ERROR })], { error: DURATION_ERROR });

/** A duration as written in the config, in milliseconds. */
export function durationMs(value: number | string): number {
  if (typeof value === 'number') return value * 1000;
  const m = DURATION_RE.exec(value.trim());
  if (m === null) throw new RangeError(`not a duration: ${value}`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

const emails = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z.array(z.string({ error: 'must be an email address' }).regex(/^[^\s@]+@[^\s@]+$/, { error: 'must be an email address' }), { error: 'must be an email address or a list of them' })
    .min(1, { error: 'must be an email address or a list of them' }),
);

const timeout = duration.optional();

const slackChannel = z
  .strictObject(
    {
      type: z.literal('slack'),
      /** Incoming webhook: the variable holding its URL (the URL is the secret). */
      webhook_url_env: envName.optional(),
      /** chat.postMessage: the variable holding a bot token (xoxb-…) and the channel to post in. */
      bot_token_env: envName.optional(),
      channel: text.optional(),
      /** Slack's Web API base (tests point it at a local server). */
      slack_api_url: httpUrl.optional(),
      timeout,
    },
    { error: 'must be a mapping (type, webhook_url_env or bot_token_env and channel, timeout)' },
  )
  .refine((c) => (c.webhook_url_env === undefined) !== (c.bot_token_env === undefined), { error: 'must have either webhook_url_env (incoming webhook) or bot_token_env and channel (chat.postMessage), not both' })
  .refine((c) => c.bot_token_env === undefined || c.channel !== undefined, { error: 'must name the `channel` to post in when bot_token_env is given', path: ['channel'] });

const webhookChannel = z.strictObject(
  {
    type: z.literal('webhook'),
    url: httpUrl,
    /** The variable holding the HMAC-SHA256 signing secret; without it the body is sent unsigned. */
    secret_env: envName.optional(),
    /** Extra headers sent with every request (not secrets: they are in the file). */
    headers: z.record(z.string(), z.string({ error: 'must be a header value' }), { error: 'must be a mapping from header name to value' }).optional(),
    timeout,
  },
  { error: 'must be a mapping (type, url, secret_env, headers, timeout)' },
);

const emailChannel = z.strictObject(
  {
    type: z.literal('email'),
    host: text,
    port: z.number({ error: 'must be a port number from 1 to 65535' }).int({ error: 'must be a port number from 1 to 65535' }).min(1, { error: 'must be a port number from 1 to 65535' }).max(65535, { error: 'must be a port number from 1 to 65535' }).optional(),
    /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
    secure: bool.optional(),
    user_env: envName.optional(),
    password_env: envName.optional(),
    from: z.string({ error: 'must be an email address' }).min(3, { error: 'must be an email address' }),
    to: emails,
    timeout,
  },
  { error: 'must be a mapping (type, host, port, secure, user_env, password_env, from, to, timeout)' },
);

const channel = z.discriminatedUnion('type', [slackChannel, webhookChannel, emailChannel], { error: 'must be a channel mapping whose type is slack, webhook or email' });

const channelName = z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: 'must be a channel name (letters, digits, _ . -)' });
const severity = z.enum(SEVERITIES as [string, ...string[]]).transform((s) => s as (typeof SEVERITIES)[number]);

export const alertsConfigSchema = z
  .strictObject(
    {
      channels: z.record(channelName, channel, { error: 'must be a mapping from channel name to channel' }).optional(),
      policy: z
        .strictObject(
          {
            /** Fire after this many consecutive active checks (default 2). */
            consecutive: positiveInt.optional(),
            /** End an episode after this many consecutive quiet checks (default 6). */
            resolve_after: positiveInt.optional(),
            /** No new alert for a model and kind within this time of the last one (default 6h). */
            cooldown: duration.optional(),
            /** Send a "resolved" message when an episode ends (default true). */
            send_resolved: bool.optional(),
          },
          { error: 'must be a mapping (consecutive, resolve_after, cooldown, send_resolved)' },
        )
        .optional(),
      /** Severity routing; absent: every channel for every severity. */
      routes: z
        .array(
          z.strictObject(
            {
              min_severity: severity,
              channels: z.array(channelName, { error: 'must be a list of channel names' }).min(1, { error: 'must be a list of channel names' }),
            },
            { error: 'must be a mapping (min_severity, channels)' },
          ),
          { error: 'must be a list of routes ({min_severity, channels})' },
        )
        .optional(),
      delivery: z
        .strictObject(
          {
            /** Tries per notification and channel, the first included (default 4). */
            attempts: positiveInt.optional(),
            /** Wait before the first retry; each next wait is 4 times longer (default 1s: 1s, 4s, 16s). */
            backoff: duration.optional(),
            /** Per-request timeout (default 10s). */
            timeout: duration.optional(),
            /** How long close() waits for deliveries still running (default 5s). */
            close_timeout: duration.optional(),
          },
          { error: 'must be a mapping (attempts, backoff, timeout, close_timeout)' },
        )
        .optional(),
      /** The server's public base URL, for report links in messages (e.g. https://driftwatch.example.com). */
      public_url: httpUrl.optional(),
    },
    { error: 'must be a mapping (channels, policy, routes, delivery, public_url)' },
  )
  .superRefine((c, ctx) => {
    const names = new Set(Object.keys(c.channels ?? {}));
    (c.routes ?? []).forEach((r, i) => {
      r.channels.forEach((name, j) => {
        if (!names.has(name)) {
          ctx.addIssue({ code: 'custom', path: ['routes', i, 'channels', j], message: `must name a channel defined under alerts.channels (${names.size === 0 ? 'none is' : `${[...names].join(', ')} are`})` });
        }
      });
    });
  });

export type AlertsConfig = z.output<typeof alertsConfigSchema>;
export type ChannelConfig = NonNullable<AlertsConfig['channels']>[string];
export type SlackChannelConfig = Extract<ChannelConfig, { type: 'slack' }>;
export type WebhookChannelConfig = Extract<ChannelConfig, { type: 'webhook' }>;
export type EmailChannelConfig = Extract<ChannelConfig, { type: 'email' }>;
