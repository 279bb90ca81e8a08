// Search over a big archive without parsing index.json: titles and author names from the
// catalog, every other word from the stored word index (postings read on demand), and the
// few articles a search ranks or shows read whole through the id lookup. The engine and its
// ranking are the ones every search uses (search/engine.ts): only where the documents come
// from differs, so the hits are the same as over the whole index.
import { blockText, type ArticleMeta, type ListedArticle } from '../model/schema.js';
import {
  createSearchEngine,
  scansTitles,
  type Docs,
  type Hit,
  type SearchDoc,
  type SearchEngine,
  type SearchOptions,
} from '../search/engine.js';
import { SegmentWordIndex, type SegmentSource } from '../search/segment-index.js';
import { FoldedNames, ShortWordIndex } from '../search/short-words.js';
import { hasTagTerm } from '../search/query.js';
import type { Postings, WordIndex } from '../search/token-index.js';
import type { VocabMatch } from '../search/vocabulary.js';
import { ArticleLines, CatalogProblem, CatalogReading, lineId, parseLine, type CatalogHeader } from './catalog-read.js';
import { hasWordIndex, openSegments } from './segment-store.js';
import { Archive } from './store.js';

/** A document whose title and authors are at hand and whose dek and lead are read (through
 * the lookup) only if the ranking or a hit asks for them — for about a hundred of 100 000.
 * The reader's search as you type and `byline search` both make their documents here, so
 * both rank on the same fields and give the same hits. */
class ListedDoc implements SearchDoc {
  constructor(
    readonly id: string,
    readonly title: string,
    readonly authors: string,
    private readonly whole: (id: string) => ArticleMeta | undefined,
    readonly tags?: readonly string[],
  ) {}

  get dek(): string {
    return this.whole(this.id)?.dek ?? '';
  }

  get lead(): string {
    return this.whole(this.id)?.lead ?? '';
  }
}

/** A document straight from its catalog line: parsed only if something reads its title or
 * authors (the ranking's hundred, or a one- or two-letter word's scan). */
class LineDoc implements SearchDoc {
  readonly id: string;
  #doc?: SearchDoc;
  constructor(
    private readonly line: string,
    private readonly search: CatalogSearch,
  ) {
    this.id = lineId(line);
  }
  get #parsed(): SearchDoc {
    return (this.#doc ??= this.search.docOf(parseLine(this.line)));
  }
  get title(): string {
    return this.#parsed.title;
  }
  get authors(): string {
    return this.#parsed.authors;
  }
  get dek(): string {
    return this.#parsed.dek;
  }
  get lead(): string {
    return this.#parsed.lead;
  }
  get tags(): readonly string[] | undefined {
    return this.#parsed.tags;
  }
}

/** Built on the first word of three letters or more: one- and two-letter words scan titles
 * and names (short-words.ts), so the first keystroke never waits for the word index. */
class LazyWordIndex implements WordIndex {
  #index?: WordIndex;
  constructor(private readonly make: () => WordIndex) {}
  get #built(): WordIndex {
    return (this.#index ??= this.make());
  }
  lookup(word: string): VocabMatch[] {
    return this.#built.lookup(word);
  }
  postings(token: number): Postings {
    return this.#built.postings(token);
  }
  idf(token: number): number {
    return this.#built.idf(token);
  }
  word(token: number): string {
    return this.#built.word(token);
  }
  cost(token: number): number {
    return this.#built.cost(token);
  }
  open(): void {
    void this.#built;
  }
}

/** The search side of a big archive read through its catalog. */
export class CatalogSearch {
  readonly lines: ArticleLines;
  readonly #names: Map<string, string>;
  #segments?: SegmentSource[];
  readonly indexed: boolean;

  constructor(
    readonly dir: string,
    readonly header: CatalogHeader,
  ) {
    this.lines = new ArticleLines(dir, header);
    this.#names = new Map(header.authors.map((a) => [a.id, a.name]));
    this.indexed = hasWordIndex(header.segments);
  }

  /** Segments are opened (their headers read) once, on first use, and shared by every engine. */
  segments(): SegmentSource[] {
    return (this.#segments ??= openSegments(this.dir, this.header.segments, this.header.removedRows));
  }

  docOf(entry: ListedArticle): SearchDoc {
    const authors = entry.authors
      .map((a) => this.#names.get(a))
      .filter((n) => n !== undefined)
      .join(', ');
    return new ListedDoc(entry.id, entry.title, authors, (id) => this.lines.meta(id), entry.tags);
  }

  /** A read-only archive over these articles, read whole (metadata, authors, bodies). */
  archiveOf(ids: readonly string[]): Archive {
    const metas = ids.map((id) => this.lines.meta(id)).filter((m): m is ArticleMeta => m !== undefined);
    return Archive.partialOf(this.dir, this.lines.indexOf(metas));
  }

  bodyText(id: string): string | undefined {
    try {
      return this.archiveOf([id]).body(id).map(blockText).join('\n');
    } catch {
      return undefined; // a broken body only hides that body from search
    }
  }

  /** An engine over these documents (numbered in the order given: archive order); with
   * `titlesOnly`, every word is looked for in titles and author names alone (by a scan), and
   * the stored word index is not opened. */
  engine(docs: Docs, { titlesOnly = false } = {}): SearchEngine {
    return createSearchEngine(docs, {
      wordIndex: titlesOnly
        ? () => new ShortWordIndex(docs, this.folded)
        : (numbering) => new LazyWordIndex(() => new SegmentWordIndex(this.segments(), numbering, true)),
      bodyText: (id) => this.bodyText(id),
      // The catalog is in index.json's order, and so is a list by row.
      inIndexOrder: true,
      folded: this.folded,
    });
  }

  /** Titles and names folded for one- and two-letter words, shared by every engine over a
   * list that grows (the reader's, as the catalog loads). */
  readonly folded = new FoldedNames();
}

/** Documents numbered by row (their place in index.json, which segments record), each made
 * from its article, read through the id lookup, only when the search asks for it: a search
 * reads the word index and the hundred articles it ranks, not the catalog. */
class RowDocs implements Docs {
  readonly #segment: Int32Array;
  readonly #local: Int32Array;
  readonly #made = new Map<number, SearchDoc>();

  constructor(
    readonly length: number,
    private readonly segments: SegmentSource[],
    private readonly search: CatalogSearch,
  ) {
    this.#segment = new Int32Array(length).fill(-1);
    this.#local = new Int32Array(length);
    segments.forEach((s, si) =>
      s.header.rows.forEach((row, j) => {
        if (row >= length) return; // GONE too
        this.#segment[row] = si;
        this.#local[row] = j;
      }),
    );
  }

  idAt(row: number): string | undefined {
    const si = this.#segment[row];
    return si === undefined || si < 0 ? undefined : this.segments[si].header.id(this.#local[row]);
  }

  at(row: number): SearchDoc | undefined {
    let doc = this.#made.get(row);
    if (doc) return doc;
    const id = this.idAt(row) ?? '';
    const meta = this.search.lines.meta(id);
    // An article the lookup no longer has (index.json changed meanwhile): an empty document,
    // which the caller sees it cannot read and searches again the slow way.
    doc = meta ? this.search.docOf(meta) : { id, title: '', authors: '', dek: '', lead: '' };
    this.#made.set(row, doc);
    return doc;
  }
}

/** `byline search` through the word index alone, for a query with no word short enough to
 * need a scan of every title (scansTitles): undefined when the archive has no catalog or no
 * word index, and the caller reads the catalog. */
export function searchOverRows(dir: string): { search: CatalogSearch; engine: SearchEngine } | undefined {
  const reading = CatalogReading.open(dir);
  if (!reading) return undefined;
  try {
    const search = new CatalogSearch(dir, reading.header);
    if (!search.indexed) return undefined;
    return { search, engine: search.engine(new RowDocs(reading.total, search.segments(), search)) };
  } finally {
    reading.close();
  }
}

/** `byline search` over the catalog: undefined when the archive has no catalog (or word
 * index) this byline vouches for, and the caller reads index.json as before. */
export function searchOverCatalog(dir: string): { search: CatalogSearch; engine: SearchEngine } | undefined {
  const reading = CatalogReading.open(dir);
  if (!reading) return undefined;
  const search = new CatalogSearch(dir, reading.header);
  if (!search.indexed) {
    reading.close();
    return undefined;
  }
  try {
    return { search, engine: search.engine(reading.restLines().map((line) => new LineDoc(line, search))) };
  } catch (error) {
    if (error instanceof CatalogProblem) return undefined;
    throw error;
  } finally {
    reading.close();
  }
}

/**
 * A search of a big archive that does not read index.json whole: through the word index's
 * rows (a query with no word short enough to need a scan of every title), else the catalog;
 * the hits' articles read whole through the id lookup. Undefined when neither can be used, or
 * when the lookup no longer vouches for a hit (index.json changed meanwhile): the caller then
 * reads index.json as before.
 */
export function searchBigArchive(dir: string, query: string, options: SearchOptions): { archive: Archive; hits: Hit[] } | undefined {
  try {
    // Tags are in the catalog, not the word index.
    const fast = (!scansTitles(query) && !hasTagTerm(query) && searchOverRows(dir)) || searchOverCatalog(dir);
    if (!fast) return undefined;
    const hits = fast.engine.search(query, options);
    const archive = fast.search.archiveOf(hits.map((h) => h.id));
    return hits.every((h) => archive.article(h.id)) ? { archive, hits } : undefined;
  } catch (error) {
    // A catalog line that does not parse: index.json is the word.
    if (error instanceof CatalogProblem) return undefined;
    throw error;
  }
}
