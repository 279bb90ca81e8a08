// Small pieces every screen's update uses: results, the screen stack, focus, marks.
import type { Mark } from '../../archive/user-state.js';
import type { ScreenName } from '../keymap.js';
import { tooSmall } from './geometry.js';
import { markOf } from './selectors.js';
import type { Effect, ReaderState, Result, Screen } from './types.js';

export const done = (state: ReaderState, ...effects: Effect[]): Result => ({ state, effects });

export const screenOf = (state: ReaderState): Screen => state.stack.at(-1)!;

export function push(state: ReaderState, screen: Screen): ReaderState {
  return { ...state, stack: [...state.stack, screen] };
}

export function pop(state: ReaderState): ReaderState {
  return state.stack.length > 1 ? { ...state, stack: state.stack.slice(0, -1) } : state;
}

/** Who gets the next key. */
export function focusOf(state: ReaderState): ScreenName | 'small' {
  if (tooSmall(state.size)) return 'small';
  if (state.help) return 'help';
  if (state.confirm) return 'confirm';
  if (state.tagLine) return 'tags';
  const screen = screenOf(state);
  if (screen === 'article' && state.prompt !== null) return 'prompt';
  if (screen === 'article' && state.article.find.typing) return 'find';
  return screen;
}

/** A change to one article's mark: in the state at once, saved through an effect. */
export function setMark(state: ReaderState, id: string, change: Partial<Mark>): Result {
  const mark = { ...markOf(state, id), ...change };
  return done({ ...state, marks: { ...state.marks, [id]: mark } }, { type: 'mark', id, change });
}

export function andThen(first: Result, next: (state: ReaderState) => Result): Result {
  const second = next(first.state);
  return { state: second.state, effects: [...first.effects, ...second.effects] };
}

/** Text typed into a query line: printable, one line. */
export function typedText(input: string): string {
  return input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

/** Removes the last character (not UTF-16 unit). */
export const dropLast = (text: string) => [...text].slice(0, -1).join('');
