// The whole screen as a pure view of the state: the help, or the screen on top of the stack.
import { screenOf } from '../core/base.js';
import { tooSmall } from '../core/geometry.js';
import type { ReaderState } from '../core/types.js';
import { ArticleScreen } from './article/screen.js';
import { AuthorScreen } from './author/view.js';
import { AuthorsScreen } from './authors/view.js';
import { HelpScreen } from './help/view.js';
import { ListScreen } from './list/view.js';
import { SearchScreen } from './search/view.js';
import { TooSmall } from './too-small.js';

export function ReaderView({ state }: { state: ReaderState }) {
  if (tooSmall(state.size)) return <TooSmall size={state.size} />;
  if (state.help) return <HelpScreen state={state} />;
  switch (screenOf(state)) {
    case 'list':
      return <ListScreen state={state} />;
    case 'search':
      return <SearchScreen state={state} />;
    case 'article':
      return <ArticleScreen state={state} />;
    case 'authors':
      return <AuthorsScreen state={state} />;
    case 'author':
      return <AuthorScreen state={state} />;
  }
}
