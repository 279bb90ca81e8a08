// Moving the article's top line: the anchor follows, so the place survives a new layout.
import { articleView } from './selectors.js';
import { anchorOf, maxTop } from './position.js';
import type { ReaderState } from './types.js';

export function moveTo(state: ReaderState, top: number, message = ''): ReaderState {
  const view = articleView(state);
  const t = Math.max(0, Math.min(top, maxTop(view.pages), Math.max(0, view.lines.length - 1)));
  return { ...state, article: { ...state.article, anchor: anchorOf(view.lines, t) }, message };
}
