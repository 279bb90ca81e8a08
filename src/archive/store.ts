// The archive on disk: index.json (lowdb), the bodies in articles/ and the word index in
// search/. index.json is the one commit point: a write puts new bodies and segments beside
// the old under new names, then renames the new index into place, and only then removes what
// the old one named. A write that stops at any instant leaves the old archive or the new.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rmdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { BylineError } from '../model/errors.js';
import { UnreadableFile } from './jsonfile.js';
import { findArticleLine } from './id-lookup.js';
import { indexPath } from './index-path.js';
import type { ArticleEdit, EditResult } from './edit.js';
import { readBody } from './store/bodies.js';
import { indexFile, IndexReading } from './store/index-file.js';
import type { ImportBatch, ImportSummary } from './merge.js';
import {
  ARCHIVE_VERSION,
  BODY_FILE,
  leadOf,
  type Article,
  type ArticleMeta,
  type Author,
  type Block,
  type Index,
} from '../model/schema.js';

export const ARCHIVE_EXIT = 2;

/** A tag as stored (for the reader, which uses the store through this module). */
export { normalTag } from './edit.js';

const emptyIndex = (): Index => ({ formatVersion: ARCHIVE_VERSION, articles: [], authors: [] });

export class Archive {
  /** Articles a segment is written for while an import or reindex runs: bounds the words in memory. */
  static SEGMENT_DOCS = 1000;

  #byId = new Map<string, ArticleMeta>();
  readonly #authorsById = new Map<string, Author>();
  /** Leads read back from bodies, for a lean archive (see open). */
  readonly #leads = new Map<string, string>();

  private constructor(
    readonly dir: string,
    private readonly db: Low<Index>,
    /** Opened without leads, for reading only. */
    readonly lean: boolean,
    /** The id map, when the reading built it whole. */
    byId?: Map<string, ArticleMeta>,
    /** Holds only the article asked for by `open({ only })`: for reading that one. */
    readonly partial = false,
    /** Whether db.data holds the whole index (not so for an import's archive, which reads
     * under the lock only what it needs). */
    private loaded = true,
  ) {
    if (byId) this.#byId = byId;
    this.#mapArticles(byId === undefined);
  }

  static indexPath(dir: string): string {
    return indexPath(dir);
  }

  /** A read-only archive over an index read in part (the articles a caller found through the
   * id lookup): their metadata, authors and bodies. */
  static partialOf(dir: string, index: Index): Archive {
    return new Archive(
      dir,
      new Low<Index>(
        indexFile(Archive.indexPath(dir), () => new IndexReading(false)),
        index,
      ),
      false,
      undefined,
      true,
    );
  }

  /** Opens an existing archive; any problem is a BylineError with exit code 2.
   * `lean` is for the reader: when the archive has a word index (which holds the leads' words
   * for search), leads and content hashes are dropped as index.json is read — half the memory
   * of the metadata at 100 000 articles — and `lead()` reads a lead back from its body when it
   * is shown. A lean archive cannot be written. */
  static async open(
    dir: string,
    {
      create = false,
      lean = false,
      deferRead = false,
      only,
    }: { create?: boolean; lean?: boolean; deferRead?: boolean; only?: string } = {},
  ): Promise<Archive> {
    const full = resolve(dir);
    const path = Archive.indexPath(full);
    // One article by id: through the lookup when the index has one and it vouches for the
    // answer; otherwise (or no such id) the whole index is read as always.
    if (only !== undefined) {
      const found = findArticleLine(full, only);
      if (found)
        return new Archive(
          full,
          new Low<Index>(
            indexFile(path, () => new IndexReading(false)),
            found.index,
          ),
          false,
          undefined,
          true,
        );
    }
    // An import reads index.json under the lock anyway: reading it here too would parse the
    // whole index twice.
    if (deferRead)
      return new Archive(
        full,
        new Low<Index>(
          indexFile(path, () => new IndexReading(false)),
          emptyIndex(),
        ),
        false,
        undefined,
        false,
        false,
      );
    // Leads are searched through the word index: without one (no search/), they stay in memory.
    const dropLeads = lean && existsSync(join(full, 'search'));
    let reading: IndexReading | undefined;
    const db = new Low<Index>(
      indexFile(path, () => (reading = new IndexReading(dropLeads))),
      emptyIndex(),
    );
    try {
      await db.read();
    } catch (error) {
      const reason = error instanceof UnreadableFile ? error.message : (error as Error).message;
      throw new BylineError(`cannot read archive ${path}: ${reason}`, ARCHIVE_EXIT);
    }
    const missing = db.data.articles.length === 0 && db.data.authors.length === 0;
    if (missing && !create && !existsSync(path)) {
      throw new BylineError(
        `cannot read archive ${path}: no such archive (create one with: byline import FILE --archive ${dir})`,
        ARCHIVE_EXIT,
      );
    }
    return new Archive(full, db, dropLeads, reading?.complete ? reading.byId : undefined);
  }

  get articles(): readonly ArticleMeta[] {
    return this.db.data.articles;
  }

  get authors(): readonly Author[] {
    return this.db.data.authors;
  }

  /** The word-index segments this version of the index names. */
  get segments(): readonly string[] | undefined {
    return this.db.data.segments;
  }

  /** Rows removed since the word index was rebuilt (see removed-rows.ts). */
  get removedRows(): readonly number[] {
    return this.db.data.removedRows ?? [];
  }

  article(id: string): ArticleMeta | undefined {
    return this.#byId.get(id);
  }

  author(id: string): Author | undefined {
    return this.#authorsById.get(id);
  }

  authorsOf(meta: ArticleMeta): Author[] {
    return meta.authors.map((id) => this.#authorsById.get(id)).filter((a): a is Author => a !== undefined);
  }

  /** One author's articles, in archive order, from the author index. */
  articlesBy(authorId: string): ArticleMeta[] {
    return this.#articlesByAuthor().get(authorId) ?? [];
  }

  articleCountBy(authorId: string): number {
    return this.#articlesByAuthor().get(authorId)?.length ?? 0;
  }

  /** author id → articles. Made in one pass on first use (the authors screen, `byline
   * authors`), not at start-up, and dropped whenever the index changes: a scan of 100 000
   * articles per author was half a second per frame of the authors screen. */
  #byAuthor?: Map<string, ArticleMeta[]>;
  #articlesByAuthor(): Map<string, ArticleMeta[]> {
    if (this.#byAuthor) return this.#byAuthor;
    const map = new Map<string, ArticleMeta[]>();
    for (const article of this.articles) {
      for (const id of article.authors) {
        const list = map.get(id);
        if (list) {
          if (list.at(-1) !== article) list.push(article); // an author named twice counts once
        } else map.set(id, [article]);
      }
    }
    return (this.#byAuthor = map);
  }

  /** The file of the article's current body, as index.json names it. */
  bodyPath(id: string): string {
    const meta = this.#byId.get(id);
    return join(this.dir, 'articles', meta ? meta.bodyFile : `${id}.json`);
  }

  /** One article's body. A missing or corrupt body fails for that article only (exit 1). */
  body(id: string): Block[] {
    let path = this.bodyPath(id);
    // Another process committed a new version of this story since we read index.json, and
    // removed the version we know: the one body file of this id left is the current one.
    if (!existsSync(path)) path = this.#onlyBodyFileOf(id) ?? path;
    return readBody(path, id);
  }

  #onlyBodyFileOf(id: string): string | undefined {
    try {
      const found = readdirSync(join(this.dir, 'articles')).filter(
        (f) => f.startsWith(`${id}.`) && BODY_FILE.test(f) && f.length === id.length + 22,
      );
      return found.length === 1 ? join(this.dir, 'articles', found[0]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The body, or undefined when it cannot be read. */
  bodySafe(id: string): Block[] | undefined {
    try {
      return this.body(id);
    } catch {
      return undefined;
    }
  }

  /** The article's lead; for a lean archive read back from its body (and kept a while). */
  lead(meta: ArticleMeta): string {
    if (!this.lean) return meta.lead;
    let lead = this.#leads.get(meta.id);
    if (lead === undefined) {
      lead = leadOf(this.bodySafe(meta.id) ?? []);
      if (this.#leads.size >= 500) this.#leads.delete(this.#leads.keys().next().value!);
      this.#leads.set(meta.id, lead);
    }
    return lead;
  }

  full(meta: ArticleMeta): Article {
    return { ...meta, body: this.body(meta.id) };
  }

  /** Merges parsed articles in under the archive's write lock; writes nothing when nothing
   * changed. The index is read again inside the lock, always, so a concurrent import is never
   * lost. `batches` (one input file each) may be an async iterable that parses the files as
   * they are asked for: each is merged, its bodies written and its words gathered into a
   * segment, and dropped before the next is read, so memory grows with the metadata of what
   * the import changes, not with its text or the archive. A batch that throws (a bad file)
   * stops the import: nothing is committed and the files it wrote are removed. */
  async import(batches: Iterable<ImportBatch> | AsyncIterable<ImportBatch>, importedAt = new Date().toISOString()): Promise<ImportSummary> {
    this.#writable();
    try {
      return await this.#import(batches, importedAt);
    } catch (error) {
      if (error instanceof BylineError) throw error;
      throw new BylineError(`cannot write archive ${this.dir}: ${(error as Error).message}`, 1);
    }
  }

  async #import(batches: Iterable<ImportBatch> | AsyncIterable<ImportBatch>, importedAt: string): Promise<ImportSummary> {
    // Folders this import makes are removed again if it fails: a refused import leaves nothing.
    const made = [this.dir, join(this.dir, 'articles'), join(this.dir, 'search')].filter((d) => !existsSync(d));
    await mkdir(join(this.dir, 'articles'), { recursive: true });
    try {
      return await this.#importLocked(batches, importedAt);
    } catch (error) {
      for (const d of made.reverse()) await rmdir(d).catch(() => {});
      throw error;
    }
  }

  async #importLocked(batches: Iterable<ImportBatch> | AsyncIterable<ImportBatch>, importedAt: string): Promise<ImportSummary> {
    const { importUnderLock } = await import('./store/import-run.js');
    return importUnderLock(this.dir, this.db, batches, importedAt, Archive.SEGMENT_DOCS).finally(async () => {
      // This object reads the archive: it sees what was committed (an import's own, deferred
      // archive reads nothing).
      if (this.loaded) {
        await this.db.read();
        this.#mapArticles();
      }
    });
  }

  /** Removes articles and sets tags in one write under the lock, on the index as it is on disk
   * now. Removed articles leave index.json and their bodies go at the commit; their words
   * stop matching at once (their rows join the index's removedRows) and leave the word index
   * at its next merge. Authors left with no article go too. */
  async edit(edit: ArticleEdit): Promise<EditResult> {
    this.#writable();
    const { editSourceOf, planEdit } = await import('./edit.js');
    const { editUnderLock } = await import('./store/edit-write.js');
    const path = Archive.indexPath(this.dir);
    if (!existsSync(path)) return planEdit(editSourceOf([]), [], edit);
    const result = await editUnderLock(this.dir, this.db, edit);
    if (this.loaded) {
      await this.db.read();
      this.#mapArticles();
    }
    return { removed: result.removed, tagged: result.tagged, authorsRemoved: result.authorsRemoved, missing: result.missing };
  }

  /** Rebuilds the stored word index and every other derived file (id lookup, match keys)
   * from index.json and the bodies (after an upgrade of byline, or if search/ was lost).
   * Articles whose body cannot be read are indexed by their metadata alone. Like an import,
   * it builds on index.json as it is under the lock; a big index is read a line at a time
   * and the words written SEGMENT_DOCS articles to a segment, so memory stays bounded. */
  async rebuildSearchIndex(): Promise<number> {
    this.#writable();
    const { reindex } = await import('./store/reindex.js');
    const count = await reindex(this.dir, this.db, Archive.SEGMENT_DOCS);
    if (this.loaded) {
      await this.db.read();
      this.#mapArticles();
    }
    return count;
  }

  /** Every write of an archive (index, bodies, word index) starts here. */
  #writable(): void {
    if (this.lean) throw new Error('a lean archive (opened for reading) cannot be written');
    if (this.partial) throw new Error('an archive opened for one article cannot be written');
  }

  /** The maps by id and by author, made again from db.data (not `byline reindex`, which
   * rebuilds the derived files on disk). */
  #mapArticles(articles = true): void {
    this.#byAuthor = undefined;
    if (articles) {
      this.#byId.clear();
      for (const a of this.db.data.articles) this.#byId.set(a.id, a);
    }
    this.#authorsById.clear();
    for (const a of this.db.data.authors) this.#authorsById.set(a.id, a);
  }
}
