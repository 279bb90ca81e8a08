// index.json as lowdb reads and writes it: checked on the way in (the fast twin of the
// schema for the articles, valibot for the rest), written indented while small and one
// article a line, with its derived files, when big.
import * as v from 'valibot';
import type { Low } from 'lowdb';
import { BylineError } from '../../model/errors.js';
import { indexPath } from '../index-path.js';
import { StoredLines } from '../index-lines.js';
import { dirname } from 'node:path';
import { CheckedJsonFile, UnreadableFile, type JsonReading } from '../jsonfile.js';
import { linesOfMetas, writeIndexLines } from '../index-write.js';
import { isArticleMeta } from '../fast-validate.js';
import {
  formatVersionOf,
  otherFormat,
  IndexEnvelopeSchema,
  IndexSchema,
  schemaProblem,
  type ArticleMeta,
  type Index,
} from '../../model/schema.js';

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
export class IndexReading implements JsonReading<Index> {
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
export const LINES_FROM_ARTICLES = 0;

/** index.json: readable (and diffable) while small; when large, one article a line, header
 * keys first, with an id lookup written before it (see id-lookup.ts) — a command that wants
 * one article reads one line. */
export class IndexFile extends CheckedJsonFile<Index> {
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

export const indexFile = (path: string, reading: () => IndexReading) => new IndexFile(path, reading);

/** index.json as a write finds it under the lock: a line-wise one opened to be read a line at
 * a time, or any other read whole into `db`. Unreadable: the archive error, exit 2. */
export async function storedUnderLock(dir: string, db: Low<Index>): Promise<StoredLines | undefined> {
  try {
    const lines = StoredLines.open(dir);
    if (!lines) await db.read();
    return lines;
  } catch (error) {
    throw new BylineError(`cannot read archive ${indexPath(dir)}: ${(error as Error).message}`, 2);
  }
}
