// A big archive in the reader, a piece at a time (runtime/progressive.ts, issue 12): the first
// frame from the catalog's first chunk with "loading N / M", search usable at once over what
// is read and run again as more arrives, an article opened before the rest is read, and a
// catalog found damaged part way replaced by index.json read whole. Small chunks, so the
// test steps through many of them; every wait is for a frame, never a fixed time.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CatalogReading } from '../../src/archive/catalog-read.js';
import { Archive } from '../../src/archive/store.js';
import { UserState } from '../../src/archive/user-state.js';
import { App } from '../../src/tui/app.js';
import {
  firstScreen,
  firstScreenIfSound,
  readTheRest,
  readTheRestOrWhole,
  rehearse,
  type Shown,
} from '../../src/tui/runtime/progressive.js';
import { BIG_COUNT, EARLY, LATE, RARE_WORD, bigArchive, bigBodyLine, bigTitle, spoilCatalogLine } from '../support/big-archive.js';
import { KEY, renderSized, type Screen } from '../support/ink.js';
import { tempDir } from '../support/paths.js';

const FIRST = 4096;
const CHUNK = 2048;

const made: string[] = [];
let big: string;
beforeAll(async () => {
  const dir = tempDir('byline-progressive-');
  made.push(dir);
  big = await bigArchive(join(dir, 'big'));
}, 60_000);
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

let screens: Screen[] = [];
const readings: CatalogReading[] = [];
afterEach(() => {
  for (const s of screens) s.unmount();
  screens = [];
  while (readings.length) readings.pop()!.close();
});

function copyOfBig(): string {
  const dir = tempDir('byline-progressive-copy-');
  made.push(dir);
  cpSync(big, dir, { recursive: true });
  return dir;
}

function open(dir = big): CatalogReading {
  const reading = CatalogReading.open(dir);
  if (!reading) throw new Error(`no catalog in ${dir}`);
  readings.push(reading);
  return reading;
}

/** App as run.tsx draws it: re-rendered with each Shown. */
async function reader(first: Shown) {
  const userState = await UserState.load(join(tempDir('byline-progressive-state-'), 'state.json'));
  const feed: { show?: (next: Shown) => void } = {};
  function Live() {
    const [shown, setShown] = useState(first);
    feed.show = setShown;
    return (
      <App
        archive={shown.data}
        holding={shown.holding}
        loading={shown.loading}
        engine={shown.engine}
        engineError={shown.engineError}
        userState={userState}
        onQuit={() => {}}
      />
    );
  }
  const screen = await renderSized(<Live />, 100, 30);
  screens.push(screen);
  const shows: Shown[] = [];
  const show = (next: Shown) => {
    shows.push(next);
    feed.show!(next);
  };
  return { screen, show, shows };
}

const statusBar = (frame: string) => frame.trimEnd().split('\n').at(-1) ?? '';
const loadingOf = (frame: string) => {
  const m = /loading ([\d ]+) \/ ([\d ]+)/.exec(frame);
  return m ? { loaded: Number(m[1]!.replaceAll(' ', '')), total: Number(m[2]!.replaceAll(' ', '')) } : undefined;
};

describe('a big archive in the reader, a piece at a time', () => {
  it('draws the first frame from the first chunk: rows, and "loading N / M" with N < M', async () => {
    const reading = open();
    const first = firstScreen(reading, FIRST);
    expect(first.loading).toEqual({ loaded: first.data.articles.length, total: BIG_COUNT });
    const { screen } = await reader(first);
    const frame = await screen.waitFor((f) => f.includes(bigTitle(1)), 'the first rows');
    expect(frame).toContain(bigTitle(2));
    const loading = loadingOf(statusBar(frame));
    expect(loading).toEqual({ loaded: first.data.articles.length, total: BIG_COUNT });
    expect(loading!.loaded).toBeGreaterThan(20);
    expect(loading!.loaded).toBeLessThan(BIG_COUNT);
    expect(frame).toContain(`${BIG_COUNT} articles`);
  });

  it('searches what has loaded at once, and again as the rest comes: a late-only hit appears', async () => {
    const reading = open();
    const first = firstScreen(reading, FIRST);
    expect(first.data.articles.some((a) => a.title === bigTitle(LATE))).toBe(false);
    const { screen, show } = await reader(first);
    await screen.waitFor((f) => f.includes(bigTitle(1)), 'the first rows');
    await screen.press('/');
    await screen.type(RARE_WORD);
    const before = await screen.waitFor((f) => f.includes(bigTitle(EARLY)) && /\b1 hit\b/.test(f), 'the early hit alone');
    expect(before).not.toContain(bigTitle(LATE));
    expect(before).toMatch(/loading [\d ]+ \/ 1 010/);
    const reading$ = readTheRest(reading, first, show, { stopped: () => false, chunkBytes: CHUNK });
    const after = await screen.waitFor((f) => f.includes(bigTitle(LATE)), 'the late hit');
    expect(after).toContain(bigTitle(EARLY));
    expect(after).toContain(`/ ${RARE_WORD}`);
    await reading$;
    const done = await screen.waitFor((f) => /\b2 hits\b/.test(f) && !f.includes('loading'), 'both hits, loading over');
    expect(done).toContain(bigTitle(LATE));
  });

  it('a search typed while the rest is being read ends with every hit', async () => {
    const reading = open();
    const first = firstScreen(reading, FIRST);
    const { screen, show, shows } = await reader(first);
    await screen.waitFor((f) => f.includes(bigTitle(1)), 'the first rows');
    const reading$ = readTheRest(reading, first, show, { stopped: () => false, chunkBytes: CHUNK });
    await screen.press('/');
    await screen.type(RARE_WORD);
    expect(shows.length).toBeGreaterThan(0); // keys and chunks took turns
    await reading$;
    const done = await screen.waitFor((f) => /\b2 hits\b/.test(f) && !f.includes('loading'), 'both hits, loading over');
    expect(done).toContain(bigTitle(LATE));
    expect(done).toContain(bigTitle(EARLY));
  });

  it('when loading ends the status bar no longer says loading and the list holds every article', async () => {
    const reading = open();
    const first = firstScreen(reading, FIRST);
    const { screen, show, shows } = await reader(first);
    await screen.waitFor((f) => f.includes(bigTitle(1)), 'the first rows');
    await readTheRest(reading, first, show, { stopped: () => false, chunkBytes: CHUNK, showEveryMs: 0 });
    // Many chunks, each shown as it came, each more than the last, the last one complete.
    expect(shows.length).toBeGreaterThan(10);
    const counts = shows.map((s) => s.data.articles.length);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(shows.slice(0, -1).every((s) => s.loading && s.loading.loaded === s.data.articles.length)).toBe(true);
    expect(shows.at(-1)!.loading).toBeNull();
    expect(shows.at(-1)!.data.articles.map((a) => a.title)).toEqual(Array.from({ length: BIG_COUNT }, (_, i) => bigTitle(i + 1)));
    const frame = await screen.waitFor((f) => !f.includes('loading') && f.includes(`1/${BIG_COUNT}`), 'the whole list');
    expect(statusBar(frame)).toMatch(new RegExp(`^1/${BIG_COUNT} · ${BIG_COUNT} unread`));
    await screen.press('G');
    await screen.waitFor((f) => f.includes(`${BIG_COUNT}/${BIG_COUNT}`) && f.includes(bigTitle(BIG_COUNT)), 'the last article');
  });

  it('chunks that come faster than a show is due are shown together: the last one always', async () => {
    const reading = open();
    const first = firstScreen(reading, FIRST);
    const { screen, show, shows } = await reader(first);
    await screen.waitFor((f) => f.includes(bigTitle(1)), 'the first rows');
    await readTheRest(reading, first, show, { stopped: () => false, chunkBytes: CHUNK, showEveryMs: 60_000 });
    expect(shows).toHaveLength(1);
    expect(shows[0].loading).toBeNull();
    expect(shows[0].data.articles).toHaveLength(BIG_COUNT);
    await screen.waitFor((f) => !f.includes('loading') && f.includes(`1/${BIG_COUNT}`), 'the whole list');
  });

  it('once all is read, the word index is opened in the next idle turn, before any word is typed', async () => {
    const reading = open();
    const first = firstScreen(reading, FIRST);
    const warmed: (string | null)[] = [];
    const shows: Shown[] = [];
    await readTheRest(
      reading,
      first,
      (next) => {
        const engine = next.engine!;
        const warm = engine.warm.bind(engine);
        engine.warm = () => (warmed.push(next.loading ? 'loading' : null), warm());
        shows.push(next);
      },
      { stopped: () => false, chunkBytes: CHUNK },
    );
    expect(warmed).toEqual([]); // not while loading, and not before the turn after the last chunk
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(warmed).toEqual([null]);
    // The warmed engine searches bodies' words through the word index.
    expect(shows.at(-1)!.engine!.search('paragraph', 5).length).toBeGreaterThan(0);
  });

  it('while keys come the next chunk waits, and loading goes on once typing pauses', async () => {
    const reading = open();
    const first = firstScreen(reading, FIRST);
    const quietFrom = performance.now() + 300;
    const shows: { at: number; shown: Shown }[] = [];
    await readTheRest(reading, first, (shown) => shows.push({ at: performance.now(), shown }), {
      stopped: () => false,
      chunkBytes: CHUNK,
      showEveryMs: 0,
      typing: () => Math.max(0, quietFrom - performance.now()),
    });
    expect(shows[0].at).toBeGreaterThanOrEqual(quietFrom);
    expect(shows.at(-1)!.shown.loading).toBeNull();
    expect(shows.at(-1)!.shown.data.articles).toHaveLength(BIG_COUNT);
  });

  it('opens an article from the first screen before the rest is read, with its body', async () => {
    const reading = open();
    const first = firstScreen(reading, FIRST);
    const { screen } = await reader(first);
    await screen.waitFor((f) => f.includes(bigTitle(1)), 'the first rows');
    await screen.press('j', KEY.enter);
    const frame = await screen.waitFor((f) => f.includes(bigBodyLine(2)), 'the body of the second article');
    expect(frame).toContain(bigTitle(2));
    expect(reading.done).toBe(false); // nothing more was read to open it
  });

  it('a catalog damaged past the first screen gives way to index.json read whole, then searchable', async () => {
    const dir = copyOfBig();
    spoilCatalogLine(dir, 600);
    const reading = open(dir);
    const first = firstScreen(reading, FIRST);
    const { screen, show, shows } = await reader(first);
    await screen.waitFor((f) => f.includes(bigTitle(1)), 'the first rows');
    let opened = 0;
    await readTheRestOrWhole(reading, first, show, () => (opened++, Archive.open(dir, { lean: true })), {
      stopped: () => false,
      chunkBytes: CHUNK,
    });
    expect(opened).toBe(1);
    expect(reading.done).toBe(true); // closed
    const whole = shows.at(-1)!;
    expect(whole.data).toBeInstanceOf(Archive);
    expect(whole.data.articles).toHaveLength(BIG_COUNT);
    expect(whole.loading ?? null).toBeNull();
    expect(whole.engine).not.toBeNull();
    await screen.waitFor((f) => !f.includes('loading') && f.includes(`1/${BIG_COUNT}`), 'the whole list from index.json');
    await screen.press('/');
    await screen.type(RARE_WORD);
    const found = await screen.waitFor((f) => f.includes(bigTitle(LATE)) && f.includes(bigTitle(EARLY)), 'both hits');
    expect(found).toMatch(/\b2 hits\b/);
  });

  it('a catalog damaged in its first chunk gives no first screen (index.json is read instead), and is closed', () => {
    const dir = copyOfBig();
    spoilCatalogLine(dir, 5);
    const reading = open(dir);
    expect(firstScreenIfSound(reading, FIRST)).toBeUndefined();
    expect(reading.done).toBe(true);
    expect(firstScreenIfSound(open(), FIRST)?.data.articles.length).toBeGreaterThan(20);
  });
});

describe('rehearse', () => {
  it('runs one search and drops it; an engine that throws is left for the real search to report', () => {
    const asked: string[] = [];
    const engine = { search: (q: string) => (asked.push(q), []), snippet: () => undefined, size: 0, warm: () => {} };
    rehearse(engine);
    expect(asked).toHaveLength(1);
    expect(() =>
      rehearse({
        ...engine,
        search: () => {
          throw new Error('segment cut short');
        },
      }),
    ).not.toThrow();
    expect(() => rehearse(null)).not.toThrow();
  });
});
