import { Box, Text } from 'ink';
import { truncateToWidth, displayWidth } from '../../text/wrap.js';
import type { ArticleMeta, Author } from '../../archive/model.js';
import type { Mark } from '../../archive/user-state.js';
import type { Range } from '../../search/snippet.js';
import { visibleLine, visibleLineRanges } from '../../text/visible.js';
import { Highlighted } from './highlighted.js';

export interface RowData {
  meta: ArticleMeta;
  authors: Author[];
  mark: Mark;
  titleRanges?: readonly Range[];
  /** Ranges in the authors' names joined with ", ". */
  authorRanges?: readonly Range[];
}

function tags(meta: ArticleMeta, mark: Mark): string {
  const parts: string[] = [];
  if (meta.sponsored) parts.push('sponsored');
  else if (meta.kind === 'excerpt') parts.push('excerpt');
  if (mark.percent !== undefined && mark.percent > 0 && mark.percent < 100) parts.push(`${Math.round(mark.percent)}%`);
  return parts.length ? ` [${parts.join(' · ')}]` : '';
}

const AUTHOR_PREFIX = ' — ';

/** "› ● ★ Title — Author  [excerpt · 40%]", cut to width; selection is inverse + marker, not colour. */
export function ArticleRow({ row, selected, width }: { row: RowData; selected: boolean; width: number }) {
  const { meta, mark } = row;
  const prefix = `${selected ? '›' : ' '} ${mark.read ? ' ' : '●'} ${mark.bookmarked ? '★' : ' '} `;
  const names = row.authors.map((a) => a.name).join(', ');
  const authorText = AUTHOR_PREFIX + (visibleLine(names) || 'unknown');
  const tagText = tags(meta, mark);
  // One row: controls and line feeds in the title or names are shown as symbols (␊), and the
  // match ranges move with the text they were found in.
  const title = visibleLine(meta.title);
  const titleRanges = visibleLineRanges(meta.title, row.titleRanges ?? []);
  const room = Math.max(4, width - displayWidth(prefix) - displayWidth(tagText));
  // Authors keep a share of the row so a long title cannot hide them.
  const authorRoom = Math.min(displayWidth(authorText), Math.max(12, Math.floor(room / 4)));
  const shownTitle = truncateToWidth(title, Math.max(4, room - authorRoom));
  const shownAuthors = truncateToWidth(authorText, Math.max(0, room - displayWidth(shownTitle)));
  const used = displayWidth(prefix) + displayWidth(shownTitle) + displayWidth(shownAuthors) + displayWidth(tagText);
  // Only the selected row needs its inverse bar to run the full width; trailing spaces elsewhere
  // would only be more cells for Ink to process on every frame.
  const pad = selected ? ' '.repeat(Math.max(0, width - used)) : '';
  const ranges = shownTitle === title ? titleRanges : titleRanges.filter(([, e]) => e < shownTitle.length - 1);
  return (
    <Box width={width} height={1}>
      <Text inverse={selected} wrap="truncate">
        {prefix}
        {ranges.length ? <Highlighted text={shownTitle} ranges={ranges} /> : <Text bold={!mark.read}>{shownTitle}</Text>}
        {row.authorRanges?.length ? (
          <Highlighted text={shownAuthors} ranges={visibleLineRanges(names, row.authorRanges).map(([s, e]) => [s + AUTHOR_PREFIX.length, e + AUTHOR_PREFIX.length] as Range)} />
        ) : (
          <Text dimColor={!selected}>{shownAuthors}</Text>
        )}
        {tagText}
        {pad}
      </Text>
    </Box>
  );
}
