// How the terminal's rows and columns are shared out on each screen. One place, used by
// update (to page and scroll) and by the views (to draw), so the two always agree.
import type { Author } from '../../model/schema.js';
import { wrap } from '../../text/layout.js';
import { visible } from '../../text/visible.js';

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 10;
const MAX_TEXT_WIDTH = 80;

export interface Size {
  columns: number;
  rows: number;
}

export const tooSmall = ({ columns, rows }: Size) => columns < MIN_COLUMNS || rows < MIN_ROWS;
// One row is left free: an Ink frame as tall as the terminal is redrawn from scratch each time.
export const listHeight = ({ rows }: Size) => Math.max(1, rows - 3);
/** Two rows a hit: the article and its snippet. */
export const searchHeight = (size: Size) => Math.max(1, Math.floor(listHeight(size) / 2));
export const articleHeight = ({ rows }: Size) => Math.max(1, rows - 2);
export const textWidth = ({ columns }: Size) => Math.max(10, Math.min(columns - 4, MAX_TEXT_WIDTH));
export const textMargin = (size: Size) => Math.max(0, Math.floor((size.columns - textWidth(size)) / 2));
/** Title line and status bar. */
export const helpHeight = ({ rows }: Size) => Math.max(1, rows - 3);

/** The author's bio as shown above their articles, cut to leave room for the list. */
export function authorBioLines(author: Author, size: Size): string[] {
  const maxBio = Math.max(1, size.rows - 11);
  const bio = wrap(visible(author.bio || '(no bio in the archive)'), Math.min(size.columns, MAX_TEXT_WIDTH));
  return bio.length > maxBio ? [...bio.slice(0, Math.max(1, maxBio - 1)), '…'] : bio;
}

export const authorListHeight = (author: Author | undefined, size: Size) =>
  Math.max(1, size.rows - 7 - (author ? authorBioLines(author, size).length : 0));
