// A selection in a list of `count` items shown `height` rows at a time.

export interface Cursor {
  index: number;
  /** First row on screen. */
  offset: number;
}

export type CursorMove = 'up' | 'down' | 'pageDown' | 'pageUp' | 'top' | 'bottom';

export const START: Cursor = { index: 0, offset: 0 };

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** Scrolls as little as possible to keep the selection on screen. */
export function ensureVisible(cursor: Cursor, count: number, height: number): Cursor {
  const h = Math.max(1, height);
  const index = clamp(cursor.index, 0, Math.max(0, count - 1));
  let offset = clamp(cursor.offset, 0, Math.max(0, count - h));
  if (index < offset) offset = index;
  if (index >= offset + h) offset = index - h + 1;
  return index === cursor.index && offset === cursor.offset ? cursor : { index, offset };
}

export function moveCursor(cursor: Cursor, move: CursorMove, count: number, height: number): Cursor {
  const page = Math.max(1, height - 1);
  const target = {
    up: cursor.index - 1,
    down: cursor.index + 1,
    pageDown: cursor.index + page,
    pageUp: cursor.index - page,
    top: 0,
    bottom: count - 1,
  }[move];
  const offset = move === 'pageDown' ? cursor.offset + page : move === 'pageUp' ? cursor.offset - page : cursor.offset;
  return ensureVisible({ index: target, offset }, count, height);
}

export const isCursorMove = (command: string): command is CursorMove =>
  ['up', 'down', 'pageDown', 'pageUp', 'top', 'bottom'].includes(command);
