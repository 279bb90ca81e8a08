// A big archive in the reader, a piece at a time: the first frame from the catalog's first
// chunk, then the rest a chunk per turn of the event loop, each shown as it comes (the list
// grows, "loading N / M" in the status bar, a search is run again over it), so keys are
// never kept waiting by the size of the archive (issue 12).
import { CatalogProblem, readerAccess, type Archive, type CatalogReading, type CatalogSearch } from '../../archive/index.js';

// The catalog and its search, loaded with the reader.
const access = await readerAccess();
import type { Author, ListedArticle } from '../../model/schema.js';
import type { SearchDoc, SearchEngine } from '../../search/engine.js';
import type { ReaderData } from '../core/types.js';
import { CatalogData } from './catalog-data.js';

/** What the reader is given to draw (App's props of the same names). */
export interface Shown {
  data: ReaderData;
  holding?: (id: string) => Archive | undefined;
  loading?: { loaded: number; total: number } | null;
  engine: SearchEngine | null;
  engineError?: string;
}

/** The rows of the catalog's first chunk: a screenful and more, read in a millisecond. */
export const FIRST_BYTES = 64 << 10;
/** What has loaded is shown (the list, the status, a search run again) at most this often. */
export const SHOW_EVERY_MS = 120;
/** Then a chunk a turn of the event loop: ~6 000 rows, parsed in ~10 ms, so keys wait little. */
export const CHUNK_BYTES = 1 << 20;

interface Rows {
  search: CatalogSearch;
  rows: ListedArticle[];
  docs: SearchDoc[];
  byId: Map<string, ListedArticle>;
  authorsById: Map<string, Author>;
}
const rowsOf = new WeakMap<ReaderData, Rows>();

/** About `bytes` more of the catalog, and what the reader shows with it. */
export function grow(reading: CatalogReading, rows: Rows, bytes: number): Shown {
  for (const entry of reading.next(bytes)) {
    rows.rows.push(entry);
    rows.byId.set(entry.id, entry);
    rows.docs.push(rows.search.docOf(entry));
  }
  // Folded for the title scan as each chunk comes, so the first key does not fold them all.
  rows.search.folded.upTo(rows.docs);
  const data = CatalogData.grown(rows.rows, rows.byId, reading.header.authors, rows.authorsById);
  rowsOf.set(data, rows);
  const loading = reading.done ? null : { loaded: rows.rows.length, total: reading.total };
  const { search } = rows;
  return {
    data,
    loading,
    // Until the catalog is read, titles and names are searched by a scan of what has loaded:
    // the word index maps every article id to a row, which a partial list would make again
    // for each chunk. The full engine comes with the last chunk.
    engine: search.engine(rows.docs.slice(), { titlesOnly: !reading.done }),
    holding: (id) => (search.lines.meta(id) ? search.archiveOf([id]) : undefined),
  };
}

/** A turn of the event loop after the last key's hold is over (or at once when stopped). */
async function whenQuiet(typing: () => number, stopped: () => boolean): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  for (let wait = typing(); wait > 0 && !stopped(); wait = typing()) await new Promise((resolve) => setTimeout(resolve, wait));
}

/** One search whose results are dropped, in the idle moment after the first frame: the
 * search and its ranking run once before the first key needs them (V8 compiles a function
 * the first time it runs). An engine that fails says so on the first real search. */
export function rehearse(engine: SearchEngine | null): void {
  try {
    engine?.search('e', { limit: 60, snippets: 0 });
  } catch {
    // the search reports it
  }
}

/** Opens the engine's word index; one that cannot be read is said so by the first search that needs it. */
function warm(engine: SearchEngine | null): void {
  try {
    engine?.warm();
  } catch {
    // the search reports it
  }
}

/** The first frame's rows: the catalog's first `bytes`. Throws CatalogProblem when they do not check. */
export function firstScreen(reading: CatalogReading, bytes = FIRST_BYTES): Shown {
  const search = new access.CatalogSearch(reading.dir, reading.header);
  const rows: Rows = { search, rows: [], docs: [], byId: new Map(), authorsById: new Map(reading.header.authors.map((a) => [a.id, a])) };
  return grow(reading, rows, bytes);
}

/** The first frame's rows, or undefined when the catalog's first chunk does not check (it is
 * then closed): the caller reads index.json whole, as every command does, instead of stopping. */
export function firstScreenIfSound(reading: CatalogReading, bytes = FIRST_BYTES): Shown | undefined {
  try {
    return firstScreen(reading, bytes);
  } catch (error) {
    if (error instanceof CatalogProblem) return undefined;
    throw error;
  }
}

/** How the rest is read: `stopped` ends it; `typing` says how long to hold off before the next
 * chunk (a key just came: its search and frame go first); the sizes are for tests. */
export interface ReadOptions {
  stopped: () => boolean;
  typing?: () => number;
  chunkBytes?: number;
  showEveryMs?: number;
  /** The first screen's bytes when the archive is read again (readAgain). */
  firstBytes?: number;
}

/** The rest of the catalog after the first frame, a chunk at a time, each shown as it comes
 * (the list grows, "loading N / M" in the status bar, a search is run again over it). */
export async function readTheRest(reading: CatalogReading, first: Shown, show: (next: Shown) => void, options: ReadOptions): Promise<void> {
  const { stopped, typing = () => 0, chunkBytes = CHUNK_BYTES, showEveryMs = SHOW_EVERY_MS } = options;
  const rows = rowsOf.get(first.data)!;
  let shownAt = performance.now();
  try {
    while (!reading.done && !stopped()) {
      // While keys come, they have the event loop: loading goes on when typing pauses.
      await whenQuiet(typing, stopped);
      if (stopped()) break;
      const next = grow(reading, rows, chunkBytes);
      // Each show is a frame (and a search run again): a few a second say enough, and leave
      // the turns between them to keys.
      if (reading.done || performance.now() - shownAt >= showEveryMs) {
        show(next);
        shownAt = performance.now();
      }
      // All here: the word index is opened once keys pause, not by the first word typed.
      if (reading.done) void whenQuiet(typing, stopped).then(() => warm(next.engine));
    }
  } finally {
    reading.close();
  }
}

/** index.json read whole: its search engine is built after the first frame, in slices, and
 * shown when ready (or why it could not be). */
export function searchWhole(whole: Archive, show: (next: Shown) => void): Promise<void> {
  return Promise.resolve()
    .then(() => access.searchEngineForAsync(whole))
    .then(
      (engine) => show({ data: whole, engine }),
      (error: Error) => show({ data: whole, engine: null, engineError: error.message }),
    );
}

/** readTheRest; and when the catalog turns out not to agree with index.json part way, index.json
 * read whole instead (`openWhole`), shown at once and searched once its engine is built. */
export async function readTheRestOrWhole(
  reading: CatalogReading,
  first: Shown,
  show: (next: Shown) => void,
  openWhole: () => Promise<Archive>,
  options: ReadOptions,
): Promise<void> {
  try {
    await readTheRest(reading, first, show, options);
  } catch (error) {
    if (!(error instanceof CatalogProblem)) throw error;
    const whole = await openWhole();
    show({ data: whole, engine: null });
    await searchWhole(whole, show);
  }
}

/** After a write (D, U, t): the archive read again as at start — a big one's catalog a
 * screenful first (shown before this returns), then the rest a chunk at a time; a small one
 * whole, shown at once, its engine built after the frame (until then the engine before it
 * goes on, and a hit the archive no longer has is dropped). The folder may be another than
 * before: the library, made by the first write over the bundled archive. */
export async function readAgain(
  dir: string,
  show: (next: Shown) => void,
  openWhole: () => Promise<Archive>,
  options: ReadOptions,
): Promise<void> {
  const reading = access.CatalogReading.open(dir);
  const first = reading && firstScreenIfSound(reading, options.firstBytes);
  if (reading && first) {
    show(first);
    void readTheRestOrWhole(reading, first, show, openWhole, options);
    return;
  }
  const whole = await openWhole();
  if (options.stopped()) return;
  show({ data: whole, engine: null });
  void searchWhole(whole, show);
}
