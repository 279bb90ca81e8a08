import { moveCursor, START, type Cursor, type CursorMove } from '../../cursor.js';

export interface SearchState {
  query: string;
  cursor: Cursor;
}

export const initialSearch: SearchState = { query: '', cursor: START };

export type SearchAction =
  | { type: 'type'; text: string }
  | { type: 'deleteChar' }
  | { type: 'clear' }
  | { type: 'move'; move: CursorMove; count: number; height: number };

export function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'type':
      return { query: state.query + action.text, cursor: START };
    case 'deleteChar':
      return state.query ? { query: [...state.query].slice(0, -1).join(''), cursor: START } : state;
    case 'clear':
      return initialSearch;
    case 'move':
      return { ...state, cursor: moveCursor(state.cursor, action.move, action.count, action.height) };
  }
}

/** Typed text that may go into a query line: printable, one line. */
export function typedText(input: string): string {
  return input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}
