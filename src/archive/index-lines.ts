// A big index.json (one article a line, header keys first) read and written without holding
// it: an import reads the header, finds the stored articles a new one could be through the
// match keys (match-keys.ts) and the id lookup (id-lookup.ts), reads just those lines, and
// writes the new index by copying every unchanged line byte for byte. Memory grows with the
// import, not with the archive.
import { closeSync, fstatSync, openSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { checkedAuthors, checkedRemovedRows, isArticleMeta } from './fast-validate.js';
import { findRecord, lookupText, newLookupName, readAt, readHeaderAt, shiftedLookupChunks, type LineRecord } from './id-lookup.js';
import { escapeNonAscii, syncDir, UnreadableFile, writeFileAtomic } from './jsonfile.js';
import { linesAt, MAX_ARTICLE_LINE } from './json-lines.js';
import {
  articleKeyRecords,
  keysFileChunks,
  MemoryKeys,
  newKeysName,
  openKeysFile,
  titleKeyHash,
  urlKeyHash,
  type KeyTable,
} from './match-keys.js';
import type { StoredArticles } from './merge.js';
import { catalogChunks, catalogLine, newCatalogName, oldCatalogLines } from './catalog.js';
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
 * file is not in that layout (a small or an older index). */
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
  /** Whether the keys came from a file (else they were built by reading every line). */
  readonly keysFromFile: boolean;

  private constructor(
    readonly dir: string,
    readonly header: IndexHeader,
    readonly articlesStart: number,
    readonly indexBytes: number,
    readonly count: number,
    private readonly fd: number,
    private readonly lookupFd: number,
    readonly keys: KeyTable,
    keysFromFile: boolean,
  ) {
    this.keysFromFile = keysFromFile;
  }

  /** Opens a header-first index.json with a lookup that agrees with it; undefined otherwise
   * (the caller reads the index whole). Match keys missing or not agreeing are rebuilt here
   * from the lines, in memory: an archive written before they existed upgrades as it writes. */
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
      const fromFile = keys !== undefined;
      if (!keys) {
        const memory = new MemoryKeys();
        let position = 0;
        for (const line of rawArticleLines(fd, found.end)) memory.add(keyFieldsOfLine(line), position++);
        if (position !== count) throw new Error('lookup of another index');
        keys = memory;
      }
      // The copy of a big index appends after its last line: it must end as this layout ends.
      if (readAt(fd, indexBytes - 4, 4).toString('latin1') !== '\n]}\n') throw new Error('another ending');
      return new StoredLines(dir, found.header, found.end, indexBytes, count, fd, lookupFd, keys, fromFile);
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

  /** For a copy of the file: where the stored article at `position` (one the merge read) is. */
  lineOf(position: number): LineRecord {
    const meta = this.meta(position);
    const record = findRecord(this.lookupFd, this.indexBytes, meta.id);
    if (!record) throw new UnreadableFile(`article ${meta.id} is not in the id lookup`);
    return { id: meta.id, ...record };
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

/** The articles a write changes, by position: a Map, or an import's ChangedArticles. */
export interface ChangedMetas extends Iterable<[number, ArticleMeta]> {
  get(position: number): ArticleMeta | undefined;
  keys(): Iterable<number>;
}

/** What a new big index.json is made of: the stored articles (as lines, or in memory), the
 * changes of this write by position (new articles past the stored count), and the header. */
export interface IndexLinesInput {
  header: Omit<IndexHeader, 'lookup' | 'keys' | 'catalog'>;
  stored: {
    count: number;
    lines(): Iterable<string>;
    catalogLines?(): Iterable<string> | undefined;
    keys?: KeyTable;
    lineOf?: StoredLines['lineOf'];
    file?: StoredLines['file'];
  };
  changed: ChangedMetas;
  added: number;
  /** Stored positions this write removes: the lines after them move up, so the lookup and
   * the match keys are made anew from every line. */
  removed?: ReadonlySet<number>;
  /** Make the match keys from every line, not from the stored keys (reindex). */
  rebuildKeys?: boolean;
}

/** For the fault tests: BYLINE_TEST_CRASH_AT=<point> kills the process there, as kill -9 would. */
function crashPoint(point: string): void {
  if (process.env.BYLINE_TEST_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}

const tempName = (name: string) => `.${name}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * Writes a big index.json: the new text to a temp file (unchanged lines copied as they are),
 * then the derived files that describe it (writeDerived), then the rename that commits all of
 * it. Returns the header as written.
 */
export async function writeIndexLines(dir: string, input: IndexLinesInput): Promise<IndexHeader> {
  const header: IndexHeader = { ...input.header, lookup: newLookupName(), keys: newKeysName(), catalog: newCatalogName() };
  const head: string[] = [`{"formatVersion":${JSON.stringify(header.formatVersion)},`];
  if (header.segments) head.push(`"segments":${JSON.stringify(header.segments)},`);
  if (header.removedRows?.length) head.push(`"removedRows":${JSON.stringify(header.removedRows)},`);
  head.push(
    `"lookup":${JSON.stringify(header.lookup)},`,
    `"keys":${JSON.stringify(header.keys)},`,
    `"catalog":${JSON.stringify(header.catalog)},`,
  );
  head.push(header.authors.length === 0 ? '"authors":[],' : `"authors":[\n${header.authors.map((a) => JSON.stringify(a)).join(',\n')}\n],`);
  head.push('"articles":[');
  const headText = escapeNonAscii(head.join('\n')) + '\n';
  const temp = join(dir, tempName('index.json'));
  const handle = await open(temp, 'wx');
  try {
    const out = new Output(handle);
    await out.put(headText);
    const copy = input.stored.file && input.stored.lineOf && !input.rebuildKeys && !input.removed?.size;
    const { lookup, keysAdded } = copy ? await copyLines(out, input, headText.length) : await writeLines(out, input, headText.length);
    await out.flush();
    await handle.sync();
    await handle.close();
    const replaced = new Set([...input.changed.keys()].filter((p) => p < input.stored.count));
    const anew = input.rebuildKeys || input.removed?.size;
    const keys = keysFileChunks(anew ? undefined : input.stored.keys, replaced, keysAdded, out.bytes);
    await writeDerived(dir, {
      header,
      indexBytes: out.bytes,
      lookup: lookup(out.bytes),
      keys,
      catalog: catalogChunks(newCatalogLines(input), input.stored.count + input.added - (input.removed?.size ?? 0), out.bytes),
    });
    crashPoint('lookup-written');
    await rename(temp, join(dir, 'index.json'));
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
  return header;
}

/** Buffered writes of the new index, counting bytes. */
class Output {
  bytes = 0;
  #pending: (string | Buffer)[] = [];
  #pendingBytes = 0;
  constructor(private readonly handle: FileHandle) {}
  async put(data: string | Buffer): Promise<void> {
    this.#pending.push(data);
    const n = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    this.bytes += n;
    this.#pendingBytes += n;
    if (this.#pendingBytes >= 1 << 20) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const buffer = Buffer.concat(this.#pending.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    this.#pending = [];
    this.#pendingBytes = 0;
    await this.handle.write(buffer);
  }
}

type Written = { lookup: (indexBytes: number) => string | Iterable<Buffer>; keysAdded: string[] };

const newLine = (meta: ArticleMeta) => escapeNonAscii(JSON.stringify(meta));

/** Line by line: every line is looked at (an index held in memory, or reindex, which makes
 * every derived file anew). */
async function writeLines(out: Output, input: IndexLinesInput, start: number): Promise<Written> {
  const records: LineRecord[] = [];
  const keysAdded: string[] = [];
  const removed = input.removed ?? new Set<number>();
  const total = input.stored.count + input.added - removed.size;
  let offset = start;
  let position = 0; // in the new index
  let stored = 0; // in the old
  const line = async (text: string, id: string) => {
    const length = Buffer.byteLength(text);
    records.push({ id, offset, length });
    const last = position === total - 1;
    await out.put(last ? `${text}\n` : `${text},\n`);
    offset += length + (last ? 1 : 2);
    position++;
  };
  for (const old of input.stored.lines()) {
    if (stored >= input.stored.count) throw new UnreadableFile('index.json has more articles than its lookup');
    const meta = input.changed.get(stored);
    if (removed.has(stored++)) continue;
    if (meta) {
      keysAdded.push(...articleKeyRecords(meta, position));
      await line(newLine(meta), meta.id);
    } else {
      if (input.rebuildKeys || removed.size) keysAdded.push(...articleKeyRecords(keyFieldsOfLine(old), position));
      await line(old, idOfLine(old));
    }
  }
  if (stored !== input.stored.count) throw new UnreadableFile('index.json has fewer articles than its lookup');
  for (let k = 0; k < input.added; k++) {
    const meta = input.changed.get(stored + k)!;
    keysAdded.push(...articleKeyRecords(meta, position));
    await line(newLine(meta), meta.id);
  }
  await out.put(']}\n');
  return { lookup: (bytes) => lookupText(records, bytes), keysAdded };
}

/** Byte ranges: the old file is copied a megabyte at a time between the lines that change,
 * never decoded; the lookup is the old one with its offsets moved. */
async function copyLines(out: Output, input: IndexLinesInput, start: number): Promise<Written> {
  const file = input.stored.file!;
  const keysAdded: string[] = [];
  const replacedLines = [...input.changed.keys()]
    .filter((p) => p < input.stored.count)
    .map((p) => ({ position: p, line: input.stored.lineOf!(p) }))
    .sort((a, b) => a.line.offset - b.line.offset);
  // Each replaced line moves what follows it by its change in length; the header moves all.
  const shifts: { from: number; by: number }[] = [{ from: 0, by: start - file.articlesStart }];
  const replaced = new Map<string, LineRecord>();
  let at = file.articlesStart;
  const end = file.bytes - 4; // the last line's end, before "\n]}\n"
  const copy = async (until: number) => {
    while (at < until) {
      const chunk = readAt(file.fd, at, Math.min(1 << 20, until - at));
      if (chunk.length === 0) throw new UnreadableFile('index.json ends early');
      await out.put(chunk);
      at += chunk.length;
    }
  };
  for (const { position, line } of replacedLines) {
    await copy(line.offset);
    const meta = input.changed.get(position)!;
    const text = Buffer.from(newLine(meta), 'utf8');
    replaced.set(line.id, { id: meta.id, offset: out.bytes, length: text.length });
    await out.put(text);
    at = line.offset + line.length;
    shifts.push({ from: at, by: shifts[shifts.length - 1].by + text.length - line.length });
    keysAdded.push(...articleKeyRecords(meta, position));
  }
  await copy(end);
  const added: LineRecord[] = [];
  for (let k = 0; k < input.added; k++) {
    const position = input.stored.count + k;
    const meta = input.changed.get(position)!;
    const text = Buffer.from(newLine(meta), 'utf8');
    await out.put(',\n');
    added.push({ id: meta.id, offset: out.bytes, length: text.length });
    await out.put(text);
    keysAdded.push(...articleKeyRecords(meta, position));
  }
  await out.put('\n]}\n');
  const shift = (offset: number) => {
    let lo = 0;
    let hi = shifts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (shifts[mid].from <= offset) lo = mid;
      else hi = mid - 1;
    }
    return offset + shifts[lo].by;
  };
  return { lookup: (bytes) => shiftedLookupChunks(file.lookupFd, shift, replaced, added, bytes), keysAdded };
}

/** The derived files of a new big index.json, written beside it before the rename that
 * commits it, each under the new name the header gives it. The one place they are written:
 * a new derived file (one line per article, say) is one more step here. */
async function writeDerived(
  dir: string,
  next: { header: IndexHeader; indexBytes: number; lookup: string | Iterable<Buffer>; keys: Iterable<Buffer>; catalog: Iterable<string> },
): Promise<void> {
  await writeFileAtomic(join(dir, next.header.lookup!), next.lookup, { syncFolder: false });
  await writeFileAtomic(join(dir, next.header.keys!), next.keys, { syncFolder: false });
  await writeFileAtomic(join(dir, next.header.catalog!), next.catalog, { syncFolder: false });
}

/** The new catalog's lines, in archive order: the old catalog's where it agrees with the old
 * index (else made from the old lines, parsed one at a time: an upgrade or a reindex), with
 * this write's changed and new articles put in their places; read as they are written. */
function* newCatalogLines(input: IndexLinesInput): Generator<string> {
  const old = input.rebuildKeys ? undefined : input.stored.catalogLines?.();
  let position = 0;
  for (const line of old ?? input.stored.lines()) {
    if (input.removed?.has(position)) {
      position++;
      continue;
    }
    const meta = input.changed.get(position++);
    yield meta ? catalogLine(meta) : old ? line : catalogLine(JSON.parse(line) as ArticleMeta);
  }
  for (let k = 0; k < input.added; k++) yield catalogLine(input.changed.get(position++)!);
}

/** Stored articles held in memory, as a source of lines (a small or older index growing big). */
export function linesOfMetas(articles: readonly ArticleMeta[]): IndexLinesInput['stored'] {
  const keys = new MemoryKeys();
  articles.forEach((a, i) => keys.add(a, i));
  return {
    count: articles.length,
    *lines() {
      for (const a of articles) yield escapeNonAscii(JSON.stringify(a));
    },
    catalogLines: () => articles.map(catalogLine),
    keys,
  };
}
