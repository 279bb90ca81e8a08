import { Box, Text } from 'ink';
import { visibleLine } from '../../../text/visible.js';
import { truncateToWidth } from '../../../text/wrap.js';
import { ArticleRow, rowColumns } from '../../components/article-row.js';
import { StatusBar } from '../../components/status-bar.js';
import { authorBioLines, authorListHeight } from '../../core/geometry.js';
import { authorArticleList, listColumns, markOf } from '../../core/selectors.js';
import type { ReaderState } from '../../core/types.js';

export function AuthorScreen({ state }: { state: ReaderState }) {
  const { data, size } = state;
  const width = size.columns;
  const author = data.author(state.author.id);
  if (!author) return <Text>Author not found. Esc goes back.</Text>;
  const articles = authorArticleList(state);
  const height = authorListHeight(author, size);
  const { cursor } = state.author;
  const columns = rowColumns(width, listColumns(data));
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
      {authorBioLines(author, size).map((line, i) => (
        <Text key={i}>{line}</Text>
      ))}
      <Text> </Text>
      <Text bold>{`Articles in the archive (${articles.length})`}</Text>
      <Box flexDirection="column" height={height}>
        {articles.slice(cursor.offset, cursor.offset + height).map((article, i) => (
          <ArticleRow
            key={article.id}
            row={{ meta: article, authors: data.authorsOf(article), mark: markOf(state, article.id) }}
            selected={cursor.offset + i === cursor.index}
            width={width}
            columns={columns}
          />
        ))}
      </Box>
      <StatusBar
        width={width}
        left={state.message || 'Enter open · Esc back · ? help'}
        right={articles.length ? `${cursor.index + 1}/${articles.length}` : ''}
      />
    </Box>
  );
}
