/** A place notifications go to. Each kind (Slack, webhook, email) turns a notification into one request. */
import type { Notification } from '../message.js';

export interface SendResult {
  /** The HTTP status (or SMTP reply code) of the successful request. */
  readonly httpStatus: number | null;
}

export interface Channel {
  readonly name: string;
  readonly type: 'slack' | 'webhook' | 'email';
  /** Sends once; throws `DeliveryFailure` (or any error, read as retryable) when it did not go through. */
  send(n: Notification, signal: AbortSignal): Promise<SendResult>;
  /** The secret values this channel holds, scrubbed from every error text that is stored or logged. */
  readonly secrets: readonly string[];
}

/** A failed send: its status when the other end answered, and whether trying again may help. */
export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DeliveryFailure';
  }
}

/** 5xx, 408 and 429 are worth another try; other 4xx answers mean the request itself is wrong. */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** A non-2xx HTTP answer as a DeliveryFailure (the body, shortened, says why; it is not a secret). */
export async function failureOf(res: Response, what: string): Promise<DeliveryFailure> {
  const body = (await res.text().catch(() => '')).trim().slice(0, 200);
  return new DeliveryFailure(`${what} answered HTTP ${res.status}${body === '' ? '' : `: ${body}`}`, res.status, retryableStatus(res.status));
}
