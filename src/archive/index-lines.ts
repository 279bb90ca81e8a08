// A big index.json (one article a line, header keys first) read and written without holding
// it: an import reads the header, finds the stored articles a new one could be through the
// match keys (match-keys.ts) and the id lookup (id-lookup.ts), reads just those lines, and
// writes the new index by copying every unchanged line byte for byte. Memory grows with the
// import, not with the archive.
import { closeSync, fstatSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { checkedAuthors, checkedRemovedRows, isArticleMeta } from './fast-validate.js';
import { findRecord, readAt, readHeaderAt, type LineRecord } from './id-lookup.js';
import { UnreadableFile } from './jsonfile.js';
import { linesAt, MAX_ARTICLE_LINE } from './json-lines.js';
import { MemoryKeys, openKeysFile, titleKeyHash, urlKeyHash, type KeyTable } from './match-keys.js';
import type { StoredArticles } from './merge.js';
import { oldCatalogLines } from './catalog.js';
import { foldKey } from './fold-key.js';
import { ARCHIVE_VERSION, CATALOG_FILE, KEYS_FILE, LOOKUP_FILE, type ArticleMeta, type Author } from '../model/schema.js';

export interface IndexHeader {
  formatVersion: number;
  segments?: string[];
  /** See removed-rows.ts; omitted from the file when empty. */
  removedRows?: number[];
  lookup?: string;
  keys?: string;
  catalog?: string;
  authors: Author[];
}

/** The id of an article line: `{"id":"…"` always comes first (ids are ASCII slugs). */
export function idOfLine(line: string): string {
  if (line.startsWith('{"id":"')) {
    const end = line.indexOf('"', 7);
    // Parsed, not sliced: a slice would keep the whole line alive as long as the id.
    if (end > 7) return JSON.parse(line.slice(6, end + 1)) as string;
  }
  const meta = JSON.parse(line) as { id?: unknown };
  if (typeof meta?.id !== 'string') throw new UnreadableFile('an article line has no id');
  return meta.id;
}

/** The JSON string that starts at `at` (its opening quote), decoded. */
function jsonStringAt(line: string, at: number): string | undefined {
  if (line[at] !== '"') return undefined;
  for (let i = at + 1; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '"') return JSON.parse(line.slice(at, i + 1)) as string;
  }
  return undefined;
}

/** An article line's id, title and URL without parsing the rest of it (an upgrade reads
 * 100 000 of them: a full parse of each costs memory and time the keys do not need). The
 * writer puts id and title first; a `"url":"` can only be the key (a quote inside a string
 * is escaped, and no nested object has a url). Any other line is parsed whole. */
export function keyFieldsOfLine(line: string): Pick<ArticleMeta, 'id' | 'title' | 'url'> {
  const id = line.startsWith('{"id":"') ? jsonStringAt(line, 6) : undefined;
  const titleAt = id === undefined ? -1 : line.indexOf('","title":"', 7);
  const title = titleAt === -1 ? undefined : jsonStringAt(line, titleAt + 10);
  if (id !== undefined && title !== undefined && titleAt === 7 + id.length) {
    const urlAt = line.indexOf(',"url":"');
    const url = urlAt === -1 ? undefined : jsonStringAt(line, urlAt + 7);
    return url === undefined ? { id, title } : { id, title, url };
  }
  const meta = JSON.parse(line) as ArticleMeta;
  if (!isArticleMeta(meta)) throw new UnreadableFile('an article line does not match the schema');
  return meta;
}

/** The article lines of a header-first index.json from byte `start`, without their commas. */
export function* rawArticleLines(fd: number, start: number): Generator<string> {
  let at = start;
  let ended = false;
  const lines = linesAt(fd, start, MAX_ARTICLE_LINE);
  for (let next = lines.next(); ; next = lines.next()) {
    if (next.done) {
      if (next.value === null) throw new UnreadableFile('an article line is longer than 8 MB');
      break;
    }
    const line = next.value;
    const lineAt = at;
    at += Buffer.byteLength(line) + 1;
    if (ended) continue;
    if (line === ']}') {
      ended = true;
      continue;
    }
    const text = line.endsWith(',') ? line.slice(0, -1) : line;
    if (!text.startsWith('{') || !text.endsWith('}'))
      throw new UnreadableFile(`an article line of index.json is not an object (at byte ${lineAt})`);
    yield text;
  }
  if (!ended) throw new UnreadableFile('index.json ends before its articles do');
}

/** The header of a header-first index.json and where its articles start; undefined when the
 * file is not in that layout (an index written by hand). */
export function readIndexHeader(fd: number): { header: IndexHeader; end: number } | undefined {
  const found = readHeaderAt(fd);
  const h = found?.header;
  if (!found || !h || h.formatVersion !== ARCHIVE_VERSION || typeof h.lookup !== 'string' || !LOOKUP_FILE.test(h.lookup)) return undefined;
  if (h.keys !== undefined && !(typeof h.keys === 'string' && KEYS_FILE.test(h.keys))) return undefined;
  if (h.catalog !== undefined && !(typeof h.catalog === 'string' && CATALOG_FILE.test(h.catalog))) return undefined;
  const authors = checkedAuthors(h.authors);
  const removedRows = checkedRemovedRows(h.removedRows);
  if (!authors || !removedRows) return undefined;
  const segments = h.segments;
  if (segments !== undefined && !(Array.isArray(segments) && segments.every((s) => typeof s === 'string'))) return undefined;
  return {
    header: {
      formatVersion: ARCHIVE_VERSION,
      segments: segments as string[] | undefined,
      removedRows,
      lookup: h.lookup,
      keys: h.keys as string | undefined,
      catalog: h.catalog as string | undefined,
      authors,
    },
    end: found.end,
  };
}

/** The stored articles of a big index.json, read a line at a time as asked for. */
export class StoredLines implements StoredArticles {
  readonly #metas = new Map<number, ArticleMeta>();
  readonly #ids = new Map<number, string>();
  private constructor(
    readonly dir: string,
    readonly header: IndexHeader,
    readonly articlesStart: number,
    readonly indexBytes: number,
    readonly count: number,
    private readonly fd: number,
    private readonly lookupFd: number,
    readonly keys: KeyTable,
  ) {}

  /** Opens a header-first index.json with a lookup that agrees with it; undefined otherwise
   * (the caller reads the index whole). Match keys missing or not agreeing (a file lost or
   * edited by hand) are made here from the lines, in memory, and the write names new ones. */
  static open(dir: string): StoredLines | undefined {
    let fd: number;
    try {
      fd = openSync(join(dir, 'index.json'), 'r');
    } catch {
      return undefined;
    }
    let lookupFd: number | undefined;
    try {
      const found = readIndexHeader(fd);
      if (!found) throw new Error('not this layout');
      const indexBytes = fstatSync(fd).size;
      lookupFd = openSync(join(dir, found.header.lookup!), 'r');
      const head = /^byline-ids 1 (\d+) (\d+) *\n$/.exec(readAt(lookupFd, 0, 104).toString('latin1'));
      if (!head || Number(head[1]) !== indexBytes) throw new Error('lookup of another index');
      const count = Number(head[2]);
      let keys = found.header.keys ? openKeysFile(join(dir, found.header.keys), indexBytes) : undefined;
      if (!keys) {
        const memory = new MemoryKeys();
        let position = 0;
        for (const line of rawArticleLines(fd, found.end)) memory.add(keyFieldsOfLine(line), position++);
        if (position !== count) throw new Error('lookup of another index');
        keys = memory;
      }
      // The copy of a big index appends after its last line: it must end as this layout ends.
      if (readAt(fd, indexBytes - 4, 4).toString('latin1') !== '\n]}\n') throw new Error('another ending');
      return new StoredLines(dir, found.header, found.end, indexBytes, count, fd, lookupFd, keys);
    } catch (error) {
      closeSync(fd);
      if (lookupFd !== undefined) closeSync(lookupFd);
      if (error instanceof UnreadableFile) throw error;
      return undefined;
    }
  }

  #positions(hash: string): number[] {
    return this.keys
      .find(hash)
      .map(({ position, id }) => {
        this.#ids.set(position, id);
        return position;
      })
      .sort((a, b) => a - b);
  }

  positionsByUrl = (url: string) => this.#positions(urlKeyHash(url));
  positionsByTitle = (key: string) => this.#positions(titleKeyHash(key));

  meta(position: number): ArticleMeta {
    const cached = this.#metas.get(position);
    if (cached) return cached;
    const id = this.#ids.get(position);
    const record = id === undefined ? undefined : findRecord(this.lookupFd, this.indexBytes, id);
    if (!record) throw new UnreadableFile(`the match keys name an article the id lookup does not have (${id})`);
    const line = readAt(this.fd, record.offset, record.length).toString('utf8');
    let meta: unknown;
    try {
      meta = JSON.parse(line);
    } catch {
      throw new UnreadableFile(`not valid JSON (at byte ${record.offset})`);
    }
    if (!isArticleMeta(meta) || (meta as ArticleMeta).id !== id)
      throw new UnreadableFile(`the article line at byte ${record.offset} is not article ${id}`);
    this.#metas.set(position, meta as ArticleMeta);
    return meta as ArticleMeta;
  }

  hasId(id: string): boolean {
    return findRecord(this.lookupFd, this.indexBytes, id) !== undefined;
  }

  /** An article by id, with its position: its line through the lookup, its position
   * through its title's match keys (no other line is read). */
  find(id: string): { position: number; meta: ArticleMeta } | undefined {
    const record = findRecord(this.lookupFd, this.indexBytes, id);
    if (!record) return undefined;
    const meta = JSON.parse(readAt(this.fd, record.offset, record.length).toString('utf8')) as ArticleMeta;
    const position = this.positionsByTitle(foldKey(meta.title)).find((p) => this.#ids.get(p) === id);
    if (position === undefined) throw new UnreadableFile(`the match keys do not have article ${id}`);
    this.#metas.set(position, meta);
    return { position, meta };
  }

  /** Of `authorIds`, those an article not at one of `except`'s positions names: only lines
   * that mention one of them are parsed (the catalog's, when it agrees with the index). */
  stillNamed(authorIds: ReadonlySet<string>, except: ReadonlyMap<number, string>): Set<string> {
    const named = new Set<string>();
    const catalog = this.catalogLines();
    let position = 0;
    for (const line of catalog ?? this.lines()) {
      if (except.has(position++) || ![...authorIds].some((a) => line.includes(`"${a}"`))) continue;
      const item = JSON.parse(line) as unknown;
      const ids = catalog ? (item as unknown[])[2] : (item as ArticleMeta).authors;
      if (Array.isArray(ids)) for (const a of ids) if (authorIds.has(a as string)) named.add(a as string);
    }
    return named;
  }

  /** For a copy of the file: where the stored article at `position` (one the merge read) is. */
  lineOf(position: number, id = this.meta(position).id): LineRecord {
    const record = findRecord(this.lookupFd, this.indexBytes, id);
    if (!record) throw new UnreadableFile(`article ${id} is not in the id lookup`);
    return { id, ...record };
  }

  /** The bytes of index.json, for copying. */
  get file(): { fd: number; lookupFd: number; articlesStart: number; bytes: number } {
    return { fd: this.fd, lookupFd: this.lookupFd, articlesStart: this.articlesStart, bytes: this.indexBytes };
  }

  lines(): Iterable<string> {
    return rawArticleLines(this.fd, this.articlesStart);
  }

  /** The old catalog's lines, when it agrees with this index (else the caller makes them). */
  catalogLines(): Iterable<string> | undefined {
    return this.header.catalog ? oldCatalogLines(join(this.dir, this.header.catalog), this.indexBytes, this.count) : undefined;
  }

  close(): void {
    this.keys.close();
    closeSync(this.fd);
    closeSync(this.lookupFd);
  }
}
