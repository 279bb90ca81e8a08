// Import: articles per second for the page-dump parser and for the store, on a dump written
// from synthetic articles; and importing 1 article into the largest archive against writing
// its index.json once (the store's own atomic JSON writer, same indent).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Archive } from '../../src/archive/store.js';
import { blockText } from '../../src/model/schema.js';
import { writeJsonAtomic } from '../../src/archive/jsonfile.js';
import { parsePageDump, type ImportedArticle } from '../../src/ingest/pagedump.js';
import { loadVocabulary, makeArticle, makeAuthors, rng } from '../synthetic.js';
import { detail, target } from '../lib/report.js';
import { T } from '../lib/targets.js';
import { gc, median } from '../lib/stats.js';
import { CACHE, log } from '../lib/env.js';

/** Writes articles as a browser's "save as text" page dump, the shape parsePageDump reads. */
export function toPageDump(articles: ImportedArticle[]): string {
  return articles
    .map((a) => {
      const parts = [a.title];
      if (a.dek) parts.push(a.dek, 'Photo: Bench Desk/Getty Images');
      for (const b of a.body) {
        if (b.type === 'figure') parts.push(b.caption, b.credit);
        else parts.push(blockText(b));
      }
      const author = a.authors[0];
      if (a.kind === 'excerpt' && author) {
        parts.push(`Keep Reading Show less\n${author.name}${author.kind === 'person' ? `\n${author.bio}` : ''}`);
      }
      return parts.join('\n\n');
    })
    .join('\n\n\n\n');
}

function syntheticArticles(count: number, seed: number, prefix: string): ImportedArticle[] {
  const v = loadVocabulary();
  const r = rng(seed);
  const authors = makeAuthors(v, r, 50);
  return Array.from({ length: count }, (_, i) => {
    const a = makeArticle(v, r, authors, i + 1);
    return { ...a, title: `${prefix} ${a.title}` };
  });
}

export async function importTask(size: number, dir: string): Promise<void> {
  // Parser and store throughput on a 400-article dump.
  const dump = toPageDump(syntheticArticles(400, 4242, 'Dump'));
  const parseTimes: number[] = [];
  let parsed: ImportedArticle[] = [];
  for (let r = 0; r < 4; r++) {
    gc();
    const t = performance.now();
    parsed = parsePageDump(dump);
    if (r > 0) parseTimes.push(performance.now() - t);
  }
  const storeTimes: number[] = [];
  for (let r = 0; r < 3; r++) {
    const tmp = mkdtempSync(join(CACHE, 'tmp-import-store-'));
    try {
      gc();
      const t = performance.now();
      const archive = await Archive.open(tmp, { create: true });
      await archive.import([{ file: 'bench-dump.txt', articles: parsed }]);
      storeTimes.push(performance.now() - t);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const n = parsed.length;
  const dumpMB = Buffer.byteLength(dump) / 2 ** 20;
  detail('import: parsePageDump throughput', size, n / (median(parseTimes) / 1000), 'articles/s', `${n} articles parsed from a ${dumpMB.toFixed(1)} MB dump of 400 (median ${median(parseTimes).toFixed(0)} ms)`);
  detail('import: store throughput (new archive)', size, n / (median(storeTimes) / 1000), 'articles/s', `median ${median(storeTimes).toFixed(0)} ms for ${n} articles`);
  detail('import: parse + store throughput', size, n / ((median(parseTimes) + median(storeTimes)) / 1000), 'articles/s');
  log(`import: ${n} articles, parse ${median(parseTimes).toFixed(0)} ms, store ${median(storeTimes).toFixed(0)} ms`);

  // One article into the big archive: into a hard-linked copy (the store replaces files by
  // rename, so the cached archive is never touched), against writing index.json once.
  const copy = mkdtempSync(join(CACHE, 'tmp-import-one-'));
  try {
    const cp = spawnSync('cp', ['-al', `${dir}/.`, copy]);
    if (cp.status !== 0) throw new Error(`cp -al failed: ${cp.stderr}`);
    const archive = await Archive.open(copy);
    const extra = syntheticArticles(6, 99, 'Freshly imported');
    const oneTimes: number[] = [];
    for (let r = 0; r < extra.length; r++) {
      gc();
      const t = performance.now();
      await archive.import([{ file: `bench-one-${r}.txt`, articles: [extra[r]] }]);
      if (r > 0) oneTimes.push(performance.now() - t);
    }
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as unknown;
    const writeTimes: number[] = [];
    for (let r = 0; r < 6; r++) {
      gc();
      const t = performance.now();
      await writeJsonAtomic(join(copy, 'index-write-baseline.json'), index, 1);
      if (r > 0) writeTimes.push(performance.now() - t);
    }
    const one = median(oneTimes);
    const write = median(writeTimes);
    target(T.importOne, size, one / write, 2, '×', 'lower', `import of 1 article ${one.toFixed(0)} ms vs JSON.stringify + atomic write of index.json ${write.toFixed(0)} ms (${oneTimes.length} runs each, after a warm-up)`);
    detail('import 1 article into the archive', size, one, 'ms');
    detail('write index.json once (stringify + atomic write)', size, write, 'ms');
    log(`import one ${size}: ${one.toFixed(0)} ms vs index write ${write.toFixed(0)} ms`);
  } catch (error) {
    target(T.importOne, size, null, 2, '×', 'lower', `could not run: ${(error as Error).message.slice(0, 200)}`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
