// The reader's only writes to the archive, each on the user's own key: `D` removes an article
// (after "Remove «title»? y/n" on the status line), `U` puts the last one removed back, `t`
// edits an article's tags on the status line. The writes themselves are effects (the runner
// makes them through the store, under its lock); what they did comes back as a command.
import type { Command as KeyCommand } from '../keymap.js';
import type { ListedArticle } from '../../model/schema.js';
import { truncateToWidth } from '../../text/wrap.js';
import { visibleLine } from '../../text/visible.js';
import { done, dropLast, pop, screenOf } from './base.js';
import { NO_ARTICLE } from './article.js';
import type { ReaderState, Removal, Result, TagLine } from './types.js';

/** The key that undoes a removal, as the status line names it. */
export const UNDO_KEY = 'U';

/** A title for the status line, short enough to leave room for what is said about it. */
export function shortTitle(state: ReaderState, title: string): string {
  const room = Math.max(12, Math.min(60, state.size.columns - 36));
  return `«${truncateToWidth(visibleLine(title), room)}»`;
}

/** The article's tags as the reader shows them: "#cloud #ai". */
export const hashTags = (tags: readonly string[] | undefined) => (tags ?? []).map((t) => `#${t}`).join(' ');

/** `D`: the question first; nothing is written until it is answered `y`. */
export function askRemove(state: ReaderState, meta: ListedArticle | undefined): Result {
  if (!meta) return done(state);
  return done({ ...state, confirm: { id: meta.id, title: meta.title } });
}

/** The answer to "Remove «title»? y/n": `y` removes, any other key keeps the article. */
export function confirmKey(state: ReaderState, command: KeyCommand | undefined): Result {
  const { id, title } = state.confirm!;
  const next = { ...state, confirm: null };
  if (command !== 'confirm') return done({ ...next, message: `Not removed: ${shortTitle(state, title)}` });
  return done({ ...next, message: `Removing ${shortTitle(state, title)}…` }, { type: 'remove', id, title });
}

/** The removal is written: the article is gone from every list (the data is read again), an
 * article screen showing it closes, and `U` can put it back. */
export function removed(state: ReaderState, removal: Removal, note?: string): Result {
  const message = [`Removed ${shortTitle(state, removal.title)}`, `${UNDO_KEY} undo`, note].filter(Boolean).join(' · ');
  const next: ReaderState = { ...state, undo: [...state.undo, removal], message };
  const open = screenOf(next) === 'article' && next.article.id === removal.id;
  return done(open ? { ...pop(next), article: NO_ARTICLE } : next);
}

/** `U`: the last removal of this run, imported again. */
export function undoKey(state: ReaderState): Result {
  const last = state.undo.at(-1);
  if (!last) return done({ ...state, message: `Nothing to undo (${UNDO_KEY} puts back an article removed with D)` });
  return done(
    { ...state, undo: state.undo.slice(0, -1), message: `Putting back ${shortTitle(state, last.title)}…` },
    { type: 'restore', removal: last },
  );
}

export function restored(state: ReaderState, removal: Removal, present: boolean, note?: string): Result {
  const title = shortTitle(state, removal.title);
  const said = present ? `${title} is in the archive already` : `Put back ${title} · last in archive order`;
  return done({ ...state, message: note ? `${said} · ${note}` : said });
}

/** A write that failed says why in one line; an undo that failed can be tried again; a tags
 * line that was refused opens again as it was typed (unless something else has the keys now). */
export function writeFailed(state: ReaderState, error: string, undo?: Removal, retype?: TagLine): Result {
  const next = { ...state, message: error.split('\n')[0], undo: undo ? [...state.undo, undo] : state.undo };
  if (!retype || !tagLineFits(state, retype.id)) return done(next);
  return done({ ...next, tagLine: retype });
}

/** Whether the tags line of this article can open now: on the list, or in the article, when
 * nothing else has the keys. */
function tagLineFits(state: ReaderState, id: string): boolean {
  const screen = screenOf(state);
  const free = !state.help && !state.confirm && !state.tagLine && state.prompt === null && !state.article.find.typing;
  return free && (screen === 'list' || (screen === 'article' && state.article.id === id));
}

/** `t`: the tags line, filled with the article's tags. */
export function openTags(state: ReaderState, meta: ListedArticle | undefined): Result {
  if (!meta) return done(state);
  const before = meta.tags ?? [];
  return done({ ...state, tagLine: { id: meta.id, title: meta.title, before, text: before.join(' ') } });
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Keys on the tags line: Enter saves (the runner checks each tag), Esc leaves it. */
export function tagKey(state: ReaderState, command: KeyCommand | undefined, text: string): Result {
  const line = state.tagLine!;
  switch (command) {
    case 'submit': {
      const next = { ...state, tagLine: null };
      const typed = words(line.text);
      const same = typed.length === line.before.length && typed.every((t, i) => t === line.before[i]);
      if (same) return done({ ...next, message: 'Tags unchanged' });
      return done(
        { ...next, message: `Saving the tags of ${shortTitle(state, line.title)}…` },
        { type: 'retag', id: line.id, title: line.title, before: line.before, text: line.text },
      );
    }
    case 'back':
      return done({ ...state, tagLine: null });
    case 'deleteChar':
      return done({ ...state, tagLine: { ...line, text: dropLast(line.text) } });
    case 'clearQuery':
      return done({ ...state, tagLine: { ...line, text: '' } });
    default:
      return done(text ? { ...state, tagLine: { ...line, text: line.text + text } } : state);
  }
}

/** The tags are written: the open article shows them at once (its list row when the data is read again). */
export function tagged(state: ReaderState, id: string, title: string, tags: readonly string[], note?: string): Result {
  const said = tags.length ? `Tags of ${shortTitle(state, title)}: ${hashTags(tags)}` : `${shortTitle(state, title)} has no tags now`;
  let next: ReaderState = { ...state, message: note ? `${said} · ${note}` : said };
  const meta = state.article.meta;
  if (state.article.id === id && meta) {
    const { tags: _old, ...rest } = meta;
    next = { ...next, article: { ...state.article, meta: tags.length ? { ...rest, tags: [...tags] } : rest } };
  }
  return done(next);
}
