// The files a user would import: each synthetic article written as a browser's "save as text"
// page dump (title, dek, "By NAME", paragraphs, captions with their credit, the teaser tail of
// an excerpt), one article a file, 1 000 files a folder. The archives the bench measures are
// made from these files by `byline import`, as a user makes theirs.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blockText } from '../../src/model/schema.js';
import type { ImportedArticle } from '../../src/ingest/pagedump.js';
import { loadVocabulary, makeArticle, makeAuthors, rng, syntheticBatches } from '../synthetic.js';
import { CACHE, log } from './env.js';

export const FILES_PER_FOLDER = 1000;
const SEED = 42;

export function toPageDump(a: ImportedArticle): string {
  const parts = [a.title];
  if (a.dek) parts.push(a.dek);
  const author = a.authors[0];
  if (a.kind === 'full' && author) parts.push(`By ${author.name}`);
  for (const b of a.body) {
    if (b.type === 'figure') parts.push(b.caption, b.credit);
    else parts.push(blockText(b));
  }
  if (a.kind === 'excerpt' && author)
    parts.push(`Keep Reading Show less\n${author.name}${author.kind === 'person' ? `\n${author.bio}` : ''}`);
  return parts.join('\n\n') + '\n';
}

const corpusRoot = () => join(CACHE, 'corpus');
const folderName = (i: number) => String(i).padStart(3, '0');
export const corpusFolder = (i: number) => join(corpusRoot(), folderName(i));

/** The folders holding the first `count` articles (count is rounded up to whole folders). */
export function corpusFolders(count: number): string[] {
  return Array.from({ length: Math.ceil(count / FILES_PER_FOLDER) }, (_, i) => corpusFolder(i));
}

/** Writes the page-dump files of the first `count` articles, unless they are there already.
 * The articles are a seeded sequence, so the first 20 000 of the 100 000 are the 20 000. */
export function ensureCorpus(count: number): string[] {
  const folders = corpusFolders(count);
  const missing = folders.filter((f) => !existsSync(join(f, '.complete')));
  if (missing.length === 0) return folders;
  log(`writing ${missing.length * FILES_PER_FOLDER} page-dump files under ${corpusRoot()}…`);
  const started = performance.now();
  let n = 0;
  for (const batch of syntheticBatches(folders.length * FILES_PER_FOLDER, SEED, FILES_PER_FOLDER)) {
    const folder = corpusFolder(n / FILES_PER_FOLDER);
    if (missing.includes(folder)) {
      const partial = `${folder}.partial-${process.pid}`;
      rmSync(partial, { recursive: true, force: true });
      mkdirSync(partial, { recursive: true });
      batch.forEach((a, i) => writeFileSync(join(partial, `${String(n + i + 1).padStart(6, '0')}.txt`), toPageDump(a)));
      writeFileSync(join(partial, '.complete'), `${batch.length}\n`);
      rmSync(folder, { recursive: true, force: true });
      renameSync(partial, folder);
    }
    n += batch.length;
  }
  log(`wrote the files in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return folders;
}

/** Articles that are in no generated archive (another seed, titles starting "Fresh"), one
 * a file: what `byline import` of one new article is timed with. */
export function freshArticleFiles(count: number): string[] {
  const dir = join(CACHE, 'fresh');
  const files = Array.from({ length: count }, (_, i) => join(dir, `fresh-${String(i + 1).padStart(4, '0')}.txt`));
  if (files.every((f) => existsSync(f))) return files;
  mkdirSync(dir, { recursive: true });
  const v = loadVocabulary();
  const r = rng(4242);
  const authors = makeAuthors(v, r, 50);
  files.forEach((f, i) => {
    const a = makeArticle(v, r, authors, i + 1);
    writeFileSync(f, toPageDump({ ...a, title: `Fresh ${a.title}` }));
  });
  return files;
}

/** The count written in a folder's .complete marker (for checks). */
export const folderCount = (folder: string) => Number(readFileSync(join(folder, '.complete'), 'utf8'));
