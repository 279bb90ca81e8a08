// Reading an import source (a file or stdin) as text, refusing what is not UTF-8 text.
import { open, readFile, stat } from 'node:fs/promises';
import { BylineError } from '../model/errors.js';

export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_IMPORT_BYTES) throw new Error(`larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readBytes(path: string): Promise<Buffer> {
  if (path === '-') return readStdin();
  const info = await stat(path);
  if (info.isDirectory()) throw new Error('is a directory, not a file');
  if (!info.isFile()) throw new Error('is not a regular file');
  if (info.size > MAX_IMPORT_BYTES) throw new Error(`larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  return readFile(path);
}

/** Bytes to text, or the reason they are not a text dump. */
export function decodeDump(bytes: Buffer): string {
  if (bytes.length === 0) throw new Error('the file is empty');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new Error('UTF-16 text is not supported; convert it to UTF-8 first');
  }
  if (bytes.includes(0)) throw new Error('binary data, not a text dump');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('not valid UTF-8 text');
  }
}

function reasonOf(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a directory, not a file';
  return e.message;
}

export async function readDump(path: string): Promise<string> {
  try {
    return decodeDump(await readBytes(path));
  } catch (error) {
    throw new BylineError(`cannot import ${path === '-' ? 'standard input' : path}: ${reasonOf(error)}`, 1);
  }
}

/** The bytes of an import source (a file, or `-` for standard input), or a BylineError
 * naming it; what the bytes hold is decided by the front door (front-door.ts). */
export async function readSourceBytes(path: string): Promise<Buffer> {
  try {
    return await readBytes(path);
  } catch (error) {
    throw new BylineError(`cannot import ${path === '-' ? 'standard input' : path}: ${reasonOf(error)}`, 1);
  }
}

/** Whether an import source can be read, without reading it: a file that is missing, not a
 * regular file, too large or unreadable is refused (the same BylineError as readSourceBytes)
 * before the archive is touched. */
export async function checkSource(path: string): Promise<void> {
  if (path === '-') return;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new Error('is a directory, not a file');
    if (!info.isFile()) throw new Error('is not a regular file');
    if (info.size > MAX_IMPORT_BYTES) throw new Error(`larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    await (await open(path, 'r')).close();
  } catch (error) {
    throw new BylineError(`cannot import ${path}: ${reasonOf(error)}`, 1);
  }
}
