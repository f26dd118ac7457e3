/**
 * Content-addressed artifacts (model files, reference datasets): stored under their SHA-256, written
 * atomically (writeFileAtomic: temp file, fsync, rename; then an fsync of the folder), and checked against their hash on every read,
 * so a damaged file is reported (ARTIFACT_CORRUPT) instead of silently loaded. `ArtifactStore` is what an
 * object store (S3, GCS) would implement for several machines; `fileArtifactStore` is the local one.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DriftwatchError } from '../core/index.js';
import { writeFileAtomic } from '../data/index.js';

export interface ArtifactInfo {
  /** Lower-case hex SHA-256 of the content. */
  readonly sha256: string;
  readonly size: number;
}

export interface ArtifactStore {
  /** Where the artifacts live, for messages. */
  readonly location: string;
  /** Stores bytes (a no-op when the same content is there already). */
  put(bytes: Uint8Array): Promise<ArtifactInfo>;
  /** Stores a file's content. FILE_NOT_FOUND / FILE_UNREADABLE name the file. */
  putFile(path: string): Promise<ArtifactInfo>;
  has(sha256: string): Promise<boolean>;
  /** The content, verified. NOT_FOUND when absent, ARTIFACT_CORRUPT when it does not match its hash. */
  get(sha256: string): Promise<Buffer>;
  /**
   * A local file with the verified content, for readers that take a path (model and table loaders). The
   * file store returns its own file; an object store would download to a cache.
   */
  localPath(sha256: string): Promise<string>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function fileArtifactStore(root: string): ArtifactStore {
  const pathOf = (sha: string): string => {
    if (!SHA256.test(sha)) throw new DriftwatchError('INVALID_ARGUMENT', `"${sha}" is not a SHA-256 artifact id (64 lower-case hex digits)`, { field: 'artifact' });
    return join(root, 'sha256', sha.slice(0, 2), sha.slice(2));
  };
  const exists = async (path: string): Promise<boolean> => {
    try {
      await stat(path);
      return true;
    } catch {
      return false;
    }
  };
  const verify = async (sha: string): Promise<string> => {
    const path = pathOf(sha);
    let actual: string;
    try {
      actual = await hashFile(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new DriftwatchError('NOT_FOUND', `artifact ${sha} is not in ${root}`, { file: path, field: 'artifact' });
      throw new DriftwatchError('FILE_UNREADABLE', `cannot read artifact ${sha} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: path });
    }
    if (actual !== sha) throw corrupt(sha, actual, path);
    return path;
  };
  const store: ArtifactStore = {
    location: root,
    async put(bytes) {
      const sha = sha256Of(bytes);
      const path = pathOf(sha);
      if (await exists(path)) {
        // Same name means same content, unless the stored copy was damaged: then write it again.
        if ((await hashFile(path).catch(() => '')) === sha) return { sha256: sha, size: bytes.byteLength };
      }
      await writeAtomically(path, bytes);
      return { sha256: sha, size: bytes.byteLength };
    },
    async putFile(path) {
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new DriftwatchError('FILE_NOT_FOUND', 'file not found', { file: path });
        throw new DriftwatchError('FILE_UNREADABLE', `cannot read the file (${code ?? (e as Error).message})`, { file: path });
      }
      return store.put(bytes);
    },
    async has(sha) {
      return exists(pathOf(sha));
    },
    async get(sha) {
      const path = pathOf(sha);
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new DriftwatchError('NOT_FOUND', `artifact ${sha} is not in ${root}`, { file: path, field: 'artifact' });
        throw new DriftwatchError('FILE_UNREADABLE', `cannot read artifact ${sha} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: path });
      }
      const actual = sha256Of(bytes);
      if (actual !== sha) throw corrupt(sha, actual, path);
      return bytes;
    },
    localPath: verify,
  };
  return store;
}

function corrupt(sha: string, actual: string, path: string): DriftwatchError {
  return new DriftwatchError('ARTIFACT_CORRUPT', `artifact ${sha} is damaged: its content hashes to ${actual}; restore the file from a backup`, { file: path });
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The data layer's atomic write, plus an fsync of the folder: the rename is durable only once its entry is. */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new DriftwatchError('FILE_UNWRITABLE', `cannot create the artifacts folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: dir });
  }
  await writeFileAtomic(path, bytes);
  try {
    const dh = await open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    // Some file systems cannot fsync a folder; the file itself is already on disk.
  }
}
