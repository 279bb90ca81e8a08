// The reader: explicit screens on a stack (Esc goes back one level), one reducer per
// screen, one keymap. It reads the archive and writes only the reader's own state.
import { useCallback, useEffect, useMemo, useReducer, useState, useSyncExternalStore } from 'react';
import { Box, Text } from 'ink';
import type { Archive } from '../archive/store.js';
import type { ArticleMeta, Block } from '../archive/model.js';
import type { UserState } from '../archive/user-state.js';
import type { Hit, SearchEngine } from '../search/engine.js';
import { layoutArticle, paginate } from '../text/layout.js';
import { findInLines } from '../text/find.js';
import { truncateToWidth } from '../text/wrap.js';
import { webAddress } from '../text/page-meta.js';
import { isCursorMove } from './cursor.js';
import type { Command } from './keymap.js';
import { useKeyRouter, type Focus } from './key-router.js';
import { useSyncReducer } from './use-sync-reducer.js';
import { MIN_COLUMNS, MIN_ROWS, useTerminalSize } from './use-terminal-size.js';
import { initialList, listReducer, nextSort, orderArticles } from './screens/list/reducer.js';
import { ListView } from './screens/list/view.js';
import { initialSearch, searchReducer } from './screens/search/reducer.js';
import { SearchView, type SearchRow } from './screens/search/view.js';
import { articleReducer, emptyArticle, pageStatus, type ArticleView as ArticleLayout } from './screens/article/reducer.js';
import { ArticleView } from './screens/article/view.js';
import { cursorReducer, initialCursorState } from './screens/authors/reducer.js';
import { AuthorsView } from './screens/authors/view.js';
import { AuthorView, authorHeaderLines } from './screens/author/view.js';
import { HelpView } from './screens/help/view.js';
import type { RowData } from './components/article-row.js';
import { listColumns } from './components/list-columns.js';

export type Screen = 'list' | 'search' | 'article' | 'authors' | 'author';

export interface AppProps {
  archive: Archive;
  userState: UserState;
  /** The engine for search as you type; null while it is still being built. */
  engine: SearchEngine | null;
  onQuit: (code: number) => void;
  /** Ctrl-z: give the terminal back and stop, as full-screen programs do (see run.tsx). */
  onSuspend?: () => void;
  /** Hands an http(s) address to the browser; `failed` gets one line if that did not work. */
  openUrl?: (url: string, failed: (why: string) => void) => void;
  title?: string;
}

const MAX_TEXT_WIDTH = 80;
const SEARCH_OPTIONS = { limit: 200, snippets: 30 };

export function App({ archive, userState, engine, onQuit, onSuspend, openUrl, title = 'byline' }: AppProps) {
  const { columns, rows } = useTerminalSize();
  const [stack, setStack] = useState<Screen[]>(['list']);
  const [help, setHelp] = useState(false);
  const [message, setMessage] = useState('');
  const [list, dispatchList, listNow] = useSyncReducer(listReducer, initialList);
  const [search, dispatchSearch, searchNow] = useSyncReducer(searchReducer, initialSearch);
  const [article, dispatchArticle] = useReducer(articleReducer, emptyArticle);
  const [body, setBody] = useState<Block[]>([]);
  const [authors, dispatchAuthors, authorsNow] = useSyncReducer(cursorReducer, initialCursorState);
  const [authorId, setAuthorId] = useState('');
  const [authorList, dispatchAuthorList, authorListNow] = useSyncReducer(cursorReducer, initialCursorState);
  useSyncExternalStore(userState.subscribe, () => userState.revision);

  const screen = stack.at(-1)!;
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const width = columns;
  // One row is left free: an Ink frame as tall as the terminal is redrawn from scratch each time.
  const listHeight = Math.max(1, rows - 3);
  const focusNow: Focus = tooSmall ? 'small' : help ? 'help' : screen === 'article' && article.find.typing ? 'find' : screen;
  const quit = (code = 0) => onQuit(code);
  const keys = useKeyRouter(focusNow, () => quit(130), onSuspend);
  const push = (s: Screen) => {
    keys.focus(s);
    setStack((st) => [...st, s]);
  };
  const back = () => {
    keys.focus(stack.length > 1 ? stack[stack.length - 2] : stack[0]);
    setStack((st) => (st.length > 1 ? st.slice(0, -1) : st));
  };
  const showHelp = () => {
    keys.focus('help');
    setHelp(true);
  };
  const mark = useCallback((id: string) => userState.mark(id), [userState]);
  const rowOf = (meta: ArticleMeta): RowData => ({ meta, authors: archive.authorsOf(meta), mark: mark(meta.id) });
  // Site and date columns only when some article has one (one pass, stopping at the first).
  const pageFields = useMemo(
    () => ({ sites: archive.articles.some((m) => m.siteName || m.url), dates: archive.articles.some((m) => m.publishedAt) }),
    [archive],
  );
  const listLayout = listColumns(width, pageFields);
  /** `o`: the article's address (else its archived copy's) to the browser, and a word on the status line. */
  const openAddress = (meta: ArticleMeta | undefined, say: (text: string) => void) => {
    const url = webAddress(meta?.url) ?? webAddress(meta?.archivedUrl);
    if (!url) return say('No web address for this article');
    say(openUrl ? `Opening ${url}` : url);
    openUrl?.(url, say);
  };

  // ---- list
  const bookmarksIn = (on: boolean) => (on ? userState.marked('bookmarked') : null);
  const ordered = useMemo(
    () => orderArticles(archive.articles, (m) => archive.authorsOf(m), list.sort, bookmarksIn(list.bookmarksOnly)),
    [archive, list.sort, list.bookmarksOnly, list.bookmarksOnly && userState.revision],
  );
  // Counted from the marks, which are few, not from the articles, which may be 100 000.
  const unread = useMemo(() => {
    const read = userState.marked('read');
    if (list.bookmarksOnly) return ordered.reduce((n, m) => (read.has(m.id) ? n : n + 1), 0);
    let n = ordered.length;
    for (const id of read) if (archive.article(id)) n--;
    return n;
  }, [ordered, userState.revision]);

  // ---- search
  // Searching runs after the keystroke's frame, and a newer keystroke supersedes it.
  const [results, setResults] = useState<{ query: string; hits: Hit[] }>({ query: '', hits: [] });
  useEffect(() => {
    if (!engine) return;
    const query = search.query;
    if (!query.trim()) return setResults({ query, hits: [] });
    const timer = setTimeout(() => setResults({ query, hits: engine.search(query, SEARCH_OPTIONS) }), 0);
    return () => clearTimeout(timer);
  }, [engine, search.query]);
  const pending = Boolean(search.query.trim()) && (!engine || results.query !== search.query);
  const hits = results.query.trim() ? results.hits : [];
  const searchHeight = Math.max(1, Math.floor(listHeight / 2));

  // ---- article
  const textWidth = Math.max(10, Math.min(columns - 4, MAX_TEXT_WIDTH));
  const margin = Math.max(0, Math.floor((columns - textWidth) / 2));
  const articleHeight = Math.max(1, rows - 2);
  const openMeta = article.id ? archive.article(article.id) : undefined;
  const lines = useMemo(
    () => (openMeta ? layoutArticle({ ...openMeta, body }, archive.authorsOf(openMeta), textWidth) : []),
    [openMeta, body, textWidth, archive],
  );
  const pages = useMemo(() => paginate(lines, articleHeight), [lines, articleHeight]);
  const view: ArticleLayout = useMemo(() => ({ lines, pages, height: articleHeight }), [lines, pages, articleHeight]);
  useEffect(() => {
    if (article.id) dispatchArticle({ type: 'relayout', view });
  }, [view]);
  const status = pageStatus(article, view);
  useEffect(() => {
    if (article.id && screen === 'article') userState.update(article.id, { block: article.anchor, percent: status.percent });
  }, [article.id, article.anchor, status.percent]);

  // ---- author
  const author = authorId ? archive.author(authorId) : undefined;
  const authorArticles = useMemo(() => (authorId ? archive.articlesBy(authorId) : []), [archive, authorId]);
  const bio = author ? authorHeaderLines(author, Math.min(columns, MAX_TEXT_WIDTH), Math.max(1, rows - 11)) : [];
  const authorListHeight = Math.max(1, rows - 7 - bio.length);

  const openArticle = (meta: ArticleMeta | undefined) => {
    if (!meta) return;
    let blocks: Block[];
    try {
      blocks = archive.body(meta.id);
    } catch (error) {
      setMessage(reasonFirst((error as Error).message));
      return;
    }
    const saved = mark(meta.id);
    const nextLines = layoutArticle({ ...meta, body: blocks }, archive.authorsOf(meta), textWidth);
    setBody(blocks);
    dispatchArticle({ type: 'open', id: meta.id, anchor: saved.block ?? -1, view: { lines: nextLines, pages: paginate(nextLines, articleHeight), height: articleHeight } });
    userState.update(meta.id, { read: true });
    setMessage('');
    push('article');
  };

  const openAuthor = (id: string | undefined) => {
    if (!id) return setMessage('Author unknown: the archive has no byline for this article');
    setAuthorId(id);
    dispatchAuthorList({ type: 'reset' });
    push('author');
  };

  // ---- input: each screen's keys, through the keymap, routed to whichever has focus
  keys.onAny('help', () => {
    keys.focus(screen);
    setHelp(false);
  });
  keys.onAny('small', (input) => input === 'q' && quit(0));

  const onListCommand = (command: Command) => {
    setMessage('');
    const count = ordered.length;
    if (isCursorMove(command)) return dispatchList({ type: 'move', move: command, count, height: listHeight });
    const current = ordered[listNow.current.cursor.index];
    const id = current?.id;
    switch (command) {
      case 'open':
        return openArticle(current);
      case 'search':
        dispatchSearch({ type: 'clear' });
        return push('search');
      case 'authors':
        dispatchAuthors({ type: 'reset' });
        return push('authors');
      case 'bookmark':
        return id && userState.toggle(id, 'bookmarked');
      case 'toggleRead':
        return id && userState.toggle(id, 'read');
      case 'openUrl':
        return openAddress(current, setMessage);
      case 'sort':
      case 'bookmarksOnly': {
        const sort = command === 'sort' ? nextSort(list.sort) : list.sort;
        const bookmarksOnly = command === 'bookmarksOnly' ? !list.bookmarksOnly : list.bookmarksOnly;
        const next = orderArticles(archive.articles, (m) => archive.authorsOf(m), sort, bookmarksIn(bookmarksOnly));
        const index = Math.max(0, next.findIndex((m) => m.id === id));
        if (bookmarksOnly && next.length === 0) setMessage('No bookmarks yet: press m on an article to add one');
        return dispatchList({ type: 'view', sort, bookmarksOnly, index, count: next.length, height: listHeight });
      }
      case 'help':
        return showHelp();
      case 'quit':
        return quit(0);
    }
  };
  keys.on('list', onListCommand);

  keys.on(
    'search',
    (command) => {
      if (isCursorMove(command)) return dispatchSearch({ type: 'move', move: command, count: hits.length, height: searchHeight });
      if (command === 'open') {
        const fresh = pending && engine ? engine.search(search.query, SEARCH_OPTIONS) : hits;
        return openArticle(archive.article(fresh[searchNow.current.cursor.index]?.id ?? ''));
      }
      if (command === 'deleteChar') return dispatchSearch({ type: 'deleteChar' });
      if (command === 'clearQuery') return dispatchSearch({ type: 'clear' });
      if (command === 'clearOrBack') return search.query ? dispatchSearch({ type: 'clear' }) : back();
    },
    (text) => dispatchSearch({ type: 'type', text }),
  );

  keys.on('article', (command) => {
    switch (command) {
      case 'pageDown':
      case 'pageUp':
      case 'lineDown':
      case 'lineUp':
      case 'top':
      case 'bottom':
        return dispatchArticle({ type: command, view });
      case 'search':
        keys.focus('find');
        return dispatchArticle({ type: 'findStart' });
      case 'findNext':
      case 'findPrev':
        return dispatchArticle({ type: command, view });
      case 'author':
        return openAuthor(openMeta?.authors[0]);
      case 'bookmark':
        if (!openMeta) return;
        userState.toggle(openMeta.id, 'bookmarked');
        return dispatchArticle({ type: 'message', text: userState.mark(openMeta.id).bookmarked ? 'Bookmarked' : 'Bookmark removed' });
      case 'openUrl':
        return openAddress(openMeta, (text) => dispatchArticle({ type: 'message', text }));
      case 'help':
        return showHelp();
      case 'back':
        return back();
    }
  });

  keys.on(
    'find',
    (command) => {
      if (command === 'submit' || command === 'back') keys.focus('article');
      if (command === 'submit') return dispatchArticle({ type: 'findSubmit', view });
      if (command === 'back') return dispatchArticle({ type: 'findCancel' });
      if (command === 'deleteChar') return dispatchArticle({ type: 'findDelete' });
      if (command === 'clearQuery') return dispatchArticle({ type: 'findClear' });
    },
    (text) => dispatchArticle({ type: 'findType', text }),
  );

  keys.on('authors', (command) => {
    if (isCursorMove(command)) return dispatchAuthors({ type: 'move', move: command, count: archive.authors.length, height: listHeight });
    if (command === 'open') return openAuthor(archive.authors[authorsNow.current.cursor.index]?.id);
    if (command === 'help') return showHelp();
    if (command === 'back') return back();
  });

  keys.on('author', (command) => {
    if (isCursorMove(command)) return dispatchAuthorList({ type: 'move', move: command, count: authorArticles.length, height: authorListHeight });
    if (command === 'open') return openArticle(authorArticles[authorListNow.current.cursor.index]);
    if (command === 'help') return showHelp();
    if (command === 'back') return back();
  });

  // ---- render
  if (tooSmall) {
    // One part a line, most important first, each cut to the width: "Enlarge the terminal"
    // stays on screen at 20×5, and nothing wraps past the bottom, down to 1 column.
    const notice = ['Enlarge the terminal', `byline needs ${MIN_COLUMNS}×${MIN_ROWS}`, `now ${columns}×${rows}`, 'q quits'];
    return (
      <Box width={columns} height={Math.max(1, rows - 1)} flexDirection="column">
        {notice.slice(0, Math.max(1, rows - 1)).map((line) => (
          <Text key={line} wrap="truncate">
            {truncateToWidth(line, Math.max(1, columns))}
          </Text>
        ))}
      </Box>
    );
  }
  if (help) return <HelpView width={width} height={rows - 1} />;

  switch (screen) {
    case 'list': {
      const visibleRows = ordered.slice(list.cursor.offset, list.cursor.offset + listHeight).map(rowOf);
      const status = [
        ordered.length ? `${list.cursor.index + 1}/${ordered.length}` : '0/0',
        `${unread} unread`,
        list.sort !== 'archive' ? `sort: ${list.sort}` : '',
        list.bookmarksOnly ? 'bookmarks only' : '',
        userState.warning || userState.saveError ? '⚠ state: see stderr' : '',
        '? help',
      ]
        .filter(Boolean)
        .join(' · ');
      return (
        <ListView
          title={`${title} — ${archive.articles.length} articles`}
          rows={visibleRows}
          offset={list.cursor.offset}
          selected={list.cursor.index}
          total={ordered.length}
          width={width}
          columns={listLayout}
          height={listHeight}
          status={status}
          message={message}
        />
      );
    }
    case 'search': {
      const shown = hits.slice(search.cursor.offset, search.cursor.offset + searchHeight);
      const rowsData: SearchRow[] = shown.flatMap((hit) => {
        const meta = archive.article(hit.id);
        if (!meta) return [];
        const ranges = (field: string) => hit.matches.find((m) => m.field === field)?.ranges;
        const summary = hit.snippet ? '' : meta.dek || archive.lead(meta);
        return [{ ...rowOf(meta), titleRanges: ranges('title'), authorRanges: ranges('authors'), snippet: hit.snippet, summary }];
      });
      return (
        <SearchView
          query={search.query}
          focused
          rows={rowsData}
          offset={search.cursor.offset}
          selected={search.cursor.index}
          total={hits.length}
          width={width}
          columns={listLayout}
          height={listHeight}
          pending={pending}
          indexing={!engine}
        />
      );
    }
    case 'article': {
      const shownLines = lines.slice(article.top, article.top + articleHeight);
      const matches = article.find.query ? findInLines(lines, article.find.query) : [];
      const statusText = article.message || (openMeta ? openMeta.title : '');
      return (
        <ArticleView
          lines={shownLines}
          top={article.top}
          matches={matches}
          currentMatch={article.find.current}
          margin={margin}
          width={width}
          height={articleHeight}
          status={statusText}
          position={`page ${status.page}/${status.pages} · ${status.percent}%`}
          findLine={article.find.typing ? article.find.query : undefined}
        />
      );
    }
    case 'authors': {
      const all = archive.authors.map((a) => ({ author: a, count: archive.articlesBy(a.id).length }));
      return (
        <AuthorsView
          rows={all.slice(authors.cursor.offset, authors.cursor.offset + listHeight)}
          offset={authors.cursor.offset}
          selected={authors.cursor.index}
          total={all.length}
          width={width}
          height={listHeight}
        />
      );
    }
    case 'author':
      if (!author) return <Text>Author not found. Esc goes back.</Text>;
      return (
        <AuthorView
          author={author}
          bio={bio}
          rows={authorArticles.slice(authorList.cursor.offset, authorList.cursor.offset + authorListHeight).map(rowOf)}
          offset={authorList.cursor.offset}
          selected={authorList.cursor.index}
          total={authorArticles.length}
          width={width}
          columns={listLayout}
          listHeight={authorListHeight}
        />
      );
  }
}

/** The status bar is one line, cut to the width: the reason goes before the body file's
 * path, which is long, so "cannot read article ID (PATH): REASON" shows the reason. */
export function reasonFirst(message: string): string {
  return message.replace(/^cannot read article (\S+) \((.*?)\): (.*)$/s, 'cannot open $1: $3 ($2)');
}
