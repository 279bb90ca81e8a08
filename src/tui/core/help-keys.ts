// Keys on the help screen: scroll and page it, switch between this screen's keys and all;
// any other key closes it.
import type { Command as KeyCommand } from '../keymap.js';
import { done } from './base.js';
import { helpHeight } from './geometry.js';
import { helpLines } from './help.js';
import type { ReaderState, Result } from './types.js';

export function helpKey(state: ReaderState, command: KeyCommand | undefined): Result {
  const help = state.help!;
  const height = helpHeight(state.size);
  const last = Math.max(0, helpLines(help.context, help.all).length - height);
  const scroll = (top: number) => done({ ...state, help: { ...help, top: Math.max(0, Math.min(last, top)) } });
  switch (command) {
    case 'down':
      return scroll(help.top + 1);
    case 'up':
      return scroll(help.top - 1);
    case 'pageDown':
      return scroll(help.top + Math.max(1, height - 1));
    case 'pageUp':
      return scroll(help.top - Math.max(1, height - 1));
    case 'showAll':
      return done({ ...state, help: { ...help, all: !help.all, top: 0 } });
    default:
      return done({ ...state, help: null });
  }
}
