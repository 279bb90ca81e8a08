import { Box, Text } from 'ink';
import { truncateToWidth } from '../../../text/wrap.js';
import { ArticleRow, type RowData } from '../../components/article-row.js';
import { Highlighted } from '../../components/highlighted.js';
import { StatusBar } from '../../components/status-bar.js';
import type { ColumnWidths } from '../../components/list-columns.js';
import type { Snippet } from '../../../search/snippet.js';
import { visibleLine, visibleLineRanges } from '../../../text/visible.js';

export interface SearchRow extends RowData {
  snippet?: Snippet;
  /** Shown when there is no snippet: the dek, or the lead. */
  summary: string;
}

export interface SearchViewProps {
  query: string;
  focused: boolean;
  rows: SearchRow[];
  offset: number;
  selected: number;
  total: number;
  width: number;
  columns: ColumnWidths;
  height: number;
  pending: boolean;
  indexing: boolean;
}

/** Query line, then two rows a hit: the article and a snippet of its best body match. */
export function SearchView({ query, focused, rows, offset, selected, total, width, columns, height, pending, indexing }: SearchViewProps) {
  const status = indexing
    ? 'indexing the archive…'
    : !query
      ? 'Type to search titles, authors and text · Esc back'
      : pending
        ? 'searching…'
        : `${total} hit${total === 1 ? '' : 's'} · Enter open · Esc clear`;
  return (
    <Box flexDirection="column" width={width}>
      <Box width={width} height={1}>
        <Text wrap="truncate">
          <Text bold>/ </Text>
          {truncateToWidth(visibleLine(query), Math.max(1, width - 3))}
          {focused ? <Text inverse> </Text> : null}
        </Text>
      </Box>
      <Box flexDirection="column" height={height}>
        {query && rows.length === 0 && !pending ? <Text dimColor>{truncateToWidth(`No matches for “${visibleLine(query)}”.`, width)}</Text> : null}
        {rows.map((row, i) => (
          <Box key={row.meta.id} flexDirection="column" width={width}>
            <ArticleRow row={row} selected={offset + i === selected} width={width} columns={columns} />
            <Box width={width} height={1} paddingLeft={6}>
              {row.snippet ? (
                <Highlighted text={truncateToWidth(visibleLine(row.snippet.text), Math.max(1, width - 6))} ranges={visibleLineRanges(row.snippet.text, row.snippet.ranges)} dim />
              ) : (
                <Text dimColor wrap="truncate">
                  {truncateToWidth(visibleLine(row.summary), Math.max(1, width - 6))}
                </Text>
              )}
            </Box>
          </Box>
        ))}
      </Box>
      <StatusBar width={width} left={status} right={total ? `${selected + 1}/${total}` : ''} />
    </Box>
  );
}
