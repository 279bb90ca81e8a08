// The list with what the page said: site and date columns, the date sort, and `o` to open
// the article's address in a browser.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import { UserState } from '../../src/archive/user-state.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import { App } from '../../src/tui/app.js';
import { KEY, renderSized, type Screen } from '../support/ink.js';
import { cleanTemp, scratch, writeArchive } from '../support/hardening.js';
import { displayWidth } from '../../src/text/wrap.js';

const body = [{ type: 'paragraph' as const, text: 'Body text.' }];
let archive: Archive;
beforeAll(async () => {
  const dir = writeArchive(
    scratch(),
    [
      {
        meta: {
          id: 'ferry',
          title: 'Why the river ferry still matters',
          authors: ['ana'],
          url: 'https://www.valleypost.example/ferry',
          publishedAt: '2023-04-01T09:00:00+02:00',
        },
        body,
      },
      {
        meta: {
          id: 'tram',
          title: 'City council approves the new tram line after a decade of argument about where it should run',
          authors: ['ben'],
          siteName: 'The Valley Post',
          url: 'https://valleypost.example/tram?a=1&b=$(touch /tmp/x)',
          publishedAt: '2024-11-20',
        },
        body,
      },
      {
        meta: {
          id: 'map',
          title: '紙の地図の静かな復活について書かれた長い記事の題名',
          authors: ['ana', 'ben'],
          siteName: '地図新聞',
          publishedAt: '2021-06-30',
        },
        body,
      },
      { meta: { id: 'nothing', title: 'A story with no page behind it', authors: [] }, body },
    ],
    [
      { id: 'ana', name: 'Ana Alvarez', bio: '', kind: 'person' },
      { id: 'ben', name: 'Benedikt Oberhollenzer-Wainwright', bio: '', kind: 'person' },
    ],
  );
  archive = await Archive.open(dir);
});
afterAll(cleanTemp);

let screens: Screen[] = [];
afterEach(() => {
  for (const s of screens) s.unmount();
  screens = [];
});

async function start(columns: number, rows: number, openUrl = vi.fn()) {
  const userState = await UserState.load(join(scratch(), 'state.json'));
  const screen = await renderSized(
    <App
      archive={archive}
      userState={userState}
      engine={searchEngineFor(archive, { bodies: false })}
      onQuit={() => {}}
      services={{ openUrl: (url: string, failed: (why: string) => void) => (openUrl(url, failed), `Opening ${url}`) }}
    />,
    columns,
    rows,
  );
  screens.push(screen);
  await screen.waitFor((f) => f.includes('1/4'), 'the list');
  return { screen, openUrl };
}

const articleRows = (frame: string) => frame.split('\n').filter((l) => /^[› ] [● ] [★ ] /.test(l));
const columnOf = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));

describe('list columns', () => {
  for (const [columns, rows] of [
    [80, 24],
    [120, 30],
  ]) {
    it(`at ${columns}×${rows}: title, author, site and date in aligned columns`, async () => {
      const { screen } = await start(columns, rows);
      const [ferry, tram, map, nothing] = articleRows(screen.frame());
      // Date, then site (from siteName, else the address's host) where there is room for it.
      const site = columns >= 100;
      expect(ferry).toMatch(site ? /2023-04-01 +valleypost/ : /2023-04-01$/);
      expect(tram).toMatch(site ? /2024-11-20 +The Valley/ : /2024-11-20\s*$/);
      expect(map).toMatch(site ? /2021-06-30 +地図新聞/ : /2021-06-30$/);
      expect(nothing).toMatch(/unknown\s*$/);
      // Each column starts at the same terminal column on every row.
      expect(columnOf(ferry, 'Ana')).toBe(columnOf(tram, 'Ben'));
      expect(columnOf(ferry, 'Ana')).toBe(columnOf(map, 'Ana'));
      expect(columnOf(ferry, 'Ana')).toBe(columnOf(nothing, 'unknown'));
      if (site) expect(columnOf(ferry, 'valleypost')).toBe(columnOf(tram, 'The Valley'));
      if (site) expect(columnOf(ferry, 'valleypost')).toBe(columnOf(map, '地図新聞'));
      expect(columnOf(ferry, '2023')).toBe(columnOf(tram, '2024'));
      expect(columnOf(ferry, '2023')).toBe(columnOf(map, '2021'));
      for (const line of screen.frame().split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    });
  }

  it('s cycles to the date sort: newest first, undated last', async () => {
    const { screen } = await start(100, 30);
    await screen.press('s', 's', 's');
    const f = await screen.waitFor((f) => f.includes('sort: date'), 'the date sort');
    expect(articleRows(f).map((l) => l.slice(6, 14))).toEqual(['City cou', 'Why the ', '紙の地図の静かな', 'A story ']);
  });
});

describe('o opens the article address', () => {
  it('on the list: the selected article, normalised, and says so', async () => {
    const { screen, openUrl } = await start(100, 30);
    await screen.press('o');
    expect(openUrl).toHaveBeenCalledTimes(1);
    expect(openUrl.mock.calls[0][0]).toBe('https://www.valleypost.example/ferry');
    await screen.waitFor((f) => f.includes('Opening https://www.valleypost.example/ferry'), 'the status');
  });

  it('on the list: an article without an address says so and opens nothing', async () => {
    const { screen, openUrl } = await start(100, 30);
    await screen.press('G', 'o');
    await screen.waitFor((f) => f.includes('No web address for this article'), 'the status');
    expect(openUrl).not.toHaveBeenCalled();
  });

  it('in an article', async () => {
    const { screen, openUrl } = await start(100, 30);
    await screen.press('j', KEY.enter);
    await screen.waitFor((f) => f.includes('page 1/'), 'the article');
    await screen.press('o');
    expect(openUrl.mock.calls[0][0]).toBe('https://valleypost.example/tram?a=1&b=$(touch%20/tmp/x)');
    await screen.waitFor((f) => f.includes('Opening https://valleypost.example/tram'), 'the status');
  });

  it('a browser that cannot be started is reported in the status bar', async () => {
    const openUrl = vi.fn((_url: string, failed: (why: string) => void) =>
      setTimeout(() => failed('Could not open the address: xdg-open not found'), 10),
    );
    const { screen } = await start(100, 30, openUrl);
    await screen.press('o');
    await screen.waitFor((f) => f.includes('Could not open the address: xdg-open not found'), 'the failure');
    await screen.press('j', KEY.enter);
    await screen.waitFor((f) => f.includes('page 1/'), 'the article');
    await screen.press('o');
    await screen.waitFor((f) => f.includes('Could not open the address: xdg-open not found'), 'the failure in the article');
  });
});
