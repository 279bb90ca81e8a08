// A big index.json (past 1 000 articles) is written one article per line, its small header
// keys first — version, segments, lookup, authors — and `articles` last. Beside it, a lookup
// file sorted by id gives each article's line as a byte offset and length, so `byline read ID`
// reads the header, a few lookup records and one line: its time does not grow with the
// archive. The lookup is derived: it is written before index.json, under a new name each
// time, and index.json names it (the rename of index.json stays the one commit point). It is
// only ever a shortcut: anything that does not agree with index.json — a missing lookup, a
// size that differs, a line that is not that article — sends the caller to a full read.
//
// The lookup is plain text in fixed-width records, for a person as much as for pread:
//   byline-ids 1 <index.json bytes> <articles>        (padded to RECORD bytes)
//   <id padded to 80> <offset, 12 digits> <length, 9 digits>
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { checkedAuthors, checkedRemovedRows, isArticleMeta } from './fast-validate.js';
import { linesAt, MAX_ARTICLE_LINE } from './json-lines.js';
import { ARCHIVE_VERSION, LOOKUP_FILE, type ArticleMeta, type Author, type Index } from '../model/schema.js';
import { IndexLineProblem } from './problems.js';
export { IndexLineProblem };

const ID_WIDTH = 80;
const RECORD = ID_WIDTH + 1 + 12 + 1 + 9 + 1;
const MAGIC = 'byline-ids 1';
/** No header of a real archive comes near this (it holds the authors): past it, read it all. */
const MAX_HEADER = 8 << 20;

/** Random, not a hash of the content: the name is inside the text it would hash. (Not
 * node:crypto, whose loading a read would wait for.) */
export const newLookupName = () => `index.${Array.from({ length: 16 }, () => Math.floor(Math.random() * 16).toString(16)).join('')}.ids`;

export interface LineRecord {
  id: string;
  offset: number;
  length: number;
}

const lookupRecord = (r: LineRecord) => `${r.id.padEnd(ID_WIDTH)} ${String(r.offset).padStart(12)} ${String(r.length).padStart(9)}\n`;

/**
 * The lookup of an index.json that was copied from the one `oldFd` describes, with some
 * lines replaced and some added: the old records, read front to back, with each offset moved
 * by `shift(offset)`, the replaced ones' records swapped for `replaced`, and `added` merged in
 * by id. No sort of the whole, and only the records in memory that changed; made a
 * megabyte at a time as it is written, never whole (10 MB at 100 000 articles).
 */
export function* shiftedLookupChunks(
  oldFd: number,
  shift: (offset: number) => number,
  replaced: ReadonlyMap<string, LineRecord>,
  added: LineRecord[],
  indexBytes: number,
  /** Ids whose lines the copy left out. */
  removed: ReadonlySet<string> = new Set(),
): Generator<Buffer> {
  const head = /^byline-ids 1 (\d+) (\d+) *\n$/.exec(readAt(oldFd, 0, RECORD).toString('latin1'));
  if (!head) throw new Error('the id lookup has no header');
  const count = Number(head[2]);
  const fresh = [...added].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  yield Buffer.from(`${MAGIC} ${indexBytes} ${count + added.length - removed.size}`.padEnd(RECORD - 1) + '\n', 'latin1');
  let out = '';
  let k = 0;
  const per = Math.floor((1 << 20) / RECORD);
  for (let at = 0; at < count; at += per) {
    const text = readAt(oldFd, RECORD * (at + 1), RECORD * Math.min(per, count - at)).toString('latin1');
    for (let r = 0; r < text.length; r += RECORD) {
      const id = text.slice(r, r + ID_WIDTH).trimEnd();
      while (k < fresh.length && fresh[k].id < id) out += lookupRecord(fresh[k++]);
      if (removed.has(id)) continue;
      const swapped = replaced.get(id);
      if (swapped) out += lookupRecord(swapped);
      else {
        const offset = Number(text.slice(r + ID_WIDTH + 1, r + ID_WIDTH + 13));
        out += `${text.slice(r, r + ID_WIDTH + 1)}${String(shift(offset)).padStart(12)}${text.slice(r + ID_WIDTH + 13, r + RECORD)}`;
      }
    }
    yield Buffer.from(out, 'latin1');
    out = '';
  }
  while (k < fresh.length) out += lookupRecord(fresh[k++]);
  yield Buffer.from(out, 'latin1');
}

/** The lookup file's text for an index.json of `indexBytes` bytes. */
export function lookupText(records: LineRecord[], indexBytes: number): string {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const header = `${MAGIC} ${indexBytes} ${records.length}`.padEnd(RECORD - 1) + '\n';
  return header + sorted.map(lookupRecord).join('');
}

export function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return buffer.subarray(0, done);
}

/** index.json's keys before `articles` (read a chunk at a time until that line); undefined
 * when the file is not in this layout. */
function readHeader(fd: number): Record<string, unknown> | undefined {
  return readHeaderAt(fd)?.header;
}

export function readHeaderAt(fd: number): { header: Record<string, unknown>; end: number } | undefined {
  const chunks: Buffer[] = [];
  let size = 0;
  const marker = Buffer.from('\n"articles":[\n');
  while (size < MAX_HEADER) {
    const chunk = readAt(fd, size, Math.max(64 << 10, size)); // doubling: copies stay linear
    if (chunk.length === 0) return undefined;
    chunks.push(chunk);
    size += chunk.length;
    const text = Buffer.concat(chunks);
    const at = text.indexOf(marker);
    if (at === -1) continue;
    try {
      const header = JSON.parse(`${text.toString('utf8', 0, at + marker.length - 1)}]}`) as unknown;
      return typeof header === 'object' && header !== null && !Array.isArray(header)
        ? { header: header as Record<string, unknown>, end: at + marker.length }
        : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The record of `id` in the lookup, by binary search over its fixed-width records. */
export function findRecord(lookupFd: number, indexBytes: number, id: string): { offset: number; length: number } | undefined {
  const head = /^byline-ids 1 (\d+) (\d+) *\n$/.exec(readAt(lookupFd, 0, RECORD).toString('latin1'));
  if (!head || Number(head[1]) !== indexBytes) return undefined;
  const n = Number(head[2]);
  if (fstatSync(lookupFd).size !== RECORD * (n + 1)) return undefined;
  let low = 0;
  let high = n - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const record = readAt(lookupFd, RECORD * (mid + 1), RECORD).toString('latin1');
    const key = record.slice(0, ID_WIDTH).trimEnd();
    if (key === id)
      return { offset: Number(record.slice(ID_WIDTH + 1, ID_WIDTH + 13)), length: Number(record.slice(ID_WIDTH + 14, ID_WIDTH + 23)) };
    if (key < id) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

export interface FoundArticle {
  index: Index;
  meta: ArticleMeta;
}

/**
 * One article of a big archive without reading the others: the header (version, segments,
 * authors), then its line, found through the lookup index.json names. Undefined whenever the
 * shortcut cannot vouch for its answer — no lookup, a lookup for another size of index.json,
 * a line that is not this article, a header that does not check — and the caller reads
 * index.json whole, which also reports any problem with it.
 */
export function findArticleLine(dir: string, id: string): FoundArticle | undefined {
  let fd: number;
  try {
    fd = openSync(join(dir, 'index.json'), 'r');
  } catch {
    return undefined;
  }
  try {
    const header = readHeader(fd);
    if (!header || header.formatVersion !== ARCHIVE_VERSION || typeof header.lookup !== 'string' || !LOOKUP_FILE.test(header.lookup))
      return undefined;
    const authors = checkedAuthors(header.authors);
    const removedRows = checkedRemovedRows(header.removedRows);
    if (!authors || !removedRows) return undefined;
    const segments = header.segments;
    if (segments !== undefined && !(Array.isArray(segments) && segments.every((s) => typeof s === 'string'))) return undefined;
    let lookupFd: number;
    try {
      lookupFd = openSync(join(dir, header.lookup), 'r');
    } catch {
      return undefined; // a newer index.json swept it meanwhile: read the whole
    }
    let record: { offset: number; length: number } | undefined;
    try {
      record = findRecord(lookupFd, fstatSync(fd).size, id);
    } finally {
      closeSync(lookupFd);
    }
    if (!record || !Number.isSafeInteger(record.offset) || !Number.isSafeInteger(record.length) || record.offset < 1) return undefined;
    // The line with what must be around it: a newline before, "," or a newline after.
    const bytes = readAt(fd, record.offset - 1, record.length + 2);
    if (bytes.length !== record.length + 2 || bytes[0] !== 10 || (bytes[bytes.length - 1] !== 44 && bytes[bytes.length - 1] !== 10))
      return undefined;
    let meta: unknown;
    try {
      meta = JSON.parse(bytes.toString('utf8', 1, bytes.length - 1));
    } catch {
      return undefined;
    }
    if (!isArticleMeta(meta) || (meta as ArticleMeta).id !== id) return undefined;
    const index: Index = {
      formatVersion: ARCHIVE_VERSION,
      articles: [meta as ArticleMeta],
      authors,
      segments: segments as string[] | undefined,
      removedRows,
      lookup: header.lookup,
    };
    return { index, meta: meta as ArticleMeta };
  } finally {
    closeSync(fd);
  }
}

export interface IndexStream {
  authors: Author[];
  /** Each article as its line is read; throws IndexLineProblem at a line that does not check. */
  articles: Generator<ArticleMeta>;
}

/**
 * The articles of a big index.json one line at a time, in archive order, for output that
 * starts at once (`byline list | head`): the header first (authors), then each article line,
 * checked as it comes — the fast schema twin, unique ids, and the closing `]}`. Undefined when
 * index.json is not in the header-first layout.
 */
export function streamIndex(dir: string): IndexStream | undefined {
  let fd: number;
  try {
    fd = openSync(join(dir, 'index.json'), 'r');
  } catch {
    return undefined;
  }
  let found: ReturnType<typeof readHeaderAt>;
  try {
    found = readHeaderAt(fd);
  } catch {
    found = undefined;
  }
  const header = found?.header;
  const authors =
    header && header.formatVersion === ARCHIVE_VERSION && typeof header.lookup === 'string' ? checkedAuthors(header.authors) : undefined;
  // Streamed rows are printed as they are read: only a file that is whole as its lookup
  // knows it (same size, the layout's ending) is streamed; any other is read whole, which
  // refuses a damaged one before printing anything.
  if (!found || !authors || !wholeAsLookupSays(dir, fd, header!.lookup as string)) {
    closeSync(fd);
    return undefined;
  }
  return { authors, articles: articleLines(fd, found.end) };
}

function wholeAsLookupSays(dir: string, fd: number, lookup: string): boolean {
  try {
    const bytes = fstatSync(fd).size;
    if (readAt(fd, bytes - 4, 4).toString('latin1') !== '\n]}\n') return false;
    const lookupFd = openSync(join(dir, lookup), 'r');
    try {
      const head = /^byline-ids 1 (\d+) /.exec(readAt(lookupFd, 0, 64).toString('latin1'));
      return head !== null && Number(head[1]) === bytes;
    } finally {
      closeSync(lookupFd);
    }
  } catch {
    return false;
  }
}

function* articleLines(fd: number, start: number): Generator<ArticleMeta> {
  const seen = new Set<string>();
  let ended = false;
  let comma = true;
  try {
    const lines = linesAt(fd, start, MAX_ARTICLE_LINE);
    for (let next = lines.next(); ; next = lines.next()) {
      if (next.done) {
        if (next.value === null) throw new IndexLineProblem('line too long');
        if (!ended || next.value.trim() !== '') throw new IndexLineProblem('the file ends early');
        return;
      }
      const line = next.value;
      if (ended) {
        if (line !== '') throw new IndexLineProblem('text after the end');
        continue;
      }
      if (line === ']}') {
        if (comma && seen.size > 0) throw new IndexLineProblem('a comma before the end');
        ended = true;
        continue;
      }
      if (!comma) throw new IndexLineProblem('no comma between articles');
      comma = line.endsWith(',');
      let meta: unknown;
      try {
        meta = JSON.parse(comma ? line.slice(0, -1) : line);
      } catch {
        throw new IndexLineProblem('not JSON');
      }
      if (!isArticleMeta(meta) || seen.has((meta as ArticleMeta).id)) throw new IndexLineProblem('not an article');
      seen.add((meta as ArticleMeta).id);
      yield meta as ArticleMeta;
    }
  } finally {
    closeSync(fd);
  }
}
