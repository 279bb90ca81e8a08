import { textMargin } from '../../core/geometry.js';
import { articleView, findMatches, pageNumber } from '../../core/selectors.js';
import { percentAt } from '../../core/position.js';
import type { ReaderState } from '../../core/types.js';
import { ArticlePage } from './view.js';
import { removeQuestion, tagsInput } from '../../components/edit-lines.js';

export function ArticleScreen({ state }: { state: ReaderState }) {
  const view = articleView(state);
  const { find } = state.article;
  const matches = findMatches(state);
  const parts = matches.flatMap((m) => m.parts);
  const meta = state.data.article(state.article.id);
  const pages = view.pages.length;
  const position =
    state.article.body === null ? '' : `page ${pageNumber(view)}/${pages} · ${percentAt(view.lines, view.top, view.height)}%`;
  const status = state.confirm ? removeQuestion(state) : state.message || meta?.title || '';
  const findNote = find.query.trim()
    ? matches.length
      ? `${matches.length} match${matches.length === 1 ? '' : 'es'} · Enter jump`
      : 'not found'
    : '';
  const input = state.tagLine
    ? tagsInput(state)
    : state.prompt !== null
      ? { prefix: '| ', text: state.prompt, note: 'Enter run · Esc cancel' }
      : find.typing
        ? { prefix: '/', text: find.query, note: findNote }
        : undefined;
  return (
    <ArticlePage
      lines={view.lines.slice(view.top, view.top + view.height)}
      top={view.top}
      parts={parts}
      margin={textMargin(state.size)}
      width={state.size.columns}
      height={view.height}
      status={status}
      position={position}
      input={input}
    />
  );
}
