import { describe, expect, it } from 'vitest';
import { articleMeta } from '../support/archives.js';
import { ensureVisible, moveCursor, START } from '../../src/tui/cursor.js';
import { initialList, listReducer, nextSort, orderArticles } from '../../src/tui/screens/list/reducer.js';
import { initialSearch, searchReducer, typedText } from '../../src/tui/screens/search/reducer.js';
import { articleReducer, emptyArticle, lineOfBlock, pageStatus, type ArticleView } from '../../src/tui/screens/article/reducer.js';
import { cursorReducer, initialCursorState } from '../../src/tui/screens/authors/reducer.js';
import { paginate, type Line } from '../../src/text/layout.js';
import type { ArticleMeta, Author } from '../../src/archive/model.js';

describe('cursor', () => {
  it('clamps at both ends and scrolls minimally', () => {
    expect(moveCursor(START, 'up', 10, 4)).toEqual({ index: 0, offset: 0 });
    let c = START;
    for (let i = 0; i < 5; i++) c = moveCursor(c, 'down', 10, 4);
    expect(c).toEqual({ index: 5, offset: 2 });
    expect(moveCursor(c, 'bottom', 10, 4)).toEqual({ index: 9, offset: 6 });
    expect(moveCursor(c, 'top', 10, 4)).toEqual({ index: 0, offset: 0 });
  });
  it('pages by a screen less one row', () => {
    expect(moveCursor(START, 'pageDown', 100, 10)).toEqual({ index: 9, offset: 9 });
    expect(moveCursor({ index: 50, offset: 45 }, 'pageUp', 100, 10)).toEqual({ index: 41, offset: 36 });
  });
  it('handles an empty list and a shrinking height', () => {
    expect(moveCursor(START, 'down', 0, 5)).toEqual({ index: 0, offset: 0 });
    expect(ensureVisible({ index: 8, offset: 0 }, 10, 3)).toEqual({ index: 8, offset: 6 });
  });
  it('plain list reducer resets', () => {
    const moved = cursorReducer(initialCursorState, { type: 'move', move: 'down', count: 3, height: 3 });
    expect(moved.cursor.index).toBe(1);
    expect(cursorReducer(moved, { type: 'reset' })).toEqual(initialCursorState);
  });
});

const meta = (id: string, title: string, authors: string[] = []): ArticleMeta => articleMeta({ id, title, authors });

describe('list', () => {
  const authors: Record<string, Author> = {
    z: { id: 'z', name: 'Zed Zulu', bio: '', kind: 'person' },
    a: { id: 'a', name: 'Ann Alpha', bio: '', kind: 'person' },
  };
  const articles = [meta('b', 'Beta', ['z']), meta('a', 'alpha', []), meta('c', 'Gamma', ['a'])];
  const authorsOf = (m: ArticleMeta) => m.authors.map((id) => authors[id]);

  it('sorts by archive order, title (case-insensitive) and author (unknown last)', () => {
    expect(orderArticles(articles, authorsOf, 'archive', null).map((m) => m.id)).toEqual(['b', 'a', 'c']);
    expect(orderArticles(articles, authorsOf, 'title', null).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(orderArticles(articles, authorsOf, 'author', null).map((m) => m.id)).toEqual(['c', 'b', 'a']);
    expect(nextSort('archive')).toBe('title');
    expect(nextSort('author')).toBe('date');
    expect(nextSort('date')).toBe('archive');
  });
  it('sorts by date newest first; undated articles last, in archive order', () => {
    const dated = [
      articleMeta({ id: 'u1', title: 'Undated one' }),
      articleMeta({ id: 'old', title: 'Old', publishedAt: '2019-03-01' }),
      articleMeta({ id: 'new', title: 'New', publishedAt: '2024-05-02T08:00:00Z' }),
      articleMeta({ id: 'u2', title: 'Undated two', publishedAt: 'someday' }),
      articleMeta({ id: 'mid', title: 'Mid', publishedAt: 'Tue, 01 Feb 2022 10:00:00 GMT' }),
      articleMeta({ id: 'same-day-later', title: 'Later', publishedAt: '2024-05-02T09:00:00Z' }),
    ];
    expect(orderArticles(dated, () => [], 'date', null).map((m) => m.id)).toEqual(['same-day-later', 'new', 'mid', 'old', 'u1', 'u2']);
  });
  it('filters bookmarks only', () => {
    expect(orderArticles(articles, authorsOf, 'archive', new Set(['c', 'gone'])).map((m) => m.id)).toEqual(['c']);
  });
  it('keeps the selected article selected when the view changes', () => {
    const s = listReducer(initialList, { type: 'view', sort: 'title', bookmarksOnly: false, index: 2, count: 3, height: 10 });
    expect(s).toMatchObject({ sort: 'title', cursor: { index: 2 } });
  });
});

describe('search', () => {
  it('types, deletes by character (not UTF-16 unit) and clears', () => {
    let s = searchReducer(initialSearch, { type: 'type', text: 'a😀' });
    expect(s.query).toBe('a😀');
    s = searchReducer(s, { type: 'deleteChar' });
    expect(s.query).toBe('a');
    s = searchReducer(s, { type: 'move', move: 'down', count: 5, height: 3 });
    expect(s.cursor.index).toBe(1);
    s = searchReducer(s, { type: 'type', text: 'b' });
    expect(s.cursor.index).toBe(0);
    expect(searchReducer(s, { type: 'clear' })).toEqual(initialSearch);
  });
  it('never lets control characters into a query', () => {
    expect(typedText('a\u001b[2Jb\u0007c')).toBe('a[2Jbc');
  });
});

function fakeView(blocks: number, linesPerBlock: number, height: number): ArticleView {
  const lines: Line[] = [{ text: 'Title', style: 'title', block: -1 }];
  for (let b = 0; b < blocks; b++) {
    lines.push({ text: '', style: 'blank', block: b });
    for (let i = 0; i < linesPerBlock; i++) lines.push({ text: `block ${b} line ${i} word`, style: 'paragraph', block: b });
  }
  return { lines, pages: paginate(lines, height), height };
}

describe('article', () => {
  const view = fakeView(20, 3, 10);
  const open = articleReducer(emptyArticle, { type: 'open', id: 'x', anchor: -1, view });

  it('pages forward and back over page starts, and stops at the ends', () => {
    expect(open.top).toBe(0);
    const p2 = articleReducer(open, { type: 'pageDown', view });
    expect(p2.top).toBe(view.pages[1].start);
    expect(pageStatus(p2, view).page).toBe(2);
    expect(articleReducer(p2, { type: 'pageUp', view }).top).toBe(0);
    const last = articleReducer(open, { type: 'bottom', view });
    expect(pageStatus(last, view)).toMatchObject({ page: view.pages.length, percent: 100 });
    expect(articleReducer(last, { type: 'pageDown', view }).message).toBe('End of article');
    expect(articleReducer(open, { type: 'lineUp', view }).top).toBe(0);
  });

  it('moves line by line and tracks the block at the top', () => {
    let s = open;
    for (let i = 0; i < 6; i++) s = articleReducer(s, { type: 'lineDown', view });
    expect(s.top).toBe(6);
    expect(s.anchor).toBe(view.lines[6].block);
  });

  it('resumes at a saved block and keeps the paragraph on relayout', () => {
    const resumed = articleReducer(emptyArticle, { type: 'open', id: 'x', anchor: 12, view });
    const visible = view.lines.slice(resumed.top, resumed.top + view.height).map((l) => l.block);
    expect(visible).toContain(12);
    const narrow = fakeView(20, 6, 7);
    const after = articleReducer(resumed, { type: 'relayout', view: narrow });
    expect(narrow.lines.slice(after.top, after.top + narrow.height).map((l) => l.block)).toContain(resumed.anchor);
  });

  it('finds, jumps to the match page, cycles with n and N, and reports no match', () => {
    let s = articleReducer(open, { type: 'findStart' });
    s = articleReducer(s, { type: 'findType', text: 'block 15 line 1' });
    s = articleReducer(s, { type: 'findSubmit', view });
    expect(s.find.typing).toBe(false);
    expect(s.message).toBe('match 1/1');
    expect(view.lines.slice(s.top, s.top + view.height).some((l) => l.text.startsWith('block 15 line 1'))).toBe(true);
    let all = articleReducer(open, { type: 'findStart' });
    all = articleReducer(all, { type: 'findType', text: 'line 2' });
    all = articleReducer(all, { type: 'findSubmit', view });
    expect(all.message).toBe('match 1/20');
    expect(articleReducer(all, { type: 'findPrev', view }).message).toBe('match 20/20');
    expect(articleReducer(all, { type: 'findNext', view }).message).toBe('match 2/20');
    let none = articleReducer(open, { type: 'findStart' });
    none = articleReducer(none, { type: 'findType', text: 'zebra' });
    expect(articleReducer(none, { type: 'findSubmit', view }).message).toBe('Pattern not found: zebra');
  });

  it('lineOfBlock finds the first line of a block', () => {
    expect(lineOfBlock(view.lines, -1)).toBe(0);
    expect(view.lines[lineOfBlock(view.lines, 3)].block).toBe(3);
  });
});
