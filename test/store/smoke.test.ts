import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/store-backends.js';

describeEachBackend('smoke', (backend) => {
  it('opens and migrates', async () => {
    const { store } = await backend.open();
    expect(await store.appliedMigrations()).toHaveLength(3);
    const { model } = await store.models.ensureModel('churn', 'me');
    expect(model.name).toBe('churn');
  });
});
