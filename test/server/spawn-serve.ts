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

/** Starts `serve --role worker` (which listens on no port) and waits for the line saying it runs. */
export async function startServeWorker(args: readonly string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<Omit<ServeChild, 'url'>> {
  const child = spawnServe(['--role', 'worker', ...args], env);
  const started = Date.now();
  for (;;) {
    if (/worker running on/.test(child.stderr())) return child;
    const code = await Promise.race([child.exited, new Promise<null>((r) => setTimeout(() => r(null), 50))]);
    if (code !== null) throw new Error(`driftwatch serve --role worker exited (${code}) before running:\n${child.stderr()}`);
    if (Date.now() - started > timeoutMs) {
      child.proc.kill('SIGKILL');
      throw new Error(`driftwatch serve --role worker did not start within ${timeoutMs} ms:\n${child.stderr()}`);
    }
  }
}

/**
 * The TCP ports a process listens on, from Linux's /proc (its socket descriptors matched against the
 * listening sockets of /proc/net/tcp and tcp6); undefined where /proc is not there.
 */
export async function listeningPorts(pid: number): Promise<number[] | undefined> {
  const { readFile, readdir, readlink } = await import('node:fs/promises');
  let fds: string[];
  try {
    fds = await readdir(`/proc/${pid}/fd`);
  } catch {
    return undefined;
  }
  const inodes = new Set<string>();
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m !== null) inodes.add(m[1]!);
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is f[1] (hex ip:port), st is f[3] (0A = LISTEN), inode is f[9].
      if (f.length > 9 && f[3] === '0A' && inodes.has(f[9]!)) ports.push(parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/** Polls `probe` until it returns something other than undefined. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function getJson(url: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
