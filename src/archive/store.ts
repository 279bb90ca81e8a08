// The archive on disk: index.json (lowdb), the bodies in articles/ and the word index in
// search/. index.json is the one commit point: a write puts new bodies and segments beside
// the old under new names, then renames the new index into place, and only then removes what
// the old one named. A write that stops at any instant leaves the old archive or the new.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import * as v from 'valibot';
import { BylineError } from '../model/errors.js';
import { CheckedJsonFile, readJsonFileSync, syncDir, UnreadableFile, writeFileAtomic, type JsonReading } from './jsonfile.js';
import { findArticleLine, lookupText, newLookupName, stringifyIndexLines } from './id-lookup.js';
import { newCatalogName, removeUnnamedCatalogs, writeCatalog } from './catalog.js';
import { addSegment, hasWordIndex, removeUnnamedSegments, segmentDoc } from './segment-store.js';
import { withLock } from './lock.js';
import type { ImportBatch, ImportSummary } from './merge.js';
import { isArticleMeta } from './fast-validate.js';
import { bodyFileTooLarge } from '../model/limits.js';
import { ARCHIVE_VERSION, BODY_FILE, LOOKUP_FILE, leadOf, BodyFileSchema, IndexEnvelopeSchema, IndexSchema, schemaProblem, type Article, type ArticleMeta, type Author, type Block, type Index } from '../model/schema.js';

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

/** Two articles (or authors) under one id would be one file, one row of two: refuse the archive. */
function checkUnique(index: Index, articleIds: number): Index {
  if (articleIds !== index.articles.length) {
    const seen = new Set<string>();
    for (const a of index.articles) {
      if (seen.has(a.id)) throw new UnreadableFile(`duplicate article id ${JSON.stringify(a.id)}`);
      seen.add(a.id);
    }
  }
  const authors = new Set(index.authors.map((a) => a.id));
  if (authors.size !== index.authors.length) {
    const dup = index.authors.find((a, i) => index.authors.findIndex((b) => b.id === a.id) !== i)!;
    throw new UnreadableFile(`duplicate author id ${JSON.stringify(dup.id)}`);
  }
  return index;
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
    // The id map has one entry per distinct id: fewer than articles means a duplicate.
    return checkUnique(index, this.complete ? this.byId.size : -1);
  };
}

function dropLeadAndHash(item: unknown): void {
  const article = item as { lead?: unknown; hash?: unknown } | null;
  if (typeof article?.lead === 'string') article.lead = '';
  if (typeof article?.hash === 'string') article.hash = ''; // only imports compare hashes
}

/** Past this many articles index.json is written one article a line with an id lookup. */
const LINES_FROM_ARTICLES = 1001;

/** index.json: readable (and diffable) while small; when large, one article a line, header
 * keys first, with an id lookup written before it (see id-lookup.ts) — a command that wants
 * one article reads one line. */
class IndexFile extends CheckedJsonFile<Index> {
  constructor(path: string, reading: () => IndexReading) {
    super(path, reading, { layout: { indent: 1 } });
  }

  override async write(data: Index): Promise<void> {
    if (data.articles.length < LINES_FROM_ARTICLES) {
      delete data.lookup;
      delete data.catalog;
      return super.write(data);
    }
    // The lookup first, under a new name: until index.json names it, nothing reads it.
    data.lookup = newLookupName();
    data.catalog = newCatalogName();
    const { text, records } = stringifyIndexLines(data, data.lookup);
    const indexText = `${text}\n`;
    await writeFileAtomic(join(dirname(this.path), data.lookup), lookupText(records, Buffer.byteLength(indexText)));
    await writeCatalog(dirname(this.path), data.catalog, data.articles, Buffer.byteLength(indexText));
    crashPoint('lookup-written');
    await writeFileAtomic(this.path, indexText);
  }
}

const indexFile = (path: string, reading: () => IndexReading) => new IndexFile(path, reading);

/** Archives written before bodies were versioned keep theirs at articles/<id>.json. */
const LEGACY_BODY_FILE = /^[a-z0-9][a-z0-9-]{0,79}\.json$/;
const bodyFileOf = (meta: Pick<ArticleMeta, 'id' | 'bodyFile'>) => meta.bodyFile ?? `${meta.id}.json`;

/** For the fault tests: BYLINE_TEST_CRASH_AT=<point> kills the process there, as kill -9 would. */
function crashPoint(point: string): void {
  if (process.env.BYLINE_TEST_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}

const emptyIndex = (): Index => ({ version: ARCHIVE_VERSION, articles: [], authors: [] });

export class Archive {
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
  static async open(dir: string, { create = false, lean = false, deferRead = false, only }: { create?: boolean; lean?: boolean; deferRead?: boolean; only?: string } = {}): Promise<Archive> {
    const full = resolve(dir);
    const path = Archive.indexPath(full);
    // One article by id: through the lookup when the index has one and it vouches for the
    // answer; otherwise (or no such id) the whole index is read as always.
    if (only !== undefined) {
      const found = findArticleLine(full, only);
      if (found) return new Archive(full, new Low<Index>(indexFile(path, () => new IndexReading(false)), found.index), false, undefined, true);
    }
    // An import reads index.json under the lock anyway: reading it here too would parse the
    // whole index twice.
    if (deferRead) return new Archive(full, new Low<Index>(indexFile(path, () => new IndexReading(false)), emptyIndex()), false);
    const dropLeads = lean && hasWordIndex(full);
    let reading: IndexReading | undefined;
    const db = new Low<Index>(indexFile(path, () => (reading = new IndexReading(dropLeads))), emptyIndex());
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
    return new Archive(full, db, dropLeads, reading?.complete ? reading.byId : undefined);
  }

  /** A read-only archive over an index read in part (the articles a caller found through the
   * id lookup): their metadata, authors and bodies. */
  static partialOf(dir: string, index: Index): Archive {
    return new Archive(dir, new Low<Index>(indexFile(Archive.indexPath(dir), () => new IndexReading(false)), index), false, undefined, true);
  }

  get articles(): readonly ArticleMeta[] {
    return this.db.data.articles;
  }

  get authors(): readonly Author[] {
    return this.db.data.authors;
  }

  /** The word-index segments this version of the index names (undefined: an older archive). */
  get segments(): readonly string[] | undefined {
    return this.db.data.segments;
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
        }
        else map.set(id, [article]);
      }
    }
    return (this.#byAuthor = map);
  }

  /** The file of the article's current body, as index.json names it. */
  bodyPath(id: string): string {
    const meta = this.#byId.get(id);
    return join(this.dir, 'articles', bodyFileOf(meta ?? { id }));
  }

  /** One article's body. A missing or corrupt body fails for that article only (exit 1). */
  body(id: string): Block[] {
    let path = this.bodyPath(id);
    // Another process committed a new version of this story since we read index.json, and
    // removed the version we know: the one body file of this id left is the current one.
    if (!existsSync(path)) path = this.#onlyBodyFileOf(id) ?? path;
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

  #onlyBodyFileOf(id: string): string | undefined {
    try {
      const found = readdirSync(join(this.dir, 'articles')).filter((f) => f.startsWith(`${id}.`) && BODY_FILE.test(f) && f.length === id.length + 22);
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
   * changed. The index is read again inside the lock, always, so a concurrent import is never lost. */
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
    return this.#underLock(async () => {
      // Loaded here, not at start-up: only imports need it (and node:crypto, ~10 ms to load).
      const { mergeImport } = await import('./merge.js');
      const result = mergeImport(this.db.data, batches, importedAt, (id) => this.bodySafe(id));
      if (!result.changed) {
        await this.#sweep(); // what a write that stopped half way may have left
        return result.summary;
      }
      const metaOf = new Map(result.index.articles.map((a) => [a.id, a]));
      const names = new Map(result.index.authors.map((a) => [a.id, a.name]));
      await this.#commit(result.index, async () => {
        // Each version of a body has a file of its own (merge names it): the current one is never overwritten.
        for (const [id, body] of result.bodies) {
          await writeFileAtomic(join(this.dir, 'articles', bodyFileOf(metaOf.get(id)!)), JSON.stringify({ id, body }, null, 1) + '\n', { syncFolder: false });
        }
        await syncDir(join(this.dir, 'articles'));
        crashPoint('bodies-written');
        const docs = [...result.bodies].map(([id, body]) => {
          const meta = metaOf.get(id)!;
          return segmentDoc(meta, meta.authors.map((a) => names.get(a) ?? ''), body);
        });
        return addSegment(this.dir, this.db.data.segments, docs);
      });
      return result.summary;
    });
  }

  /** Runs a write under the archive's lock, on index.json as it is on disk now: whatever
   * another writer committed before we got the lock is what this write builds on. */
  async #underLock<T>(write: () => Promise<T>): Promise<T> {
    const path = Archive.indexPath(this.dir);
    return withLock(
      path,
      async () => {
        try {
          await this.db.read();
        } catch (error) {
          throw new BylineError(`cannot read archive ${path}: ${(error as Error).message}`, ARCHIVE_EXIT);
        }
        this.#reindex();
        return write();
      },
      { what: `archive ${this.dir}` },
    );
  }

  /** Writes `next` as the new index. `prepare` writes what it will name (bodies, segments)
   * beside what the current index names; the rename of index.json commits all of it; then
   * what no index names any more is removed. A failure before the rename leaves the archive
   * exactly as it was (stray new files are swept by the next write). */
  async #commit(next: Index, prepare: () => Promise<string[]>): Promise<void> {
    const before = this.db.data;
    try {
      next.segments = await prepare();
      crashPoint('segments-written');
      this.db.data = next;
      await this.db.write();
    } catch (error) {
      this.db.data = before;
      throw new BylineError(`cannot write archive ${this.dir}: ${(error as Error).message}; index.json was left as it was`, 1);
    }
    crashPoint('index-written');
    this.#reindex();
    // Committed: what the old index named and the new one does not can go.
    await this.#sweep();
  }

  /** Removes, under the lock, the files of ours that index.json does not name: those a commit
   * replaced, and those a write that stopped half way left behind. A failure here loses
   * nothing: the next write sweeps again. */
  async #sweep(): Promise<void> {
    try {
      if (this.db.data.segments) await removeUnnamedSegments(this.dir, this.db.data.segments);
      await this.#removeUnnamedBodies();
      await this.#removeUnnamedLookups();
      await removeUnnamedCatalogs(this.dir, this.db.data.catalog);
    } catch {
      // left for the next write
    }
  }

  async #removeUnnamedLookups(): Promise<void> {
    const named = this.db.data.lookup;
    const stale = (f: string) => (LOOKUP_FILE.test(f) && f !== named) || /^\.index\.[0-9a-f]{16}\.ids\.tmp-/.test(f);
    for (const f of readdirSync(this.dir)) if (stale(f)) await rm(join(this.dir, f), { force: true });
  }

  async #removeUnnamedBodies(): Promise<void> {
    const dir = join(this.dir, 'articles');
    if (!existsSync(dir)) return;
    const named = new Set(this.articles.map(bodyFileOf));
    const stale = (f: string) => {
      if (named.has(f)) return false;
      if (BODY_FILE.test(f) || /^\..+\.json\.tmp-/.test(f)) return true;
      // An older archive's <id>.json goes once its article has a versioned body; any other
      // file a person put in the folder stays.
      return LEGACY_BODY_FILE.test(f) && this.#byId.has(f.slice(0, -'.json'.length));
    };
    for (const f of readdirSync(dir)) if (stale(f)) await rm(join(dir, f), { force: true });
  }

  /** A big archive written before index.json had an id lookup (see id-lookup.ts) or a
   * catalog (see catalog.ts). */
  get needsUpgrade(): boolean {
    return !this.lean && !this.partial && this.articles.length >= LINES_FROM_ARTICLES && (this.db.data.lookup === undefined || this.db.data.catalog === undefined);
  }

  /** Rewrites index.json in the current layout (with its lookup), changing nothing else;
   * false when another writer has done it meanwhile. Like every write, under the lock. */
  async upgradeLayout(): Promise<boolean> {
    this.#writable();
    return this.#underLock(async () => {
      if (!this.needsUpgrade) return false;
      const segments = this.db.data.segments;
      await this.#commit({ ...this.db.data }, async () => (segments ? [...segments] : undefined) as string[]);
      return true;
    });
  }

  /** Rebuilds the stored word index from index.json and the bodies (after an upgrade of
   * byline, or if search/ was lost). Articles whose body cannot be read are indexed by
   * their metadata alone. Like an import, it builds on index.json as it is under the lock. */
  async rebuildSearchIndex(): Promise<number> {
    this.#writable();
    return this.#underLock(async () => {
      const names = new Map(this.authors.map((a) => [a.id, a.name]));
      const next: Index = { ...this.db.data, segments: [] };
      await this.#commit(next, async () => {
        let segments: string[] = [];
        const BATCH = 5000;
        for (let start = 0; start < this.articles.length; start += BATCH) {
          const docs = this.articles
            .slice(start, start + BATCH)
            .map((meta) => segmentDoc(meta, meta.authors.map((a) => names.get(a) ?? ''), this.bodySafe(meta.id) ?? []));
          segments = await addSegment(this.dir, segments, docs);
        }
        return segments;
      });
      return this.articles.length;
    });
  }

  /** Every write of an archive (index, bodies, word index) starts here. */
  #writable(): void {
    if (this.lean) throw new Error('a lean archive (opened for reading) cannot be written');
    if (this.partial) throw new Error('an archive opened for one article cannot be written');
  }

  #reindex(articles = true): void {
    this.#byAuthor = undefined;
    if (articles) {
      this.#byId.clear();
      for (const a of this.db.data.articles) this.#byId.set(a.id, a);
    }
    this.#authorsById.clear();
    for (const a of this.db.data.authors) this.#authorsById.set(a.id, a);
  }
}

