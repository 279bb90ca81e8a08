// What the status line says while D asks.
import { shortTitle } from '../core/edits.js';
import type { ReaderState } from '../core/types.js';

/** "Remove «title»? y/n". */
export const removeQuestion = (state: ReaderState) => (state.confirm ? `Remove ${shortTitle(state, state.confirm.title)}? y/n` : '');
