import { moveCursor, START, type Cursor, type CursorMove } from '../../cursor.js';

export interface CursorState {
  cursor: Cursor;
}

export const initialCursorState: CursorState = { cursor: START };

export type CursorAction = { type: 'move'; move: CursorMove; count: number; height: number } | { type: 'reset' };

/** For screens that are a plain list: authors, an author's articles. */
export function cursorReducer(state: CursorState, action: CursorAction): CursorState {
  if (action.type === 'reset') return initialCursorState;
  return { cursor: moveCursor(state.cursor, action.move, action.count, action.height) };
}
