// Issue 10, section 2: the defects a new user hit, each through the whole reader (Ink).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { render } from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import { Archive } from '../../src/archive/store.js';
import { UserState } from '../../src/archive/user-state.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import { App } from '../../src/tui/app.js';
import { ReaderView } from '../../src/tui/screens/reader-view.js';
import { KEY, renderSized, type Screen } from '../support/ink.js';
import { startReader } from '../support/reader.js';

let archive: Archive;
beforeAll(async () => {
  archive = await Archive.open('data/protocol');
});
let screens: Screen[] = [];
afterEach(() => {
  for (const s of screens) s.unmount();
  screens = [];
});

async function start(props: { engineError?: string; engine?: boolean } = {}) {
  const userState = await UserState.load(join(mkdtempSync(join(tmpdir(), 'byline-defects-')), 'state.json'));
  const engine = props.engine === false ? null : searchEngineFor(archive, { bodies: true });
  const screen = await renderSized(
    <App archive={archive} userState={userState} engine={engine} engineError={props.engineError} onQuit={() => {}} />,
    100,
    30,
  );
  screens.push(screen);
  await screen.waitFor((f) => f.includes('1/6'), 'the list');
  return screen;
}

const selected = (f: string) => f.split('\n').find((l) => l.startsWith('›')) ?? '';

describe('issue 10 defects, through the reader', () => {
  it('section 1: "s⏎" in one read opens the selected story; "ss" in one read sorts by author', async () => {
    const screen = await start();
    await screen.press('s\r');
    const opened = await screen.waitFor((f) => /page 1\/\d+/.test(f), 'the article');
    expect(opened.split('\n')[0]).toContain('Profits over politics');
    await screen.press('q');
    await screen.waitFor((f) => f.includes('sort: title'), 'the list');
    await screen.press('ss');
    await screen.waitFor((f) => f.includes('sort: date'), 'two more sorts');
  });

  it('2: in bookmarks only, un-bookmarking the selected story leaves a selection and Enter opens', async () => {
    const screen = await start();
    await screen.press('m', 'j', 'j', 'm', 'B');
    // The selected story stays selected: the second of the two.
    await screen.waitFor((f) => f.includes('2/2 ·') && f.includes('bookmarks only'), 'two bookmarks');
    await screen.press('m');
    const f = await screen.waitFor((f) => f.includes('bookmarks only'), 'the bookmarks');
    expect(f).toMatch(/1\/1 ·/);
    expect(selected(f)).toContain('Profits over politics');
    await screen.press(KEY.enter);
    await screen.waitFor((f) => /page 1\/\d+/.test(f), 'the article');
  });

  it('4: find says "not found" as you type, and Esc after jumping to a match stays in the article', async () => {
    const screen = await start();
    await screen.press(KEY.enter);
    await screen.waitFor((f) => /page 1\/\d+/.test(f), 'the article');
    await screen.press('/');
    await screen.type('zebrafish');
    await screen.waitFor((f) => f.includes('/zebrafish') && f.includes('not found'), 'not found while typing');
    await screen.press(KEY.escape);
    await screen.press('/');
    await screen.type('china');
    await screen.waitFor((f) => /\d+ matches/.test(f), 'a count while typing');
    await screen.press(KEY.enter);
    await screen.waitFor((f) => /match 1\/\d+/.test(f), 'the first match');
    await screen.press(KEY.escape);
    const after = await screen.waitFor((f) => !/match 1\/\d+/.test(f), 'find ended');
    expect(after).toMatch(/page \d+\/\d+/);
    expect(after).not.toContain('unread');
  });

  it('10: a search engine that failed to build is shown, with byline reindex named', async () => {
    const screen = await start({ engine: false, engineError: 'search index words-000001.seg is unreadable' });
    await screen.press('/');
    const f = await screen.waitFor((f) => f.includes('reindex'), 'the error');
    expect(f).toContain('search index words-000001.seg is unreadable');
    expect(f).toContain('run: byline reindex');
    expect(f).not.toContain('indexing the archive');
  });

  it('saving: 30 lines down in an article write the state file not once; leaving it writes once', async () => {
    const userState = await UserState.load(join(mkdtempSync(join(tmpdir(), 'byline-defects-')), 'state.json'));
    const db = (userState as unknown as { db: { write(): Promise<void> } }).db;
    const writes = vi.spyOn(db, 'write');
    // The save after a quiet moment (MarkSaver's 2 s) is not what this test is about, and on a
    // loaded machine 30 key presses can take longer than that: that timer never fires here.
    const realSetTimeout = globalThis.setTimeout;
    const quiet = vi
      .spyOn(globalThis, 'setTimeout')
      .mockImplementation(((fn: () => void, ms?: number, ...rest: unknown[]) =>
        ms === 2000 ? realSetTimeout(() => {}, 0) : realSetTimeout(fn, ms, ...rest)) as typeof setTimeout);
    onTestFinished(() => quiet.mockRestore());
    const screen = await renderSized(<App archive={archive} userState={userState} engine={null} onQuit={() => {}} />, 100, 30);
    screens.push(screen);
    await screen.waitFor((f) => f.includes('1/6'), 'the list');
    await screen.press(KEY.enter);
    await screen.waitFor((f) => /page 1\/\d+/.test(f), 'the article');
    for (let i = 0; i < 30; i++) await screen.press('j');
    await userState.flush();
    expect(writes).toHaveBeenCalledTimes(0);
    await screen.press('q');
    await screen.waitFor((f) => f.includes('unread'), 'the list');
    await userState.flush();
    expect(writes).toHaveBeenCalledTimes(1);
  });

  it('9: drawing the search screen reads no article body (summaries come through the runner)', async () => {
    const lean = await Archive.open('data/protocol', { lean: true });
    const r = await startReader(lean, { engine: searchEngineFor(lean, { bodies: false }) });
    r.keys('/');
    r.type('financial');
    r.store.settle();
    r.store.settle();
    const body = vi.spyOn(lean, 'body');
    const lead = vi.spyOn(lean, 'lead');
    const drawn = render(<ReaderView state={r.state()} />);
    expect(stripAnsi(drawn.lastFrame() ?? '')).toMatch(/The financial technology transformation/);
    expect(body).not.toHaveBeenCalled();
    expect(lead).not.toHaveBeenCalled();
    drawn.unmount();
  });
});
