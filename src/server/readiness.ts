/**
 * Readiness: the store answers, the queue answers (when this process has one), and every model with a
 * production version has it loaded — or, with none registered yet, there is nothing to serve and the
 * server says so. Each failing check carries a sentence saying what to do.
 */
import type { ReadyResponse } from '../contracts/index.js';
import { DriftwatchError } from '../core/index.js';
import type { Runtime } from '../runtime/index.js';

type Check = ReadyResponse['checks']['store'];

const messageOf = (e: unknown): string => (e instanceof DriftwatchError ? e.message : e instanceof Error ? e.message : String(e));

export async function readiness(runtime: Runtime): Promise<ReadyResponse> {
  const store: Check = await runtime.store.ping().then(
    () => ({ ok: true }),
    (e: unknown) => ({ ok: false, message: `the store (${runtime.store.backend}) does not answer: ${messageOf(e)}` }),
  );
  const queue: Check = await runtime.queue.ping().then(
    () => ({ ok: true, message: runtime.queue.backend }),
    (e: unknown) => ({ ok: false, message: `the job queue (${runtime.queue.backend}) does not answer: ${messageOf(e)}` }),
  );
  const models = store.ok ? await modelsCheck(runtime) : { ok: false, message: 'unknown while the store is down' };
  return { status: store.ok && queue.ok && models.ok ? 'ready' : 'not_ready', checks: { store, queue, models } };
}

async function modelsCheck(runtime: Runtime): Promise<Check> {
  if (runtime.role === 'worker') return { ok: true, message: 'a worker serves no models' };
  try {
    const all = await runtime.registry.listModels();
    const serving = all.filter((m) => m.aliases.some((a) => a.alias === 'production'));
    if (serving.length === 0) {
      return { ok: false, message: all.length === 0 ? 'no model is registered; register one and promote it (driftwatch models register, models promote)' : 'no model has a production version; promote one (driftwatch models promote NAME VERSION)' };
    }
    const loaded = await Promise.all(serving.map((m) => runtime.models.get(m.name)));
    return { ok: true, message: `serving ${loaded.map((s) => `${s.name}:${s.version}`).join(', ')}` };
  } catch (e) {
    return { ok: false, message: `a production model could not be loaded: ${messageOf(e)}` };
  }
}
