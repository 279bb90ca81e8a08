// Writing a big index.json: the new text (unchanged lines copied as bytes), then its derived
// files (lookup, match keys, catalog), then the rename that commits it.
import { lowerBound } from '../search/removed-rows.js';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { lookupText, newLookupName, readAt, shiftedLookupChunks, type LineRecord } from './id-lookup.js';
import { escapeNonAscii, syncDir, UnreadableFile, writeFileAtomic } from './jsonfile.js';
import { articleKeyRecords, keysFileChunks, MemoryKeys, newKeysName, type KeyTable } from './match-keys.js';
import { catalogChunks, catalogLine, newCatalogName } from './catalog.js';
import { type ArticleMeta } from '../model/schema.js';
import { idOfLine, keyFieldsOfLine, type IndexHeader, type StoredLines } from './index-lines.js';

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
  /** Stored positions this write removes, with their ids: the lines after them move up (the
   * lookup's offsets and the keys' positions with them). */
  removed?: ReadonlyMap<number, string>;
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
    // Copied as bytes unless every line must be looked at, or the last stored line goes (the
    // one before it would keep its comma).
    const copy = input.stored.file && input.stored.lineOf && !input.rebuildKeys && !input.removed?.has(input.stored.count - 1);
    const { lookup, keysAdded } = copy ? await copyLines(out, input, headText.length) : await writeLines(out, input, headText.length);
    await out.flush();
    await handle.sync();
    await handle.close();
    const replaced = new Set([...input.changed.keys()].filter((p) => p < input.stored.count));
    const anew = input.rebuildKeys || (!copy && input.removed?.size);
    const without = new Set([...replaced, ...(input.removed?.keys() ?? [])]);
    const keys = keysFileChunks(anew ? undefined : input.stored.keys, without, keysAdded, out.bytes, renumbering(input.removed));
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
  const removed = input.removed ?? new Map<number, string>();
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
  const renumber = renumbering(input.removed);
  // The lines that change, replaced (a new text) or removed (with the ",\n" after them), in file order.
  const edits = [
    ...[...input.changed.keys()].filter((p) => p < input.stored.count).map((p) => ({ position: p, id: input.changed.get(p)!.id })),
    ...[...(input.removed ?? [])].map(([p, id]) => ({ position: p, id })),
  ]
    .map(({ position, id }) => ({ position, line: input.stored.lineOf!(position, id) }))
    .sort((a, b) => a.line.offset - b.line.offset);
  // Each edited line moves what follows it by its change in length; the header moves all.
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
  for (const { position, line } of edits) {
    await copy(line.offset);
    const meta = input.removed?.has(position) ? undefined : input.changed.get(position)!;
    const text = meta ? Buffer.from(newLine(meta), 'utf8') : Buffer.alloc(0);
    if (meta) {
      replaced.set(line.id, { id: meta.id, offset: out.bytes, length: text.length });
      await out.put(text);
      keysAdded.push(...articleKeyRecords(meta, renumber(position)));
    }
    // A removed line takes its ",\n" with it (it is never the last: see writeIndexLines).
    const gone = meta ? line.length : line.length + 2;
    at = line.offset + gone;
    shifts.push({ from: at, by: shifts[shifts.length - 1].by + text.length - gone });
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
    keysAdded.push(...articleKeyRecords(meta, renumber(position)));
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
  const removedIds = new Set(input.removed?.values() ?? []);
  return { lookup: (bytes) => shiftedLookupChunks(file.lookupFd, shift, replaced, added, bytes, removedIds), keysAdded };
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
 * index (else made from the old lines, parsed one at a time: a lost catalog, or a reindex), with
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

/** Stored articles held in memory, as a source of lines (an index read whole, written line-wise). */
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

/** A stored position as the new index counts it, after the removed positions before it. */
function renumbering(removed: ReadonlyMap<number, string> | undefined): (position: number) => number {
  if (!removed?.size) return (position) => position;
  const sorted = [...removed.keys()].sort((a, b) => a - b);
  return (position) => position - lowerBound(sorted, position);
}
