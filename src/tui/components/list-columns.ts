// The article list's columns: title (and its tags), author, then site and date. Widths come
// from the terminal width alone, never from the rows on screen, so the columns do not move
// as the list scrolls. Text cut by display width (CJK and emoji count as two).
import { displayWidth, truncateToWidth } from '../../text/wrap.js';

/** "› ● ★ ": selection, unread and bookmark markers. */
export const ROW_PREFIX_WIDTH = 6;
const GAP = 2;
const DATE = 10; // YYYY-MM-DD
/** Below this the title is what goes missing: the site goes first, then the date. */
const MIN_TITLE = 16;
const MIN_TITLE_WITH_TAGS = 12;

export interface ColumnWidths {
  title: number;
  author: number;
  /** 0: no site column. */
  site: number;
  /** 0: no date column. */
  date: number;
}

const clamp = (n: number, low: number, high: number) => Math.max(low, Math.min(high, n));

/** `sites`/`dates`: whether any article has one (without, the column is not drawn). */
export function listColumns(width: number, { sites, dates }: { sites: boolean; dates: boolean }): ColumnWidths {
  const rest = Math.max(0, width - ROW_PREFIX_WIDTH);
  const author = clamp(Math.floor(rest * 0.22), 10, 26);
  let site = sites ? clamp(Math.floor(rest * 0.18), 8, 22) : 0;
  let date = dates ? DATE : 0;
  const title = () => rest - GAP - author - (site || date ? GAP + site + (site && date ? 1 : 0) + date : 0);
  if (title() < MIN_TITLE) site = 0;
  if (title() < MIN_TITLE) date = 0;
  return { title: Math.max(1, title()), author, site, date };
}

/** One row's text, already display-safe. */
export interface RowText {
  title: string;
  /** " [excerpt · 40%]", or ''. */
  tags: string;
  authors: string;
  site: string;
  /** YYYY-MM-DD, or ''. */
  date: string;
}

/** The row's parts in order; joined, each column starts at the same place on every row.
 * A row with no site or date ends at its author (trailing spaces are cells Ink must draw). */
export interface RowCells {
  title: string;
  tags: string;
  afterTitle: string;
  author: string;
  afterAuthor: string;
  page: string;
}

const spaces = (n: number) => ' '.repeat(Math.max(0, n));
const padTo = (text: string, width: number) => text + spaces(width - displayWidth(text));

export function rowCells(row: RowText, columns: ColumnWidths): RowCells {
  // The tags say what the article is (excerpt, sponsored) and how far it was read: kept whole
  // unless they would leave the title fewer than MIN_TITLE_WITH_TAGS columns.
  const tags = truncateToWidth(row.tags, Math.max(0, columns.title - MIN_TITLE_WITH_TAGS));
  const title = truncateToWidth(row.title, Math.max(1, columns.title - displayWidth(tags)));
  const afterTitle = spaces(columns.title - displayWidth(title) - displayWidth(tags) + GAP);
  const author = truncateToWidth(row.authors, columns.author);
  const site = columns.site ? row.site : '';
  const date = columns.date ? row.date : '';
  if (!site && !date) return { title, tags, afterTitle, author, afterAuthor: '', page: '' };
  const siteCell = columns.site ? padTo(truncateToWidth(site, columns.site), columns.site) : '';
  const dateCell = columns.date ? (columns.site ? ' ' : '') + date : '';
  return {
    title,
    tags,
    afterTitle,
    author,
    afterAuthor: spaces(columns.author - displayWidth(author) + GAP),
    page: (siteCell + dateCell).trimEnd(),
  };
}
