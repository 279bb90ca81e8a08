import { Box, Text } from 'ink';
import { displayWidth } from '../../text/wrap.js';
import type { ArticleMeta, Author } from '../../archive/model.js';
import type { Mark } from '../../archive/user-state.js';
import type { Range } from '../../search/snippet.js';
import { shortDate, siteOf } from '../../text/page-meta.js';
import { visibleLine, visibleLineRanges } from '../../text/visible.js';
import { Highlighted } from './highlighted.js';
import { rowCells, type ColumnWidths } from './list-columns.js';

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

/** Ranges that fall in the shown text; a cut text ends in "…", which matches nothing. */
const rangesIn = (ranges: readonly Range[] | undefined, full: string, shown: string) =>
  shown === full ? (ranges ?? []) : (ranges ?? []).filter(([, e]) => e < shown.length - 1);

/** "› ● ★ Title [excerpt · 40%]   Author   site  2024-05-02", in the list's columns;
 * selection is inverse + marker, not colour. */
export function ArticleRow({ row, selected, width, columns }: { row: RowData; selected: boolean; width: number; columns: ColumnWidths }) {
  const { meta, mark } = row;
  const prefix = `${selected ? '›' : ' '} ${mark.read ? ' ' : '●'} ${mark.bookmarked ? '★' : ' '} `;
  // One row: controls and line feeds in the title, names or site are shown as symbols (␊),
  // and the match ranges move with the text they were found in.
  const title = visibleLine(meta.title);
  const names = row.authors.map((a) => a.name).join(', ');
  const authors = visibleLine(names) || 'unknown';
  const cells = rowCells({ title, tags: tags(meta, mark), authors, site: visibleLine(siteOf(meta)), date: shortDate(meta.publishedAt) }, columns);
  const used = displayWidth(prefix) + displayWidth(cells.title + cells.tags + cells.afterTitle + cells.author + cells.afterAuthor + cells.page);
  // Only the selected row needs its inverse bar to run the full width; trailing spaces elsewhere
  // would only be more cells for Ink to process on every frame.
  const pad = selected ? ' '.repeat(Math.max(0, width - used)) : '';
  const titleRanges = rangesIn(visibleLineRanges(meta.title, row.titleRanges ?? []), title, cells.title);
  const authorRanges = rangesIn(visibleLineRanges(names, row.authorRanges ?? []), authors, cells.author);
  return (
    <Box width={width} height={1}>
      <Text inverse={selected} wrap="truncate">
        {prefix}
        {titleRanges.length ? <Highlighted text={cells.title} ranges={titleRanges} /> : <Text bold={!mark.read}>{cells.title}</Text>}
        {cells.tags}
        {cells.afterTitle}
        {authorRanges.length ? <Highlighted text={cells.author} ranges={authorRanges} /> : <Text dimColor={!selected}>{cells.author}</Text>}
        {cells.afterAuthor}
        {cells.page ? <Text dimColor={!selected}>{cells.page}</Text> : null}
        {pad}
      </Text>
    </Box>
  );
}
