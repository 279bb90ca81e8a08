// What the status line says while D asks and while t's tags are typed.
import { shortTitle } from '../core/edits.js';
import type { ReaderState } from '../core/types.js';
import type { Input } from './input-line.js';

/** "Remove «title»? y/n". */
export const removeQuestion = (state: ReaderState) => (state.confirm ? `Remove ${shortTitle(state, state.confirm.title)}? y/n` : '');

/** The tags line: the tags as typed, then why the last Enter was refused, or how to end it. */
export function tagsInput(state: ReaderState): Input {
  return { prefix: 'Tags: ', text: state.tagLine?.text ?? '', note: state.message || 'Enter save · Esc cancel' };
}
