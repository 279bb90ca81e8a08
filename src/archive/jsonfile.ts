// A lowdb adapter that checks what it reads and writes atomically: a new file beside the
// target, flushed to disk, renamed over it, and the folder flushed — the rename is the commit.
import { readFileSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseLinesFile, stringifyLines, type EachItem } from './json-lines.js';
import { jsonProblem } from './json-error.js';
import type { Adapter } from 'lowdb';

export class UnreadableFile extends Error {}

/** Parses JSON text, naming the problem in words a user can act on. */
export function parseJsonText(text: string): unknown {
  if (text.length === 0) throw new UnreadableFile('the file is empty');
  if (text.charCodeAt(0) === 0xfeff) throw new UnreadableFile('the file starts with a byte-order mark');
  if (text.includes('\u0000')) throw new UnreadableFile('the file contains NUL bytes');
  if (text.trim().length === 0) throw new UnreadableFile('the file is empty');
  try {
    return JSON.parse(text);
  } catch {
    throw new UnreadableFile(jsonProblem(text));
  }
}

/** Past this size a file in the line-wise layout is read a line at a time, for memory. Below
 * it one JSON.parse of the whole is faster: parsing line by line is JavaScript that has not
 * warmed up yet, and only pays off on tens of thousands of lines (bench/results: slower by
 * line at 10 000 articles; as fast at 100 000, with a much lower peak). */
const LINEWISE_FROM_BYTES = 32 << 20;

export function readJsonFileSync(path: string, each?: EachItem, linewiseFromBytes = LINEWISE_FROM_BYTES): unknown {
  if (statSync(path).size >= linewiseFromBytes) {
    const data = parseLinesFile(path, each);
    if (data !== undefined) return data;
  }
  const data = parseJsonText(readFileSync(path, 'utf8'));
  if (each && typeof data === 'object' && data !== null && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data)) if (Array.isArray(value)) for (const item of value) each(key, item);
  }
  return data;
}

/** One read of a file: what to do with each item of its top-level arrays as they are read,
 * and the check of the whole, which turns it into T or throws an UnreadableFile. */
export interface JsonReading<T> {
  each?: EachItem;
  check(data: unknown): T;
}

/** How a file is written: indented (readable, diffable) or compact; for a big file, each
 * item of its top-level arrays on a line of its own (see json-lines.ts). */
export interface JsonLayout {
  indent: number;
  lines?: boolean;
  /** Escape every non-ASCII character if the text will be read whole (below the line-wise
   * size): the text then stays one byte per character, for half the memory and a parse a
   * third faster. A text read line by line is not escaped: only its few lines with such
   * characters are wider, and escaping a big index would slow every import. */
  ascii?: boolean;
}

const NON_ASCII = /[\u0080-\uffff]/g;
/** Every non-ASCII character as a \\u escape: JSON text that is one byte a character. */
export const escapeNonAscii = (text: string) => text.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function stringifyJson(data: unknown, { indent, lines = false, ascii = false }: JsonLayout): string {
  const plainObject = typeof data === 'object' && data !== null && !Array.isArray(data);
  const text = lines && plainObject ? stringifyLines(data as Record<string, unknown>) : JSON.stringify(data, null, indent);
  // Outside strings JSON is all ASCII, so each escape lands inside a string; a surrogate pair
  // becomes two escapes, as JSON allows.
  return ascii && text.length < LINEWISE_FROM_BYTES ? escapeNonAscii(text) : text;
}

export class CheckedJsonFile<T> implements Adapter<T> {
  readonly #layout: JsonLayout | ((data: T) => JsonLayout);

  constructor(
    readonly path: string,
    /** A fresh reading for each read. */
    private readonly reading: () => JsonReading<T>,
    options: {
      /** A function can choose by the data (big files stay compact). */
      layout?: JsonLayout | ((data: T) => JsonLayout);
    } = {},
  ) {
    this.#layout = options.layout ?? { indent: 0 };
  }

  async read(): Promise<T | null> {
    const reading = this.reading();
    let data: unknown;
    try {
      // Sync on purpose: fs.promises.readFile gathers chunks and joins them, briefly holding
      // the file twice over — twice the index at the peak.
      data = readJsonFileSync(this.path, reading.each);
    } catch (error) {
      if (error instanceof UnreadableFile) throw error;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new UnreadableFile((error as Error).message);
    }
    return reading.check(data);
  }

  async write(data: T): Promise<void> {
    const layout = typeof this.#layout === 'function' ? this.#layout(data) : this.#layout;
    await writeFileAtomic(this.path, stringifyJson(data, layout) + '\n');
  }
}

export async function writeJsonAtomic(path: string, data: unknown, indent = 0): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(data, null, indent) + '\n');
}

/** A temp name of this process's own beside the target: never one another writer (or a
 * directory left in the way) could hold. */
const tempPath = (path: string) => join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);

/** Makes a rename or removal in the folder durable. Some file systems cannot sync a folder. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // EINVAL/EISDIR where folders cannot be synced: the rename stands regardless.
  } finally {
    await handle.close();
  }
}

/** Writes bytes (or chunks of them, strings as UTF-8) to a new temp file beside the target (created exclusively, so never through a
 * link), syncs it, then renames it over the target — replacing a link, never following it.
 * Readers see the old file or the new one, and after a crash the same holds. */
export async function writeFileAtomic(
  path: string,
  data: Buffer | string | Iterable<Buffer | string>,
  { syncFolder = true } = {},
): Promise<void> {
  const temp = tempPath(path);
  const handle = await open(temp, 'wx');
  try {
    try {
      // Chunks (a big archive's derived files) are written as they are made, never held whole.
      if (typeof data === 'string' || Buffer.isBuffer(data)) await handle.writeFile(data);
      else for (const chunk of data) await handle.writeFile(chunk); // each from where the last ended
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // Many files into one folder (bodies) sync the folder once, after the last.
  if (syncFolder) await syncDir(dirname(path));
}
