import { Box, Text } from 'ink';
import type { Author } from '../../../archive/model.js';
import { wrap } from '../../../text/layout.js';
import { visible, visibleLine } from '../../../text/visible.js';
import { truncateToWidth } from '../../../text/wrap.js';
import { ArticleRow, type RowData } from '../../components/article-row.js';
import { StatusBar } from '../../components/status-bar.js';
import type { ColumnWidths } from '../../components/list-columns.js';

/** How many rows the author's header takes at this width (the rest lists articles). */
export function authorHeaderLines(author: Author, width: number, maxBio: number): string[] {
  const bio = wrap(visible(author.bio || '(no bio in the archive)'), width);
  return bio.length > maxBio ? [...bio.slice(0, Math.max(1, maxBio - 1)), '…'] : bio;
}

export interface AuthorViewProps {
  author: Author;
  bio: string[];
  rows: RowData[];
  offset: number;
  selected: number;
  total: number;
  width: number;
  columns: ColumnWidths;
  listHeight: number;
}

export function AuthorView({ author, bio, rows, offset, selected, total, width, columns, listHeight }: AuthorViewProps) {
  const meta = [author.handle, author.kind === 'organization' ? 'organization' : 'person'].filter(Boolean).join(' · ');
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">
        {truncateToWidth(visibleLine(author.name), width)}
      </Text>
      <Text dimColor wrap="truncate">
        {truncateToWidth(visibleLine(meta), width)}
      </Text>
      <Text> </Text>
      {bio.map((line, i) => (
        <Text key={i}>{line}</Text>
      ))}
      <Text> </Text>
      <Text bold>{`Articles in the archive (${total})`}</Text>
      <Box flexDirection="column" height={listHeight}>
        {rows.map((row, i) => (
          <ArticleRow key={row.meta.id} row={row} selected={offset + i === selected} width={width} columns={columns} />
        ))}
      </Box>
      <StatusBar width={width} left="Enter open · Esc back · ? help" right={total ? `${selected + 1}/${total}` : ''} />
    </Box>
  );
}
