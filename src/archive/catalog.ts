// The catalog of a big index.json: one line per article with exactly what a list row and a
// title/author search need — id, title, author ids, kind, date, site — in archive order. At
// 100 000 articles it is a sixth of index.json, and its first screenful is its first few
// kilobytes: the reader draws from it before the rest is read, and `byline search` matches
// over it without parsing every article. Like the id lookup it is derived: written before
// index.json under a new name each time, named by index.json (whose rename stays the one
// commit point), removed by the sweep once no index names it, rebuilt with every write. It is
// only a shortcut: one that does not agree with index.json (another size, another count, a
// line that does not parse) is not used, and the reader falls back to index.json.
//
// Plain text, for a person as much as for a program:
//   byline-catalog 1 <index.json bytes> <articles>
//   ["<id>","<title>",["<author id>",…],<flags: 1 excerpt, 2 sponsored>,"<published>","<site>"]
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { siteOf } from '../text/page-meta.js';
import { CATALOG_FILE, type ArticleMeta } from '../model/schema.js';
import { writeFileAtomic } from './jsonfile.js';

export const CATALOG_MAGIC = 'byline-catalog 1';

/** Random, like the lookup's name (see id-lookup.ts). */
export const newCatalogName = () => `index.${Array.from({ length: 16 }, () => Math.floor(Math.random() * 16).toString(16)).join('')}.catalog`;

export const EXCERPT = 1;
export const SPONSORED = 2;

/** One article's catalog line (without the newline). */
export function catalogLine(meta: ArticleMeta): string {
  const flags = (meta.kind === 'excerpt' ? EXCERPT : 0) | (meta.sponsored ? SPONSORED : 0);
  return JSON.stringify([meta.id, meta.title, meta.authors, flags, meta.publishedAt ?? '', siteOf(meta)]);
}

export function catalogText(articles: readonly ArticleMeta[], indexBytes: number): string {
  const lines = [`${CATALOG_MAGIC} ${indexBytes} ${articles.length}`];
  for (const meta of articles) lines.push(catalogLine(meta));
  return `${lines.join('\n')}\n`;
}

/** Writes the catalog of these articles (for an index.json of `indexBytes` bytes) beside the
 * index, under `name`; until index.json names it, nothing reads it. */
export async function writeCatalog(dir: string, name: string, articles: readonly ArticleMeta[], indexBytes: number): Promise<void> {
  await writeFileAtomic(join(dir, name), catalogText(articles, indexBytes));
}

/** Removes the catalogs index.json does not name (replaced ones, and any a stopped write
 * left, temp files included). Only under the write lock, after the index is on disk. */
export async function removeUnnamedCatalogs(dir: string, named: string | undefined): Promise<void> {
  const stale = (f: string) => (CATALOG_FILE.test(f) && f !== named) || /^\.index\.[0-9a-f]{16}\.catalog\.tmp-/.test(f);
  for (const f of readdirSync(dir)) if (stale(f)) await rm(join(dir, f), { force: true });
}
