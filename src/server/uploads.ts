/**
 * Multipart uploads (register a version, analyze two files): each file part streams into a private temporary
 * folder under its own (sanitised) name, so the workflows read it like the CLI reads a file and their messages
 * name the file the caller sent; text parts are collected and validated against the route's zod contract.
 * The caller removes the folder (`cleanup`) whatever happens.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { z } from 'zod';
import { DriftwatchError } from '../core/index.js';
import type { DataFile } from '../workflows/index.js';

export interface UploadedFile extends DataFile {
  /** The name the caller gave the file. */
  readonly filename: string;
  readonly bytes: number;
}

export interface Uploads<F> {
  readonly files: Readonly<Record<string, UploadedFile>>;
  readonly fields: F;
  readonly dir: string;
  cleanup(): Promise<void>;
}

/** Registers multipart parsing in a route plugin (encapsulated: only that plugin's routes take it). */
export async function registerMultipart(app: FastifyInstance, maxFileBytes: number): Promise<void> {
  await app.register(multipart, { limits: { fileSize: maxFileBytes, files: 4, fields: 20, fieldSize: 1 << 16, parts: 30 } });
}

const MB = 1048576;

/** Where uploads wait while a request reads them: `uploads/` in the data directory; emptied as each request ends. */
export function uploadsFolder(home: string): string {
  return join(home, 'uploads');
}

/**
 * Reads a multipart request: files named in `fileNames` (others are refused, naming the part), text fields
 * validated by `fields` (an unknown field is a 400 naming it).
 */
export async function receiveUploads<S extends z.ZodType>(req: FastifyRequest, opts: { fileNames: readonly string[]; required: readonly string[]; fields: S; maxFileBytes: number; root: string }): Promise<Uploads<z.output<S>>> {
  if (!req.isMultipart()) {
    throw new DriftwatchError('FILE_FORMAT', `this route takes multipart/form-data with the file part(s) ${opts.fileNames.map((n) => `"${n}"`).join(', ')} (curl -F ${opts.required[0] ?? opts.fileNames[0]}=@file.csv …)`);
  }
  // Under the data directory rather than the system's temporary folder: uploads may be large, and a
  // tmpfs /tmp is often far smaller than the disk the store lives on.
  await mkdir(opts.root, { recursive: true });
  const dir = await mkdtemp(join(opts.root, 'upload-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const files: Record<string, UploadedFile> = {};
  const raw: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (!opts.fileNames.includes(part.fieldname)) {
          part.file.resume();
          throw new DriftwatchError('INVALID_ARGUMENT', `"${part.fieldname}" is not a file this route takes (it takes ${opts.fileNames.join(', ')})`, { field: part.fieldname });
        }
        if (files[part.fieldname] !== undefined) throw new DriftwatchError('INVALID_ARGUMENT', `the file "${part.fieldname}" was sent twice`, { field: part.fieldname });
        const filename = safeName(part.filename, part.fieldname);
        // Prefixed by the part name: two uploads may carry the same file name.
        const path = join(dir, `${part.fieldname}-${filename}`);
        let bytes = 0;
        part.file.on('data', (chunk: Buffer) => (bytes += chunk.length));
        try {
          await pipeline(part.file, createWriteStream(path));
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || part.file.truncated) throw tooLarge(part.fieldname, opts.maxFileBytes);
          throw e;
        }
        if (part.file.truncated) throw tooLarge(part.fieldname, opts.maxFileBytes);
        files[part.fieldname] = { absolute: path, display: filename, filename, bytes };
      } else {
        raw[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
      }
    }
    for (const name of opts.required) {
      if (files[name] === undefined) throw new DriftwatchError('INVALID_ARGUMENT', `the file "${name}" is required (a multipart part named ${name})`, { field: name });
    }
    const parsed = opts.fields.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0]! : issue.path.map(String).join('.');
      throw new DriftwatchError('INVALID_ARGUMENT', issue.code === 'unrecognized_keys' ? `${key} is not a known field` : `${key} ${issue.message}`, { field: key });
    }
    return { files, fields: parsed.data as z.output<S>, dir, cleanup };
  } catch (e) {
    await cleanup();
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge('file', opts.maxFileBytes);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new DriftwatchError('PAYLOAD_TOO_LARGE', 'the upload has too many parts (at most 4 files and 20 fields)');
    throw e;
  }
}

function tooLarge(field: string, max: number): DriftwatchError {
  return new DriftwatchError('PAYLOAD_TOO_LARGE', `the file "${field}" is larger than the server accepts (${(max / MB).toFixed(0)} MB, server.body_limit_mb)`, { field });
}

/** The caller's file name without any folder part or odd characters; the part name when there is none. */
function safeName(filename: string | undefined, fallback: string): string {
  const base = basename((filename ?? '').replace(/\\/g, '/')).replace(/[^A-Za-z0-9._-]/g, '_').slice(-120);
  return base === '' || base === '.' || base === '..' ? fallback : base;
}

/** Messages of lower layers name the temporary copy; the caller sent the file under its own name. */
export function withUploadNames(e: unknown, files: Readonly<Record<string, { absolute: string; display: string }>>): unknown {
  if (!(e instanceof DriftwatchError)) return e;
  let message = e.message;
  for (const f of Object.values(files)) message = message.replaceAll(f.absolute, f.display);
  const file = e.file === undefined ? undefined : (Object.values(files).find((f) => f.absolute === e.file)?.display ?? e.file);
  if (message === e.message && file === e.file) return e;
  return new DriftwatchError(e.code, message, { ...(file !== undefined ? { file } : {}), ...(e.line !== undefined ? { line: e.line } : {}), ...(e.field !== undefined ? { field: e.field } : {}) }, { cause: e });
}
