import fc from 'fast-check';
import { expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { isDriftwatchError } from '../../src/core/errors.js';
import { categoricalColumn, createTable, numericColumn } from '../../src/data/index.js';
import { trainModel } from '../../src/models/index.js';
import { createRegistry } from '../../src/registry/index.js';
import { describeEachBackend } from '../helpers/store-backends.js';

type Op = { kind: 'register'; production: boolean } | { kind: 'promote'; pick: number } | { kind: 'reject'; pick: number } | { kind: 'rollback' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('register' as const), production: fc.boolean() }),
  fc.record({ kind: fc.constant('promote' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('reject' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('rollback' as const) }),
);

describeEachBackend('registry invariants', (backend) => {
  it('after any sequence of registrations, promotions, rejections and rollbacks, production is consistent and its history answers every time', async () => {
    const t = createTable([numericColumn('x', Array.from({ length: 60 }, (_, i) => i)), categoricalColumn('y', Array.from({ length: 60 }, (_, i) => (i < 30 ? 'a' : 'b')))]);
    const { model } = await trainModel(t, { label: 'y', algo: 'logreg', seed: 1 });
    const bytes = Buffer.from(JSON.stringify(model.toFile()));
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const registry = createRegistry(store);
    let run = 0;
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 7 }), async (ops) => {
      const name = `m${run++}`;
      // Each version gets its own baseline (a different row count), so baselines can be told apart.
      let rows = 5;
      for (const o of ops) {
        clock.advance(1000);
        const latest = (await store.models.getModel(name))?.latestVersion ?? 0;
        try {
          if (o.kind === 'register') {
            rows += 1;
            const ref = createTable([numericColumn('x', Array.from({ length: rows }, (_, i) => i)), categoricalColumn('y', Array.from({ length: rows }, () => 'a'))]);
            await registry.registerModel({ name, modelBytes: bytes, reference: { table: ref }, actor: 'p', ...(o.production ? { alias: 'production' } : {}) });
          } else if (latest === 0) {
            continue;
          } else if (o.kind === 'promote') {
            await registry.promote(name, 1 + (o.pick % latest), { actor: 'p' });
          } else if (o.kind === 'reject') {
            await registry.reject(name, 1 + (o.pick % latest), { actor: 'p' });
          } else {
            await registry.rollback(name, { actor: 'p' });
          }
        } catch (e) {
          if (!isDriftwatchError(e) || e.code !== 'CONFLICT') throw e;
        }
      }
      if ((await store.models.getModel(name)) === undefined) return;
      const versions = await registry.listVersions(name);
      const inProduction = versions.filter((v) => v.state === 'production');
      const holder = versions.find((v) => v.aliases.includes('production'));
      expect(inProduction.map((v) => v.version)).toEqual(holder === undefined ? [] : [holder.version]);
      expect((await registry.reference(name))?.id ?? null).toBe(holder?.referenceDatasetVersionId ?? null);
      expect(versions.filter((v) => v.state === 'rejected').every((v) => !v.aliases.includes('production'))).toBe(true);
      const moves = await registry.history(name, 'production');
      for (const m of moves) expect(await registry.historyAt(name, m.movedAt)).toBe(m.version);
      if (moves.length > 0) expect(moves.at(-1)!.version).toBe(holder?.version ?? null);
    }), { numRuns: backend.name === 'sqlite' ? 25 : 12 });
  });
});
