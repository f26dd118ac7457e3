/**
 * Live updates from `GET /v1/events/stream` (server-sent events). Keyless servers use the browser's
 * EventSource; with an API key the stream is read through fetch, because EventSource cannot send an
 * Authorization header and a key in the URL would end up in access logs. Both reconnect after a drop.
 */
import { useEffect, useRef, useState } from 'react';
import { apiKey } from './client.ts';
import type { EventRecord } from './types.ts';

export interface SseMessage {
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

/**
 * Splits a server-sent-events text buffer into complete messages and the unfinished rest (the
 * text/event-stream format: fields per line, a blank line ends a message, `:` lines are comments).
 */
export function parseSse(buffer: string): { messages: SseMessage[]; rest: string } {
  const messages: SseMessage[] = [];
  const normalised = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalised.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
    if (data.length > 0) messages.push({ event, data: data.join('\n'), ...(id !== undefined ? { id } : {}) });
  }
  return { messages, rest };
}

/** An SSE message's data as an event record, or undefined for keep-alives and foreign messages. */
export function toEventRecord(message: SseMessage): EventRecord | undefined {
  try {
    const x: unknown = JSON.parse(message.data);
    if (typeof x !== 'object' || x === null) return undefined;
    const r = x as Partial<EventRecord>;
    if (typeof r.kind !== 'string' || typeof r.model !== 'string') return undefined;
    return r as EventRecord;
  } catch {
    return undefined;
  }
}

export type StreamState = 'connecting' | 'live' | 'offline';

/**
 * Event names EventSource listens for besides unnamed messages: the monitor's kinds (store `EVENT_KINDS`),
 * alert and job events, and a generic `event`. The fetch reader takes every name.
 */
export const NAMED_EVENTS = [
  'event', 'drift_started', 'drift_ended', 'performance_drop', 'performance_recovered', 'check_completed', 'retraining_requested',
  'alert_fired', 'alert_resolved', 'job_completed', 'job_failed', 'version_promoted', 'version_rolled_back',
] as const;

/** Calls `onEvent` for each event on the stream (optionally of one model) and reports the connection state. */
export function useEventStream(onEvent: (e: EventRecord) => void, model?: string): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    const url = model === undefined ? '/v1/events/stream' : `/v1/events/stream?model=${encodeURIComponent(model)}`;
    const deliver = (m: SseMessage): void => {
      const e = toEventRecord(m);
      if (e !== undefined && (model === undefined || e.model === model)) handler.current(e);
    };
    const key = apiKey.get();
    if (key === null && typeof EventSource !== 'undefined') {
      const source = new EventSource(url);
      source.onopen = () => setState('live');
      source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
      source.onmessage = (e: MessageEvent<string>) => deliver({ event: 'message', data: e.data });
      // Named events (`event: drift_started`) are not "message" events; the record's kind says what it is.
      const named = (e: Event): void => deliver({ event: e.type, data: (e as MessageEvent<string>).data });
      for (const kind of NAMED_EVENTS) source.addEventListener(kind, named);
      return () => source.close();
    }
    const abort = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = async (): Promise<void> => {
      try {
        const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...(key !== null ? { Authorization: `Bearer ${key}` } : {}) }, signal: abort.signal });
        if (!res.ok || res.body === null) throw new Error(`stream ${res.status}`);
        setState('live');
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        while (true) {
          const { value, done } = await reader.read();
          if (done) break;
          const { messages, rest } = parseSse(buffer + value);
          buffer = rest;
          messages.forEach(deliver);
        }
        throw new Error('stream ended');
      } catch {
        if (abort.signal.aborted) return;
        setState('offline');
        retry = setTimeout(() => void connect(), 3000);
      }
    };
    void connect();
    return () => {
      abort.abort();
      if (retry !== undefined) clearTimeout(retry);
    };
  }, [model]);
  return state;
}
