// The reader's update function and selectors, driven in-process: no terminal, no React.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import { articleView, currentHits, orderedList, pageNumber } from '../../src/tui/core/selectors.js';
import { anchorOf, topOf } from '../../src/tui/core/position.js';
import { helpLines } from '../../src/tui/core/help.js';
import { layoutArticle } from '../../src/text/layout.js';
import { startReader } from '../support/reader.js';

let archive: Archive;
beforeAll(async () => {
  archive = await Archive.open('data/protocol');
});

const topLine = (state: ReturnType<Awaited<ReturnType<typeof startReader>>['state']>) => {
  const view = articleView(state);
  return view.lines[view.top].text;
};

describe('the reading position (issue 10, defect 1)', () => {
  it('reopening an article shows the same page and the same first line, every time', async () => {
    const r = await startReader(archive);
    r.keys('enter', 'space', 'space', 'space', 'space');
    const page = pageNumber(articleView(r.state()));
    const first = topLine(r.state());
    expect(page).toBe(5);
    for (let i = 0; i < 3; i++) {
      r.keys('h', 'enter');
      expect(pageNumber(articleView(r.state()))).toBe(page);
      expect(topLine(r.state())).toBe(first);
    }
  });

  it('after a restart too, and at another width the first line holds the same text', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'byline-pos-')), 'state.json');
    const a = await startReader(archive, { statePath });
    a.keys('enter', 'space', 'space', 'space', 'j', 'j', 'q');
    const first = topLine(a.state());
    const percent = a.state().marks[a.state().article.id].percent;
    a.keys('q');
    await a.userState.flush();

    const b = await startReader(archive, { statePath });
    b.keys('enter');
    expect(topLine(b.state())).toBe(first);
    expect(b.state().marks[b.state().article.id].percent).toBe(percent);

    const narrow = await startReader(archive, { statePath, columns: 60 });
    narrow.keys('enter');
    const firstWord = first.trim().split(' ')[0];
    expect(topLine(narrow.state()).split(' ')).toContain(firstWord);
  });

  it('an anchor taken at any line gives that line back at the same width', () => {
    const meta = archive.articles[0];
    const lines = layoutArticle(archive.full(meta), archive.authorsOf(meta), 50);
    for (let top = 0; top < lines.length; top++) {
      const back = topOf(lines, anchorOf(lines, top));
      // A header's blank line is the one line that maps to its neighbour.
      if (!(lines[top].block === -1 && lines[top].style === 'blank')) expect(back, `line ${top}`).toBe(top);
    }
  });
});

describe('bookmarks only (issue 10, defect 2)', () => {
  it('un-bookmarking the selected story keeps a valid selection, and Enter opens', async () => {
    const r = await startReader(archive);
    r.keys('m', 'j', 'j', 'm', 'B');
    expect(orderedList(r.state())).toHaveLength(2);
    r.keys('j', 'm');
    const s = r.state();
    expect(orderedList(s)).toHaveLength(1);
    expect(s.list.cursor.index).toBe(0);
    r.keys('m');
    expect(orderedList(r.state())).toHaveLength(0);
    expect(r.state().list.cursor.index).toBe(0);
    r.keys('B', 'enter');
    expect(r.state().stack).toEqual(['list', 'article']);
  });
});

describe('help (issue 10, defect 3)', () => {
  it('shows the keys of the screen it was opened from, all keys with a, and scrolls', async () => {
    const list = helpLines('list', false).map((l) => l.text);
    expect(list).toContain('next item');
    expect(list).not.toContain('next match');
    expect(helpLines('article', false).map((l) => l.text)).toContain('next match');
    const r = await startReader(archive, { columns: 80, rows: 24 });
    r.keys('?');
    expect(r.state().help).toMatchObject({ context: 'list', all: false, top: 0 });
    r.keys('a', 'space');
    expect(r.state().help!.all).toBe(true);
    expect(r.state().help!.top).toBeGreaterThan(0);
    r.keys('x');
    expect(r.state().help).toBeNull();
  });
});

describe('find in the article (issue 10, defect 4)', () => {
  it('says when nothing is found, counts matches, and Esc after a jump stays in the article', async () => {
    const r = await startReader(archive);
    r.keys('enter', '/');
    r.type('zebrafish');
    r.keys('enter');
    expect(r.state().message).toBe('Not found: zebrafish');
    r.keys('/');
    r.type('china');
    r.keys('enter');
    expect(r.state().message).toMatch(/^match 1\/\d+$/);
    r.keys('n', 'escape');
    expect(r.state().stack).toEqual(['list', 'article']);
    expect(r.state().article.find.query).toBe('');
    r.keys('escape');
    expect(r.state().stack).toEqual(['list']);
  });
});

describe('saving reader state (issue 10, section 1)', () => {
  it('moving through an article saves nothing; leaving it saves once', async () => {
    const r = await startReader(archive);
    const writes = vi.spyOn(r.userState, 'updateAll');
    r.keys('enter');
    for (let i = 0; i < 30; i++) r.keys('j');
    expect(writes).not.toHaveBeenCalled();
    r.keys('h');
    expect(writes).toHaveBeenCalledTimes(1);
    const [[changes]] = writes.mock.calls as unknown as [[[string, object][]]];
    expect(Object.fromEntries(changes)[r.state().article.id]).toMatchObject({
      read: true,
      block: expect.any(Number),
      offset: expect.any(Number),
    });
  });

  it("a signal saves the open article's place, then quits with its code", async () => {
    const r = await startReader(archive);
    r.keys('enter', 'space');
    r.store.send({ type: 'stop', code: 143 });
    expect(r.quits).toEqual([143]);
    await r.userState.flush();
    expect(r.userState.mark(r.state().article.id).block).toBeGreaterThanOrEqual(0);
  });
});

describe('search through effects (issue 10, defects 9 and 10)', () => {
  it('hits and summaries come back as commands; nothing is read while drawing', async () => {
    const lean = await Archive.open('data/protocol', { lean: true });
    const r = await startReader(lean, { engine: searchEngineFor(lean, { bodies: false }) });
    r.keys('/');
    r.type('financial');
    r.store.settle();
    r.store.settle();
    const hits = currentHits(r.state());
    expect(hits.length).toBeGreaterThan(0);
    // Each row on screen without a dek or lead gets its body's snippet of the query, or else its lead.
    const { summaries, snippets } = r.state().search;
    const shown = [...Object.values(summaries), ...Object.values(snippets).map((s) => s.text)].join(' ');
    expect(shown).toMatch(/financial technology transformation/i);
  });

  it('a search engine that failed to build says so and names byline reindex', async () => {
    const r = await startReader(archive);
    r.store.send({ type: 'engine', status: { status: 'failed', error: 'search index x is unreadable' } });
    r.keys('/');
    expect(r.state().engine).toEqual({ status: 'failed', error: 'search index x is unreadable' });
  });
});

describe('the list', () => {
  it('sorts by archive order, title, author, date (newest first, undated last), keeping the selection', async () => {
    const r = await startReader(archive);
    r.keys('j', 'j');
    const selected = orderedList(r.state())[2].id;
    for (const sort of ['title', 'author', 'date', 'archive']) {
      r.keys('s');
      expect(r.state().list.sort).toBe(sort);
      expect(orderedList(r.state())[r.state().list.cursor.index].id).toBe(selected);
    }
  });
});

describe('article actions (issue 10, section 3)', () => {
  it('y, Y, c copy; | runs a command typed at a prompt; e opens the Markdown', async () => {
    const r = await startReader(archive);
    r.keys('enter', 'Y');
    expect(r.outside.at(-1)).toMatch(/^copy Profits over politics/);
    expect(r.state().message).toBe('Text copied to the test');
    r.keys('c');
    expect(r.outside.at(-1)).toMatch(/^copy "Profits over politics/);
    r.keys('y');
    expect(r.state().message).toBe('This article has no web address in the archive');
    r.keys('|');
    r.type('wc -w');
    r.keys('enter');
    expect(r.outside.at(-1)).toMatch(/^pipe wc -w \d+/);
    expect(r.state().message).toBe('| wc -w: exit 0');
    r.keys('e');
    expect(r.outside.at(-1)).toMatch(/^edit profits-over-politics.* # Profits/);
  });
});

describe('background work never holds a key back', () => {
  it('summaries of a search still being read are not read before the next key; the newest request replaces them', async () => {
    const lean = await Archive.open('data/protocol', { lean: true });
    // Ids whose body a summary may read: through the engine's snippet or the archive.
    const read: string[] = [];
    const engine = searchEngineFor(lean, { bodies: false });
    const snippet = engine.snippet.bind(engine);
    engine.snippet = (query, id) => {
      read.push(id);
      return snippet(query, id);
    };
    const r = await startReader(lean, {
      engine,
      services: {
        holding: (id) => {
          read.push(id);
          return lean;
        },
      },
    });
    r.keys('/');
    r.type('the');
    // Each key ran the search of the key before it (results for "th" are in); no summary was read on the way.
    expect(r.state().search.results.query).toBe('th');
    expect(read).toEqual([]);
    r.store.settle();
    expect(r.state().search.results.query).toBe('the');
    const onScreen = new Set(currentHits(r.state()).map((h) => h.id));
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((id) => onScreen.has(id))).toBe(true);
  });
});
