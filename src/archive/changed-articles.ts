// The metadata an import changes, by position, kept until its commit. Held as objects, 20 000
// new articles were 1.5–2 KB each of live heap (more than all else an import holds), and an
// import of any size holds all of them. So each is kept as its JSON text: in a spill file
// beside index.json when the import writes an archive (memory then holds two numbers an
// article), or in memory for a pure merge. Read back, an article is parsed anew each time.
import { closeSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleMeta } from '../model/schema.js';

/** Where the texts are kept: appended once, read by record number. */
interface Texts {
  append(text: string): number;
  read(record: number): string;
  close(): void;
}

class TextsInMemory implements Texts {
  readonly #texts: string[] = [];
  append(text: string): number {
    return this.#texts.push(text) - 1;
  }
  read(record: number): string {
    return this.#texts[record];
  }
  close(): void {}
}

/** A spill file's name: swept like a temp file of index.json if a write stops (see store.ts). */
export const SPILL_FILE = /^\.changed\.tmp-\d+-[a-z0-9]+$/;

class TextsInFile implements Texts {
  readonly #fd: number;
  readonly #path: string;
  #unlinked = false;
  #bytes = 0;
  readonly #offsets: number[] = [];
  readonly #lengths: number[] = [];

  constructor(dir: string) {
    this.#path = join(dir, `.changed.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
    this.#fd = openSync(this.#path, 'wx+');
    // Gone from the folder at once where the system allows it (the open file stays readable),
    // so a process killed mid-import leaves nothing behind; elsewhere removed on close.
    try {
      unlinkSync(this.#path);
      this.#unlinked = true;
    } catch {
      // removed by close(), or by the next write's sweep
    }
  }

  append(text: string): number {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(this.#fd, bytes, written, bytes.length - written, this.#bytes + written);
    this.#offsets.push(this.#bytes);
    this.#lengths.push(bytes.length);
    this.#bytes += bytes.length;
    return this.#offsets.length - 1;
  }

  read(record: number): string {
    const length = this.#lengths[record];
    const bytes = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.#fd, bytes, got, length - got, this.#offsets[record] + got);
      if (n === 0) throw new Error('the import spill file ends early');
      got += n;
    }
    return bytes.toString('utf8');
  }

  close(): void {
    closeSync(this.#fd);
    if (!this.#unlinked) rmSync(this.#path, { force: true });
  }
}

/** Changed articles by position; a later set of a position replaces the earlier. */
export class ChangedArticles implements Iterable<[number, ArticleMeta]> {
  readonly #records = new Map<number, number>();
  readonly #texts: Texts;

  /** `spillDir`: a folder to keep the texts in (the archive's); none: in memory. */
  constructor(spillDir?: string) {
    this.#texts = spillDir === undefined ? new TextsInMemory() : new TextsInFile(spillDir);
  }

  get size(): number {
    return this.#records.size;
  }

  set(position: number, meta: ArticleMeta): void {
    this.#records.set(position, this.#texts.append(JSON.stringify(meta)));
  }

  has(position: number): boolean {
    return this.#records.has(position);
  }

  get(position: number): ArticleMeta | undefined {
    const record = this.#records.get(position);
    return record === undefined ? undefined : (JSON.parse(this.#texts.read(record)) as ArticleMeta);
  }

  keys(): IterableIterator<number> {
    return this.#records.keys();
  }

  *values(): IterableIterator<ArticleMeta> {
    for (const [, meta] of this) yield meta;
  }

  *[Symbol.iterator](): IterableIterator<[number, ArticleMeta]> {
    for (const [position, record] of this.#records) yield [position, JSON.parse(this.#texts.read(record)) as ArticleMeta];
  }

  /** Ends the spill file, if any; the texts cannot be read after. */
  close(): void {
    this.#texts.close();
  }
}
