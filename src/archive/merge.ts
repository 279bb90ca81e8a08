// Merging imported articles into an index: pure, so the rules are easy to test.
import { pageFields, tagsOf } from './merge-fields.js';
import { createHash } from 'node:crypto';
import type { ImportedArticle, ImportedAuthor } from '../ingest/pagedump.js';
import { blockText, bodyWordCount, leadOf, type ArticleMeta, type Author, type Block, type Index } from '../model/schema.js';
import { ChangedArticles } from './changed-articles.js';
import { slugify, uniqueId } from './slug.js';
import { foldKey } from './fold-key.js';

export interface ImportSummary {
  articles: number;
  added: number;
  updated: number;
  unchanged: number;
  authors: number;
}

export interface MergeResult {
  index: Index;
  /** Bodies to write, by article id. */
  bodies: Map<string, Block[]>;
  summary: ImportSummary;
  changed: boolean;
}

export function contentHash(article: ImportedArticle): string {
  const { title, titleDerived, dek, kind, sponsored, body, credits } = article;
  const authors = article.authors.map((a) => a.name);
  return createHash('sha1').update(JSON.stringify({ title, titleDerived, dek, kind, sponsored, authors, body, credits })).digest('hex');
}

/** A copy whose strings are its own. V8 keeps a substring (a title, a name, a URL cut from
 * the page) as a slice that points into the string it was cut from — here the whole text of
 * an input file — so what an import keeps until its commit held the text of every file it had
 * read (at 5 000 files, 28 MB of a 55 MB heap). Strings parsed from JSON are new, each only
 * as long as itself. */
function detached<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Runs of three words: two texts share most of them only when one is mostly the other. */
function shingles(text: string): Set<string> {
  const words = foldKey(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < 3) return new Set(words);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

/** How much of the shorter text is in the longer one, 0..1: an excerpt is all inside its full
 * text and a corrected version keeps most of the original; another day's edition of a
 * newsletter shares its headline and boilerplate, not its sentences. */
function containment(a: string, b: string): number {
  const [x, y] = [shingles(a), shingles(b)];
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  if (small.size === 0) return large.size === 0 ? 1 : 0;
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size;
}

/** Past this share of the shorter text, two articles with one title are one story. */
const SAME_STORY = 0.75;

const textOf = (dek: string, body: readonly Block[]) => [dek, ...body.map((b) => (b.type === 'figure' ? '' : blockText(b)))].join('\n');

/** The stored articles as the merge sees them: by position (articles are never moved or
 * removed, so a position is stable), found by canonical URL or folded title. An archive in
 * memory answers from maps; a big one from its lookup files, reading only the lines asked for. */
export interface StoredArticles {
  readonly count: number;
  /** Positions, ascending, of stored articles with this canonical URL. */
  positionsByUrl(url: string): number[];
  /** Positions, ascending, of stored articles whose folded title is this. */
  positionsByTitle(titleKey: string): number[];
  meta(position: number): ArticleMeta;
  hasId(id: string): boolean;
}

/** A stored index held in memory (a small archive, or a test). */
export class StoredInMemory implements StoredArticles {
  readonly #byTitle = new Map<string, number[]>();
  readonly #byUrl = new Map<string, number[]>();
  readonly #ids = new Set<string>();

  constructor(readonly articles: readonly ArticleMeta[]) {
    articles.forEach((a, i) => {
      this.#ids.add(a.id);
      push(this.#byTitle, foldKey(a.title), i);
      if (a.url) push(this.#byUrl, a.url, i);
    });
  }

  get count(): number {
    return this.articles.length;
  }
  positionsByUrl = (url: string) => this.#byUrl.get(url) ?? [];
  positionsByTitle = (key: string) => this.#byTitle.get(key) ?? [];
  meta = (position: number) => this.articles[position];
  hasId = (id: string) => this.#ids.has(id);
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A stored body, or undefined when it cannot be read (the lead stands in). */
export type BodyOf = (meta: ArticleMeta) => readonly Block[] | undefined;

/**
 * One import's merge, batch by batch: what it changes is kept here (new articles and new
 * versions of stored ones, by position), the stored articles stay where they are and are read
 * only where a new article could be one of them. An article is a version of a stored one when
 * it is the same story (see sameStory), else a new article, whatever its title; an excerpt
 * never replaces a full article.
 */
export class MergeState {
  /** New metadata by position: updates of stored articles, and the new articles past `stored.count`. */
  readonly changed: ChangedArticles;
  readonly authors: Author[];
  readonly summary: ImportSummary = { articles: 0, added: 0, updated: 0, unchanged: 0, authors: 0 };
  /** Whether anything (an article or an author) changed. */
  dirty = false;
  /** Body files written earlier in this import for versions a later one replaced. */
  readonly superseded: string[] = [];
  #added = 0;
  readonly #newIds = new Set<string>();
  readonly #newByTitle = new Map<string, number[]>();
  readonly #newByUrl = new Map<string, number[]>();
  /** Positions this import has already matched: two different articles of one import never
   * land on one stored article (the second is a new article), now and on every re-import. */
  readonly #claimed = new Set<number>();
  readonly #authorByName = new Map<string, Author>();
  readonly #authorKeyById = new Map<string, string>();
  readonly #authorById = new Map<string, Author>();
  readonly #authorIds = new Set<string>();
  readonly #authorNames = new Set<string>();
  /** Bodies of the batch being merged, not on disk yet. */
  #batchBodies = new Map<string, Block[]>();

  constructor(
    readonly stored: StoredArticles,
    authors: readonly Author[],
    private readonly bodyOf?: BodyOf,
    /** A folder to keep the changed metadata in until the commit (see changed-articles.ts). */
    spillDir?: string,
  ) {
    this.changed = new ChangedArticles(spillDir);
    this.authors = authors.map((a) => ({ ...a }));
    for (const a of this.authors) this.#addAuthor(a);
  }

  /** Articles appended by this import, in order. */
  get added(): number {
    return this.#added;
  }

  at(position: number): ArticleMeta {
    return this.changed.get(position) ?? this.stored.meta(position);
  }

  /** Kind and hash of the changed articles, kept beside their text: every candidate is
   * compared by them (many, for a title a newsletter repeats daily), and reading each back
   * whole for that would be a parse per candidate per article. */
  readonly #changedKindAndHash = new Map<number, Pick<ArticleMeta, 'kind' | 'hash'>>();

  #kindAndHash(position: number): Pick<ArticleMeta, 'kind' | 'hash'> {
    return this.#changedKindAndHash.get(position) ?? this.stored.meta(position);
  }

  #setChanged(position: number, meta: ArticleMeta): void {
    this.changed.set(position, meta);
    this.#changedKindAndHash.set(position, { kind: meta.kind, hash: meta.hash });
  }

  #addAuthor(a: Author): void {
    this.#authorByName.set(foldKey(a.name), a);
    this.#authorById.set(a.id, a);
    this.#authorKeyById.set(a.id, foldKey(a.name));
    this.#authorIds.add(a.id);
  }

  /** Stored (or just added) articles that could be this one: same canonical URL, or same title. */
  #candidates(article: ImportedArticle): number[] {
    const key = foldKey(article.title);
    const byUrl = article.url ? [...this.stored.positionsByUrl(article.url), ...(this.#newByUrl.get(article.url) ?? [])] : [];
    return [...new Set([...byUrl, ...this.stored.positionsByTitle(key), ...(this.#newByTitle.get(key) ?? [])])];
  }

  /** Whether the article at `at` is the same story as `article`: the same canonical URL; or
   * the same title, the same authors (where both name any) and mostly the same text. */
  #sameStory(at: number, article: ImportedArticle, authorKeys: string[]): boolean {
    const stored = this.at(at);
    if (article.url && stored.url) return article.url === stored.url;
    if (foldKey(stored.title) !== foldKey(article.title)) return false;
    const storedKeys = stored.authors.map((id) => this.#authorKeyById.get(id) ?? id).sort();
    if (storedKeys.length && authorKeys.length && storedKeys.join('\n') !== [...authorKeys].sort().join('\n')) return false;
    // The stored text: its body, or where that cannot be read (or in a pure merge) its lead.
    const storedBody = this.#batchBodies.get(stored.id) ?? this.bodyOf?.(stored) ?? [{ type: 'paragraph' as const, text: stored.lead }];
    return containment(textOf(stored.dek, storedBody), textOf(article.dek, article.body)) >= SAME_STORY;
  }

  #mergeAuthor(incoming: ImportedAuthor): { id: string; changed: boolean } {
    const existing = this.#authorByName.get(foldKey(incoming.name));
    if (!existing) {
      const id = uniqueId(slugify(incoming.name), (id) => this.#authorIds.has(id));
      const author: Author = detached({
        id,
        name: incoming.name,
        ...(incoming.handle ? { handle: incoming.handle } : {}),
        bio: incoming.bio,
        kind: incoming.kind,
      });
      this.authors.push(author);
      this.#addAuthor(author);
      return { id, changed: true };
    }
    let changed = false;
    if (incoming.bio.length > existing.bio.length) {
      existing.bio = detached(incoming.bio);
      changed = true;
    }
    if (incoming.handle && !existing.handle) {
      existing.handle = detached(incoming.handle);
      changed = true;
    }
    return { id: existing.id, changed };
  }

  /** An author's name, for the word index. */
  authorName(id: string): string {
    return this.#authorById.get(id)?.name ?? '';
  }

  /** Merges one file's articles; returns the new versions to write, in order. */
  add({ file: sourceFile, articles }: ImportBatch, importedAt: string): { meta: ArticleMeta; body: Block[]; position: number }[] {
    const bodies = (this.#batchBodies = new Map<string, Block[]>());
    const out: { meta: ArticleMeta; body: Block[]; position: number }[] = [];
    const source = { file: sourceFile, importedAt }; // one record for the batch's articles
    for (const article of articles) {
      this.summary.articles++;
      const authorIds = article.authors.map((author) => {
        const key = foldKey(author.name); // may be a slice of the file's text (see detached)
        if (!this.#authorNames.has(key)) this.#authorNames.add(detached(key));
        const merged = this.#mergeAuthor(author);
        this.dirty ||= merged.changed;
        return merged.id;
      });
      const hash = contentHash(article);
      const authorKeys = article.authors.map((a) => foldKey(a.name));
      const candidates = this.#candidates(article);
      // An identical copy first; then the same story not yet matched by this import; then,
      // matched already in this import, the same story's other kind (its excerpt or full text).
      let at = candidates.find((c) => this.#kindAndHash(c).hash === hash);
      at ??= candidates.find((c) => !this.#claimed.has(c) && this.#sameStory(c, article, authorKeys));
      at ??= candidates.find((c) => this.#kindAndHash(c).kind !== article.kind && this.#sameStory(c, article, authorKeys));
      const existing = at === undefined ? undefined : this.at(at);
      if (at !== undefined) this.#claimed.add(at);

      if (existing && (existing.hash === hash || (existing.kind === 'full' && article.kind === 'excerpt'))) {
        this.summary.unchanged++;
        continue;
      }
      const id = existing?.id ?? uniqueId(slugify(article.title), (id) => this.#newIds.has(id) || this.stored.hasId(id));
      const meta: ArticleMeta = {
        id,
        title: article.title,
        titleDerived: article.titleDerived,
        dek: article.dek,
        kind: article.kind,
        sponsored: article.sponsored,
        authors: authorIds,
        credits: article.credits,
        lead: leadOf(article.body),
        ...pageFields(article, existing),
        source,
        wordCount: bodyWordCount(article.body),
        hash,
        // A new file for each version of the body, named by its content.
        bodyFile: `${id}.${hash.slice(0, 16)}.json`,
        ...tagsOf(article, existing),
      };
      let position: number;
      if (existing && at !== undefined) {
        // A version written earlier in this import is replaced in turn: its body goes too.
        const earlier = this.changed.get(at);
        if (earlier?.bodyFile) this.superseded.push(earlier.bodyFile);
        this.#setChanged(at, meta);
        position = at;
        this.summary.updated++;
      } else {
        position = this.stored.count + this.#added++;
        this.#setChanged(position, meta);
        // Kept to the commit: copies, not slices of the file (see detached).
        this.#newIds.add(detached(id));
        push(this.#newByTitle, detached(foldKey(meta.title)), position);
        if (meta.url) push(this.#newByUrl, detached(meta.url), position);
        this.#claimed.add(position);
        this.summary.added++;
      }
      bodies.set(id, article.body);
      out.push({ meta, body: article.body, position });
      this.dirty = true;
    }
    this.summary.authors = this.#authorNames.size;
    return out;
  }

  /** Ends the keeping of the changed metadata (its spill file): after the commit, or a failure. */
  close(): void {
    this.changed.close();
  }

  /** The batch's bodies are on disk now: later batches read them from there. */
  batchWritten(): void {
    this.#batchBodies = new Map();
  }
}

export interface ImportBatch {
  file: string;
  articles: ImportedArticle[];
}

/** Merges articles into a copy of the index (the whole merge in memory: small archives and
 * tests). `bodyOf` reads a stored body, to compare texts. */
export function mergeImport(
  index: Index,
  batches: ImportBatch[],
  importedAt: string,
  bodyOf?: (id: string) => readonly Block[] | undefined,
): MergeResult {
  const state = new MergeState(new StoredInMemory(index.articles), index.authors, bodyOf && ((meta) => bodyOf(meta.id)));
  const bodies = new Map<string, Block[]>();
  for (const batch of batches) {
    for (const { meta, body } of state.add(batch, importedAt)) bodies.set(meta.id, body);
  }
  return { index: applyChanges(index, state), bodies, summary: state.summary, changed: state.dirty };
}

/** The index after a merge, in memory. */
export function applyChanges(index: Index, state: MergeState): Index {
  const articles = [...index.articles];
  for (const [position, meta] of state.changed) articles[position] = meta;
  return { formatVersion: index.formatVersion, articles, authors: state.authors, removedRows: index.removedRows };
}
