/**
 * The production-model cache of the serving routes. Each model's `production` version is loaded once (from
 * its verified artifact, through the registry) and kept compiled in memory. A poller reads the alias every
 * `pollMs` (two indexed queries per cached model): when it has moved, the new version is loaded first and
 * then swapped in at once, so the next request uses it while a request already running keeps the object it
 * started with — no request fails or mixes two versions during the switch.
 */
import { DriftwatchError, type Clock } from '../core/index.js';
import type { Model, ModelSignature } from '../models/index.js';
import { PRODUCTION, type Registry } from '../registry/index.js';
import type { Store } from '../store/index.js';

export interface ServedModel {
  readonly name: string;
  readonly version: number;
  readonly model: Model;
  readonly signature: ModelSignature;
  /** When it was loaded (epoch ms, the runtime's clock). */
  readonly loadedAt: number;
}

export interface ProductionModels {
  /** The production version of a model, loading it on first use. NOT_FOUND without one. */
  get(name: string): Promise<ServedModel>;
  /** The production version if it is loaded already (no I/O), for the hot path. */
  peek(name: string): ServedModel | undefined;
  /** Reads the alias now (after an in-process promote or rollback) instead of at the next poll. */
  refresh(name: string): Promise<ServedModel | undefined>;
  /** The models loaded now. */
  loaded(): ServedModel[];
  close(): void;
}

interface Entry {
  current?: ServedModel;
  /** A load or alias check in progress, shared by concurrent callers. */
  pending?: Promise<ServedModel | undefined>;
}

export function createProductionModels(deps: { store: Store; registry: Registry; clock: Clock; pollMs?: number; onError?: (name: string, e: unknown) => void }): ProductionModels {
  const { store, registry, clock } = deps;
  const entries = new Map<string, Entry>();

  /** The version the alias points at now, or null. */
  const aliasVersion = async (name: string): Promise<number | null> => {
    const m = await store.models.getModel(name);
    if (m === undefined) return null;
    return (await store.aliases.get(m.id, PRODUCTION))?.version ?? null;
  };

  const sync = (name: string, entry: Entry): Promise<ServedModel | undefined> => {
    entry.pending ??= (async () => {
      try {
        const version = await aliasVersion(name);
        if (version === null) {
          delete entry.current;
          return undefined;
        }
        if (entry.current?.version === version) return entry.current;
        const { model } = await registry.loadModel({ name, version });
        entry.current = { name, version, model, signature: model.signature, loadedAt: clock.now() };
        return entry.current;
      } finally {
        delete entry.pending;
      }
    })();
    return entry.pending;
  };

  const entryOf = (name: string): Entry => {
    let e = entries.get(name);
    if (e === undefined) {
      e = {};
      entries.set(name, e);
    }
    return e;
  };

  const poll = setInterval(() => {
    for (const [name, entry] of entries) {
      if (entry.current === undefined || entry.pending !== undefined) continue;
      // A failed check keeps serving the loaded version; the store being down shows on /ready.
      sync(name, entry).catch((e: unknown) => deps.onError?.(name, e));
    }
  }, deps.pollMs ?? 1000);
  poll.unref();

  return {
    async get(name) {
      const entry = entryOf(name);
      const served = entry.current ?? (await sync(name, entry));
      if (served === undefined) {
        entries.delete(name);
        throw new DriftwatchError('NOT_FOUND', `model "${name}" has no production version to serve; register one and promote it (driftwatch models promote ${name} VERSION)`, { field: 'name' });
      }
      return served;
    },
    peek: (name) => entries.get(name)?.current,
    refresh: (name) => sync(name, entryOf(name)),
    loaded: () => [...entries.values()].flatMap((e) => (e.current === undefined ? [] : [e.current])),
    close: () => clearInterval(poll),
  };
}
