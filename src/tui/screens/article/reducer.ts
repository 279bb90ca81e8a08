// Paging through a laid-out article. Position is the top line; the body block at the top
// is kept too, so a resize (new layout) puts the reader back on the same paragraph.
import { pageOfLine, type Line, type Page } from '../../../text/layout.js';
import { findInLines, type FindMatch } from '../../../text/find.js';

export interface ArticleView {
  lines: Line[];
  pages: Page[];
  height: number;
}

export interface FindState {
  query: string;
  typing: boolean;
  /** Index into the matches of the current query. */
  current: number;
}

export interface ArticleState {
  id: string;
  top: number;
  /** Body block at the top of the screen (-1: the header). */
  anchor: number;
  /** How far into that block the top line is (0 = its first line, 0.5 = half way), so a
   * resize to a tiny size and back lands on the very same page, not the block's start. */
  anchorPart: number;
  find: FindState;
  message: string;
}

export type ArticleAction =
  | { type: 'open'; id: string; anchor: number; view: ArticleView }
  | { type: 'pageDown' | 'pageUp' | 'lineDown' | 'lineUp' | 'top' | 'bottom'; view: ArticleView }
  | { type: 'relayout'; view: ArticleView }
  | { type: 'findStart' }
  | { type: 'findType'; text: string }
  | { type: 'findDelete' }
  | { type: 'findClear' }
  | { type: 'findSubmit'; view: ArticleView }
  | { type: 'findCancel' }
  | { type: 'findNext' | 'findPrev'; view: ArticleView }
  | { type: 'message'; text: string };

const NO_FIND: FindState = { query: '', typing: false, current: 0 };

export const emptyArticle: ArticleState = { id: '', top: 0, anchor: -1, anchorPart: 0, find: NO_FIND, message: '' };

function maxTop(view: ArticleView): number {
  return view.pages.at(-1)?.start ?? 0;
}

/** Lines of a block from its first one (blank separator included). */
function blockLength(lines: Line[], start: number): number {
  const block = lines[start]?.block;
  let end = start;
  while (end < lines.length && lines[end].block === block) end++;
  return end - start;
}

function at(state: ArticleState, top: number, view: ArticleView, message = ''): ArticleState {
  const t = Math.max(0, Math.min(top, maxTop(view), Math.max(0, view.lines.length - 1)));
  const anchor = view.lines[t]?.block ?? -1;
  const start = lineOfBlock(view.lines, anchor);
  const length = blockLength(view.lines, start);
  return { ...state, top: t, anchor, anchorPart: length > 0 ? (t - start) / length : 0, message };
}

/** The first line of a block, or of the first block after it. */
export function lineOfBlock(lines: Line[], block: number): number {
  if (block < 0) return 0;
  const i = lines.findIndex((l) => l.block >= block);
  return i === -1 ? Math.max(0, lines.length - 1) : i;
}

/** The line at the same place in the anchor block, in a new layout. */
function anchorLine(lines: Line[], anchor: number, part: number): number {
  const start = lineOfBlock(lines, anchor);
  const length = blockLength(lines, start);
  return Math.min(start + Math.max(0, length - 1), start + Math.round(part * length));
}

function jumpToMatch(state: ArticleState, matches: FindMatch[], index: number, view: ArticleView): ArticleState {
  if (matches.length === 0) return { ...state, message: `Pattern not found: ${state.find.query}` };
  const current = ((index % matches.length) + matches.length) % matches.length;
  const line = matches[current].line;
  const visible = line >= state.top && line < state.top + view.height;
  const next = visible ? state : at(state, view.pages[pageOfLine(view.pages, line)].start, view);
  return { ...next, find: { ...state.find, typing: false, current }, message: `match ${current + 1}/${matches.length}` };
}

export function articleReducer(state: ArticleState, action: ArticleAction): ArticleState {
  switch (action.type) {
    case 'open': {
      const line = lineOfBlock(action.view.lines, action.anchor);
      const page = action.view.pages[pageOfLine(action.view.pages, line)];
      return at({ ...emptyArticle, id: action.id }, page?.start ?? 0, action.view);
    }
    case 'pageDown': {
      const next = action.view.pages.find((p) => p.start > state.top);
      return next ? at(state, next.start, action.view) : at(state, state.top, action.view, 'End of article');
    }
    case 'pageUp': {
      const prev = action.view.pages.filter((p) => p.start < state.top).at(-1);
      return at(state, prev?.start ?? 0, action.view);
    }
    case 'lineDown':
      return at(state, state.top + 1, action.view);
    case 'lineUp':
      return at(state, state.top - 1, action.view);
    case 'top':
      return at(state, 0, action.view);
    case 'bottom':
      return at(state, maxTop(action.view), action.view);
    case 'relayout': {
      const line = anchorLine(action.view.lines, state.anchor, state.anchorPart);
      const page = action.view.pages[pageOfLine(action.view.pages, line)];
      return { ...at(state, page?.start ?? 0, action.view), anchor: state.anchor, anchorPart: state.anchorPart, message: state.message };
    }
    case 'findStart':
      return { ...state, find: { query: '', typing: true, current: 0 }, message: '' };
    case 'findType':
      return { ...state, find: { ...state.find, query: state.find.query + action.text } };
    case 'findDelete':
      return { ...state, find: { ...state.find, query: [...state.find.query].slice(0, -1).join('') } };
    case 'findClear':
      return { ...state, find: { ...state.find, query: '' } };
    case 'findCancel':
      return { ...state, find: NO_FIND, message: '' };
    case 'findSubmit': {
      if (!state.find.query) return { ...state, find: NO_FIND };
      const matches = findInLines(action.view.lines, state.find.query);
      const first = matches.findIndex((m) => m.line >= state.top);
      return jumpToMatch(state, matches, first === -1 ? 0 : first, action.view);
    }
    case 'findNext':
    case 'findPrev': {
      if (!state.find.query) return { ...state, message: 'No search yet: press / to find' };
      const matches = findInLines(action.view.lines, state.find.query);
      return jumpToMatch(state, matches, state.find.current + (action.type === 'findNext' ? 1 : -1), action.view);
    }
    case 'message':
      return { ...state, message: action.text };
  }
}

export interface PageStatus {
  page: number;
  pages: number;
  percent: number;
}

export function pageStatus(state: ArticleState, view: ArticleView): PageStatus {
  const total = view.lines.length;
  const bottom = Math.min(total, state.top + view.height);
  return {
    page: pageOfLine(view.pages, state.top) + 1,
    pages: view.pages.length,
    percent: total === 0 ? 100 : Math.round((bottom / total) * 100),
  };
}
