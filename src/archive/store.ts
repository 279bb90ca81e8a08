// The archive on disk: index.json (lowdb) plus articles/<id>.json, one body per file.
// Bodies are written before the index, so the index never names a body that is not there.
import { existsSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import * as v from 'valibot';
import { BylineError } from './errors.js';
import { CheckedJsonFile, readJsonFileSync, UnreadableFile, writeJsonAtomic, type JsonReading } from './jsonfile.js';
import { addSegment, hasWordIndex, searchDir, segmentDoc } from './segment-store.js';
import { withLock } from './lock.js';
import type { ImportBatch, ImportSummary } from './merge.js';
import { isArticleMeta } from './fast-validate.js';
import { bodyFileTooLarge } from './limits.js';
import { ARCHIVE_VERSION, leadOf, BodyFileSchema, IndexEnvelopeSchema, IndexSchema, schemaProblem, type Article, type ArticleMeta, type Author, type Block, type Index } from './model.js';

export const ARCHIVE_EXIT = 2;

/** `fastChecked`: how many articles passed the fast check while the file was read. */
function checkIndex(data: unknown, fastChecked: number): Index {
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > ARCHIVE_VERSION) {
    throw new UnreadableFile(`archive version ${version} is newer than this byline understands (${ARCHIVE_VERSION}); upgrade byline`);
  }
  // The articles are by far the most of it: checked by the fast twin, the rest by valibot.
  const articles = (data as { articles?: unknown } | null)?.articles;
  if (version === ARCHIVE_VERSION && Array.isArray(articles) && fastChecked === articles.length) {
    const rest = v.safeParse(IndexEnvelopeSchema, data);
    if (rest.success) return data as Index;
  }
  const result = v.safeParse(IndexSchema, data);
  if (!result.success) throw new UnreadableFile(`does not match the archive schema (${schemaProblem(result.issues)})`);
  return result.output;
}

/** One read of index.json. The work on each article is done as it is read, while it is fresh
 * in the cache — ~150 ms less at 100 000 articles than a pass for each: the fast schema check,
 * the id map, one shared source record per import (not one object each: 12 MB at 100 000),
 * and for a lean archive, dropping the lead and the content hash. */
class IndexReading implements JsonReading<Index> {
  readonly byId = new Map<string, ArticleMeta>();
  #fastChecked = 0;
  #source?: ArticleMeta['source'];
  /** Every article passed the fast check: byId holds them all. */
  complete = false;

  constructor(private readonly lean: boolean) {}

  each = (key: string, item: unknown): void => {
    if (key !== 'articles') return;
    if (this.lean) dropLeadAndHash(item);
    if (!isArticleMeta(item)) return;
    this.#fastChecked++;
    const article = item as ArticleMeta;
    const source = this.#source;
    if (source && article.source.file === source.file && article.source.importedAt === source.importedAt) article.source = source;
    else this.#source = article.source;
    this.byId.set(article.id, article);
  };

  check = (data: unknown): Index => {
    const index = checkIndex(data, this.#fastChecked);
    this.complete = index === data && this.#fastChecked === index.articles.length;
    return index;
  };
}

function dropLeadAndHash(item: unknown): void {
  const article = item as { lead?: unknown; hash?: unknown } | null;
  if (typeof article?.lead === 'string') article.lead = '';
  if (typeof article?.hash === 'string') article.hash = ''; // only imports compare hashes
}

function fileStamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    return 'missing';
  }
}

const emptyIndex = (): Index => ({ version: ARCHIVE_VERSION, articles: [], authors: [] });

export class Archive {
  #byId = new Map<string, ArticleMeta>();
  readonly #authorsById = new Map<string, Author>();
  /** index.json's size and time when last read or written by this process. */
  #stamp = '';
  /** Leads read back from bodies, for a lean archive (see open). */
  readonly #leads = new Map<string, string>();

  private constructor(
    readonly dir: string,
    private readonly db: Low<Index>,
    /** Opened without leads, for reading only. */
    readonly lean: boolean,
    /** The id map, when the reading built it whole. */
    byId?: Map<string, ArticleMeta>,
  ) {
    if (byId) this.#byId = byId;
    this.#reindex(byId === undefined);
  }

  static indexPath(dir: string): string {
    return join(dir, 'index.json');
  }

  /** Opens an existing archive; any problem is a BylineError with exit code 2.
   * `lean` is for the reader: when the archive has a word index (which holds the leads' words
   * for search), leads and content hashes are dropped as index.json is read — half the memory
   * of the metadata at 100 000 articles — and `lead()` reads a lead back from its body when it
   * is shown. A lean archive cannot be written. */
  static async open(dir: string, { create = false, lean = false } = {}): Promise<Archive> {
    const full = resolve(dir);
    const path = Archive.indexPath(full);
    const dropLeads = lean && hasWordIndex(full);
    // Readable (and diffable) while small; line-wise and ASCII when large, where it saves parse time and memory.
    const layout = (data: Index) => (data.articles.length <= 1000 ? { indent: 1 } : { indent: 0, lines: true, ascii: true });
    let reading: IndexReading | undefined;
    const read = () => (reading = new IndexReading(dropLeads));
    const db = new Low<Index>(new CheckedJsonFile(path, read, { layout }), emptyIndex());
    try {
      await db.read();
    } catch (error) {
      const reason = error instanceof UnreadableFile ? error.message : (error as Error).message;
      throw new BylineError(`cannot read archive ${path}: ${reason}`, ARCHIVE_EXIT);
    }
    const missing = db.data.articles.length === 0 && db.data.authors.length === 0;
    if (missing && !create && !existsSync(path)) {
      throw new BylineError(`cannot read archive ${path}: no such archive (create one with: byline import FILE --archive ${dir})`, ARCHIVE_EXIT);
    }
    const archive = new Archive(full, db, dropLeads, reading?.complete ? reading.byId : undefined);
    archive.#stamp = fileStamp(path);
    return archive;
  }

  get articles(): readonly ArticleMeta[] {
    return this.db.data.articles;
  }

  get authors(): readonly Author[] {
    return this.db.data.authors;
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

  articlesBy(authorId: string): ArticleMeta[] {
    return this.articles.filter((a) => a.authors.includes(authorId));
  }

  bodyPath(id: string): string {
    return join(this.dir, 'articles', `${id}.json`);
  }

  /** One article's body. A missing or corrupt body fails for that article only (exit 1). */
  body(id: string): Block[] {
    const path = this.bodyPath(id);
    let data: unknown;
    try {
      // The size first: a body past the limit is refused, never read (see limits.ts).
      const tooLarge = bodyFileTooLarge(statSync(path).size);
      if (tooLarge) throw new Error(tooLarge);
      data = readJsonFileSync(path);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the body file is missing' : (error as Error).message;
      throw new BylineError(`cannot read article ${id} (${path}): ${reason}`, 1);
    }
    const result = v.safeParse(BodyFileSchema, data);
    if (!result.success) throw new BylineError(`cannot read article ${id} (${path}): ${schemaProblem(result.issues)}`, 1);
    return result.output.body;
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
   * changed. The index is read again inside the lock, so a concurrent import is never lost. */
  async import(batches: ImportBatch[], importedAt = new Date().toISOString()): Promise<ImportSummary> {
    this.#writable();
    try {
      return await this.#import(batches, importedAt);
    } catch (error) {
      if (error instanceof BylineError) throw error;
      throw new BylineError(`cannot write archive ${this.dir}: ${(error as Error).message}`, 1);
    }
  }

  async #import(batches: ImportBatch[], importedAt: string): Promise<ImportSummary> {
    await mkdir(join(this.dir, 'articles'), { recursive: true });
    const path = Archive.indexPath(this.dir);
    return withLock(
      path,
      async () => {
        // Read again only if another process wrote the index since we read it.
        if (this.#stamp !== fileStamp(path)) {
          try {
            await this.db.read();
          } catch (error) {
            throw new BylineError(`cannot read archive ${path}: ${(error as Error).message}`, ARCHIVE_EXIT);
          }
        }
        // Loaded here, not at start-up: only imports need it (and node:crypto, ~10 ms to load).
        const { mergeImport } = await import('./merge.js');
        const result = mergeImport(this.db.data, batches, importedAt);
        if (!result.changed) return result.summary;
        const before = this.db.data;
        try {
          for (const [id, body] of result.bodies) await writeJsonAtomic(this.bodyPath(id), { id, body }, 1);
          const metaOf = new Map(result.index.articles.map((a) => [a.id, a]));
          const names = new Map(result.index.authors.map((a) => [a.id, a.name]));
          await addSegment(
            this.dir,
            [...result.bodies].map(([id, body]) => {
              const meta = metaOf.get(id)!;
              return segmentDoc(meta, meta.authors.map((a) => names.get(a) ?? ''), body);
            }),
          );
          this.db.data = result.index;
          await this.db.write();
          this.#stamp = fileStamp(path);
        } catch (error) {
          this.db.data = before;
          throw new BylineError(`cannot write archive ${this.dir}: ${(error as Error).message}; index.json was left as it was`, 1);
        }
        this.#reindex();
        return result.summary;
      },
      { what: `archive ${this.dir}` },
    );
  }

  /** Rebuilds the stored word index from index.json and the bodies (after an upgrade of
   * byline, or if search/ was lost). Articles whose body cannot be read are indexed by
   * their metadata alone. */
  async rebuildSearchIndex(): Promise<number> {
    this.#writable();
    const path = Archive.indexPath(this.dir);
    return withLock(
      path,
      async () => {
        await rm(searchDir(this.dir), { recursive: true, force: true });
        const names = new Map(this.authors.map((a) => [a.id, a.name]));
        const BATCH = 5000;
        for (let start = 0; start < this.articles.length; start += BATCH) {
          const docs = this.articles
            .slice(start, start + BATCH)
            .map((meta) => segmentDoc(meta, meta.authors.map((a) => names.get(a) ?? ''), this.bodySafe(meta.id) ?? []));
          await addSegment(this.dir, docs);
        }
        return this.articles.length;
      },
      { what: `archive ${this.dir}` },
    );
  }

  /** Every write of an archive (index, bodies, word index) starts here. */
  #writable(): void {
    if (this.lean) throw new Error('a lean archive (opened for reading) cannot be written');
  }

  #reindex(articles = true): void {
    if (articles) {
      this.#byId.clear();
      for (const a of this.db.data.articles) this.#byId.set(a.id, a);
    }
    this.#authorsById.clear();
    for (const a of this.db.data.authors) this.#authorsById.set(a.id, a);
  }
}

