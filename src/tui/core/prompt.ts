// The `|` command line: typed at the bottom of the article, run by the runner on Enter.
import type { Command as KeyCommand } from '../keymap.js';
import { done, dropLast } from './base.js';
import type { ReaderState, Result } from './types.js';

export function promptKey(state: ReaderState, command: KeyCommand | undefined, text: string): Result {
  const line = state.prompt ?? '';
  switch (command) {
    case 'submit':
      return line.trim()
        ? done({ ...state, prompt: null }, { type: 'pipe', id: state.article.id, command: line })
        : done({ ...state, prompt: null });
    case 'back':
      return done({ ...state, prompt: null });
    case 'deleteChar':
      return done({ ...state, prompt: dropLast(line) });
    case 'clearQuery':
      return done({ ...state, prompt: '' });
    default:
      return done(text ? { ...state, prompt: line + text } : state);
  }
}
