// Checks a big archive's derived files against its index.json read whole: the id lookup has
// one record per article, pointing at exactly that article's line, and the match keys have
// exactly the records made from every article (title, and URL where there is one), and the
// catalog has one line per article, in archive order, made from that article.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogTextOfLines, catalogLine } from '../../src/archive/catalog.js';
import { articleKeyRecords, KEY_RECORD } from '../../src/archive/match-keys.js';
import type { ArticleMeta, Index } from '../../src/model/schema.js';
import { decodeHeader, GONE } from '../../src/search/segment.js';
import { currentRow } from '../../src/search/removed-rows.js';

/** Each row of every named segment, read through the index's removed rows, is where its
 * article is in index.json now, or GONE (an article removed since the segment was written);
 * and every article is in a segment. */
export function segmentRowProblems(dir: string, index: Index): string[] {
  const problems: string[] = [];
  const found = new Set<number>();
  for (const name of index.segments ?? []) {
    const header = decodeHeader(readFileSync(join(dir, 'search', name)));
    header.rows.forEach((written, j) => {
      const row = currentRow(written, index.removedRows ?? []);
      if (row === GONE) return;
      found.add(row);
      if (index.articles[row]?.id !== header.id(j)) problems.push(`segment ${name}: ${header.id(j)} has row ${row}`);
    });
  }
  // And the other way: every article has its words in the word index, under its row.
  if (index.segments)
    index.articles.forEach((a, row) => {
      if (!found.has(row)) problems.push(`${a.id} (row ${row}) is in no segment`);
    });
  return problems;
}

export function derivedFilesProblems(dir: string): string[] {
  const problems: string[] = [];
  const bytes = readFileSync(join(dir, 'index.json'));
  const index = JSON.parse(bytes.toString('utf8')) as { lookup?: string; keys?: string; catalog?: string; articles: ArticleMeta[] };
  if (!index.lookup || !index.keys || !index.catalog) return ['index.json names no lookup, keys or catalog'];
  const lookup = readFileSync(join(dir, index.lookup), 'latin1').split('\n').slice(0, -1);
  if (lookup[0].trimEnd() !== `byline-ids 1 ${bytes.length} ${index.articles.length}`)
    problems.push(`lookup header: ${lookup[0].trimEnd()}`);
  const records = lookup.slice(1);
  if (records.length !== index.articles.length) problems.push(`lookup has ${records.length} records for ${index.articles.length} articles`);
  const ids = records.map((r) => r.slice(0, 80).trimEnd());
  if (ids.join('\n') !== [...ids].sort().join('\n')) problems.push('lookup not sorted');
  const byId = new Map(index.articles.map((a) => [a.id, a]));
  for (const r of records) {
    const id = r.slice(0, 80).trimEnd();
    const [offset, length] = [Number(r.slice(81, 93)), Number(r.slice(94, 103))];
    const line = bytes.toString('utf8', offset, offset + length);
    let meta: ArticleMeta | undefined;
    try {
      meta = JSON.parse(line) as ArticleMeta;
    } catch {
      // reported below
    }
    if (meta?.id !== id || JSON.stringify(meta) !== JSON.stringify(byId.get(id))) problems.push(`lookup record of ${id} points elsewhere`);
  }
  const keys = readFileSync(join(dir, index.keys), 'latin1');
  const expected = index.articles.flatMap((a, i) => articleKeyRecords(a, i)).sort();
  const actual = keys.slice(KEY_RECORD).match(new RegExp(`[^]{${KEY_RECORD}}`, 'g')) ?? [];
  if (keys.slice(0, KEY_RECORD).trimEnd() !== `byline-keys 1 ${bytes.length} ${expected.length}`)
    problems.push(`keys header: ${keys.slice(0, KEY_RECORD).trimEnd()}`);
  if (actual.join('') !== expected.join('')) problems.push('keys differ from the articles');
  const catalog = readFileSync(join(dir, index.catalog), 'utf8');
  if (catalog !== catalogTextOfLines(index.articles.map(catalogLine), bytes.length)) problems.push('catalog differs from the articles');
  problems.push(...segmentRowProblems(dir, index as Index));
  return problems.slice(0, 5);
}
