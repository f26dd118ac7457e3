import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fileArtifactStore } from '../../src/store/index.js';
import { failure } from '../helpers/table-cells.js';

const temps: string[] = [];
afterEach(async () => {
  for (const t of temps.splice(0)) await rm(t, { recursive: true, force: true });
});
const tempDir = async () => {
  const t = await mkdtemp(join(tmpdir(), 'driftwatch-artifacts-'));
  temps.push(t);
  return t;
};

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(join(e.parentPath, e.name));
  return out;
}

describe('fileArtifactStore', () => {
  it('stores content under its SHA-256 and gives the same bytes back', async () => {
    const store = fileArtifactStore(await tempDir());
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
      const info = await store.put(bytes);
      expect(info.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(info.size).toBe(bytes.length);
      expect(new Uint8Array(await store.get(info.sha256))).toEqual(bytes);
      expect(await store.has(info.sha256)).toBe(true);
    }), { numRuns: 40 });
  });

  it('storing the same content twice keeps one file and leaves no temp files', async () => {
    const root = await tempDir();
    const store = fileArtifactStore(root);
    const a = await store.put(Buffer.from('model bytes'));
    const b = await store.put(Buffer.from('model bytes'));
    expect(b.sha256).toBe(a.sha256);
    const files = await filesUnder(root);
    expect(files).toEqual([join(root, 'sha256', a.sha256.slice(0, 2), a.sha256.slice(2))]);
  });

  it('reports a damaged artifact as ARTIFACT_CORRUPT on read, and a new put repairs it', async () => {
    const store = fileArtifactStore(await tempDir());
    const { sha256 } = await store.put(Buffer.from('original content'));
    const path = await store.localPath(sha256);
    await writeFile(path, 'tampered content');
    expect((await failure(store.get(sha256))).code).toBe('ARTIFACT_CORRUPT');
    expect((await failure(store.localPath(sha256))).code).toBe('ARTIFACT_CORRUPT');
    await store.put(Buffer.from('original content'));
    expect((await store.get(sha256)).toString()).toBe('original content');
  });

  it('absent is NOT_FOUND, a malformed id INVALID_ARGUMENT, a missing input file FILE_NOT_FOUND', async () => {
    const dir = await tempDir();
    const store = fileArtifactStore(dir);
    expect((await failure(store.get('0'.repeat(64)))).code).toBe('NOT_FOUND');
    expect((await failure(store.get('../../etc/passwd'))).code).toBe('INVALID_ARGUMENT');
    const e = await failure(store.putFile(join(dir, 'missing.onnx')));
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(e.file).toBe(join(dir, 'missing.onnx'));
  });
});
