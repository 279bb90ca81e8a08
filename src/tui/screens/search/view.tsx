import { Box, Text } from 'ink';
import { truncateToWidth } from '../../../text/wrap.js';
import { visibleLine, visibleLineRanges } from '../../../text/visible.js';
import { ArticleRow, rowColumns } from '../../components/article-row.js';
import { Highlighted } from '../../components/highlighted.js';
import type { Snippet } from '../../../search/snippet.js';
import { StatusBar } from '../../components/status-bar.js';
import { searchHeight } from '../../core/geometry.js';
import { currentHits, listColumns, markOf, searchPending } from '../../core/selectors.js';
import type { ReaderState } from '../../core/types.js';

/** 34 000: thousands apart by a space. */
export const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

function statusLine(state: ReaderState, total: number): string {
  const { engine, search } = state;
  if (state.message) return state.message;
  // The remedy first: on a narrow terminal the reason (with its path) is what gets cut.
  if (engine.status === 'failed') return `Search unavailable — run: byline reindex · ${engine.error}`;
  if (engine.status === 'building') return 'indexing the archive…';
  if (!search.query) return 'Type to search titles, authors and text · Esc back';
  if (searchPending(state)) return 'searching…';
  // Asked for a screenful and a page: as many as came back means there may be more.
  const more = search.results.limit !== undefined && total >= search.results.limit ? '+' : '';
  const loading = state.loading ? ` · loading ${count(state.loading.loaded)} / ${count(state.loading.total)}` : '';
  return `${total}${more} hit${total === 1 && !more ? '' : 's'} · Enter open · Esc clear${loading}`;
}

/** Query line, then two rows a hit: the article and a snippet of its best body match. */
/** A hit's snippet, made visible before it is cut: a control shown as "<U+202E>" is wider than it was. */
function SnippetLine({ snippet, width }: { snippet: Snippet; width: number }) {
  return (
    <Highlighted
      text={truncateToWidth(visibleLine(snippet.text), Math.max(1, width - 6))}
      ranges={visibleLineRanges(snippet.text, snippet.ranges)}
      dim
    />
  );
}

export function SearchScreen({ state }: { state: ReaderState }) {
  const { data, search, size } = state;
  const width = size.columns;
  const height = searchHeight(size);
  const hits = currentHits(state);
  const { cursor, query } = search;
  const columns = rowColumns(width, listColumns(data));
  const shown = hits.slice(cursor.offset, cursor.offset + height).flatMap((hit) => {
    const meta = data.article(hit.id);
    return meta ? [{ hit, meta }] : [];
  });
  const ranges = (hit: (typeof hits)[number], field: string) => hit.matches.find((m) => m.field === field)?.ranges;
  return (
    <Box flexDirection="column" width={width}>
      <Box width={width} height={1}>
        <Text wrap="truncate">
          <Text bold>/ </Text>
          {truncateToWidth(visibleLine(query), width - 3)}
          <Text inverse> </Text>
        </Text>
      </Box>
      <Box flexDirection="column" height={height * 2}>
        {query && hits.length === 0 && !searchPending(state) && state.engine.status === 'ready' ? (
          <Text dimColor wrap="truncate">
            {truncateToWidth(`No matches for “${visibleLine(query)}”.`, width)}
          </Text>
        ) : null}
        {shown.map(({ hit, meta }, i) => (
          <Box key={meta.id} flexDirection="column" width={width}>
            <ArticleRow
              row={{
                meta,
                authors: data.authorsOf(meta),
                mark: markOf(state, meta.id),
                titleRanges: ranges(hit, 'title'),
                authorRanges: ranges(hit, 'authors'),
              }}
              selected={cursor.offset + i === cursor.index}
              width={width}
              columns={columns}
            />
            <Box width={width} height={1} paddingLeft={6}>
              {(hit.snippet ?? search.snippets[hit.id]) ? (
                <SnippetLine snippet={(hit.snippet ?? search.snippets[hit.id])!} width={width} />
              ) : (
                <Text dimColor wrap="truncate">
                  {truncateToWidth(visibleLine(meta.dek || meta.lead || search.summaries[meta.id] || ''), width - 6)}
                </Text>
              )}
            </Box>
          </Box>
        ))}
      </Box>
      <StatusBar width={width} left={statusLine(state, hits.length)} right={hits.length ? `${cursor.index + 1}/${hits.length}` : ''} />
    </Box>
  );
}
