import { Box, Text } from 'ink';
import { ArticleRow, type RowData } from '../../components/article-row.js';
import { StatusBar } from '../../components/status-bar.js';
import type { ColumnWidths } from '../../components/list-columns.js';
import { truncateToWidth } from '../../../text/wrap.js';
import { visibleLine } from '../../../text/visible.js';

export interface ListViewProps {
  title: string;
  rows: RowData[];
  /** Index of rows[0] in the whole list. */
  offset: number;
  selected: number;
  total: number;
  width: number;
  columns: ColumnWidths;
  height: number;
  status: string;
  message: string;
}

export function ListView({ title, rows, offset, selected, total, width, columns, height, status, message }: ListViewProps) {
  const last = Math.min(total, offset + rows.length);
  const position = total === 0 ? 'empty' : `${offset + 1}–${last} of ${total}${offset > 0 ? ' ↑' : ''}${last < total ? ' ↓' : ''}`;
  return (
    <Box flexDirection="column" width={width}>
      <Box width={width} height={1}>
        <Text bold wrap="truncate">
          {truncateToWidth(visibleLine(title), width)}
        </Text>
      </Box>
      <Box flexDirection="column" height={height}>
        {rows.length === 0 ? (
          <Text dimColor>{truncateToWidth(visibleLine(message || 'Nothing to show.'), width)}</Text>
        ) : (
          rows.map((row, i) => <ArticleRow key={row.meta.id} row={row} selected={offset + i === selected} width={width} columns={columns} />)
        )}
      </Box>
      <StatusBar width={width} left={message && rows.length ? message : status} right={position} />
    </Box>
  );
}
