/** Email through an SMTP server (nodemailer): one plain-text message per notification. */
import nodemailer from 'nodemailer';
import { messageText, subjectLine, type Notification } from '../message.js';
import { DeliveryFailure, type Channel } from './channel.js';

export interface EmailChannelOptions {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string | null;
  readonly password: string | null;
  readonly from: string;
  readonly to: readonly string[];
  readonly timeoutMs: number;
}

export function emailChannel(o: EmailChannelOptions): Channel {
  const transport = nodemailer.createTransport({
    host: o.host,
    port: o.port,
    secure: o.secure,
    ...(o.user !== null ? { auth: { user: o.user, pass: o.password ?? '' } } : {}),
    connectionTimeout: o.timeoutMs,
    greetingTimeout: o.timeoutMs,
    socketTimeout: o.timeoutMs,
  });
  return {
    name: o.name,
    type: 'email',
    secrets: o.password === null ? [] : [o.password],
    async send(n: Notification, signal: AbortSignal) {
      if (signal.aborted) throw new DeliveryFailure('the email was not sent: delivery was cancelled', null, false);
      try {
        const info = await transport.sendMail({ from: o.from, to: [...o.to], subject: `[Driftwatch] ${subjectLine(n)}`, text: messageText(n) });
        const code = /^(\d{3})/.exec(String(info.response ?? ''));
        return { httpStatus: code === null ? null : Number(code[1]) };
      } catch (e) {
        const err = e as { responseCode?: unknown; message?: unknown };
        const code = typeof err.responseCode === 'number' ? err.responseCode : null;
        // SMTP 5xx replies are permanent (bad address, refused); 4xx and connection problems may pass later.
        throw new DeliveryFailure(`SMTP: ${typeof err.message === 'string' ? err.message : String(e)}`, code, code === null || code < 500);
      }
    },
  };
}
