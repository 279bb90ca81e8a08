// The archive on disk: index.json (lowdb), the bodies in articles/ and the word index in
// search/. index.json is the one commit point: a write puts new bodies and segments beside
// the old under new names, then renames the new index into place, and only then removes what
// the old one named. A write that stops at any instant leaves the old archive or the new.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rm, rmdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import * as v from 'valibot';
import { BylineError } from '../model/errors.js';
import { CheckedJsonFile, readJsonFileSync, syncDir, UnreadableFile, writeFileAtomic, type JsonReading } from './jsonfile.js';
import { closeSync, openSync } from 'node:fs';
import { findArticleLine } from './id-lookup.js';
import { indexPath } from './index-path.js';
import { idOfLine, linesOfMetas, rawArticleLines, readIndexHeader, StoredLines, writeIndexLines } from './index-lines.js';
import { compact, namedSegments, removeUnnamedSegments, segmentDoc, writeNewSegment } from './segment-store.js';
import { SegmentBuilder } from '../search/segment.js';
import { segmentRow, withRemoved } from '../search/removed-rows.js';
import type { ArticleEdit, EditResult } from './edit.js';
import { SPILL_FILE } from './changed-articles.js';
import { withLock } from './lock.js';
import type { ImportBatch, ImportSummary, MergeState, StoredArticles } from './merge.js';
import { isArticleMeta } from './fast-validate.js';
import { bodyFileTooLarge } from '../model/limits.js';
import {
  ARCHIVE_VERSION,
  formatVersionOf,
  otherFormat,
  BODY_FILE,
  CATALOG_FILE,
  KEYS_FILE,
  LOOKUP_FILE,
  leadOf,
  BodyFileSchema,
  IndexEnvelopeSchema,
  IndexSchema,
  schemaProblem,
  type Article,
  type ArticleMeta,
  type Author,
  type Block,
  type Index,
} from '../model/schema.js';

export const ARCHIVE_EXIT = 2;

/** A tag as stored (for the reader, which uses the store through this module). */
export { normalTag } from './edit.js';

/** `fastChecked`: how many articles passed the fast check while the file was read. */
function checkIndex(data: unknown, fastChecked: number): Index {
  const other = otherFormat(formatVersionOf(data));
  if (other) throw new UnreadableFile(other);
  // The articles are by far the most of it: checked by the fast twin, the rest by valibot.
  const articles = (data as { articles?: unknown } | null)?.articles;
  if (Array.isArray(articles) && fastChecked === articles.length) {
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
 * in the cache, rather than in a pass for each: the fast schema check, the id map, one shared
 * source record per import (not one object per article),
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
      delete data.keys;
      delete data.catalog;
      return super.write(data);
    }
    const written = await writeIndexLines(dirname(this.path), {
      header: { formatVersion: data.formatVersion, segments: data.segments, authors: data.authors },
      stored: linesOfMetas(data.articles),
      changed: new Map(),
      added: 0,
    });
    data.lookup = written.lookup;
    data.keys = written.keys;
    data.catalog = written.catalog;
  }
}

const indexFile = (path: string, reading: () => IndexReading) => new IndexFile(path, reading);

const bodyFileOf = (meta: Pick<ArticleMeta, 'bodyFile'>) => meta.bodyFile;

/** For the fault tests: BYLINE_TEST_CRASH_AT=<point> kills the process there, as kill -9 would. */
function crashPoint(point: string): void {
  if (process.env.BYLINE_TEST_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}

/** The body files of stored articles this import gave a new version: they go after the commit. */
function replacedBodies(state: MergeState): string[] {
  const old = [...state.changed.keys()].filter((p) => p < state.stored.count).map((p) => bodyFileOf(state.stored.meta(p)));
  const replaced = new Set([...old, ...state.superseded]);
  if (replaced.size === 0) return [];
  // The changed articles are read one at a time (an import of 20 000 new ones has no replaced
  // body, and its metadata is never all in memory at once).
  for (const meta of state.changed.values()) replaced.delete(bodyFileOf(meta));
  return [...replaced];
}

interface Opened {
  stored: StoredArticles;
  authors: Author[];
  /** The segments it names (all in search/ for an archive written before it named them). */
  segments: string[];
  /** A big index read a line at a time, */
  lines?: StoredLines;
  /** or a small (or older) one read whole. */
  index?: Index;
}

/** In the archive folder while a write is under way (see markWriting). */
const WRITING_MARKER = '.writing';

const emptyIndex = (): Index => ({ formatVersion: ARCHIVE_VERSION, articles: [], authors: [] });

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
    const dropLeads = lean;
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
    return this.#bodyAt(path, id);
  }

  #bodyAt(path: string, id: string): Block[] {
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
    // Loaded here, not at start-up: only imports need it (and node:crypto, which a read should not wait to load).
    const { MergeState, StoredInMemory, applyChanges } = await import('./merge.js');
    const path = Archive.indexPath(this.dir);
    return withLock(
      path,
      async () => {
        const opened = await this.#openForWrite(StoredInMemory);
        // A write that stopped part way left its marker: this one sweeps everything.
        const stopped = await this.#markWriting();
        let state: InstanceType<typeof MergeState> | undefined;
        try {
          state = new MergeState(opened.stored, opened.authors, (meta) => this.#bodyOfMeta(meta), this.dir);
          const removedRows = (opened.lines ? opened.lines.header.removedRows : opened.index?.removedRows) ?? [];
          const written = await this.#writeBatches(state, batches, importedAt, stopped, removedRows);
          crashPoint('bodies-written');
          if (!state.dirty) {
            await this.#sweep([], stopped);
            return state.summary;
          }
          try {
            const segments = await compact(this.dir, [...opened.segments, ...written.segments], removedRows);
            crashPoint('segments-written');
            await this.#commitChanges(opened, state, segments, removedRows, applyChanges);
          } catch (error) {
            throw new BylineError(`cannot write archive ${this.dir}: ${(error as Error).message}; index.json was left as it was`, 1);
          }
          crashPoint('index-written');
          await this.#sweep(replacedBodies(state), stopped);
          return state.summary;
        } finally {
          state?.close();
          opened.lines?.close();
        }
      },
      { what: `archive ${this.dir}` },
    ).finally(async () => {
      // This object reads the archive: it sees what was committed (an import's own, deferred
      // archive reads nothing).
      if (this.loaded) {
        await this.db.read();
        this.#mapArticles();
      }
    });
  }

  /** The stored index as the merge needs it, read under the lock: a big index a line at a
   * time, a small (or older) one whole. */
  async #openForWrite(InMemory: new (articles: readonly ArticleMeta[]) => StoredArticles): Promise<Opened> {
    const path = Archive.indexPath(this.dir);
    try {
      const lines = StoredLines.open(this.dir);
      if (lines) return { lines, stored: lines, authors: lines.header.authors, segments: namedSegments(this.dir, lines.header.segments) };
      await this.db.read();
    } catch (error) {
      throw new BylineError(`cannot read archive ${path}: ${(error as Error).message}`, ARCHIVE_EXIT);
    }
    this.#mapArticles();
    const index = this.db.data;
    return { index, stored: new InMemory(index.articles), authors: index.authors, segments: namedSegments(this.dir, index.segments) };
  }

  /** Merges each batch as it comes, writes its bodies, and writes a segment for every
   * SEGMENT_DOCS articles. On any failure the files written so far are removed (what is
   * left, the next write sweeps) and the error goes on. */
  async #writeBatches(
    state: MergeState,
    batches: Iterable<ImportBatch> | AsyncIterable<ImportBatch>,
    importedAt: string,
    stopped: boolean,
    removedRows: readonly number[],
  ): Promise<{ segments: string[] }> {
    let segments: string[] = [];
    let docs = new SegmentBuilder();
    const flushDocs = async () => {
      if (docs.size === 0) return;
      const written = [...segments, await writeNewSegment(this.dir, docs)];
      docs = new SegmentBuilder();
      // The import's own segments are merged as they come, a few at a time, not all at the
      // commit: a big import would otherwise end with dozens of merges in a row, whose buffers
      // pile up faster than they are collected. What a merge replaced is no one's: it goes.
      segments = await compact(this.dir, written);
      for (const name of written) if (!segments.includes(name)) await rm(join(this.dir, 'search', name), { force: true });
    };
    // What this import wrote, to remove on failure: named by what it keeps anyway (a list of
    // paths would grow with the import).
    function* written(dir: string): Generator<string> {
      for (const meta of state.changed.values()) yield join(dir, 'articles', bodyFileOf(meta));
      for (const f of state.superseded) yield join(dir, 'articles', f);
      for (const name of segments) yield join(dir, 'search', name);
    }
    try {
      for await (const batch of batches) {
        const changed = state.add(batch, importedAt);
        for (const { meta, body, position } of changed) {
          // Each version of a body has a file of its own (merge names it): the current one is never overwritten.
          const file = join(this.dir, 'articles', bodyFileOf(meta));
          await writeFileAtomic(file, JSON.stringify({ id: meta.id, body }, null, 1) + '\n', { syncFolder: false });
          // A later version in the same import goes to a later segment, which hides the earlier.
          if (docs.has(meta.id)) await flushDocs();
          docs.add(
            segmentDoc(
              meta,
              meta.authors.map((a) => state.authorName(a)),
              body,
              segmentRow(position, removedRows),
            ),
          );
        }
        if (changed.length) await syncDir(join(this.dir, 'articles'));
        state.batchWritten();
        if (docs.size >= Archive.SEGMENT_DOCS) await flushDocs();
      }
      await flushDocs();
      return { segments };
    } catch (error) {
      let removed = true;
      for (const f of written(this.dir)) await rm(f, { force: true }).catch(() => (removed = false));
      // All gone: nothing is left to sweep (unless an earlier write left something).
      if (removed && !stopped) await rm(join(this.dir, WRITING_MARKER), { force: true }).catch(() => {});
      throw error;
    }
  }

  /** Articles a segment is written for while an import runs: bounds the words in memory. */
  static SEGMENT_DOCS = 1000;

  /** Writes the new index.json: a big one streamed (unchanged lines copied), a small one whole. */
  async #commitChanges(
    opened: Opened,
    state: MergeState,
    segments: string[],
    removedRows: readonly number[],
    applyChanges: (index: Index, state: MergeState) => Index,
  ): Promise<void> {
    const total = state.stored.count + state.added;
    if (opened.lines || total >= LINES_FROM_ARTICLES) {
      await writeIndexLines(this.dir, {
        header: { formatVersion: ARCHIVE_VERSION, segments, removedRows: [...removedRows], authors: state.authors },
        stored: opened.lines ?? linesOfMetas(opened.index!.articles),
        changed: state.changed,
        added: state.added,
      });
      return;
    }
    const next = applyChanges(opened.index!, state);
    next.segments = segments;
    if (removedRows.length) next.removedRows = [...removedRows];
    const before = this.db.data;
    this.db.data = next;
    try {
      await this.db.write();
    } catch (error) {
      this.db.data = before;
      throw error;
    }
  }

  /** One body, from the file the given metadata names (for the merge, which reads the
   * stored articles a line at a time). */
  #bodyOfMeta(meta: ArticleMeta): Block[] | undefined {
    try {
      return this.#bodyAt(join(this.dir, 'articles', bodyFileOf(meta)), meta.id);
    } catch {
      return undefined;
    }
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
        this.#mapArticles();
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
    this.#mapArticles();
    // Committed: what the old index named and the new one does not can go.
    await this.#sweep();
  }

  /** The marker of a write under way (in the archive folder, which is small to list): a write
   * that finds one left behind knows one stopped part way, and sweeps all of articles/ — a
   * listing of 100 000 files that a write otherwise does without. Returns whether there was one. */
  async #markWriting(): Promise<boolean> {
    const marker = join(this.dir, WRITING_MARKER);
    const stopped = existsSync(marker);
    if (!stopped) await writeFileAtomic(marker, `${process.pid}\n`);
    return stopped;
  }

  /** Removes, under the lock, the files of ours that index.json does not name: those a commit
   * replaced (`replaced`, body files), and with `all`, those a write that stopped half way
   * left behind (a big archive's articles/ is listed only then: a small one's always). A
   * failure here loses nothing: the marker stays, and the next write sweeps everything. */
  async #sweep(replaced: readonly string[] = [], all = true): Promise<void> {
    try {
      const fd = openSync(Archive.indexPath(this.dir), 'r');
      try {
        const big = readIndexHeader(fd);
        if (big) {
          // A big index is not held: what it names is read from its header and, only when
          // articles/ holds other files than one per article, from its lines.
          if (big.header.segments) await removeUnnamedSegments(this.dir, big.header.segments);
          await this.#removeUnnamedRootFiles([big.header.lookup, big.header.keys, big.header.catalog]);
          for (const f of replaced) await rm(join(this.dir, 'articles', f), { force: true });
          if (all) await this.#removeUnnamedBodiesOfLines(fd, big.end);
          await rm(join(this.dir, WRITING_MARKER), { force: true });
          return;
        }
      } finally {
        closeSync(fd);
      }
      if (this.db.data.segments) await removeUnnamedSegments(this.dir, this.db.data.segments);
      await this.#removeUnnamedBodies();
      await this.#removeUnnamedRootFiles([this.db.data.lookup, this.db.data.keys, this.db.data.catalog]);
      await rm(join(this.dir, WRITING_MARKER), { force: true });
    } catch {
      // left for the next write
    }
  }

  /** Old lookups and match keys, and temp files of index.json and of them. */
  async #removeUnnamedRootFiles(named: (string | undefined)[]): Promise<void> {
    const stale = (f: string) =>
      ((LOOKUP_FILE.test(f) || KEYS_FILE.test(f) || CATALOG_FILE.test(f)) && !named.includes(f)) ||
      /^\.index\.(?:[0-9a-f]{16}\.(?:ids|keys|catalog)|json)\.tmp-/.test(f) ||
      SPILL_FILE.test(f);
    for (const f of readdirSync(this.dir)) if (stale(f)) await rm(join(this.dir, f), { force: true });
  }

  async #removeUnnamedBodies(): Promise<void> {
    const dir = join(this.dir, 'articles');
    if (!existsSync(dir)) return;
    const named = new Set(this.articles.map(bodyFileOf));
    // Any other file a person put in the folder stays.
    const stale = (f: string) => !named.has(f) && (BODY_FILE.test(f) || /^\..+\.json\.tmp-/.test(f));
    for (const f of readdirSync(dir)) if (stale(f)) await rm(join(dir, f), { force: true });
  }

  /** The same for a big index: the names are read from its lines. */
  async #removeUnnamedBodiesOfLines(fd: number, start: number): Promise<void> {
    const dir = join(this.dir, 'articles');
    if (!existsSync(dir)) return;
    const files = readdirSync(dir);
    const temp = (f: string) => /^\..+\.json\.tmp-/.test(f);
    const named = new Set<string>();
    for (const line of rawArticleLines(fd, start)) {
      const file = /"bodyFile":"([^"\\]+)"/.exec(line)?.[1];
      if (file) named.add(file);
    }
    const stale = (f: string) => !named.has(f) && (BODY_FILE.test(f) || temp(f));
    for (const f of files) if (stale(f)) await rm(join(dir, f), { force: true });
  }

  /** Removes articles and sets tags in one write under the lock, on the index as it is on disk
   * now. Removed articles leave index.json and their bodies go at the commit; their words
   * stop matching at once (their rows join the index's removedRows) and leave the word index
   * at its next merge. Authors left with no article go too. */
  async edit(edit: ArticleEdit): Promise<EditResult> {
    this.#writable();
    const { planEdit, planIsEmpty } = await import('./edit.js');
    const path = Archive.indexPath(this.dir);
    if (!existsSync(path)) return planEdit([], [], edit);
    const result = await withLock(
      path,
      async () => {
        let lines: StoredLines | undefined;
        try {
          lines = StoredLines.open(this.dir);
          if (!lines) await this.db.read();
        } catch (error) {
          throw new BylineError(`cannot read archive ${path}: ${(error as Error).message}`, ARCHIVE_EXIT);
        }
        try {
          const header = lines ? lines.header : this.db.data;
          const plan = planEdit(lines ? lines.lines() : this.db.data.articles, header.authors, edit);
          if (planIsEmpty(plan)) return plan;
          const stopped = await this.#markWriting();
          const removedRows = withRemoved(header.removedRows ?? [], plan.removedAt);
          try {
            if (lines) {
              await writeIndexLines(this.dir, {
                header: { formatVersion: ARCHIVE_VERSION, segments: header.segments, removedRows, authors: plan.authors },
                stored: lines,
                changed: plan.changed,
                added: 0,
                removed: plan.removedAt,
              });
            } else {
              const next: Index = { ...this.db.data, authors: plan.authors, removedRows: removedRows.length ? removedRows : undefined };
              next.articles = this.db.data.articles.map((a, i) => plan.changed.get(i) ?? a).filter((_, i) => !plan.removedAt.has(i));
              const before = this.db.data;
              this.db.data = next;
              await this.db.write().catch((error: unknown) => {
                this.db.data = before;
                throw error;
              });
            }
          } catch (error) {
            throw new BylineError(`cannot write archive ${this.dir}: ${(error as Error).message}; index.json was left as it was`, 1);
          }
          crashPoint('index-written');
          await this.#sweep(
            plan.removed.map((m) => m.bodyFile),
            stopped,
          );
          return plan;
        } finally {
          lines?.close();
        }
      },
      { what: `archive ${this.dir}` },
    );
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
    const count = await withLock(
      Archive.indexPath(this.dir),
      async () => {
        let lines: StoredLines | undefined;
        try {
          lines = StoredLines.open(this.dir);
        } catch (error) {
          throw new BylineError(`cannot read archive ${Archive.indexPath(this.dir)}: ${(error as Error).message}`, ARCHIVE_EXIT);
        }
        if (!lines) return undefined;
        try {
          await this.#rebuildLines(lines);
        } catch (error) {
          if (error instanceof BylineError) throw error;
          throw new BylineError(`cannot write archive ${this.dir}: ${(error as Error).message}; index.json was left as it was`, 1);
        } finally {
          lines.close();
        }
        crashPoint('index-written');
        await this.#sweep();
        return lines.count;
      },
      { what: `archive ${this.dir}` },
    );
    if (count !== undefined) {
      if (this.loaded) {
        await this.db.read();
        this.#mapArticles();
      }
      return count;
    }
    // A small (or older) index: whole, in memory.
    return this.#underLock(async () => {
      this.loaded = true;
      const names = new Map(this.authors.map((a) => [a.id, a.name]));
      const next: Index = { ...this.db.data, segments: [], removedRows: undefined };
      await this.#commit(next, async () => {
        const segments: string[] = [];
        for (let start = 0; start < this.articles.length; start += Archive.SEGMENT_DOCS) {
          const docs = this.articles.slice(start, start + Archive.SEGMENT_DOCS).map((meta, k) =>
            segmentDoc(
              meta,
              meta.authors.map((a) => names.get(a) ?? ''),
              this.bodySafe(meta.id) ?? [],
              start + k,
            ),
          );
          segments.push(await writeNewSegment(this.dir, docs));
        }
        return compact(this.dir, segments);
      });
      return this.articles.length;
    });
  }

  async #rebuildLines(lines: StoredLines): Promise<void> {
    const names = new Map(lines.header.authors.map((a) => [a.id, a.name]));
    const segments: string[] = [];
    let docs = new SegmentBuilder();
    let row = 0;
    for (const line of lines.lines()) {
      const meta = JSON.parse(line) as ArticleMeta;
      if (!isArticleMeta(meta))
        throw new BylineError(
          `cannot read archive ${Archive.indexPath(this.dir)}: the article line of ${JSON.stringify(idOfLine(line))} does not match the schema`,
          ARCHIVE_EXIT,
        );
      docs.add(
        segmentDoc(
          meta,
          meta.authors.map((a) => names.get(a) ?? ''),
          this.#bodyOfMeta(meta) ?? [],
          row++,
        ),
      );
      if (docs.size >= Archive.SEGMENT_DOCS) {
        segments.push(await writeNewSegment(this.dir, docs));
        docs = new SegmentBuilder();
      }
    }
    if (docs.size) segments.push(await writeNewSegment(this.dir, docs));
    const merged = await compact(this.dir, segments);
    crashPoint('segments-written');
    await writeIndexLines(this.dir, {
      header: { formatVersion: ARCHIVE_VERSION, segments: merged, authors: lines.header.authors },
      stored: { count: lines.count, lines: () => lines.lines() },
      changed: new Map(),
      added: 0,
      rebuildKeys: true,
    });
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
