// The clipboard's module is loaded when the reader says it is idle, never at once: until then
// a copy asks the terminal (OSC 52), and afterwards, where there is no system clipboard, too.
import { describe, expect, it } from 'vitest';
import { clipboard, osc52 } from '../../src/tui/runtime/outside.js';

describe('clipboard', () => {
  it('loads clipboardy only when the reader is idle; a copy before that goes through the terminal', () => {
    const written: string[] = [];
    const terminal = { release: () => {}, reclaim: () => {}, write: (text: string) => void written.push(text) };
    const waiting: (() => void)[] = [];
    const copy = clipboard(terminal, { DISPLAY: ':0' }, (load) => void waiting.push(load));
    expect(waiting).toHaveLength(1); // asked to load later, not loaded yet
    expect(copy('some text')).toBe('via the terminal (OSC 52; no system clipboard found)');
    expect(written).toEqual([osc52('some text')]);
  });

  it('in tmux or over ssh the terminal is the clipboard: nothing is loaded', () => {
    const waiting: (() => void)[] = [];
    clipboard(
      { release: () => {}, reclaim: () => {}, write: () => {} },
      { TMUX: '/tmp/tmux-0/default,1,0' },
      (load) => void waiting.push(load),
    );
    expect(waiting).toEqual([]);
  });
});
