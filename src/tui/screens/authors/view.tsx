import { Box, Text } from 'ink';
import { displayWidth, truncateToWidth } from '../../../text/wrap.js';
import type { Author } from '../../../archive/model.js';
import { visibleLine } from '../../../text/visible.js';
import { StatusBar } from '../../components/status-bar.js';

export interface AuthorRow {
  author: Author;
  count: number;
}

export function AuthorsView({ rows, offset, selected, total, width, height }: { rows: AuthorRow[]; offset: number; selected: number; total: number; width: number; height: number }) {
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Authors</Text>
      <Box flexDirection="column" height={height}>
        {rows.map(({ author, count }, i) => {
          const isSelected = offset + i === selected;
          const text = `${isSelected ? '›' : ' '} ${visibleLine(author.name)}${author.handle ? ` ${visibleLine(author.handle)}` : ''} · ${author.kind} · ${count} article${count === 1 ? '' : 's'}`;
          const shown = truncateToWidth(text, width);
          return (
            <Text key={author.id} inverse={isSelected} wrap="truncate">
              {shown + ' '.repeat(Math.max(0, width - displayWidth(shown)))}
            </Text>
          );
        })}
      </Box>
      <StatusBar width={width} left="Enter open · Esc back · ? help" right={total ? `${selected + 1}/${total}` : ''} />
    </Box>
  );
}
