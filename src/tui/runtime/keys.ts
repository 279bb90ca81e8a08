// Ink's (input, key) as key presses, one per key: a burst of characters (fast typing, a
// paste, keys sent together) is split, each with the key Ink would have reported for it
// alone, so "/mlops⏎" in one read types and then submits.
import { keyName, type KeyEvent } from '../keymap.js';
import { typedText } from '../core/base.js';
import type { KeyPress } from '../core/types.js';

const NO_KEY: KeyEvent = {};

function burstKey(ch: string): [string, KeyEvent] {
  if (ch === '\r' || ch === '\n') return ['', { return: true }];
  if (ch === '\t') return ['', { tab: true }];
  if (ch === '\u007f' || ch === '\b') return ['', { backspace: true }];
  const code = ch.charCodeAt(0);
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ctrl: true }];
  return [ch, NO_KEY];
}

const press = (input: string, key: KeyEvent): KeyPress => ({
  name: keyName(input, key),
  text: key.ctrl || key.meta || key.return || key.tab || key.backspace || key.delete ? '' : typedText(input),
});

export function keyPresses(input: string, key: KeyEvent): KeyPress[] {
  const burst = input.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001b');
  if (!burst) return [press(input, key)];
  return [...input].map((ch) => press(...burstKey(ch)));
}
