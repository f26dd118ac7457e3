/** Store-wide settings: values made once and then shared by every process using the database. */
import type { StoreContext } from '../context.js';

export interface SettingsRepository {
  get(key: string): Promise<string | undefined>;
  /** The stored value, or `initial` stored now if there was none (the first writer wins a race). */
  getOrCreate(key: string, initial: string): Promise<string>;
}

export function settingsRepository(ctx: StoreContext): SettingsRepository {
  const { db } = ctx;
  const get = async (key: string): Promise<string | undefined> => (await db.selectFrom('store_settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
  return {
    get,
    async getOrCreate(key, initial) {
      await db.insertInto('store_settings').values({ key, value: initial }).onConflict((oc) => oc.column('key').doNothing()).execute();
      return (await get(key))!;
    },
  };
}
