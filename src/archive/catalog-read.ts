// Reading a big archive from its catalog (see catalog.ts): the header of index.json (version,
// segments, lookup, catalog, authors), then the catalog a chunk at a time, so a caller can
// show the first screen before the rest is read. Whole articles come through the id lookup.
// Anything that does not agree — no catalog, one written for another size of index.json, a
// line that does not parse, fewer or more lines than it says — is a CatalogProblem (or
// undefined at the start), and the caller reads index.json as before.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { checkedAuthors, checkedRemovedRows, isArticleMeta } from './fast-validate.js';
import { findRecord, readAt, readHeaderAt } from './id-lookup.js';
import { CATALOG_MAGIC, EXCERPT, SPONSORED } from './catalog.js';
import {
  ARCHIVE_VERSION,
  CATALOG_FILE,
  TAG,
  LOOKUP_FILE,
  type ArticleMeta,
  type Author,
  type Index,
  type ListedArticle,
} from '../model/schema.js';
import { CatalogProblem } from './problems.js';
export { CatalogProblem };

const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
const CHUNK = 1 << 20;

export interface CatalogHeader {
  authors: Author[];
  segments?: string[];
  removedRows: number[];
  lookup: string;
  catalog: string;
}

/** index.json's header keys, when it is in the line-wise layout with a catalog and a lookup. */
function readIndexHeader(fd: number): CatalogHeader | undefined {
  let found: ReturnType<typeof readHeaderAt>;
  try {
    found = readHeaderAt(fd);
  } catch {
    return undefined;
  }
  const header = found?.header;
  if (!header || header.formatVersion !== ARCHIVE_VERSION) return undefined;
  const { lookup, catalog, segments } = header;
  if (typeof lookup !== 'string' || !LOOKUP_FILE.test(lookup) || typeof catalog !== 'string' || !CATALOG_FILE.test(catalog))
    return undefined;
  if (segments !== undefined && !(Array.isArray(segments) && segments.every((s) => typeof s === 'string'))) return undefined;
  const authors = checkedAuthors(header.authors);
  const removedRows = checkedRemovedRows(header.removedRows);
  if (!authors || !removedRows) return undefined;
  return { authors, segments: segments as string[] | undefined, removedRows, lookup, catalog };
}

/** The id of a catalog line, without parsing the line (an id is a slug: never escaped). */
export function lineId(line: string): string {
  const id = line.startsWith('["') ? line.slice(2, line.indexOf('"', 2)) : '';
  if (!ID.test(id)) throw new CatalogProblem('a line is not a catalog entry');
  return id;
}

/** One catalog line, parsed and checked. */
export function parseLine(line: string): ListedArticle {
  try {
    return entryOf(JSON.parse(line));
  } catch (error) {
    throw error instanceof CatalogProblem ? error : new CatalogProblem('a catalog line is not JSON');
  }
}

function entryOf(item: unknown): ListedArticle {
  if (!Array.isArray(item) || item.length < 6 || item.length > 7) throw new CatalogProblem('a line is not a catalog entry');
  const [id, title, authors, flags, date, site, tags] = item as unknown[];
  if (
    typeof id !== 'string' ||
    !ID.test(id) ||
    typeof title !== 'string' ||
    title === '' ||
    typeof flags !== 'number' ||
    typeof date !== 'string' ||
    typeof site !== 'string'
  ) {
    throw new CatalogProblem('a line is not a catalog entry');
  }
  if (!Array.isArray(authors) || !authors.every((a) => typeof a === 'string')) throw new CatalogProblem('a line is not a catalog entry');
  const entry: ListedArticle = {
    id,
    title,
    kind: flags & EXCERPT ? 'excerpt' : 'full',
    sponsored: (flags & SPONSORED) !== 0,
    authors: authors as string[],
    dek: '',
    lead: '',
  };
  if (date) entry.publishedAt = date;
  if (site) entry.siteName = site;
  if (tags !== undefined) {
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string' && TAG.test(t)))
      throw new CatalogProblem('a line is not a catalog entry');
    if (tags.length) entry.tags = tags as string[];
  }
  return entry;
}

export class CatalogReading {
  readonly #fd: number;
  #position: number;
  #carry = '';
  #read = 0;
  readonly #seen = new Set<string>();
  #closed = false;

  private constructor(
    readonly dir: string,
    readonly header: CatalogHeader,
    readonly total: number,
    fd: number,
    position: number,
  ) {
    this.#fd = fd;
    this.#position = position;
  }

  /** The catalog of the archive in `dir`, or undefined when it has none this byline can vouch for. */
  static open(dir: string): CatalogReading | undefined {
    let indexFd: number;
    try {
      indexFd = openSync(join(dir, 'index.json'), 'r');
    } catch {
      return undefined;
    }
    let header: CatalogHeader | undefined;
    let indexBytes: number;
    try {
      header = readIndexHeader(indexFd);
      indexBytes = fstatSync(indexFd).size;
    } finally {
      closeSync(indexFd);
    }
    if (!header) return undefined;
    let fd: number;
    try {
      fd = openSync(join(dir, header.catalog), 'r');
    } catch {
      return undefined;
    }
    const first = readAt(fd, 0, 256).toString('latin1');
    const head = /^byline-catalog 1 (\d+) (\d+)\n/.exec(first);
    if (!first.startsWith(CATALOG_MAGIC) || !head || Number(head[1]) !== indexBytes) {
      closeSync(fd);
      return undefined;
    }
    return new CatalogReading(dir, header, Number(head[2]), fd, head[0].length);
  }

  get loaded(): number {
    return this.#read;
  }

  get done(): boolean {
    return this.#closed;
  }

  /** The next entries, about `bytes` of the file's worth (at least one line unless at the
   * end); [] once everything is read. Throws CatalogProblem at a line that does not check. */
  next(bytes = CHUNK): ListedArticle[] {
    if (this.#closed) return [];
    const buffer = Buffer.allocUnsafe(bytes);
    let out: ListedArticle[] = [];
    try {
      for (;;) {
        const n = readSync(this.#fd, buffer, 0, bytes, this.#position);
        if (n === 0) {
          if (this.#carry !== '') throw new CatalogProblem('the catalog ends early');
          if (this.#read !== this.total) throw new CatalogProblem('the catalog has fewer lines than it says');
          this.close();
          return out;
        }
        this.#position += n;
        const last = buffer.lastIndexOf(10, n - 1);
        if (last === -1) {
          this.#carry += buffer.toString('utf8', 0, n);
          if (this.#carry.length > 1 << 20) throw new CatalogProblem('a catalog line is too long');
          continue;
        }
        const text = this.#carry + buffer.toString('utf8', 0, last);
        this.#carry = buffer.toString('utf8', last + 1, n);
        out = this.#parse(text);
        if (out.length > 0) return out;
      }
    } catch (error) {
      this.close();
      throw error instanceof CatalogProblem ? error : new CatalogProblem((error as Error).message);
    }
  }

  #parse(text: string): ListedArticle[] {
    let items: unknown;
    try {
      // One parse for the chunk: a third faster than a parse a line.
      items = JSON.parse(`[${text.replaceAll('\n', ',')}]`);
    } catch {
      throw new CatalogProblem('a catalog line is not JSON');
    }
    const out = (items as unknown[]).map(entryOf);
    for (const entry of out) {
      if (this.#seen.has(entry.id)) throw new CatalogProblem(`the catalog names ${entry.id} twice`);
      this.#seen.add(entry.id);
    }
    this.#read += out.length;
    if (this.#read > this.total) throw new CatalogProblem('the catalog has more lines than it says');
    return out;
  }

  /** Every line left, unparsed (ids checked unique): for a search that parses only the
   * lines it ranks. */
  restLines(): string[] {
    const size = fstatSync(this.#fd).size;
    const text = this.#carry + readAt(this.#fd, this.#position, size - this.#position).toString('utf8');
    this.close();
    if (text !== '' && !text.endsWith('\n')) throw new CatalogProblem('the catalog ends early');
    const lines = text === '' ? [] : text.slice(0, -1).split('\n');
    for (const line of lines) {
      const id = lineId(line);
      if (this.#seen.has(id)) throw new CatalogProblem(`the catalog names ${id} twice`);
      this.#seen.add(id);
    }
    this.#read += lines.length;
    if (this.#read !== this.total) throw new CatalogProblem('the catalog has fewer or more lines than it says');
    return lines;
  }

  /** Everything left, at once. */
  rest(): ListedArticle[] {
    const out: ListedArticle[] = [];
    for (let chunk = this.next(16 << 20); chunk.length > 0; chunk = this.next(16 << 20)) for (const e of chunk) out.push(e);
    return out;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.#fd);
  }
}

/**
 * Whole articles of a big archive by id, through its lookup: index.json and the lookup are
 * opened once and each article is one binary search and one line (kept: a search asks for
 * the same few again). Undefined for an id the lookup cannot vouch for.
 */
export class ArticleLines {
  readonly #cache = new Map<string, ArticleMeta | null>();
  #indexFd?: number;
  #lookupFd?: number;
  #indexBytes = 0;

  constructor(
    readonly dir: string,
    readonly header: CatalogHeader,
  ) {}

  meta(id: string): ArticleMeta | undefined {
    let meta = this.#cache.get(id);
    if (meta === undefined) {
      meta = this.#read(id) ?? null;
      if (this.#cache.size > 2000) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(id, meta);
    }
    return meta ?? undefined;
  }

  /** An index holding just these articles (for Archive.partialOf). */
  indexOf(metas: ArticleMeta[]): Index {
    return {
      formatVersion: ARCHIVE_VERSION,
      articles: metas,
      authors: this.header.authors,
      segments: this.header.segments,
      removedRows: this.header.removedRows,
      lookup: this.header.lookup,
      catalog: this.header.catalog,
    };
  }

  #read(id: string): ArticleMeta | undefined {
    try {
      if (this.#indexFd === undefined) {
        this.#indexFd = openSync(join(this.dir, 'index.json'), 'r');
        this.#lookupFd = openSync(join(this.dir, this.header.lookup), 'r');
        this.#indexBytes = fstatSync(this.#indexFd).size;
      }
      const record = findRecord(this.#lookupFd!, this.#indexBytes, id);
      if (!record || record.offset < 1) return undefined;
      const bytes = readAt(this.#indexFd, record.offset - 1, record.length + 2);
      if (bytes.length !== record.length + 2 || bytes[0] !== 10 || (bytes[bytes.length - 1] !== 44 && bytes[bytes.length - 1] !== 10))
        return undefined;
      const meta = JSON.parse(bytes.toString('utf8', 1, bytes.length - 1)) as unknown;
      return isArticleMeta(meta) && (meta as ArticleMeta).id === id ? (meta as ArticleMeta) : undefined;
    } catch {
      return undefined;
    }
  }

  close(): void {
    if (this.#indexFd !== undefined) closeSync(this.#indexFd);
    if (this.#lookupFd !== undefined) closeSync(this.#lookupFd);
    this.#indexFd = this.#lookupFd = undefined;
  }
}
