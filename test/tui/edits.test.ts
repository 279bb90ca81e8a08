// The reader's data read again after a write (issue 18): the list's selection stays where it
// was, also when a big archive comes back a chunk at a time.
import { beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import { initialState, update } from '../../src/tui/core/update.js';
import type { Command, Effect, ReaderData, ReaderState } from '../../src/tui/core/types.js';
import type { ListedArticle } from '../../src/model/schema.js';

let protocol: Archive;
beforeAll(async () => {
  protocol = await Archive.open('data/protocol');
});

/** Keys through the pure update, collecting the effects asked for. */
function drive(state: ReaderState, ...names: string[]): { state: ReaderState; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const name of names) {
    const result = update(state, { type: 'key', name, text: [...name].length === 1 ? name : name === 'space' ? ' ' : '' });
    state = result.state;
    effects.push(...result.effects);
  }
  return { state, effects };
}

const send = (state: ReaderState, command: Command) => update(state, command);

describe('the selection over data read again after a write (pure update)', () => {
  it('a big archive read again a chunk at a time: the selection waits for its row, then comes back', () => {
    let state = initialState(protocol, { size: { columns: 100, rows: 10 } });
    state = drive(state, 'j', 'j', 'j', 'j').state;
    expect(state.list.cursor.index).toBe(4);
    const part = partData(protocol, 2);
    state = send(state, { type: 'data', data: part, loading: { loaded: 2, total: 6 } }).state;
    expect(state.list.cursor.index).toBe(1);
    expect(state.list.wanted).toMatchObject({ index: 4 });
    state = send(state, { type: 'data', data: protocol, loading: null }).state;
    expect(state.list.cursor.index).toBe(4);
    expect(state.list.wanted).toBeUndefined();
  });

  it('a key of the person moves it from where it shows, and what was waiting is dropped', () => {
    let state = drive(initialState(protocol), 'j', 'j', 'j', 'j').state;
    state = send(state, { type: 'data', data: partData(protocol, 2), loading: { loaded: 2, total: 6 } }).state;
    state = drive(state, 'k').state;
    state = send(state, { type: 'data', data: protocol, loading: null }).state;
    expect(state.list.cursor.index).toBe(0);
  });
});

/** The first n rows of the archive, as a big archive's first chunk would be. */
const partData = (archive: Archive, n: number): ReaderData => dataOf(archive, archive.articles.slice(0, n));

function dataOf(archive: Archive, rows: ListedArticle[]): ReaderData {
  return {
    articles: rows,
    authors: archive.authors,
    article: (id) => rows.find((r) => r.id === id),
    author: (id) => archive.author(id),
    authorsOf: (meta) => archive.authorsOf(meta as never),
    articlesBy: (id) => rows.filter((r) => r.authors.includes(id)),
    articleCountBy: (id) => rows.filter((r) => r.authors.includes(id)).length,
  };
}
