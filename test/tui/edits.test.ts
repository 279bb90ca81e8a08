// D, U and t (issue 18): the reader's only writes to the archive. First the pure update — the
// question, the tags line, what each answer asks the runner for — then the real runner and
// store over a copy of an archive: the article leaves the archive and comes back, tags are
// saved, and a write that fails says why in one line while the reader carries on.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import { focusOf } from '../../src/tui/core/base.js';
import { initialState, update } from '../../src/tui/core/update.js';
import { currentHits, orderedList } from '../../src/tui/core/selectors.js';
import type { Command, Effect, ReaderData, ReaderState, Removal } from '../../src/tui/core/types.js';
import { importedArticle, typedTags, type WriteAccess } from '../../src/tui/runtime/writer.js';
import type { ListedArticle } from '../../src/model/schema.js';
import { startReader } from '../support/reader.js';

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

describe('D: remove after a question on the status line (pure update)', () => {
  it('D asks; any key but y keeps the article and writes nothing', () => {
    const start = initialState(protocol);
    const first = protocol.articles[0];
    const asked = drive(start, 'D');
    expect(asked.state.confirm).toEqual({ id: first.id, title: first.title });
    expect(focusOf(asked.state)).toBe('confirm');
    expect(asked.effects).toEqual([]);
    for (const key of ['n', 'escape', 'q', 'j', 'D', 'enter']) {
      const answered = drive(asked.state, key);
      expect(answered.state.confirm).toBeNull();
      expect(answered.state.message).toMatch(/^Not removed: «/);
      expect(answered.effects).toEqual([]);
      // The key only answered: q did not quit, j did not move.
      expect(answered.state.stack).toEqual(['list']);
      expect(answered.state.list.cursor.index).toBe(0);
    }
  });

  it('y asks the runner to remove the selected article', () => {
    const second = protocol.articles[1];
    const { state, effects } = drive(initialState(protocol), 'j', 'D', 'y');
    expect(effects).toEqual([{ type: 'remove', id: second.id, title: second.title }]);
    expect(state.confirm).toBeNull();
    expect(state.message).toMatch(/^Removing «Judge Zia Faruqui/);
  });

  it('in an article, D asks about the open article; once removed the article closes', () => {
    const opened = drive(initialState(protocol), 'j', 'enter');
    const id = protocol.articles[1].id;
    const loaded = send(opened.state, { type: 'bodyLoaded', id, body: protocol.body(id), meta: protocol.articles[1] }).state;
    const { state, effects } = drive(loaded, 'D', 'y');
    expect(effects).toEqual([{ type: 'remove', id, title: protocol.articles[1].title }]);
    expect(state.stack).toEqual(['list', 'article']);
    const removal: Removal = { id, title: protocol.articles[1].title, article: importedArticle(protocol.articles[1], [], []) };
    const after = send(state, { type: 'removed', removal }).state;
    expect(after.stack).toEqual(['list']);
    expect(after.article.id).toBe('');
    expect(after.message).toMatch(/^Removed «Judge Zia Faruqui.*» · U undo$/);
    expect(after.undo).toEqual([removal]);
  });

  it('U puts back the last removal first; with none it says so', () => {
    const none = drive(initialState(protocol), 'U');
    expect(none.effects).toEqual([]);
    expect(none.state.message).toMatch(/^Nothing to undo/);
    const removal = (n: number): Removal => ({
      id: protocol.articles[n].id,
      title: protocol.articles[n].title,
      article: importedArticle(protocol.articles[n], [], []),
    });
    let state = send(initialState(protocol), { type: 'removed', removal: removal(0) }).state;
    state = send(state, { type: 'removed', removal: removal(2) }).state;
    const undone = drive(state, 'U');
    expect(undone.effects).toEqual([{ type: 'restore', removal: removal(2) }]);
    expect(undone.state.undo).toEqual([removal(0)]);
    // An undo that fails can be tried again: the removal goes back on the stack.
    const failed = send(undone.state, { type: 'writeFailed', error: 'Not put back (U tries again): locked\nmore', undo: removal(2) }).state;
    expect(failed.undo).toEqual([removal(0), removal(2)]);
    expect(failed.message).toBe('Not put back (U tries again): locked');
    const put = send(undone.state, { type: 'restored', removal: removal(2), present: false }).state;
    expect(put.message).toMatch(/^Put back «.*» · last in archive order$/);
  });
});

describe('t: the tags line (pure update)', () => {
  it('opens filled with the current tags; Enter asks the runner to save what was typed', () => {
    const start = initialState(protocol);
    const id = protocol.articles[0].id;
    const withTags = { ...start, data: wrapData(protocol, id, ['cloud', 'ai']) };
    const opened = drive(withTags, 't');
    expect(opened.state.tagLine).toMatchObject({ id, before: ['cloud', 'ai'], text: 'cloud ai' });
    expect(focusOf(opened.state)).toBe('tags');
    const typed = drive(opened.state, 'backspace', 'backspace', 'P', 'o', 'l', 'i', 'c', 'y');
    expect(typed.state.tagLine!.text).toBe('cloud Policy');
    const saved = drive(typed.state, 'enter');
    expect(saved.effects).toEqual([
      { type: 'retag', id, title: protocol.articles[0].title, before: ['cloud', 'ai'], text: 'cloud Policy' },
    ]);
    expect(saved.state.tagLine).toBeNull();
  });

  it('Esc leaves it; Enter with the same tags writes nothing; ctrl+w clears the line', () => {
    const opened = drive(initialState(protocol), 't');
    expect(opened.state.tagLine!.text).toBe('');
    expect(drive(opened.state, 'x', 'escape').effects).toEqual([]);
    expect(drive(opened.state, 'x', 'escape').state.tagLine).toBeNull();
    const same = drive(opened.state, 'space', 'enter');
    expect(same.effects).toEqual([]);
    expect(same.state.message).toBe('Tags unchanged');
    expect(drive(opened.state, 'a', 'b', 'ctrl+w').state.tagLine!.text).toBe('');
  });

  it('a refused word opens the line again as typed, with why; saved tags show in the open article', () => {
    const id = protocol.articles[0].id;
    const opened = drive(initialState(protocol), 't', 'x', '!').state;
    const { state } = drive(opened, 'enter');
    const retype = { id, title: protocol.articles[0].title, before: [], text: 'x!' };
    const refused = send(state, { type: 'writeFailed', error: 'not a tag: "x!"', retype }).state;
    expect(refused.tagLine).toEqual(retype);
    expect(refused.message).toBe('not a tag: "x!"');
    // In the article, the header shows the tags as soon as they are saved.
    const inArticle = drive(initialState(protocol), 'enter').state;
    const loaded = send(inArticle, { type: 'bodyLoaded', id, body: protocol.body(id), meta: protocol.articles[0] }).state;
    const after = send(loaded, { type: 'tagged', id, title: protocol.articles[0].title, tags: ['cloud', 'ai'] }).state;
    expect(after.article.meta!.tags).toEqual(['cloud', 'ai']);
    expect(after.message).toMatch(/: #cloud #ai$/);
  });

  it('typed words become tags: lower case, without a leading #, each once; a bad one is refused in one line', () => {
    expect(typedTags('  Cloud #AI cloud  ')).toEqual(['cloud', 'ai']);
    expect(() => typedTags('ok no!')).toThrow(/^not a tag: "no!"/);
  });
});

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

/** The archive as a ReaderData whose one article has these tags. */
function wrapData(archive: Archive, id: string, tags: string[]): ReaderData {
  const rows = archive.articles.map((a) => (a.id === id ? { ...a, tags } : a));
  return dataOf(archive, rows);
}

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

/** A copy of the bundled archive to write, and a reader over it whose writes read it again. */
async function writableReader(access?: Partial<WriteAccess>) {
  const dir = mkdtempSync(join(tmpdir(), 'byline-edits-'));
  cpSync('data/protocol', dir, { recursive: true });
  let current = await Archive.open(dir);
  let engine = searchEngineFor(current, { bodies: true });
  const reads: string[] = [];
  const r = await startReader(current, {
    engine,
    services: {
      holding: () => current,
      engine: () => engine,
      write: {
        open: async () => ({ archive: await Archive.open(dir, { deferRead: true }) }),
        written: async (to) => {
          reads.push(to);
          current = await Archive.open(to);
          engine = searchEngineFor(current, { bodies: true });
          r.store.send({ type: 'data', data: current, loading: null });
        },
        ...access,
      },
    },
  });
  const until = async (what: string, ok: (s: ReaderState) => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!ok(r.state())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; message: ${r.state().message}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const stored = async () => (await Archive.open(dir)).articles;
  return { r, dir, until, stored, reads, current: () => current };
}

describe('D, U and t through the runner and the store', () => {
  it('D y removes the article from the archive and every list; U imports it again, body, authors and tags', async () => {
    const { r, until, stored, reads, current } = await writableReader();
    const target = protocol.articles[1];
    const authorsBefore = protocol.authorsOf(target).map((a) => a.name);
    // Bookmarked first, so the bookmarks view shows it until it is gone.
    r.keys('j', 'm', 'D', 'y');
    await until('the removal', (s) => s.message.startsWith('Removed'));
    expect(r.state().message).toMatch(/ · U undo$/);
    expect((await stored()).map((a) => a.id)).not.toContain(target.id);
    expect(orderedList(r.state()).map((a) => a.id)).not.toContain(target.id);
    expect(reads).toHaveLength(1);
    // The selection is on the row after it.
    expect(orderedList(r.state())[r.state().list.cursor.index].id).toBe(protocol.articles[2].id);
    r.keys('B');
    expect(orderedList(r.state())).toHaveLength(0);
    r.keys('B', 'U');
    await until('the undo', (s) => s.message.startsWith('Put back'));
    const back = (await stored()).at(-1)!;
    expect(back.id).toBe(target.id);
    expect(back.title).toBe(target.title);
    expect(
      current()
        .authorsOf(back)
        .map((a) => a.name),
    ).toEqual(authorsBefore);
    expect(current().body(back.id)).toEqual(protocol.body(target.id));
    expect(orderedList(r.state()).at(-1)!.id).toBe(target.id);
    // Its marks are kept by id: still bookmarked.
    r.keys('B');
    expect(orderedList(r.state()).map((a) => a.id)).toEqual([target.id]);
  });

  it('t saves the tags as typed, shown in the list and found by tag: in search; U brings a removed article back with its tags', async () => {
    const { r, until, stored } = await writableReader();
    const id = protocol.articles[0].id;
    r.keys('t');
    r.type('Cloud #policy');
    r.keys('enter');
    await until('the tags', (s) => s.message.startsWith('Tags of'));
    expect(r.state().message).toMatch(/: #cloud #policy$/);
    expect((await stored()).find((a) => a.id === id)!.tags).toEqual(['cloud', 'policy']);
    expect(r.state().data.article(id)!.tags).toEqual(['cloud', 'policy']);
    // Edited again: the line starts from the tags saved, and a dropped one goes.
    r.keys('t');
    expect(r.state().tagLine!.text).toBe('cloud policy');
    r.keys('ctrl+w');
    r.type('policy');
    r.keys('enter');
    await until('the second edit', (s) => s.message.endsWith(': #policy'));
    expect((await stored()).find((a) => a.id === id)!.tags).toEqual(['policy']);

    // tag: in the reader's search, over the archive read again.
    r.keys('/');
    r.type('tag:policy');
    r.store.settle();
    await until('the search', (s) => currentHits(s).length > 0);
    expect(currentHits(r.state()).map((h) => h.id)).toEqual([id]);
    r.keys('escape', 'escape');

    r.keys('D', 'y');
    await until('the removal', (s) => s.message.startsWith('Removed'));
    r.keys('U');
    await until('the undo', (s) => s.message.startsWith('Put back'));
    expect((await stored()).find((a) => a.id === id)!.tags).toEqual(['policy']);
  });

  it('D on an article opened from search: back on the search, its hit is gone', async () => {
    const { r, until } = await writableReader();
    r.keys('/');
    r.type('selipsky');
    r.store.settle();
    await until('the hits', (s) => currentHits(s).length > 0);
    const hit = currentHits(r.state())[0].id;
    r.keys('enter');
    r.store.settle();
    expect(r.state().stack).toEqual(['list', 'search', 'article']);
    r.keys('D', 'y');
    await until('the removal', (s) => s.message.startsWith('Removed'));
    expect(r.state().stack).toEqual(['list', 'search']);
    r.store.settle();
    await until('the search run again', (s) => !currentHits(s).some((h) => h.id === hit));
    expect(r.state().search.query).toBe('selipsky');
  });

  it('a write that fails (locked, read-only) says why in one line; nothing changes and the reader carries on', async () => {
    const { r, until, stored } = await writableReader({
      open: async () => {
        throw new Error('cannot write archive /x: EROFS: read-only file system\nat somewhere');
      },
    });
    r.keys('D', 'y');
    await until('the failure', (s) => s.message.startsWith('Not removed'));
    expect(r.state().message).toBe('Not removed: cannot write archive /x: EROFS: read-only file system');
    expect(r.state().undo).toEqual([]);
    expect(await stored()).toHaveLength(6);
    expect(orderedList(r.state())).toHaveLength(6);
    r.keys('t', 'a', 'enter');
    await until('the failure', (s) => s.message.startsWith('Tags not saved'));
    r.keys('j');
    expect(r.state().list.cursor.index).toBe(1);
  });

  it('a locked archive: the lock is waited for, then the reader says who holds it', async () => {
    const { r, dir, until, stored } = await writableReader();
    const { writeFileSync } = await import('node:fs');
    const { hostname } = await import('node:os');
    writeFileSync(join(dir, 'index.json.lock'), JSON.stringify({ pid: process.pid, host: hostname() }));
    r.keys('D', 'y');
    await until('the failure', (s) => s.message.startsWith('Not removed'));
    expect(r.state().message).toMatch(/^Not removed: archive .* is locked by PID \d+$/);
    expect(await stored()).toHaveLength(6);
  });

  it('without write access the reader says it cannot write', async () => {
    const r = await startReader(protocol);
    r.keys('D', 'y');
    const deadline = Date.now() + 5000;
    while (!r.state().message.startsWith('Not removed') && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 5));
    expect(r.state().message).toBe('Not removed: the reader cannot write here');
  });
});
