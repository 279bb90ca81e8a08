import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import { UserState } from '../../src/archive/user-state.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import { App } from '../../src/tui/app.js';
import { KEY, renderSized, type Screen } from '../support/ink.js';
import { syntheticArchive } from '../support/archives.js';

let archive: Archive;
beforeAll(async () => {
  archive = await Archive.open('data/protocol');
});

let screens: Screen[] = [];
afterEach(() => {
  for (const s of screens) s.unmount();
  screens = [];
});

async function start(opts: { columns?: number; rows?: number; statePath?: string; archive?: Archive; bodies?: boolean } = {}) {
  const statePath = opts.statePath ?? join(mkdtempSync(join(tmpdir(), 'byline-tui-')), 'state.json');
  const userState = await UserState.load(statePath);
  const onQuit = vi.fn();
  const shown = opts.archive ?? archive;
  const screen = await renderSized(
    <App archive={shown} userState={userState} engine={searchEngineFor(shown, { bodies: opts.bodies ?? true })} onQuit={onQuit} />,
    opts.columns ?? 100,
    opts.rows ?? 30,
  );
  screens.push(screen);
  await screen.waitFor((f) => f.includes('1/6'), 'the list');
  return { screen, onQuit, userState, statePath };
}

const selectedLine = (frame: string) => frame.split('\n').find((l) => l.startsWith('›')) ?? '';

describe('list screen', () => {
  it('shows every article with markers and a status bar', async () => {
    const { screen } = await start();
    const f = screen.frame();
    expect(f).toContain('Profits over politics');
    expect(f).toContain('Kate Kaye');
    expect(f).toContain('[sponsored]');
    expect(f).toContain('[excerpt]');
    expect(f).toMatch(/1\/6 · 6 unread · \? help/);
  });

  it('moves with j/k, arrows, G/g and PgDn', async () => {
    const { screen } = await start();
    await screen.press('j');
    expect(selectedLine(screen.frame())).toContain('Judge Zia Faruqui');
    await screen.press(KEY.down, KEY.down);
    expect(selectedLine(screen.frame())).toContain('AWS CEO');
    await screen.press('k');
    expect(selectedLine(screen.frame())).toContain('financial technology');
    await screen.press('G');
    expect(selectedLine(screen.frame())).toContain('Why large enterprises');
    expect(screen.frame()).toContain('6/6');
    await screen.press('g');
    expect(selectedLine(screen.frame())).toContain('Profits over politics');
    await screen.press(KEY.pageDown);
    expect(selectedLine(screen.frame())).toContain('Why large enterprises');
  });

  it('renders only the rows that fit (windowed) and scrolls with the selection', async () => {
    const big = await syntheticArchive(50);
    const userState = await UserState.load(join(mkdtempSync(join(tmpdir(), 'byline-tui-')), 'state.json'));
    const screen = await renderSized(
      <App archive={big} userState={userState} engine={searchEngineFor(big, { bodies: false })} onQuit={() => {}} />,
      80,
      10,
    );
    screens.push(screen);
    const rows = () =>
      screen
        .frame()
        .split('\n')
        .filter((l) => /^[› ] [● ] [★ ] /.test(l));
    await screen.waitFor((f) => f.includes('1–7 of 50 ↓'), 'a window of 7 rows');
    expect(rows()).toHaveLength(7);
    await screen.press('G');
    await screen.waitFor((f) => f.includes('44–50 of 50 ↑'), 'the last window');
    expect(rows()).toHaveLength(7);
    expect(selectedLine(screen.frame())).toContain('Synthetic story number 50');
    await screen.press(KEY.pageUp);
    expect(screen.frame()).toMatch(/\d+–\d+ of 50 ↑ ↓/);
  });

  it('cycles sort and filters bookmarks', async () => {
    const { screen } = await start();
    await screen.press('s');
    expect(screen.frame()).toContain('sort: title');
    expect(screen.frame().split('\n')[1]).toContain('AWS CEO');
    await screen.press('s');
    expect(screen.frame()).toContain('sort: author');
    await screen.press('s');
    expect(screen.frame()).toContain('sort: date');
    await screen.press('s');
    expect(screen.frame()).not.toContain('sort:');
    await screen.press('B');
    expect(screen.frame()).toContain('No bookmarks yet');
    await screen.press('B', 'j', 'm', 'B');
    expect(screen.frame()).toContain('bookmarks only');
    expect(screen.frame()).toContain('Judge Zia Faruqui');
    expect(screen.frame()).not.toContain('Profits over politics');
  });
});

describe('search', () => {
  it('narrows as you type, highlights matches and shows a snippet', async () => {
    const { screen } = await start();
    await screen.press('/');
    await screen.type('selip');
    const f = await screen.waitFor((f) => f.includes('AWS CEO'), 'a hit');
    expect(f).toContain('/ selip');
    expect(f).not.toContain('Kate Kaye');
    expect(f).toMatch(/Selipsky/);
    expect(f).toMatch(/1 hit/);
  });

  it("without a body snippet, shows the dek, or else the lead — read back from the body in the reader's lean archive", async () => {
    const lean = await Archive.open('data/protocol', { lean: true });
    expect(lean.lean).toBe(true);
    const { screen } = await start({ archive: lean, bodies: false });
    await screen.press('/');
    await screen.type('financial');
    const f = await screen.waitFor((f) => f.includes('hit'), 'hits');
    const lines = f.split('\n');
    const at = lines.findIndex((l) => l.startsWith('›') && l.includes('[sponsored]'));
    expect(at).toBeGreaterThan(-1);
    expect(lines[at + 1]).toMatch(/^ {6}The financial technology transformation is driving/);
  });

  it('types q and j into the query instead of quitting or moving', async () => {
    const { screen, onQuit } = await start();
    await screen.press('/');
    await screen.type('qj');
    expect(screen.frame()).toContain('/ qj');
    expect(onQuit).not.toHaveBeenCalled();
  });

  it('Esc clears the query first, then returns to the list', async () => {
    const { screen } = await start();
    await screen.press('/');
    await screen.type('kaye');
    await screen.waitFor((f) => f.includes('Why large enterprises'));
    await screen.press(KEY.escape);
    await screen.waitFor((f) => f.includes('Type to search'), 'an empty query');
    await screen.press(KEY.escape);
    await screen.waitFor((f) => f.includes('1/6'), 'the list again');
  });

  it('Enter opens the selected hit; arrows and Ctrl-n move while typing', async () => {
    const { screen } = await start();
    await screen.press('/');
    await screen.type('aws');
    await screen.waitFor((f) => f.includes('hits'));
    await screen.press(KEY.ctrlN, KEY.ctrlP, KEY.down);
    const chosen = selectedLine(screen.frame());
    await screen.press(KEY.enter);
    const f = await screen.waitFor((f) => f.includes('page 1/'), 'the article');
    expect(chosen.length).toBeGreaterThan(0);
    expect(f).toMatch(/page 1\/\d+/);
  });
});

describe('article', () => {
  it('opens with header and pages forward and back with different text', async () => {
    const { screen } = await start();
    await screen.press(KEY.enter);
    const first = await screen.waitFor((f) => f.includes('page 1/'));
    expect(first).toContain('Author unknown');
    expect(first).toContain('[Figure] AWS balancing act');
    const total = Number(first.match(/page 1\/(\d+)/)![1]);
    expect(total).toBeGreaterThan(3);
    await screen.press(KEY.space);
    const second = await screen.waitFor((f) => f.includes(`page 2/${total}`));
    expect(second).not.toEqual(first);
    await screen.press('b');
    await screen.waitFor((f) => f.includes(`page 1/${total}`));
    await screen.press('G');
    await screen.waitFor((f) => f.includes(`page ${total}/${total}`) && f.includes('100%'));
    await screen.press('g');
    await screen.waitFor((f) => f.includes(`page 1/${total}`));
  });

  it('shows the excerpt notice and the byline with handle', async () => {
    const { screen } = await start();
    await screen.press('j', KEY.enter);
    const f = await screen.waitFor((f) => f.includes('page 1/'));
    expect(f).toContain('By Veronica Irwin (@vronirwin)');
    expect(f).toContain('Excerpt — the archive holds only the opening of this story');
  });

  it('finds inside the article with / and n', async () => {
    const { screen } = await start();
    await screen.press(KEY.enter);
    await screen.waitFor((f) => f.includes('page 1/'));
    await screen.press('/');
    await screen.type('Harris');
    await screen.press(KEY.enter);
    const f = await screen.waitFor((f) => /match 1\/\d+/.test(f));
    expect(f).toContain('Harris');
    await screen.press('n');
    await screen.waitFor((f) => /match 2\/\d+/.test(f));
  });

  it('a goes to the author; Esc goes back one level at a time', async () => {
    const { screen } = await start();
    await screen.press('j', KEY.enter);
    await screen.waitFor((f) => f.includes('page 1/'));
    await screen.press('a');
    const f = await screen.waitFor((f) => f.includes('Articles in the archive (1)'));
    expect(f).toContain('@vronirwin · person');
    expect(f).toContain('San Francisco-based reporter');
    await screen.press(KEY.escape);
    await screen.waitFor((f) => f.includes('page 1/'));
    await screen.press('q');
    await screen.waitFor((f) => f.includes('2/6 ·'));
  });

  it('keeps the reader on the same paragraph across a resize', async () => {
    const { screen } = await start();
    await screen.press(KEY.enter);
    await screen.waitFor((f) => f.includes('page 1/'));
    await screen.press(KEY.space, KEY.space, KEY.space);
    const before = await screen.waitFor((f) => f.includes('page 4/'));
    const firstText = before
      .split('\n')
      .find((l) => l.trim().length > 20)!
      .trim()
      .split(' ')
      .slice(0, 4)
      .join(' ');
    await screen.resize(60, 24);
    const after = await screen.waitFor((f) => !f.includes('page 4/') || f.split('\n')[0].length <= 60);
    // The paragraph that was at the top is still on screen, whatever the page number now is.
    expect(after.replace(/\s+/g, ' ')).toContain(firstText);
  });
});

describe('authors, help, small terminals', () => {
  it('lists authors with counts and opens one', async () => {
    const { screen } = await start();
    await screen.press('a');
    const f = await screen.waitFor((f) => f.includes('Authors'));
    expect(f).toMatch(/Financial Technology Association +organization +1 article/);
    // Sorted by name, in aligned columns.
    const names = f
      .split('\n')
      .slice(1, 6)
      .map((l) => l.slice(2).split(/ {2,}/)[0]);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const kinds = f
      .split('\n')
      .slice(1, 6)
      .map((l) => l.search(/person|organization/));
    expect(new Set(kinds).size).toBe(1);
    await screen.press('G', KEY.enter);
    await screen.waitFor((f) => f.includes('Veronica Irwin') && f.includes('Articles in the archive'));
  });

  it('help lists keys from the keymap and any key closes it', async () => {
    const { screen } = await start();
    await screen.press('?');
    const f = await screen.waitFor((f) => f.includes('byline keys'));
    expect(f).toContain('cycle sort');
    expect(f).toContain('Ctrl-d');
    await screen.press('x');
    await screen.waitFor((f) => f.includes('1/6'));
  });

  it('says to enlarge a too-small terminal and comes back when it grows', async () => {
    const { screen } = await start();
    await screen.press('j');
    await screen.resize(30, 8);
    await screen.waitFor((f) => f.includes('Enlarge the terminal'));
    await screen.resize(100, 30);
    const f = await screen.waitFor((f) => f.includes('2/6'));
    expect(selectedLine(f)).toContain('Judge Zia');
  });

  it('q quits with 0 and Ctrl-c with 130', async () => {
    const a = await start();
    await a.screen.press('q');
    expect(a.onQuit).toHaveBeenCalledWith(0);
    const b = await start();
    await b.screen.press('/', KEY.ctrlC);
    expect(b.onQuit).toHaveBeenCalledWith(130);
  });
});

describe('reader state', () => {
  it('read marks and bookmarks persist in the state file across a restart', async () => {
    const first = await start();
    await first.screen.press('j', 'm', KEY.enter);
    await first.screen.waitFor((f) => f.includes('page 1/'));
    await first.screen.press('q');
    await first.userState.flush();
    const saved = JSON.parse(readFileSync(first.statePath, 'utf8'));
    const judge = Object.keys(saved.articles).find((id) => id.startsWith('judge-zia'))!;
    expect(saved.articles[judge]).toMatchObject({ read: true, bookmarked: true });
    first.screen.unmount();

    const second = await start({ statePath: first.statePath });
    const f = second.screen.frame();
    expect(f).toContain('5 unread');
    expect(f.split('\n').find((l) => l.includes('Judge Zia'))).toMatch(/^. {3}★/);
  });

  it('counts unread among the articles shown: marks of articles not in the archive do not count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'byline-tui-'));
    const statePath = join(dir, 'state.json');
    const [first, second] = archive.articles;
    const marks = {
      [first.id]: { read: true, bookmarked: true },
      [second.id]: { bookmarked: true },
      'no-such-article': { read: true, bookmarked: true },
    };
    writeFileSync(statePath, JSON.stringify({ version: 1, articles: marks }));
    const { screen } = await start({ statePath });
    expect(screen.frame()).toContain('1/6 · 5 unread');
    await screen.press('B');
    await screen.waitFor((f) => f.includes('1/2 · 1 unread'));
  });

  it('u toggles read without opening', async () => {
    const { screen } = await start();
    await screen.press('u');
    await screen.waitFor((f) => f.includes('5 unread'));
    await screen.press('u');
    await screen.waitFor((f) => f.includes('6 unread'));
  });
});
