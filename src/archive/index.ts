// The one way into an archive for the commands and the reader (test/layers.test.ts holds
// them to it; reader state has its own module, user-state.ts). Which files exist and which
// fast path serves a call is decided behind it. Only what every caller can afford to load
// at start is exported as a value here; the rest is loaded on first use, so `byline list |
// head` still reads index.json without loading the store, the search engine or fuse.js.
import type { Archive } from './store.js';

export type { Archive } from './store.js';
export type { ArticleMeta } from '../model/schema.js';
export type { OpenOptions } from './library.js';
export type { ImportBatch, ImportSummary } from './merge.js';
export type { ArticleEdit, EditResult } from './edit.js';
export type { CatalogReading } from './catalog-read.js';
export type { CatalogSearch } from './catalog-search.js';
export { CatalogProblem, IndexLineProblem, WordIndexProblem } from './problems.js';
/** `byline list` streams index.json a line at a time, without the store. */
export { streamIndex } from './id-lookup.js';

/** An archive as commands and the reader read it: the catalog of articles in order, each
 * article's metadata and body by id, authors, and what search needs. */
export type ArchiveReader = Pick<
  Archive,
  | 'dir'
  | 'articles'
  | 'authors'
  | 'article'
  | 'author'
  | 'authorsOf'
  | 'articlesBy'
  | 'articleCountBy'
  | 'body'
  | 'bodySafe'
  | 'bodyPath'
  | 'lead'
  | 'full'
  | 'segments'
  | 'removedRows'
>;

/** The writes, each one transaction under the archive's lock with one commit point: put and
 * update articles and authors (import), remove them and set tags (edit), rebuild what is derived. */
export type ArchiveWriter = ArchiveReader & Pick<Archive, 'import' | 'edit' | 'rebuildSearchIndex'>;

/** Search over an archive: `byline search`'s fast path over a big archive, and the engine over any. */
export const searching = () => import('./searching.js');
/** Tags as stored, and the edit's types. */
export const editing = () => import('./edit.js');
/** Reading the files an import is given (and refusing what is not a file). */
export const importing = () => import('./import-source.js');
/** Writing a file whole, through a temp file and a rename (export). */
export const files = () => import('./jsonfile.js');
/** The reader's part: the catalog, its search, the store itself. */
export const readerAccess = () => import('./reader-access.js');
