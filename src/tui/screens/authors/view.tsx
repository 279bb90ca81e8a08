import { Box, Text } from 'ink';
import { displayWidth, truncateToWidth } from '../../../text/wrap.js';
import { visibleLine } from '../../../text/visible.js';
import { StatusBar } from '../../components/status-bar.js';
import { listHeight } from '../../core/geometry.js';
import { sortedAuthors } from '../../core/selectors.js';
import type { ReaderState } from '../../core/types.js';
import type { Author } from '../../../model/schema.js';
import { memoLast } from '../../core/memo.js';

const longestName = memoLast((authors: readonly Author[]) => authors.reduce((w, a) => Math.max(w, displayWidth(visibleLine(a.name))), 0));

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** Every author, by name, in aligned columns: name, handle, kind, number of articles. */
export function AuthorsScreen({ state }: { state: ReaderState }) {
  const width = state.size.columns;
  const height = listHeight(state.size);
  const authors = sortedAuthors(state.data);
  const { cursor } = state.authors;
  const shown = authors.slice(cursor.offset, cursor.offset + height);
  const room = width - 2;
  const countWidth = 12; // "123 articles"
  const kindWidth = 12; // "organization"
  const handleWidth = Math.max(0, Math.min(20, Math.floor(room / 5)));
  // As wide as the longest name, when there is room: the columns after it stay near it.
  const nameWidth = Math.max(8, Math.min(longestName(authors), room - countWidth - kindWidth - handleWidth - 6));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{`Authors (${authors.length})`}</Text>
      <Box flexDirection="column" height={height}>
        {shown.map((author, i) => {
          const isSelected = cursor.offset + i === cursor.index;
          const count = state.data.articleCountBy(author.id);
          const text = [
            pad(truncateToWidth(visibleLine(author.name), nameWidth), nameWidth),
            pad(truncateToWidth(visibleLine(author.handle ?? ''), handleWidth), handleWidth),
            pad(author.kind, kindWidth),
            `${count} article${count === 1 ? '' : 's'}`.padStart(countWidth),
          ].join('  ');
          const row = truncateToWidth(`${isSelected ? '›' : ' '} ${text}`, width);
          return (
            <Text key={author.id} inverse={isSelected} wrap="truncate">
              {isSelected ? pad(row, width) : row}
            </Text>
          );
        })}
      </Box>
      <StatusBar
        width={width}
        left={state.message || 'Enter open · Esc back · ? help'}
        right={authors.length ? `${cursor.index + 1}/${authors.length}` : ''}
      />
    </Box>
  );
}
