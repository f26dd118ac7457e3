/** Small React hooks the pages share: loading data, media queries, the hash route. */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { parseRoute, type Route } from './route.ts';

export type Loadable<T> =
  | { readonly state: 'loading'; readonly data?: T }
  | { readonly state: 'ready'; readonly data: T }
  | { readonly state: 'error'; readonly error: Error; readonly data?: T };

/**
 * Runs `load` when its dependencies change and on `reload()`; an earlier call's late answer never
 * overwrites a newer one. Keeps the previous data while reloading, so live updates do not flash.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loadable<T> & { reload: () => void } {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    setValue((v) => ({ state: 'loading', ...(v.data !== undefined ? { data: v.data } : {}) }));
    load().then(
      (data) => { if (seq.current === mine) setValue({ state: 'ready', data }); },
      (error: unknown) => {
        if (seq.current === mine) setValue((v) => ({ state: 'error', error: error instanceof Error ? error : new Error(String(error)), ...(v.data !== undefined ? { data: v.data } : {}) }));
      },
    );
    // The caller lists load's inputs in deps (a fresh closure every render must not refetch).
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...value, reload };
}

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback((cb: () => void) => {
    if (typeof window.matchMedia !== 'function') return () => {};
    const m = window.matchMedia(query);
    m.addEventListener('change', cb);
    return () => m.removeEventListener('change', cb);
  }, [query]);
  return useSyncExternalStore(subscribe, () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches, () => false);
}

export const useDarkScheme = (): boolean => useMediaQuery('(prefers-color-scheme: dark)');
export const useCompact = (): boolean => useMediaQuery('(max-width: 700px)');

function subscribeHash(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash, () => '');
  return parseRoute(hash);
}
