/**
 * Slack, two ways: an incoming webhook (its URL is the secret; POST `{text}`), or a bot token and a channel
 * through the Web API's chat.postMessage (`Authorization: Bearer xoxb-…`; POST `{channel, text}`). The Web API
 * answers 200 even when it refuses, with `{"ok": false, "error": "channel_not_found"}`, so the body is read.
 */
import { messageText, type Notification } from '../message.js';
import { DeliveryFailure, failureOf, type Channel } from './channel.js';

export const SLACK_API_URL = 'https://slack.com/api';

export type SlackTarget =
  | { readonly kind: 'webhook'; readonly url: string }
  | { readonly kind: 'bot'; readonly token: string; readonly channel: string; readonly apiUrl: string };

/** Slack errors that another try may get past. */
const RETRYABLE_SLACK_ERRORS = new Set(['ratelimited', 'service_unavailable', 'internal_error', 'fatal_error', 'request_timeout']);

export function slackChannel(name: string, target: SlackTarget, fetchFn: typeof fetch): Channel {
  return {
    name,
    type: 'slack',
    // The webhook URL's path is its secret part; an error echoing only the path must not show it either.
    secrets: target.kind === 'webhook' ? [target.url, secretPathOf(target.url)].filter((x) => x.length > 8) : [target.token],
    async send(n: Notification, signal: AbortSignal) {
      const text = messageText(n);
      if (target.kind === 'webhook') {
        const res = await fetchFn(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }), signal });
        if (!res.ok) throw await failureOf(res, 'the Slack webhook');
        await res.body?.cancel().catch(() => undefined);
        return { httpStatus: res.status };
      }
      const res = await fetchFn(`${target.apiUrl.replace(/\/+$/, '')}/chat.postMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${target.token}` },
        body: JSON.stringify({ channel: target.channel, text }),
        signal,
      });
      if (!res.ok) throw await failureOf(res, 'Slack chat.postMessage');
      const answer = (await res.json().catch(() => null)) as { ok?: unknown; error?: unknown } | null;
      if (answer?.ok !== true) {
        const error = typeof answer?.error === 'string' ? answer.error : 'an unreadable answer';
        throw new DeliveryFailure(`Slack chat.postMessage refused: ${error}`, res.status, RETRYABLE_SLACK_ERRORS.has(error));
      }
      return { httpStatus: res.status };
    },
  };
}

function secretPathOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}
