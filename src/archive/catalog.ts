// The catalog of a big index.json: one line per article with exactly what a list row and a
// title/author search need — id, title, author ids, kind, date, site — in archive order. At
// 100 000 articles it is a sixth of index.json, and its first screenful is its first few
// kilobytes: the reader draws from it before the rest is read, and `byline search` matches
// over it without parsing every article. Like the id lookup it is derived: written before
// index.json under a new name each time, named by index.json (whose rename stays the one
// commit point), removed by the sweep once no index names it, carried over by every write
// (copied, with the written articles put in their places) and rebuilt by reindex. It is
// only a shortcut: one that does not agree with index.json (another size, another count, a
// line that does not parse) is not used, and the reader falls back to index.json.
//
// Plain text, for a person as much as for a program:
//   byline-catalog 1 <index.json bytes> <articles>
//   ["<id>","<title>",["<author id>",…],<flags: 1 excerpt, 2 sponsored>,"<published>","<site>"(,["<tag>",…])]
import { closeSync, openSync } from 'node:fs';
import { linesAt, MAX_ARTICLE_LINE } from './json-lines.js';
import { siteOf } from '../text/page-meta.js';
import type { ArticleMeta } from '../model/schema.js';

export const CATALOG_MAGIC = 'byline-catalog 1';

/** Random, like the lookup's name (see id-lookup.ts). */
export const newCatalogName = () =>
  `index.${Array.from({ length: 16 }, () => Math.floor(Math.random() * 16).toString(16)).join('')}.catalog`;

export const EXCERPT = 1;
export const SPONSORED = 2;

/** One article's catalog line (without the newline). */
export function catalogLine(meta: ArticleMeta): string {
  const flags = (meta.kind === 'excerpt' ? EXCERPT : 0) | (meta.sponsored ? SPONSORED : 0);
  const row = [meta.id, meta.title, meta.authors, flags, meta.publishedAt ?? '', siteOf(meta)];
  return JSON.stringify(meta.tags?.length ? [...row, meta.tags] : row);
}

/** The catalog file of these lines, for an index.json of `indexBytes` bytes. */
export function catalogTextOfLines(lines: readonly string[], indexBytes: number): string {
  return [...catalogChunks(lines, lines.length, indexBytes)].join('');
}

/** The catalog file of `count` lines, made a megabyte at a time as it is written (never
 * whole: 17 MB at 100 000 articles). */
export function* catalogChunks(lines: Iterable<string>, count: number, indexBytes: number): Generator<string> {
  let part = `${CATALOG_MAGIC} ${indexBytes} ${count}\n`;
  for (const line of lines) {
    part += `${line}\n`;
    if (part.length > 1 << 20) {
      yield part;
      part = '';
    }
  }
  yield part;
}

/** The lines of a catalog written for an index.json of `indexBytes` bytes and `count`
 * articles, read a megabyte at a time as they are asked for; undefined when it is missing or
 * was written for another (its header and its count of lines are checked first). A write
 * copies them, with its own articles put in their places. */
export function oldCatalogLines(path: string, indexBytes: number, count: number): Iterable<string> | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const lines = linesAt(fd, 0, MAX_ARTICLE_LINE);
    const head = lines.next();
    if (head.done || head.value !== `${CATALOG_MAGIC} ${indexBytes} ${count}`) return undefined;
    let n = 0;
    for (let next = lines.next(); ; next = lines.next()) {
      if (next.done) {
        if (next.value !== '') return undefined; // a line past the limit, or no newline at the end
        break;
      }
      n++;
    }
    if (n !== count) return undefined;
  } finally {
    closeSync(fd);
  }
  return {
    *[Symbol.iterator]() {
      const again = openSync(path, 'r');
      try {
        const lines = linesAt(again, 0, MAX_ARTICLE_LINE);
        lines.next(); // the header
        for (let next = lines.next(); !next.done; next = lines.next()) yield next.value;
      } finally {
        closeSync(again);
      }
    },
  };
}
