// Merging imported articles into an index: pure, so the rules are easy to test.
import { createHash } from 'node:crypto';
import type { ImportedArticle, ImportedAuthor } from '../ingest/pagedump.js';
import { blockText, bodyWordCount, leadOf, type ArticleMeta, type Author, type Block, type Index } from '../model/schema.js';
import { slugify, uniqueId } from './slug.js';

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

/** Titles and names that differ only in case or accents are the same. */
const foldKey = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();

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

/** Lookups the merge needs, kept in maps so a large archive merges in linear time. */
class MergeIndex {
  readonly positionById = new Map<string, number>();
  readonly positionsByTitle = new Map<string, number[]>();
  readonly positionsByUrl = new Map<string, number[]>();
  readonly authorByName = new Map<string, Author>();
  readonly authorIds = new Set<string>();

  constructor(readonly index: Index) {
    index.articles.forEach((a, i) => this.addArticle(a, i));
    for (const a of index.authors) this.addAuthor(a);
  }

  addArticle(a: ArticleMeta, at: number): void {
    this.positionById.set(a.id, at);
    const key = foldKey(a.title);
    this.positionsByTitle.set(key, [...(this.positionsByTitle.get(key) ?? []), at]);
    if (a.url) this.positionsByUrl.set(a.url, [...(this.positionsByUrl.get(a.url) ?? []), at]);
  }

  addAuthor(a: Author): void {
    this.authorByName.set(foldKey(a.name), a);
    this.authorKeyById.set(a.id, foldKey(a.name));
    this.authorIds.add(a.id);
  }

  /** Positions this import has already matched: two different articles of one import never
   * land on one stored article (the second is a new article), now and on every re-import. */
  readonly claimed = new Set<number>();

  /** Stored articles that could be this one: same canonical URL, or same title. */
  candidates(article: ImportedArticle): number[] {
    const byUrl = article.url ? (this.positionsByUrl.get(article.url) ?? []) : [];
    return [...new Set([...byUrl, ...(this.positionsByTitle.get(foldKey(article.title)) ?? [])])];
  }

  /** Whether the stored article at `at` is the same story as `article`: the same canonical
   * URL; or the same title, the same authors (where both name any) and mostly the same text. */
  sameStory(at: number, article: ImportedArticle, authorKeys: string[], bodyOf?: (id: string) => readonly Block[] | undefined): boolean {
    const stored = this.index.articles[at];
    if (article.url && stored.url) return article.url === stored.url;
    if (foldKey(stored.title) !== foldKey(article.title)) return false;
    const storedKeys = stored.authors.map((id) => this.authorKeyById.get(id) ?? id).sort();
    if (storedKeys.length && authorKeys.length && storedKeys.join('\n') !== [...authorKeys].sort().join('\n')) return false;
    // The stored text: its body, or where that cannot be read (or in a pure merge) its lead.
    const storedBody = bodyOf?.(stored.id) ?? [{ type: 'paragraph' as const, text: stored.lead }];
    return containment(textOf(stored.dek, storedBody), textOf(article.dek, article.body)) >= SAME_STORY;
  }

  readonly authorKeyById = new Map<string, string>();

  mergeAuthor(incoming: ImportedAuthor): { id: string; changed: boolean } {
    const existing = this.authorByName.get(foldKey(incoming.name));
    if (!existing) {
      const id = uniqueId(slugify(incoming.name), (id) => this.authorIds.has(id));
      const author: Author = { id, name: incoming.name, ...(incoming.handle ? { handle: incoming.handle } : {}), bio: incoming.bio, kind: incoming.kind };
      this.index.authors.push(author);
      this.addAuthor(author);
      return { id, changed: true };
    }
    let changed = false;
    if (incoming.bio.length > existing.bio.length) {
      existing.bio = incoming.bio;
      changed = true;
    }
    if (incoming.handle && !existing.handle) {
      existing.handle = incoming.handle;
      changed = true;
    }
    return { id: existing.id, changed };
  }
}

const PAGE_FIELDS = ['url', 'publishedAt', 'modifiedAt', 'siteName', 'language', 'archivedUrl'] as const;

/** Where the page came from and when: the incoming article's values, else the stored ones. */
function pageFields(article: ImportedArticle, existing: ArticleMeta | undefined): Partial<ArticleMeta> {
  const fields: Partial<Record<(typeof PAGE_FIELDS)[number], string>> = {};
  for (const key of PAGE_FIELDS) {
    const value = article[key] || existing?.[key];
    if (value) fields[key] = value;
  }
  return fields;
}

export interface ImportBatch {
  file: string;
  articles: ImportedArticle[];
}

/** Merges articles into a copy of the index. An article is a version of a stored one when it
 * is the same story (see sameStory), else a new article, whatever its title; an excerpt never
 * replaces a full article. `bodyOf` reads a stored body, to compare texts. */
export function mergeImport(index: Index, batches: ImportBatch[], importedAt: string, bodyOf?: (id: string) => readonly Block[] | undefined): MergeResult {
  const next: Index = {
    version: index.version,
    articles: [...index.articles],
    authors: index.authors.map((a) => ({ ...a })),
  };
  const lookup = new MergeIndex(next);
  const bodies = new Map<string, Block[]>();
  const summary: ImportSummary = { articles: 0, added: 0, updated: 0, unchanged: 0, authors: 0 };
  const authorNames = new Set<string>();
  let changed = false;

  for (const { file: sourceFile, articles } of batches) {
    const source = { file: sourceFile, importedAt }; // one record for the batch's articles
    for (const article of articles) {
      summary.articles++;
      const authorIds = article.authors.map((author) => {
        authorNames.add(foldKey(author.name));
        const merged = lookup.mergeAuthor(author);
        changed ||= merged.changed;
        return merged.id;
      });
      const hash = contentHash(article);
      const slug = slugify(article.title);
      const authorKeys = article.authors.map((a) => foldKey(a.name));
      const candidates = lookup.candidates(article);
      // An identical copy first; then the same story not yet matched by this import; then,
      // matched already in this import, the same story's other kind (its excerpt or full text).
      let at = candidates.find((c) => next.articles[c].hash === hash);
      at ??= candidates.find((c) => !lookup.claimed.has(c) && lookup.sameStory(c, article, authorKeys, bodyOf));
      at ??= candidates.find((c) => next.articles[c].kind !== article.kind && lookup.sameStory(c, article, authorKeys, bodyOf));
      const existing = at === undefined ? undefined : next.articles[at];
      if (at !== undefined) lookup.claimed.add(at);

      if (existing && (existing.hash === hash || (existing.kind === 'full' && article.kind === 'excerpt'))) {
        summary.unchanged++;
        continue;
      }
      const id = existing?.id ?? uniqueId(slug, (id) => lookup.positionById.has(id));
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
      };
      if (existing && at !== undefined) {
        next.articles[at] = meta;
        summary.updated++;
      } else {
        next.articles.push(meta);
        lookup.addArticle(meta, next.articles.length - 1);
        lookup.claimed.add(next.articles.length - 1);
        summary.added++;
      }
      bodies.set(id, article.body);
      changed = true;
    }
  }
  summary.authors = authorNames.size;
  return { index: next, bodies, summary, changed };
}
