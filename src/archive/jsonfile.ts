// A lowdb adapter that checks what it reads and writes atomically (steno: temp file + rename).
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import type { Adapter } from 'lowdb';
import { Writer } from 'steno';

export class UnreadableFile extends Error {}

/** Parses JSON text, naming the problem in words a user can act on. */
export function parseJsonText(text: string): unknown {
  if (text.length === 0) throw new UnreadableFile('the file is empty');
  if (text.charCodeAt(0) === 0xfeff) throw new UnreadableFile('the file starts with a byte-order mark');
  if (text.includes('\u0000')) throw new UnreadableFile('the file contains NUL bytes');
  if (text.trim().length === 0) throw new UnreadableFile('the file is empty');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UnreadableFile(`not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
}

export function readJsonFileSync(path: string): unknown {
  return parseJsonText(readFileSync(path, 'utf8'));
}

export class CheckedJsonFile<T> implements Adapter<T> {
  readonly #writer: Writer;

  constructor(
    readonly path: string,
    private readonly check: (data: unknown) => T,
    /** Spaces of indentation; a function can choose by the data (big files stay compact). */
    private readonly indent: number | ((data: T) => number) = 0,
  ) {
    this.#writer = new Writer(path);
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new UnreadableFile((error as Error).message);
    }
    return this.check(parseJsonText(text));
  }

  async write(data: T): Promise<void> {
    const indent = typeof this.indent === 'function' ? this.indent(data) : this.indent;
    await this.#writer.write(JSON.stringify(data, null, indent) + '\n');
  }
}

export async function writeJsonAtomic(path: string, data: unknown, indent = 0): Promise<void> {
  await new Writer(path).write(JSON.stringify(data, null, indent) + '\n');
}

/** Writes bytes to a temp file beside the target, then renames it over: readers see old or new. */
export async function writeFileAtomic(path: string, data: Buffer | string): Promise<void> {
  const { writeFile, rename, open } = await import('node:fs/promises');
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, data);
  const handle = await open(temp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}
