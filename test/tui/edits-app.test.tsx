// D, U and t on screen (issue 18): the question and the tags line on the status line, tags
// after the title in one terminal row and under the byline, and a big archive read again
// through its catalog after each write, the selection kept where it was.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useMemo, useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CatalogReading } from '../../src/archive/catalog-read.js';
import { Archive } from '../../src/archive/store.js';
import { UserState } from '../../src/archive/user-state.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import { App } from '../../src/tui/app.js';
import { firstScreen, readAgain, readTheRest, type Shown } from '../../src/tui/runtime/progressive.js';
import type { WriteAccess } from '../../src/tui/runtime/writer.js';
import { displayWidth } from '../../src/text/wrap.js';
import { BIG_COUNT, bigTitle } from '../support/big-archive.js';
import { parsePageDump } from '../../src/ingest/pagedump.js';
import { KEY, renderSized, type Screen } from '../support/ink.js';
import { tempDir } from '../support/paths.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
let screens: Screen[] = [];
afterEach(() => {
  for (const s of screens) s.unmount();
  screens = [];
});

const copyOf = (from: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'byline-edits-app-'));
  made.push(dir);
  cpSync(from, dir, { recursive: true });
  return dir;
};

const statusBar = (frame: string) => frame.trimEnd().split('\n').at(-1) ?? '';
const selectedLine = (frame: string) => frame.split('\n').find((l) => l.startsWith('›')) ?? '';
const rowsOf = (frame: string) => frame.split('\n').filter((l) => /^[› ] [● ] [★ ] \S/.test(l));

/** The reader over a copy of an archive read whole, as run.tsx has it: each write reads it again. */
async function small(columns = 100, rows = 30) {
  const dir = copyOf('data/protocol');
  const userState = await UserState.load(join(tempDir('byline-edits-state-'), 'state.json'));
  const write: WriteAccess = {
    open: async () => ({ archive: await Archive.open(dir, { deferRead: true }) }),
    written: async (to) => {
      const next = await Archive.open(to, { lean: true });
      feed.set!(next);
    },
  };
  const feed: { set?: (a: Archive) => void } = {};
  const first = await Archive.open(dir, { lean: true });
  function Live() {
    const [archive, setArchive] = useState(first);
    feed.set = setArchive;
    const engine = useMemo(() => searchEngineFor(archive, { bodies: false }), [archive]);
    return <App archive={archive} engine={engine} userState={userState} onQuit={() => {}} services={{ write }} />;
  }
  const screen = await renderSized(<Live />, columns, rows);
  screens.push(screen);
  await screen.waitFor((f) => f.includes('1/6'), 'the list');
  return { screen, dir };
}

describe('D and U on screen', () => {
  it('asks on the status line; n keeps it; y removes it from the list at once; U brings it back at the end', async () => {
    const { screen, dir } = await small();
    await screen.press('j', 'D');
    expect(statusBar(screen.frame())).toMatch(/^Remove «Judge Zia Faruqui.*»\? y\/n/);
    await screen.press('n');
    expect(statusBar(screen.frame())).toMatch(/^Not removed: «Judge Zia/);
    expect(screen.frame()).toContain('Judge Zia Faruqui');
    await screen.press('D', 'y');
    const gone = await screen.waitFor((f) => /^Removed «Judge Zia.*» · U undo/.test(statusBar(f)), 'the removal');
    expect(rowsOf(gone).join('\n')).not.toContain('Judge Zia Faruqui');
    expect(gone).toContain('byline — 5 articles');
    // The selection is on the row that took its place.
    expect(selectedLine(gone)).toContain('The financial technology');
    expect((await Archive.open(dir)).articles.map((a) => a.title)).not.toContain(expect.stringMatching(/^Judge Zia/));
    await screen.press('U');
    const back = await screen.waitFor((f) => statusBar(f).startsWith('Put back «Judge Zia'), 'the undo');
    expect(rowsOf(back).at(-1)).toContain('Judge Zia Faruqui');
    expect((await Archive.open(dir)).articles.at(-1)!.title).toMatch(/^Judge Zia Faruqui/);
  });

  it('D in an article removes the open article and goes back to the list', async () => {
    const { screen } = await small();
    await screen.press(KEY.enter);
    await screen.waitFor((f) => /page 1\/\d+/.test(f), 'the article');
    await screen.press('D');
    expect(statusBar(screen.frame())).toMatch(/^Remove «Profits over politics.*»\? y\/n/);
    await screen.press('y');
    const list = await screen.waitFor((f) => statusBar(f).startsWith('Removed «Profits'), 'the list again');
    expect(rowsOf(list).join('\n')).not.toContain('Profits over politics');
    expect(list).toContain('— 5 articles');
  });
});

describe('t on screen', () => {
  it('edits the tags on the status line; they show dim after the title and under the byline', async () => {
    const { screen, dir } = await small();
    await screen.press('t');
    // The line, its cursor (a blank cell), then how it ends.
    expect(statusBar(screen.frame())).toMatch(/^Tags: {4}Enter save · Esc cancel/);
    await screen.type('cloud #AI');
    expect(statusBar(screen.frame())).toMatch(/^Tags: cloud #AI {3}Enter save/);
    await screen.press(KEY.enter);
    const saved = await screen.waitFor((f) => statusBar(f).includes(': #cloud #ai'), 'the tags saved');
    expect(selectedLine(saved)).toMatch(/Profits over politics.* #cloud #ai\s/);
    expect((await Archive.open(dir)).articles[0].tags).toEqual(['cloud', 'ai']);
    await screen.press(KEY.enter);
    const article = await screen.waitFor((f) => /page 1\/\d+/.test(f), 'the article');
    const lines = article.split('\n').map((l) => l.trim());
    const tags = lines.indexOf('#cloud #ai');
    expect(lines[tags - 1]).toBe('Author unknown');
    // In the article too: t opens the line with the tags saved; Esc leaves them.
    await screen.press('t');
    expect(statusBar(screen.frame())).toMatch(/^Tags: cloud ai {3}Enter save/);
    await screen.press(KEY.escape);
    expect(statusBar(screen.frame())).toMatch(/page 1\//);
  });

  it('a word that is no tag is refused in one line, and the line stays to be put right', async () => {
    const { screen, dir } = await small();
    await screen.press('t');
    await screen.type('good bad!');
    await screen.press(KEY.enter);
    const refused = await screen.waitFor((f) => statusBar(f).includes('not a tag'), 'the refusal');
    expect(statusBar(refused)).toMatch(/^Tags: good bad! {3}not a tag: "bad!"/);
    await screen.press(KEY.backspace, KEY.enter);
    await screen.waitFor((f) => statusBar(f).includes(': #good #bad'), 'the tags saved');
    expect((await Archive.open(dir)).articles[0].tags).toEqual(['good', 'bad']);
  });

  it('a row with tags stays one terminal row at every width, whatever the title and tags', async () => {
    const { screen } = await small(40, 12);
    await screen.press('t');
    await screen.type('a-very-long-tag-that-goes-on-and-on 日本語のタグ x');
    await screen.press(KEY.enter);
    await screen.waitFor((f) => f.includes('#'), 'the tags');
    for (const [columns, rows] of [
      [40, 12],
      [80, 24],
      [120, 40],
    ]) {
      await screen.resize(columns, rows);
      const frame = await screen.waitFor((f) => rowsOf(f).length === 6, `six rows at ${columns}`);
      for (const line of frame.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
      expect(selectedLine(frame)).toMatch(/^› ● {3}Profits.* #a-/);
    }
  });
});

describe('a big archive read again after a write (catalog, a chunk at a time)', () => {
  const TAGGED = 600;
  let big: string;
  beforeAll(async () => {
    // The big archive of the progressive tests, with one article tagged (through the import,
    // as an undo brings tags back).
    const dir = tempDir('byline-edits-big-');
    made.push(dir);
    big = join(dir, 'big');
    const dump = Array.from({ length: BIG_COUNT }, (_, i) => `${bigTitle(i + 1)}\n\nThe paragraph of story ${i + 1}.`).join('\n\n\n');
    const articles = parsePageDump(dump);
    articles[TAGGED - 1].tags = ['deep', 'harbour-news'];
    const archive = await Archive.open(big, { create: true });
    await archive.import([{ file: 'many.txt', articles }], '2024-01-01T00:00:00.000Z');
  }, 60_000);

  it('the removed article leaves the list, the selection stays where it was; U brings it back with its tags', async () => {
    const dir = copyOf(big);
    const reading = CatalogReading.open(dir)!;
    const options = { stopped: () => false, firstBytes: 4096, chunkBytes: 2048 };
    const userState = await UserState.load(join(tempDir('byline-edits-state-'), 'state.json'));
    const feed: { show?: (next: Shown) => void } = {};
    const reads: number[] = [];
    const write: WriteAccess = {
      open: async () => ({ archive: await Archive.open(dir, { deferRead: true }) }),
      written: (to) => {
        reads.push(Date.now());
        return readAgain(to, feed.show!, () => Archive.open(to, { lean: true }), options);
      },
    };
    const first = firstScreen(reading, 4096);
    function Live() {
      const [shown, setShown] = useState(first);
      feed.show = setShown;
      return (
        <App
          archive={shown.data}
          holding={shown.holding}
          loading={shown.loading}
          engine={shown.engine}
          userState={userState}
          onQuit={() => {}}
          services={{ write }}
        />
      );
    }
    const screen = await renderSized(<Live />, 100, 30);
    screens.push(screen);
    await readTheRest(reading, first, (next) => feed.show!(next), options);
    await screen.waitFor((f) => f.includes(`1/${BIG_COUNT}`) && !f.includes('loading'), 'the whole list');
    // Far past what a first chunk of 4 KB holds: the tagged article, its tags after its title.
    for (let i = 0; i < 22; i++) await screen.press(KEY.pageDown);
    while (!selectedLine(screen.frame()).includes(bigTitle(TAGGED))) await screen.press(KEY.down);
    expect(selectedLine(screen.frame())).toMatch(new RegExp(`${bigTitle(TAGGED)} #deep #harbour-news\\s`));
    await screen.press('D', 'y');
    // The status line says what was removed; its right side says where the list is.
    const after = await screen.waitFor(
      (f) => statusBar(f).startsWith(`Removed «${bigTitle(TAGGED)}»`) && selectedLine(f).includes(bigTitle(TAGGED + 1)),
      'the list read again, the next story selected',
    );
    expect(reads).toHaveLength(1);
    expect(statusBar(after)).toMatch(new RegExp(` of ${BIG_COUNT - 1} ↑ ↓$`));
    expect(rowsOf(after).some((r) => r.includes(`${bigTitle(TAGGED)} `))).toBe(false);
    expect(after).toContain(`${BIG_COUNT - 1} articles`);
    const stored = (await Archive.open(dir)).articles.map((a) => a.title);
    expect(stored).toHaveLength(BIG_COUNT - 1);
    expect(stored).not.toContain(bigTitle(TAGGED));
    await screen.press('j', 'k');
    const moved = await screen.waitFor((f) => /^\d+\//.test(statusBar(f)) && !f.includes('loading'), 'the list read whole');
    expect(statusBar(moved)).toMatch(new RegExp(`^${TAGGED}/${BIG_COUNT - 1} `));

    await screen.press('U');
    await screen.waitFor((f) => f.includes(`${BIG_COUNT} articles`) && statusBar(f).startsWith('Put back'), 'the article back');
    // Read again a chunk at a time, as at start: once it is all read, it is the last row.
    await screen.press('j');
    await screen.waitFor((f) => /^\d+\/1010 · /.test(statusBar(f)) && !f.includes('loading'), 'the list read whole');
    await screen.press('G');
    const last = await screen.waitFor((f) => selectedLine(f).includes(bigTitle(TAGGED)), 'it is the last row now');
    expect(selectedLine(last)).toMatch(/#deep #harbour-news/);
    expect((await Archive.open(dir)).articles.at(-1)!.tags).toEqual(['deep', 'harbour-news']);
  }, 60_000);
});
