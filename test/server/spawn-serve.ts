/** `driftwatch serve` in a child process, from source (as the CLI tests run it), for tests over real sockets. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..');

export interface ServeChild {
  readonly proc: ChildProcess;
  readonly url: string;
  stderr(): string;
  stdout(): string;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

export function spawnServe(args: readonly string[], env: Record<string, string | undefined> = {}): { proc: ChildProcess; stderr: () => string; stdout: () => string; exited: Promise<number | string> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli', 'entry.ts'), 'serve', ...args], {
    cwd: REPO,
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | string>((resolve) => proc.on('close', (code, signal) => resolve(code ?? signal ?? -1)));
  return { proc, stderr: () => err, stdout: () => out, exited };
}

/** Starts the server and waits for the URL it prints. */
export async function startServe(args: readonly string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<ServeChild> {
  const child = spawnServe(args, env);
  const started = Date.now();
  for (;;) {
    const m = /serving on (http:\/\/\S+)/.exec(child.stderr());
    if (m !== null) return { ...child, url: m[1]! };
    const code = await Promise.race([child.exited, new Promise<null>((r) => setTimeout(() => r(null), 50))]);
    if (code !== null) throw new Error(`driftwatch serve exited (${code}) before listening:\n${child.stderr()}`);
    if (Date.now() - started > timeoutMs) {
      child.proc.kill('SIGKILL');
      throw new Error(`driftwatch serve did not start within ${timeoutMs} ms:\n${child.stderr()}`);
    }
  }
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
