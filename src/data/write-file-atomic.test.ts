import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DriftwatchError } from '../core/errors.js';
import { writeFileAtomic } from './write-file-atomic.js';

const root = mkdtempSync(join(tmpdir(), 'driftwatch-atomic-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function freshDir(): string {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  return dir;
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('writeFileAtomic', () => {
  it('writes text, bytes and streamed chunks, replacing the old file and leaving nothing else in the folder', async () => {
    const dir = freshDir();
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'old content that is longer than the new one');
    await writeFileAtomic(path, 'héllo\n');
    expect(readFileSync(path, 'utf8')).toBe('héllo\n');
    await writeFileAtomic(path, Uint8Array.from([0, 1, 2, 255]));
    expect([...readFileSync(path)]).toEqual([0, 1, 2, 255]);
    await writeFileAtomic(path, ['a,b\n', Buffer.from('1,2\n'), '3,4\n']);
    expect(readFileSync(path, 'utf8')).toBe('a,b\n1,2\n3,4\n');
    async function* chunks(): AsyncGenerator<string> {
      for (let i = 0; i < 2000; i++) yield `${i},${'x'.repeat(1000)}\n`;
    }
    await writeFileAtomic(path, chunks());
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(2001);
    expect(lines[1999]).toBe(`1999,${'x'.repeat(1000)}`);
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('a chunk source that fails leaves the old file intact and no temporary file, and its error is passed on', async () => {
    const dir = freshDir();
    const path = join(dir, 'model.json');
    writeFileSync(path, '{"old":true}\n');
    const boom = new Error('source failed');
    function* chunks(): Generator<string> {
      yield 'x'.repeat(1 << 20);
      throw boom;
    }
    expect(await failure(writeFileAtomic(path, chunks()))).toBe(boom);
    expect(readFileSync(path, 'utf8')).toBe('{"old":true}\n');
    expect(readdirSync(dir)).toEqual(['model.json']);
  });

  it('a rename that fails (a folder in the way) is FILE_UNWRITABLE naming the path, and removes the temporary file', async () => {
    const dir = freshDir();
    const path = join(dir, 'report.json');
    mkdirSync(path);
    writeFileSync(join(path, 'inside.txt'), 'kept');
    const e = await failure(writeFileAtomic(path, 'new'));
    expect(e).toBeInstanceOf(DriftwatchError);
    expect((e as DriftwatchError).code).toBe('FILE_UNWRITABLE');
    expect((e as DriftwatchError).file).toBe(path);
    expect((e as DriftwatchError).message).toContain(path);
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readFileSync(join(path, 'inside.txt'), 'utf8')).toBe('kept');
  });

  it('a folder that does not exist is FILE_UNWRITABLE naming the path', async () => {
    const path = join(root, 'missing-folder', 'out.csv');
    const e = await failure(writeFileAtomic(path, 'x'));
    expect((e as DriftwatchError).code).toBe('FILE_UNWRITABLE');
    expect((e as DriftwatchError).message).toMatch(/out\.csv cannot be written \(its folder does not exist or is a file\)/);
  });

  it('concurrent writers of one path leave one complete file, never a mix', async () => {
    const dir = freshDir();
    const path = join(dir, 'out.bin');
    const contents = Array.from({ length: 6 }, (_, i) => String(i).repeat(200_000 + i));
    await Promise.all(contents.map((c) => writeFileAtomic(path, c)));
    expect(contents).toContain(readFileSync(path, 'utf8'));
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });
});
