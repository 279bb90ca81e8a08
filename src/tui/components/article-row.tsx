import { Box, Text } from 'ink';
import { truncateToWidth, displayWidth } from '../../text/wrap.js';
import type { Author, ListedArticle as ArticleMeta } from '../../model/schema.js';
import type { Mark } from '../../archive/user-state.js';
import type { Range } from '../../model/range.js';
import { visibleLine } from '../../text/visible.js';
import { siteOf } from '../../text/page-meta.js';
import { Highlighted } from './highlighted.js';

export interface RowData {
  meta: ArticleMeta;
  authors: Author[];
  mark: Mark;
  titleRanges?: readonly Range[];
  /** Ranges in the authors' names joined with ", ". */
  authorRanges?: readonly Range[];
}

/** Column widths of a list row; date and site only when some article has one and there is room. */
export interface Columns {
  title: number;
  author: number;
  date: number;
  site: number;
}

const MARKERS = 6; // "› ● ★ "
const GAP = '  ';
const DATE = 10; // 2022-11-14

export function rowColumns(width: number, has: { date: boolean; site: boolean }): Columns {
  const room = Math.max(8, width - MARKERS);
  const date = has.date && room >= 60 ? DATE : 0;
  const site = has.site && room >= 90 ? Math.min(18, Math.floor(room / 7)) : 0;
  const author = Math.max(10, Math.min(24, Math.floor(room / 4)));
  const rest = [date, site].filter(Boolean).length * GAP.length + date + site + GAP.length + author;
  return { title: Math.max(4, room - rest), author, date, site };
}

function tags(meta: ArticleMeta, mark: Mark): string {
  const parts: string[] = [];
  if (meta.sponsored) parts.push('sponsored');
  else if (meta.kind === 'excerpt') parts.push('excerpt');
  if (mark.percent !== undefined && mark.percent > 0 && mark.percent < 100) parts.push(`${Math.round(mark.percent)}%`);
  return parts.length ? ` [${parts.join(' · ')}]` : '';
}

/** The article's own tags after the title, " #cloud #ai": whole when title and tags fit; else
 * the title gives way until the tags have a third of the column, and the tags are cut. */
function hashTagsIn(title: string, tags: readonly string[] | undefined, room: number, column: number): string {
  if (!tags?.length) return '';
  const text = ` ${visibleLine(tags.map((t) => `#${t}`).join(' '))}`;
  const width = displayWidth(text);
  if (displayWidth(title) + width <= room) return text;
  const wanted = Math.min(room - 1, Math.max(Math.min(width, Math.floor(column / 3)), room - displayWidth(title)));
  // " #…" says there are tags; less than that says nothing.
  return wanted >= 3 ? truncateToWidth(text, wanted) : '';
}

/** "2022-11-14" from an ISO date; other text as it is, cut to the column. */
const shownDate = (text: string | undefined) =>
  truncateToWidth(visibleLine(text ?? '').slice(0, /^\d{4}-\d\d-\d\d/.test(text ?? '') ? DATE : undefined), DATE);

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** "› ● ★ Title [excerpt] #tag   Author   2022-11-14  Site": aligned columns, each cut by display
 * width; selection is inverse + marker, never colour alone. */
export function ArticleRow({ row, selected, width, columns }: { row: RowData; selected: boolean; width: number; columns: Columns }) {
  const { meta, mark } = row;
  const prefix = `${selected ? '›' : ' '} ${mark.read ? ' ' : '●'} ${mark.bookmarked ? '★' : ' '} `;
  const tagText = tags(meta, mark);
  const title = visibleLine(meta.title);
  const room = Math.max(1, columns.title - displayWidth(tagText));
  const hashText = hashTagsIn(title, meta.tags, room, columns.title);
  const shownTitle = truncateToWidth(title, Math.max(1, room - displayWidth(hashText)));
  const authorText = visibleLine(row.authors.map((a) => a.name).join(', ') || 'unknown');
  const shownAuthors = truncateToWidth(authorText, columns.author);
  const extra: string[] = [];
  if (columns.date) extra.push(pad(shownDate(meta.publishedAt), columns.date));
  if (columns.site) extra.push(truncateToWidth(visibleLine(siteOf(meta)), columns.site));
  const after = extra.map((t) => GAP + t).join('');
  const authorCell = after ? pad(shownAuthors, columns.author) : shownAuthors;
  // Only the selected row runs its inverse bar to the full width; trailing spaces elsewhere
  // would only be more cells for Ink to process on every frame.
  const used = MARKERS + columns.title + GAP.length + displayWidth(authorCell) + displayWidth(after);
  const tail = selected ? ' '.repeat(Math.max(0, width - used)) : '';
  const titleRanges = shownTitle === title ? (row.titleRanges ?? []) : (row.titleRanges ?? []).filter(([, e]) => e < shownTitle.length - 1);
  const authorRanges = shownAuthors === authorText ? (row.authorRanges ?? []) : [];
  const titlePad = ' '.repeat(Math.max(0, columns.title - displayWidth(shownTitle) - displayWidth(tagText) - displayWidth(hashText)));
  return (
    <Box width={width} height={1}>
      <Text inverse={selected} wrap="truncate">
        {prefix}
        {titleRanges.length ? <Highlighted text={shownTitle} ranges={titleRanges} /> : <Text bold={!mark.read}>{shownTitle}</Text>}
        {tagText}
        {hashText ? <Text dimColor={!selected}>{hashText}</Text> : ''}
        {titlePad}
        {GAP}
        {authorRanges.length ? <Highlighted text={shownAuthors} ranges={authorRanges} /> : <Text dimColor={!selected}>{authorCell}</Text>}
        {authorRanges.length ? authorCell.slice(shownAuthors.length) : ''}
        {after}
        {tail}
      </Text>
    </Box>
  );
}
