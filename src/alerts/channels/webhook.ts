/**
 * Generic webhook: the notification as JSON, POSTed to a URL. With a secret, the request carries
 * `X-Driftwatch-Timestamp` (Unix seconds) and `X-Driftwatch-Signature: sha256=<hex>`, the HMAC-SHA256 of
 * `${timestamp}.${body}` under the secret. The receiver recomputes it over the raw body and rejects a timestamp
 * older than a few minutes: the signature proves the sender, the signed timestamp stops replays.
 */
import { createHmac } from 'node:crypto';
import type { Clock } from '../../core/index.js';
import { webhookBody, type Notification } from '../message.js';
import { failureOf, type Channel } from './channel.js';

export const SIGNATURE_HEADER = 'X-Driftwatch-Signature';
export const TIMESTAMP_HEADER = 'X-Driftwatch-Timestamp';

/** `sha256=<hex>` over `${timestamp}.${body}`: what a receiver compares (in constant time) with the header. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookChannelOptions {
  readonly name: string;
  readonly url: string;
  readonly secret: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly clock: Clock;
  readonly fetch: typeof fetch;
}

export function webhookChannel(o: WebhookChannelOptions): Channel {
  return {
    name: o.name,
    type: 'webhook',
    secrets: o.secret === null ? [] : [o.secret],
    async send(n: Notification, signal: AbortSignal) {
      const body = JSON.stringify(webhookBody(n));
      const headers: Record<string, string> = { ...o.headers, 'content-type': 'application/json', 'user-agent': 'driftwatch-alerts' };
      if (o.secret !== null) {
        const timestamp = String(Math.floor(o.clock.now() / 1000));
        headers[TIMESTAMP_HEADER] = timestamp;
        headers[SIGNATURE_HEADER] = signPayload(o.secret, timestamp, body);
      }
      const res = await o.fetch(o.url, { method: 'POST', headers, body, signal });
      if (!res.ok) throw await failureOf(res, 'the webhook');
      await res.body?.cancel().catch(() => undefined);
      return { httpStatus: res.status };
    },
  };
}
