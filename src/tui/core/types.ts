// The reader's whole state, the commands that change it and the effects it asks for.
// `update` (update.ts) is the one function from (state, command) to (state, effects); effects
// are plain data, run by the runner at the edge (runtime/runner.ts), which feeds their
// results back as commands.
import type { ArticleMeta, Author, Block, ListedArticle } from '../../model/schema.js';
import type { Snippet } from '../../search/snippet.js';
import type { Mark } from '../../archive/user-state.js';
import type { Hit } from '../../search/engine.js';
import type { Cursor } from '../cursor.js';
import type { ScreenName } from '../keymap.js';
import type { ImportedArticle } from '../../ingest/types.js';

export type Screen = 'list' | 'search' | 'article' | 'authors' | 'author';
export type SortMode = 'archive' | 'title' | 'author' | 'date';

/** What the reader reads of the archive: what a list row needs of each article (of a big
 * archive, its catalog). Whole articles and bodies come through effects. */
export interface ReaderData {
  readonly articles: readonly ListedArticle[];
  readonly authors: readonly Author[];
  article(id: string): ListedArticle | undefined;
  author(id: string): Author | undefined;
  authorsOf(meta: ListedArticle): Author[];
  articlesBy(authorId: string): ListedArticle[];
  articleCountBy(authorId: string): number;
}

/** Where the reader is in an article: a body block and how far into it, so the same text is
 * at the top at any width. `offset` counts the block's visible (non-space) characters before
 * the top line; -1 is the blank line before the block. */
export interface Anchor {
  block: number;
  offset: number;
}

export interface FindState {
  query: string;
  typing: boolean;
  /** Index into the matches of the query. */
  current: number;
}

export interface ArticleState {
  id: string;
  /** The whole metadata, read with the body (a list row has only what the list shows). */
  meta: ArticleMeta | null;
  /** null while it is being read. */
  body: Block[] | null;
  anchor: Anchor;
  find: FindState;
}

export interface HelpState {
  /** The screen whose keys are shown (unless `all`). */
  context: ScreenName;
  all: boolean;
  top: number;
}

/** An article removed with `D` in this run: what `U` imports again to put it back. */
export interface Removal {
  id: string;
  title: string;
  /** The article as it was — metadata, body, authors, tags — read before it was removed. */
  article: ImportedArticle;
}

/** The tags line (`t`), typed on the status line. */
export interface TagLine {
  id: string;
  title: string;
  /** The tags when the line was opened: what was typed is saved as the difference from these. */
  before: readonly string[];
  text: string;
}

export type EngineStatus = { status: 'building' } | { status: 'ready' } | { status: 'failed'; error: string };

export interface ReaderState {
  data: ReaderData;
  title: string;
  size: { columns: number; rows: number };
  stack: Screen[];
  help: HelpState | null;
  /** The `|` command line, while it is typed. */
  prompt: string | null;
  /** `D`'s question on the status line ("Remove «title»? y/n"), while it waits for its answer. */
  confirm: { id: string; title: string } | null;
  /** The tags line (`t`), while it is typed. */
  tagLine: TagLine | null;
  /** The removals `U` can undo, the last one last. */
  undo: readonly Removal[];
  /** A one-line notice for the screen in front; cleared by the next key. */
  message: string;
  marks: Readonly<Record<string, Mark>>;
  /** The state file had a problem (moved aside, or cannot be saved): "⚠ state" in the list. */
  stateWarning: boolean;
  engine: EngineStatus;
  /** While the rest of a big archive is read after the first frame: how far it is. */
  loading: { loaded: number; total: number } | null;
  list: {
    cursor: Cursor;
    sort: SortMode;
    bookmarksOnly: boolean;
    /** The selection a reload could not keep yet (a big archive read again after a write, not
     * that far yet): taken back as soon as that many rows are read, unless a key moved it. */
    wanted?: Cursor;
  };
  search: {
    query: string;
    cursor: Cursor;
    results: { query: string; hits: readonly Hit[]; limit?: number };
    summaries: Readonly<Record<string, string>>;
    snippets: Readonly<Record<string, Snippet>>;
  };
  article: ArticleState;
  authors: { cursor: Cursor };
  author: { id: string; cursor: Cursor };
}

/** A key as the keymap names it ("j", "down", "ctrl+d"), and the text it types, if any. */
export interface KeyPress {
  name: string;
  text: string;
}

export type Command =
  | ({ type: 'key' } & KeyPress)
  | { type: 'resize'; columns: number; rows: number }
  | { type: 'engine'; status: EngineStatus }
  | { type: 'searchResults'; query: string; hits: readonly Hit[]; limit?: number }
  /** Summaries (dek or lead) by id, and body snippets of the query's hits by id. */
  | { type: 'summaries'; summaries: Record<string, string>; query?: string; snippets?: Record<string, Snippet> }
  | { type: 'bodyLoaded'; id: string; body: Block[]; meta?: ArticleMeta }
  /** More of the archive read (or all of it: loading null). */
  | { type: 'data'; data: ReaderData; loading: { loaded: number; total: number } | null; title?: string }
  | { type: 'bodyFailed'; id: string; error: string }
  | { type: 'notice'; text: string }
  | { type: 'stateWarning'; on: boolean }
  /** D's write is done: the article is out of the archive (`removal` puts it back). */
  | { type: 'removed'; removal: Removal; note?: string }
  /** U's write is done; `present`: the archive had the article already, nothing was added. */
  | { type: 'restored'; removal: Removal; present: boolean; note?: string }
  /** t's write is done: the article's tags now. */
  | { type: 'tagged'; id: string; title: string; tags: readonly string[]; note?: string }
  /** A write failed, or was refused before it began (one line); a failed undo can be tried
   * again, and a tags line with a word that is no tag comes back to be put right. */
  | { type: 'writeFailed'; error: string; undo?: Removal; retype?: TagLine }
  /** A signal or a crash: save what is open and quit with `code`. */
  | { type: 'stop'; code: number };

export type CopyWhat = 'url' | 'text' | 'citation';

export type Effect =
  | { type: 'loadBody'; id: string }
  /** A change to the reader's marks: kept, and saved with the next save. */
  | { type: 'mark'; id: string; change: Partial<Mark> }
  /** Save the marks now (leaving an article, quitting). */
  | { type: 'saveState' }
  /** `limit`: as many hits as the screen shows and a page more. */
  | { type: 'search'; query: string; limit: number }
  /** Snippets of the query's hits on screen, else their summaries: read after the frame. */
  | { type: 'loadSummaries'; ids: string[]; query: string }
  | { type: 'openUrl'; url: string }
  /** `o` on a list row: the row's whole metadata has the address. */
  | { type: 'openAddress'; id: string }
  | { type: 'copy'; what: CopyWhat; id: string }
  | { type: 'pipe'; id: string; command: string }
  | { type: 'edit'; id: string }
  /** The reader's writes, on the user's key: remove an article, put one back, set its tags. */
  | { type: 'remove'; id: string; title: string }
  | { type: 'restore'; removal: Removal }
  | { type: 'retag'; id: string; title: string; before: readonly string[]; text: string }
  | { type: 'quit'; code: number };

export interface Result {
  state: ReaderState;
  effects: Effect[];
}
