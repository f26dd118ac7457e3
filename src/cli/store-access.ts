/** Opening the store for a command: `--home`, then DRIFTWATCH_HOME, then the config's `home:`, then ./.driftwatch; Postgres when DATABASE_URL is set. */
import { userInfo } from 'node:os';
import { systemClock } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { CliIo } from './io.js';

export interface StoreFlags {
  readonly home?: string;
  readonly actor?: string;
}

export async function withStore<T>(io: CliIo, flags: StoreFlags, configHome: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  // Loaded here, not with the module: every command registers at start-up, and the store's modules (the
  // query builder alone is a thousand files) made `driftwatch --version` and every analyze 0.3 s slower.
  const { openStore, resolveHome, databaseUrlFrom } = await import('../store/index.js');
  const home = resolveHome({ flag: flags.home, env: io.env, config: configHome, cwd: io.cwd });
  const store = await openStore({ home, url: databaseUrlFrom(io.env), clock: systemClock });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The actor: --actor, else the OS user. */
export function actorOf(flags: StoreFlags, io: CliIo): string {
  if (flags.actor !== undefined && flags.actor !== '') return flags.actor;
  try {
    return userInfo().username;
  } catch {
    return io.env.USER ?? io.env.USERNAME ?? 'unknown';
  }
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A y/N question on the terminal; false on anything but y/yes. */
export async function askYesNo(io: CliIo, question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** Whether a person can be asked: stdin and stderr are terminals. */
export function canAsk(io: CliIo): boolean {
  return io.isTTY && process.stdin.isTTY === true;
}
