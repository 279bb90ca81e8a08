// All keys enter through one listener and go to the screen that has focus *now*.
// Focus is a ref, moved synchronously by the key that changes screens, so keys typed
// faster than React re-renders ("/mlops" arriving in one read) still land on the right
// screen — per-screen listeners gated by rendered state would drop or misroute them.
import { useRef } from 'react';
import { useInput } from 'ink';
import { commandFor, keyName, type Command, type KeyEvent, type ScreenName } from './keymap.js';
import { typedText } from './screens/search/reducer.js';

export type Focus = ScreenName | 'small';
type Handler = (input: string, key: KeyEvent) => void;

export interface KeyRouter {
  /** Binds a screen's keys through the keymap; typing screens also get unclaimed text. */
  on(screen: ScreenName, onCommand: (command: Command) => void, onText?: (text: string) => void): void;
  /** Raw handler for screens outside the keymap (help overlay, too-small notice). */
  onAny(focus: Focus, handler: Handler): void;
  focus(next: Focus): void;
}

const NO_KEY: KeyEvent = {};

/** One character of a burst as Ink reports it when it arrives alone. */
function burstKey(ch: string): [string, KeyEvent] {
  if (ch === '\r') return ['', { return: true }];
  if (ch === '\t') return ['', { tab: true }];
  if (ch === '\u007f' || ch === '\b') return ['', { backspace: true }];
  const code = ch.charCodeAt(0);
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ctrl: true }];
  return [ch, NO_KEY];
}

/** Ctrl-c and Ctrl-z work on every screen, before any screen's keys: in raw mode the
 * terminal sends them as bytes, not as SIGINT and SIGTSTP. */
export function useKeyRouter(rendered: Focus, onInterrupt: () => void, onSuspend: () => void = () => undefined): KeyRouter {
  const focusRef = useRef<Focus>(rendered);
  focusRef.current = rendered;
  const handlers = useRef(new Map<Focus, Handler>());

  useInput((input, key) => {
    if (keyName(input, key) === 'ctrl+c') return onInterrupt();
    if (keyName(input, key) === 'ctrl+z') return onSuspend();
    // A burst of characters (fast typing, a paste, keys sent together) is split, so each one
    // is routed after the one before it, with the key Ink would have reported for it alone:
    // "/mlops⏎" in one read still submits.
    const burst = input.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001b');
    if (!burst) return handlers.current.get(focusRef.current)?.(input, key);
    for (const ch of input) {
      const [one, oneKey] = burstKey(ch);
      if (keyName(one, oneKey) === 'ctrl+c') return onInterrupt();
      if (keyName(one, oneKey) === 'ctrl+z') {
        onSuspend();
        continue;
      }
      handlers.current.get(focusRef.current)?.(one, oneKey);
    }
  });

  return {
    on(screen, onCommand, onText) {
      handlers.current.set(screen, (input, key) => {
        const command = commandFor(screen, input, key);
        if (command) return onCommand(command);
        if (onText && !key.ctrl && !key.meta) {
          const text = typedText(input);
          if (text) onText(text);
        }
      });
    },
    onAny(focus, handler) {
      handlers.current.set(focus, handler);
    },
    focus(next) {
      focusRef.current = next;
    },
  };
}
