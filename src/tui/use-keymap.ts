import { useInput } from 'ink';
import { commandFor, type Command, type ScreenName } from './keymap.js';
import { typedText } from './screens/search/reducer.js';

/** Maps key presses through the keymap for one screen, only while that screen has focus.
 * Typing screens get the text of any key the keymap does not claim. */
export function useKeymap(screen: ScreenName, isActive: boolean, onCommand: (command: Command) => void, onText?: (text: string) => void): void {
  useInput(
    (input, key) => {
      const command = commandFor(screen, input, key);
      if (command) return onCommand(command);
      if (onText && !key.ctrl && !key.meta) {
        const text = typedText(input);
        if (text) onText(text);
      }
    },
    { isActive },
  );
}
