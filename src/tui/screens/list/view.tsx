import { Box, Text } from 'ink';
import { ArticleRow, rowColumns } from '../../components/article-row.js';
import { StatusBar } from '../../components/status-bar.js';
import { InputLine } from '../../components/input-line.js';
import { removeQuestion, tagsInput } from '../../components/edit-lines.js';
import { truncateToWidth } from '../../../text/wrap.js';
import { visibleLine } from '../../../text/visible.js';
import { listHeight } from '../../core/geometry.js';
import { listColumns, markOf, orderedList, unreadCount } from '../../core/selectors.js';
import type { ReaderState } from '../../core/types.js';
import { count } from '../search/view.js';

export function ListScreen({ state }: { state: ReaderState }) {
  const { data, list, size, message } = state;
  const width = size.columns;
  const height = listHeight(size);
  const ordered = orderedList(state);
  const { cursor } = list;
  const shown = ordered.slice(cursor.offset, cursor.offset + height);
  const total = ordered.length;
  const last = Math.min(total, cursor.offset + shown.length);
  const position =
    total === 0 ? 'empty' : `${cursor.offset + 1}–${last} of ${total}${cursor.offset > 0 ? ' ↑' : ''}${last < total ? ' ↓' : ''}`;
  const status = [
    total ? `${cursor.index + 1}/${total}` : '0/0',
    state.loading ? `loading ${count(state.loading.loaded)} / ${count(state.loading.total)}` : '',
    `${unreadCount(state)} unread`,
    list.sort !== 'archive' ? `sort: ${list.sort}` : '',
    list.bookmarksOnly ? 'bookmarks only' : '',
    state.stateWarning ? '⚠ state: see stderr' : '',
    '? help',
  ]
    .filter(Boolean)
    .join(' · ');
  const columns = rowColumns(width, listColumns(data));
  return (
    <Box flexDirection="column" width={width}>
      <Box width={width} height={1}>
        <Text bold wrap="truncate">
          {truncateToWidth(visibleLine(`${state.title} — ${state.loading?.total ?? data.articles.length} articles`), width)}
        </Text>
      </Box>
      <Box flexDirection="column" height={height}>
        {shown.length === 0 ? (
          <Text dimColor wrap="truncate">
            {truncateToWidth(visibleLine(message || 'Nothing to show.'), width)}
          </Text>
        ) : (
          shown.map((meta, i) => (
            <ArticleRow
              key={meta.id}
              row={{ meta, authors: data.authorsOf(meta), mark: markOf(state, meta.id) }}
              selected={cursor.offset + i === cursor.index}
              width={width}
              columns={columns}
            />
          ))
        )}
      </Box>
      {state.tagLine ? (
        <InputLine input={tagsInput(state)} width={width} />
      ) : (
        <StatusBar
          width={width}
          left={state.confirm ? removeQuestion(state) : message && shown.length ? message : status}
          right={position}
        />
      )}
    </Box>
  );
}
