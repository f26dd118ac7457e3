/**
 * The one way the dashboard talks to the server: same-origin fetch, the API key (if any) from
 * sessionStorage as a Bearer header, and every failure turned into an ApiError carrying the server's
 * `{"error": {code, message, field}}` so a page can say why an action failed.
 */
import type { ErrorBody } from './types.ts';

const KEY_STORAGE = 'driftwatch.apiKey';

/** The API key for this browser session only (sessionStorage: gone when the tab closes). */
export const apiKey = {
  get(): string | null {
    try {
      return window.sessionStorage.getItem(KEY_STORAGE);
    } catch {
      return null;
    }
  },
  set(key: string | null): void {
    if (key === null) window.sessionStorage.removeItem(KEY_STORAGE);
    else window.sessionStorage.setItem(KEY_STORAGE, key);
  },
};

/** Dispatched on window when a call answers 401 (the App asks who is signed in again). */
export const UNAUTHORIZED_EVENT = 'driftwatch:unauthorized';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** "rows[3].age: must be a number" style text for inline display. */
  describe(): string {
    return this.field !== undefined && this.field !== '' ? `${this.field}: ${this.message}` : this.message;
  }
}

function isErrorBody(x: unknown): x is ErrorBody {
  if (typeof x !== 'object' || x === null || !('error' in x)) return false;
  const e = (x as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string';
}

/** Reads a failed response's error body; a body that is not ours (a proxy's HTML page) gets a generic message. */
export async function errorFrom(res: Response): Promise<ApiError> {
  let body: unknown = undefined;
  try {
    body = await res.json();
  } catch {
    // not JSON
  }
  if (isErrorBody(body)) return new ApiError(res.status, body.error.code, body.error.message, body.error.field);
  return new ApiError(res.status, `HTTP_${res.status}`, `${res.status} ${res.statusText || 'request failed'}`);
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'DELETE';
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | number | undefined | null>>;
  readonly signal?: AbortSignal;
}

export function withQuery(path: string, query: RequestOptions['query']): string {
  if (query === undefined) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s === '' ? path : `${path}?${s}`;
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const key = apiKey.get();
  return key === null ? extra : { ...extra, Authorization: `Bearer ${key}` };
}

/** A JSON call; FormData bodies go as multipart (the browser sets the boundary). */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const isForm = typeof FormData !== 'undefined' && opts.body instanceof FormData;
  const init: RequestInit = {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers: headers(opts.body === undefined || isForm ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' }),
    signal: opts.signal,
  };
  if (opts.body !== undefined) init.body = isForm ? (opts.body as FormData) : JSON.stringify(opts.body);
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'UNAVAILABLE', 'The server cannot be reached.');
  }
  if (!res.ok) {
    // A key revoked (or a server that turned keys on) mid-session: the shell goes back to sign-in.
    if (res.status === 401 && path !== '/v1/me') window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    throw await errorFrom(res);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Downloads a file through fetch (so the Authorization header goes along) and hands it to the browser. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await fetch(path, { headers: headers() });
  if (!res.ok) throw await errorFrom(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
