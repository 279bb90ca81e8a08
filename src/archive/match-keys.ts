// The match keys of a big archive: how an import finds the stored articles a new one could be
// (the same canonical URL, or the same folded title) without reading every article. Derived,
// like the id lookup: written before index.json under a new name each time, named by it
// (`"keys"`), checked against its size, and rebuilt from the article lines when it does not
// agree. Plain text in fixed-width records sorted by key, for binary search:
//   byline-keys 1 <index.json bytes> <records>          (padded to RECORD bytes)
//   <16 hex: sha1 of "t <folded title>" or "u <url>"> <position, 9 digits> <id padded to 80>
// A position is the article's place in index.json: articles are never moved or removed, so it
// stays. Two keys with one hash only add a candidate; the merge compares the articles.
import { createRequire } from 'node:module';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { foldKey } from './fold-key.js';
import type { ArticleMeta } from '../model/schema.js';

const HASH = 16;
const POSITION = 9;
const ID_WIDTH = 80;
export const KEY_RECORD = HASH + 1 + POSITION + 1 + ID_WIDTH + 1;
const MAGIC = 'byline-keys 1';

export const newKeysName = () => `index.${Array.from({ length: 16 }, () => Math.floor(Math.random() * 16).toString(16)).join('')}.keys`;

/** node:crypto, loaded on the first key made: a read, which only finds lines, never waits for it. */
let crypto: typeof import('node:crypto') | undefined;
export const keyHash = (key: string) =>
  (crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'))
    .createHash('sha1')
    .update(key)
    .digest('hex')
    .slice(0, HASH);
export const titleKeyHash = (titleKey: string) => keyHash(`t ${titleKey}`);
export const urlKeyHash = (url: string) => keyHash(`u ${url}`);

export interface KeyMatch {
  position: number;
  id: string;
}

export const keyRecord = (hash: string, position: number, id: string) =>
  `${hash} ${String(position).padStart(POSITION, '0')} ${id.padEnd(ID_WIDTH)}\n`;

/** The records of one article: its title, and its URL when it has one. */
export function articleKeyRecords(meta: Pick<ArticleMeta, 'id' | 'title' | 'url'>, position: number): string[] {
  const out = [keyRecord(titleKeyHash(foldKey(meta.title)), position, meta.id)];
  if (meta.url) out.push(keyRecord(urlKeyHash(meta.url), position, meta.id));
  return out;
}

const parseRecord = (record: string): KeyMatch => ({
  position: Number(record.slice(HASH + 1, HASH + 1 + POSITION)),
  id: record.slice(HASH + POSITION + 2, HASH + POSITION + 2 + ID_WIDTH).trimEnd(),
});

/** Records sort as text: by hash, then position (zero-padded). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface KeyTable {
  readonly count: number;
  find(hash: string): KeyMatch[];
  /** Every record, sorted, without those of the given positions. */
  records(without: ReadonlySet<number>): Iterable<string>;
  close(): void;
}

/** Keys held in memory: built from articles as they are read. */
export class MemoryKeys implements KeyTable {
  #sorted: string[] | undefined;
  readonly #records: string[] = [];

  add(meta: Pick<ArticleMeta, 'id' | 'title' | 'url'>, position: number): void {
    this.#records.push(...articleKeyRecords(meta, position));
    this.#sorted = undefined;
  }

  get count(): number {
    return this.#records.length;
  }

  #all(): string[] {
    return (this.#sorted ??= this.#records.sort(byText));
  }

  find(hash: string): KeyMatch[] {
    const all = this.#all();
    const out: KeyMatch[] = [];
    for (let i = lowerBound(all.length, (k) => all[k].slice(0, HASH) < hash); i < all.length && all[i].startsWith(hash); i++)
      out.push(parseRecord(all[i]));
    return out;
  }

  *records(without: ReadonlySet<number>): Iterable<string> {
    for (const r of this.#all()) if (!without.has(parseRecord(r).position)) yield r;
  }

  close(): void {}
}

function lowerBound(n: number, before: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function readAt(fd: number, position: number, length: number): string {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return buffer.toString('latin1', 0, done);
}

/** The keys file of an index.json of `indexBytes` bytes; undefined when it is missing or was
 * written for another index.json. */
export function openKeysFile(path: string, indexBytes: number): KeyTable | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  const head = /^byline-keys 1 (\d+) (\d+) *\n$/.exec(readAt(fd, 0, KEY_RECORD));
  const count = Number(head?.[2]);
  if (!head || Number(head[1]) !== indexBytes || fstatSync(fd).size !== KEY_RECORD * (count + 1)) {
    closeSync(fd);
    return undefined;
  }
  const record = (k: number) => readAt(fd, KEY_RECORD * (k + 1), KEY_RECORD);
  return {
    count,
    find(hash) {
      const out: KeyMatch[] = [];
      for (let k = lowerBound(count, (m) => record(m).slice(0, HASH) < hash); k < count; k++) {
        const r = record(k);
        if (!r.startsWith(hash)) break;
        out.push(parseRecord(r));
      }
      return out;
    },
    *records(without) {
      // A megabyte at a time: the file is read once, front to back.
      const per = Math.floor((1 << 20) / KEY_RECORD);
      for (let k = 0; k < count; k += per) {
        const text = readAt(fd, KEY_RECORD * (k + 1), KEY_RECORD * Math.min(per, count - k));
        for (let at = 0; at < text.length; at += KEY_RECORD) {
          const r = text.slice(at, at + KEY_RECORD);
          if (without.size === 0 || !without.has(parseRecord(r).position)) yield r;
        }
      }
    },
    close: () => closeSync(fd),
  };
}

/** The keys file: the old records (less those of changed positions) merged with the new
 * ones, in order, made a megabyte at a time as it is written (never whole: 11 MB at 100 000
 * articles). Latin-1 throughout: the records are ASCII. */
export function* keysFileChunks(
  old: KeyTable | undefined,
  without: ReadonlySet<number>,
  added: string[],
  indexBytes: number,
  /** A kept record's position in the new index (removed lines move the later ones up). */
  renumber: (position: number) => number = (position) => position,
): Generator<Buffer> {
  const fresh = [...added].sort(byText);
  // The header comes first and holds the count: the old records kept are counted beforehand
  // (a read of the file, where positions are left out).
  let kept = 0;
  if (old && without.size === 0) kept = old.count;
  else if (old) for (const r of old.records(without)) if (r) kept++;
  yield Buffer.from(`${MAGIC} ${indexBytes} ${kept + fresh.length}`.padEnd(KEY_RECORD - 1) + '\n', 'latin1');
  let part = '';
  let k = 0;
  for (const kept of old?.records(without) ?? []) {
    const position = Number(kept.slice(HASH + 1, HASH + 1 + POSITION));
    const moved = renumber(position);
    const r =
      moved === position ? kept : `${kept.slice(0, HASH + 1)}${String(moved).padStart(POSITION, '0')}${kept.slice(HASH + 1 + POSITION)}`;
    while (k < fresh.length && fresh[k] < r) part += fresh[k++];
    part += r;
    if (part.length > 1 << 20) {
      yield Buffer.from(part, 'latin1');
      part = '';
    }
  }
  while (k < fresh.length) part += fresh[k++];
  yield Buffer.from(part, 'latin1');
}
