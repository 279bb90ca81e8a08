// Issue 5, cases 10–13: odd terminals. Tiny, resized in storms, 1 column; CJK, ZWJ emoji, VS16
// and combining marks; a 1 MB article and 500-character titles; no terminal at all.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { execa } from 'execa';
import pty from '@lydell/node-pty';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { Archive } from '../../../src/archive/store.js';
import { UserState } from '../../../src/archive/user-state.js';
import type { Author } from '../../../src/model/schema.js';
import { App } from '../../../src/tui/app.js';
import { layoutArticle } from '../../../src/text/layout.js';
import { displayWidth, truncateToWidth, wrapText } from '../../../src/text/wrap.js';
import { loadWidths } from '../../../src/text/width.js';
import { KEY, renderSized, type Screen } from '../../support/ink.js';
import { cleanEnv, lines, requireBuild } from '../../support/cli.js';
import { BIN, bodyFile, DEFAULT_ARCHIVE, ROOT } from '../../support/paths.js';
import {
  cleanTemp,
  hasTmux,
  meta,
  PrivateTmux,
  readerEnv,
  runPty,
  scratch,
  writeArchive,
  type HandArticle,
} from '../../support/hardening.js';
import { visible } from '../../../src/text/visible.js';
import { replay, UNICODE_VERSIONS } from '../../support/xterm.js';
import { widthTitle } from '../../support/unicode.js';

// Counters around the real layout and row/page components: structure, not timing, shows
// that only what is visible is laid out and rendered.
const seen = vi.hoisted(() => ({ layouts: 0, rows: 0, pageLines: [] as number[] }));
vi.mock('../../../src/text/layout.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/text/layout.js')>();
  return {
    ...real,
    layoutArticle: (...args: Parameters<typeof real.layoutArticle>) => {
      seen.layouts++;
      return real.layoutArticle(...args);
    },
  };
});
vi.mock('../../../src/tui/components/article-row.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/tui/components/article-row.js')>();
  return {
    ...real,
    ArticleRow: (props: Parameters<typeof real.ArticleRow>[0]) => {
      seen.rows++;
      return real.ArticleRow(props);
    },
  };
});
vi.mock('../../../src/tui/screens/article/view.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/tui/screens/article/view.js')>();
  return {
    ...real,
    ArticlePage: (props: Parameters<typeof real.ArticlePage>[0]) => {
      seen.pageLines.push(props.lines.length);
      return real.ArticlePage(props);
    },
  };
});

const graphemes = (s: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);
/** True when `shown` is the first k whole graphemes of `text`, for some k. */
function isGraphemePrefix(shown: string, text: string): boolean {
  const gs = graphemes(text);
  let acc = '';
  for (let k = 0; k <= gs.length; k++) {
    if (acc === shown) return true;
    if (acc.length >= shown.length) return false;
    acc += gs[k] ?? '';
  }
  return acc === shown;
}

let screens: Screen[] = [];
afterEach(() => {
  for (const s of screens) s.unmount();
  screens = [];
});
beforeAll(() => requireBuild());
// The reader loads string-width as it starts (runReader); layout is measured here without it.
beforeAll(loadWidths);
afterAll(() => cleanTemp());

async function start(archive: Archive, columns: number, rows: number, statePath = join(scratch(), 'state.json')) {
  const userState = await UserState.load(statePath);
  const onQuit = vi.fn();
  const screen = await renderSized(<App archive={archive} userState={userState} engine={null} onQuit={onQuit} />, columns, rows);
  screens.push(screen);
  return { screen, userState, onQuit };
}

function stop(screen: Screen): void {
  screen.unmount();
  screens = screens.filter((s) => s !== screen);
}

const frameLines = (s: Screen) => s.frame().split('\n');
const selected = (s: Screen) => frameLines(s).find((l) => l.startsWith('›')) ?? '';

// ------------------------------------------------------------------ case 10

describe('tiny terminals and resize storms (case 10)', () => {
  it('20×5, 1 column, 200 quick resizes: no exception, the too-small message, keys ignored; back as it was when it grows', async () => {
    const archive = await Archive.open(DEFAULT_ARCHIVE);
    const errors = vi.spyOn(console, 'error');
    const { screen, onQuit } = await start(archive, 100, 30);
    await screen.waitFor((f) => f.includes('1/6 · 6 unread'), 'the list');
    await screen.press(KEY.enter);
    await screen.waitFor((f) => /page 1\/\d+/.test(f), 'the article');
    await screen.press(' ', ' ');
    const before = await screen.waitFor((f) => /page 3\/\d+/.test(f), 'page 3');
    const firstText = before
      .split('\n')
      .find((l) => l.trim().length > 20)!
      .trim();

    await screen.resize(20, 5);
    expect(frameLines(screen)).toEqual(['Enlarge the terminal', 'byline needs 40×10', 'now 20×5', 'q quits']);
    for (const l of frameLines(screen)) expect(stringWidth(l)).toBeLessThanOrEqual(20);

    await screen.resize(1, 5);
    await screen.resize(1, 1);
    expect(screen.frame().length).toBeGreaterThan(0);
    for (const l of frameLines(screen)) expect(stringWidth(l)).toBeLessThanOrEqual(1);
    // Keys do nothing while it is too small (q would quit; these must not page or go back).
    await screen.press(' ', 'j', KEY.escape, 'G');
    // A storm: 200 resizes without waiting for a frame between them.
    for (let i = 0; i < 200; i++) void screen.resize(1 + ((i * 37) % 140), 1 + ((i * 13) % 50));
    await screen.resize(30, 8);
    expect(screen.frame()).toContain('Enlarge the terminal');

    await screen.resize(100, 30);
    const after = await screen.waitFor((f) => /page \d+\/\d+/.test(f), 'the article again');
    expect(after).toMatch(/page 3\/\d+/);
    expect(after).toContain(firstText);
    await screen.press(KEY.escape);
    await screen.waitFor((f) => f.includes('unread'), 'the list');
    expect(screen.frame()).toContain('1/6');
    expect(selected(screen)).toContain('Profits over politics');
    expect(onQuit).not.toHaveBeenCalled();
    expect(screen.frame()).not.toMatch(/ERROR|Error:/);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('q still quits from the too-small screen', async () => {
    const archive = await Archive.open(DEFAULT_ARCHIVE);
    const { screen, onQuit } = await start(archive, 20, 5);
    await screen.waitFor((f) => f.includes('Enlarge the terminal'), 'the message');
    await screen.press('q');
    expect(onQuit).toHaveBeenCalledWith(0);
  });

  it('the built reader in a pseudo-terminal survives a resize storm down to 1 column, and recovers', { timeout: 60_000 }, async () => {
    const run = runPty([], { cols: 80, rows: 24, env: { BYLINE_STATE: join(scratch(), 'state.json') } });
    await run.waitFor('1/6 · 6 unread', 'the list');
    run.term.write('\r');
    await run.waitFor(/page 1\/\d+/, 'the article');
    const sizes: [number, number][] = [
      [20, 5],
      [1, 24],
      [1, 1],
      [200, 60],
      [39, 9],
      [40, 10],
    ];
    for (let i = 0; i < 150; i++) {
      run.term.resize(...(sizes[i % sizes.length] ?? [80, 24]));
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    const tiny = run.output().length;
    run.term.resize(1, 5);
    await run.waitFor(() => run.output().length > tiny && /^[E…]$/.test(run.frame()[0] ?? ''), 'a frame at 1 column');
    // Only output written after this resize counts: the emulated screen may still show an
    // older article frame while the reader is on its too-small notice (where q quits).
    const mark = run.output().length;
    run.term.resize(80, 24);
    const onArticle = () => /page 1\/\d+ · \d+%/.test(run.output().slice(mark)) && /page 1\/\d+ · \d+%$/.test(run.frame().at(-1) ?? '');
    await run.waitFor(onArticle, 'the article at 80×24');
    // Signals from the storm can still be arriving: the reader must end on the final size.
    await quiet(run, 300);
    expect(onArticle()).toBe(true);
    expect(run.isExited()).toBe(false);
    for (const l of run.frame()) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    run.term.write('q');
    await run.waitFor(() => (run.frame().at(-1) ?? '').includes('unread'), 'the list');
    run.term.write('q');
    expect((await run.exited).exitCode).toBe(0);
    expect(run.output()).not.toContain('the reader stopped');
  });
});

/** Waits until the program has written nothing for `ms`. */
async function quiet(run: { output(): string }, ms: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (let seen = run.output().length; Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, ms));
    if (run.output().length === seen) return;
    seen = run.output().length;
  }
}

// ------------------------------------------------------------------ case 11

const WIDE: Author[] = [
  { id: 'yamada', name: '山田 太郎', bio: '東京の記者。', kind: 'person' },
  { id: 'kim', name: '김민준', bio: '서울', kind: 'person' },
  { id: 'zoe', name: 'Zoë Ångström-Nuñez', bio: 'Combining: Zoe\u0308', kind: 'person' },
];
const TITLES = [
  '東京の地図が売れている：紙の地図は電池も電波もいらない、その理由を歩いて確かめた記者の一週間',
  'Family 👨‍👩‍👧‍👦 and coder 👩🏽‍💻 and rainbow 🏳️‍🌈 ZWJ sequences in a title long enough to be cut',
  'Hearts ❤️ stars ⭐️ and hands ✌️☝️✍️ with VS16 ❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️',
  'Combining marks: e\u0301e\u0301e\u0301 Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032d\u0308\u0307l\u036e\u0312\u036bg\u030c\u0317\u031a o\u0319\u0314\u036e\u0307 and a\u0308\u0301\u0323 again and again',
  'Flags 🇯🇵🇫🇷🇩🇪🇺🇸🇧🇷 and keycaps 1️⃣2️⃣3️⃣ and skin tones 👍🏻👍🏿 all in one line of title',
  'Fullwidth ＡＢＣＤＥＦＧＨ, halfwidth ｱｲｳｴｵ and Hangul 한국어 제목입니다 mixed with Thai ภาษาไทย',
];
const BODY_TEXT = [
  `${TITLES[0]}。東京の地図が売れている。紙の地図は、電池も電波もいらない。北京、上海、深圳にも研究所がある。`.repeat(3),
  'Emoji 👨‍👩‍👧‍👦👩🏽‍💻🏳️‍🌈 ❤️⭐️✌️ 🇯🇵🇫🇷 1️⃣2️⃣ e\u0301 a\u0308\u0301\u0323 '.repeat(12),
  'Ｗｉｄｅ ｗｏｒｄｓ ａｎｄ 한국어 문장 그리고 日本語の文章 '.repeat(10),
  '👨‍👩‍👧‍👦'.repeat(60),
];

function wideArchive(): string {
  const articles: HandArticle[] = TITLES.map((title, i) => ({
    meta: { id: `wide-${i}`, title, dek: BODY_TEXT[2].slice(0, 60), authors: [WIDE[i % 3].id], kind: i % 2 ? 'excerpt' : 'full' },
    body: [
      { type: 'paragraph', text: BODY_TEXT[i % BODY_TEXT.length] },
      { type: 'heading', text: TITLES[(i + 1) % TITLES.length] },
      { type: 'quote', text: BODY_TEXT[(i + 1) % BODY_TEXT.length] },
      { type: 'paragraph', text: BODY_TEXT[3] },
    ],
  }));
  return writeArchive(scratch(), articles, WIDE);
}

describe('CJK, ZWJ emoji, VS16 and combining marks (case 11)', () => {
  it('truncation and wrapping never split a grapheme and never exceed the width', () => {
    for (const text of [...TITLES, ...BODY_TEXT]) {
      for (let w = 1; w <= 60; w++) {
        const cut = truncateToWidth(text, w);
        expect(stringWidth(cut), `${w}: ${cut}`).toBeLessThanOrEqual(w);
        expect(isGraphemePrefix(cut.endsWith('…') ? cut.slice(0, -1) : cut, text), `${w}: ${cut}`).toBe(true);
        if (w < 2) continue;
        const wrapped = wrapText(text, w);
        for (const line of wrapped) expect(stringWidth(line), `${w}: ${line}`).toBeLessThanOrEqual(w);
        // Whole graphemes, in order: the lines' graphemes (spaces aside) are the text's — where
        // each fits on a line (a ZWJ family is 8 columns in terminals that draw its members).
        if (graphemes(text).every((g) => displayWidth(g) <= w))
          expect(wrapped.flatMap(graphemes).filter((g) => g !== ' ')).toEqual(graphemes(text).filter((g) => !/^\s+$/.test(g)));
        else expect(wrapped.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      }
    }
  });

  it('list rows stay one terminal row each, columns aligned, titles cut between graphemes (many widths)', async () => {
    const archive = await Archive.open(wideArchive());
    for (const columns of [40, 47, 61, 80, 100, 131]) {
      const rows = 14;
      const { screen } = await start(archive, columns, rows);
      const frame = await screen.waitFor((f) => f.includes('1/6 · 6 unread'), 'the list');
      const all = frame.split('\n');
      // Title row, 6 article rows, empty rows to the status bar: nothing wrapped onto a second line.
      expect(all).toHaveLength(rows - 1);
      expect(all.at(-1)).toMatch(/^1\/6 · 6 unread/);
      const articleRows = all.slice(1, 7);
      articleRows.forEach((row, i) => {
        expect(stringWidth(row), `${columns}: ${row}`).toBeLessThanOrEqual(columns);
        // The marker columns: selection, unread, bookmark — always the first six cells.
        expect(row.slice(0, 6), row).toMatch(/^[› ] ● {2} $/);
        const shown = row
          .slice(6)
          .split(/ {2,}/)[0]
          .replace(/ \[[^\]]*\]$/, '');
        const title = shown.endsWith('…') ? shown.slice(0, -1) : shown;
        expect(isGraphemePrefix(title, TITLES[i]), `${columns}: ${shown}`).toBe(true);
        expect(title.length).toBeGreaterThan(0);
      });
      // The author column starts at the same terminal column on every row, as byline's own
      // widths (the ones it lays out by) count it.
      const authorAt = articleRows.map((row) => {
        const rest = row.slice(6);
        const gap = / {2,}(?=\S)/.exec(rest)!;
        return 6 + displayWidth(rest.slice(0, gap.index + gap[0].length));
      });
      expect(new Set(authorAt).size, `${columns}: ${authorAt}\n${articleRows.join('\n')}`).toBe(1);
      stop(screen);
    }
  });

  it('article pages never overflow: the screen shows exactly the laid-out lines, at several widths', { timeout: 60_000 }, async () => {
    const dir = wideArchive();
    const archive = await Archive.open(dir);
    for (const columns of [40, 57, 80, 104]) {
      const rows = 20;
      const { screen } = await start(archive, columns, rows);
      await screen.waitFor((f) => f.includes('1/6'), 'the list');
      for (let i = 0; i < TITLES.length; i++) {
        await screen.press('g', ...Array<string>(i).fill('j'), KEY.enter);
        const frame = await screen.waitFor((f) => /page 1\/\d+/.test(f), `article ${i} at ${columns}`);
        const shown = frame.split('\n');
        expect(shown).toHaveLength(rows - 1);
        for (const l of shown) expect(stringWidth(l), `${columns}: ${l}`).toBeLessThanOrEqual(columns);
        const meta = archive.articles[i];
        const laid = layoutArticle(archive.full(meta), archive.authorsOf(meta), Math.min(columns - 4, 80)).slice(0, rows - 2);
        expect(shown.slice(0, laid.length).map((l) => l.trim())).toEqual(laid.map((l) => l.text.trim()));
        await screen.press(' ');
        const second = await screen.waitFor((f) => /page 2\/\d+/.test(f), 'page 2');
        for (const l of second.split('\n')) expect(stringWidth(l)).toBeLessThanOrEqual(columns);
        await screen.press(KEY.escape);
        await screen.waitFor((f) => f.includes('unread'), 'the list');
      }
      stop(screen);
    }
  });

  it('byline list in a terminal: every line fits, the title column starts at the same cell on every line', async () => {
    const dir = wideArchive();
    for (const cols of [50, 80]) {
      const run = runPty(['list', '--archive', dir, '--no-color'], { cols, rows: 20 });
      expect((await run.exited).exitCode).toBe(0);
      const out = run.output().replace(/\r\n/g, '\n').trimEnd().split('\n');
      expect(out).toHaveLength(6);
      const starts = out.map((l, i) => {
        expect(stringWidth(l), l).toBeLessThanOrEqual(cols);
        const title = graphemes(TITLES[i])[0];
        return stringWidth(l.slice(0, l.indexOf(title)));
      });
      expect(new Set(starts).size).toBe(1);
    }
  });
});

// ------------------------------------------------------------------ widths terminals disagree on

// Issue "Nothing lost, ever", case 9: soft hyphens, Thai and Devanagari clusters, flags, skin
// tones and ZWJ families are narrower to string-width than terminals draw them, so list rows
// and article lines wrapped in tmux and split the status bar. Checked in two real terminals:
// tmux (its screen, read back) and xterm.js (fed every byte the reader wrote).
const DISPUTED_AUTHORS: Author[] = [
  { id: 'soft', name: 'Zoë\u00ad Nuñez\u00ad-Ångström', bio: 'Soft\u00adhyphen\u00adated bio.', kind: 'person' },
  { id: 'thai', name: 'สมชาย น้ำใจ', bio: 'กำลัง', kind: 'person' },
  { id: 'hindi', name: 'क्षितिज शर्मा', bio: 'हिन्दी', kind: 'person' },
];
const DISPUTED_TITLES = [
  'Soft\u00adhyphen\u00adated head\u00adlines: a\u00adrchive\u00ad ter\u00adminal re\u00adader co\u00adop\u00ader\u00adate at every width we try',
  'ภาษาไทย น้ำ กำลัง คำตอบ ที่นี่ น้ำ กำ กำ กำ กำ กำ กำ กำ กำ กำ กำ กำ กำ กำ กำ กำ กำ กำ กำ กำ กำ กำ',
  'हिन्दी क्षत्रिय स्त्री क्ष क्ष क्ष क्ष क्ष क्ष क्ष क्ष क्ष क्ष क्ष क्ष क्ष क्ष क्ष क्ष क्ष क्ष क्ष',
  'Flags 🇯🇵🇫🇷🇩🇪🇺🇸🇧🇷🇮🇳🇰🇷🇹🇭🇯🇵🇫🇷🇩🇪🇺🇸 and a lone 🇯 in a title long enough to be cut',
  'Skin tones 👍🏻👍🏼👍🏽👍🏾👍🏿 👩🏽‍💻 🧑🏾‍🤝‍🧑🏻 and families 👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦 🏳️‍🌈 in one title',
  'Invisible\u200b zero\u2060width\ufeff, Hangul fillers \u115f\u3164\u115f\u3164, new marks \u0897\u1abf \u0301 and ❤️✌️☺️1️⃣ all in one title',
];

function disputedArchive(): string {
  const articles: HandArticle[] = DISPUTED_TITLES.map((title, i) => ({
    meta: { id: `disputed-${i}`, title, authors: [DISPUTED_AUTHORS[i % 3].id] },
    body: [
      { type: 'paragraph', text: DISPUTED_TITLES.join(' ').repeat(3) },
      { type: 'quote', text: DISPUTED_TITLES[(i + 1) % DISPUTED_TITLES.length] },
    ],
  }));
  return writeArchive(scratch(), articles, DISPUTED_AUTHORS);
}

const LIST_ROW = /^[› ] ● {3}\S/;

describe('characters whose width string-width and terminals disagree on (soft hyphen, Thai, Devanagari, flags, skin tones)', () => {
  let session: PrivateTmux | undefined;
  afterEach(() => {
    session?.kill();
    session = undefined;
  });

  it.skipIf(!hasTmux)(
    'in tmux, at several widths: each list row one row, article lines and status bars whole, nothing wrapped',
    { timeout: 90_000 },
    async () => {
      const dir = disputedArchive();
      for (const cols of [40, 57, 80, 101]) {
        const rows = 14;
        session = new PrivateTmux(`node ${BIN} --archive ${dir}`, cols, rows, { BYLINE_STATE: join(scratch(), 'state.json') });
        const s = session;
        const check = (screen: string, what: string) => {
          // A row that wrapped is two rows on the screen, and one when tmux joins wrapped rows (-J).
          const joined = s
            .tmux('capture-pane', '-p', '-J', '-t', s.name)
            .split('\n')
            .map((l) => l.trimEnd());
          expect(joined, `${what} at ${cols} columns:\n${screen}`).toEqual(s.screen().split('\n'));
        };
        const list = await s.waitFor((x) => x.includes('1/6 · 6 unread'), `the list at ${cols}`);
        const shown = list.split('\n');
        for (let i = 1; i <= 6; i++) expect(shown[i], `${cols}: ${list}`).toMatch(LIST_ROW);
        expect(shown[rows - 2], `${cols}: ${list}`).toMatch(/^1\/6 · 6 unread · \? help +1–6 of 6$/);
        check(list, 'the list');
        for (const [keys, page] of [
          [['Enter'], 1],
          [['Space'], 2],
          [['G'], 0],
        ] as const) {
          s.keys(...keys);
          const article = await s.waitFor(
            (x) => (page ? new RegExp(`page ${page}/\\d+ · \\d+%$`, 'm') : /page (\d+)\/\1 · 100%$/m).test(x),
            `page ${page || 'last'} at ${cols}`,
          );
          expect(article.split('\n')[rows - 2], `${cols}: ${article}`).toMatch(/\S.* page \d+\/\d+ · \d+%$/);
          check(article, `article page ${page || 'last'}`);
        }
        s.keys('a');
        const author = await s.waitFor((x) => x.includes('Articles in the archive'), `the author at ${cols}`);
        check(author, 'the author screen');
        s.kill();
      }
    },
  );

  it(
    'fed to xterm.js (Unicode 6 and 11 tables): every frame the reader wrote, no row wrapped, the status bar on the last row',
    { timeout: 60_000 },
    async () => {
      const dir = disputedArchive();
      const [cols, rows] = [61, 14];
      const run = runPty(['--archive', dir], { cols, rows, env: { BYLINE_STATE: join(scratch(), 'state.json') } });
      const inTerminals = async (what: string, status: RegExp) => {
        for (const version of UNICODE_VERSIONS) {
          const screen = await replay(run.output(), cols, rows, version);
          expect(screen.wrapped, `${what}, Unicode ${version}:\n${screen.rows.join('\n')}`).toEqual([]);
          expect(screen.rows[rows - 2], `${what}, Unicode ${version}:\n${screen.rows.join('\n')}`).toMatch(status);
        }
      };
      await run.waitFor('1/6 · 6 unread', 'the list');
      await inTerminals('the list', /^1\/6 · 6 unread · \? help +1–6 of 6$/);
      for (let i = 0; i < 6; i++) {
        run.term.write('\r');
        await run.waitFor(() => /page 1\/\d+/.test(run.frame().at(-1) ?? ''), `article ${i}`);
        await inTerminals(`article ${i}`, /page 1\/\d+ · \d+%$/);
        run.term.write('\u001b');
        await run.waitFor(() => (run.frame().at(-1) ?? '').includes('unread'), 'the list');
        run.term.write('j');
        await run.waitFor(() => (run.frame().at(-1) ?? '').startsWith(`${Math.min(i + 2, 6)}/6`), 'the next row');
      }
      run.term.write('q');
      expect((await run.exited).exitCode).toBe(0);
    },
  );

  it(
    'random Unicode titles and names in the reader, fed to xterm.js: every page of the list and an article, no row wrapped',
    { timeout: 60_000 },
    async () => {
      const titles = fc.sample(widthTitle, { numRuns: 60, seed: 11 }).map((t, i) => (t.trim() ? t : `title ${i}`));
      const names = fc.sample(widthTitle, { numRuns: 5, seed: 12 }).map((n, i) => (n.trim() ? n : `name ${i}`));
      const authors: Author[] = names.map((name, i) => ({ id: `r${i}`, name, bio: titles[i], kind: 'person' }));
      const dir = writeArchive(
        scratch(),
        titles.map((title, i) => ({
          meta: { id: `r-${i}`, title, authors: [`r${i % 5}`] },
          body: [{ type: 'paragraph', text: titles.slice(i, i + 8).join(' ') }],
        })),
        authors,
      );
      for (const [cols, rows] of [
        [47, 12],
        [83, 20],
      ]) {
        const run = runPty(['--archive', dir], { cols, rows, env: { BYLINE_STATE: join(scratch(), 'state.json') } });
        const noWraps = async (what: string, status = / \d+–\d+ of 60/) => {
          for (const version of UNICODE_VERSIONS) {
            const screen = await replay(run.output(), cols, rows, version);
            expect(screen.wrapped, `${what} at ${cols}×${rows}, Unicode ${version}:\n${screen.rows.join('\n')}`).toEqual([]);
            expect(screen.rows[rows - 2], `${what} at ${cols}×${rows}, Unicode ${version}:\n${screen.rows.join('\n')}`).toMatch(status);
          }
        };
        await run.waitFor('1/60 · 60 unread', 'the list');
        for (let page = 0; page * (rows - 3) < 60; page++) {
          await noWraps(`list page ${page + 1}`);
          const before = run.output().length;
          run.term.write('\u001b[6~');
          await run.waitFor(() => run.output().length > before && / \d+–\d+ of 60/.test(run.frame().at(-1) ?? ''), 'the next page');
        }
        run.term.write('\r');
        await run.waitFor(() => /page 1\/\d+ · \d+%$/.test(run.frame().at(-1) ?? ''), 'an article');
        await noWraps('an article', /page 1\/\d+ · \d+%$/);
        run.term.write('q');
        await run.waitFor(() => (run.frame().at(-1) ?? '').includes('unread'), 'the list');
        run.term.write('q');
        expect((await run.exited).exitCode).toBe(0);
      }
    },
  );

  it.skipIf(!hasTmux)(
    'random Unicode titles, cut and laid out at many widths, printed in tmux: one row per line, none wrapped',
    { timeout: 90_000 },
    async () => {
      const titles = fc.sample(widthTitle, { numRuns: 150, seed: 9 });
      for (const cols of [7, 23, 40, 80]) {
        const lines = titles.flatMap((t, i) => [
          truncateToWidth(visible(t).replace(/\n/g, '␊'), cols), // a title in a list row
          ...layoutArticle({ ...meta({ id: `t${i}`, title: t }), body: [{ type: 'paragraph', text: t }] }, [], cols).map((l) => l.text),
        ]);
        // In pieces that fit tmux's scrollback (2 000 rows).
        for (let from = 0; from < lines.length; from += 1500) {
          const piece = lines.slice(from, from + 1500);
          const file = join(scratch(), `lines-${cols}-${from}.txt`);
          writeFileSync(file, piece.join('\n') + '\nEND\n');
          session = new PrivateTmux(`cat '${file}'`, cols, 10, {});
          const s = session;
          const capture = (...flags: string[]) => s.tmux('capture-pane', '-p', ...flags, '-S', '-', '-E', '-', '-t', s.name).split('\n');
          await s.waitFor(() => capture().includes('END'), `cat at ${cols}`);
          // One screen row per line printed: had a line wrapped, END would come later …
          expect(capture().indexOf('END'), `${cols} columns, lines ${from}…`).toBe(piece.length);
          // … and tmux would join the rows it wrapped.
          expect(capture('-J').map((l) => l.trimEnd())).toEqual(capture());
          s.kill();
        }
      }
    },
  );
});

// ------------------------------------------------------------------ case 12

describe('a 1 MB article and 500-character titles (case 12)', () => {
  let bigDir: string;
  beforeAll(() => {
    const paragraphs = Array.from({ length: 11_000 }, (_, i) => ({
      type: 'paragraph' as const,
      text: `Paragraph ${i} of the longest story in the archive, with words enough to wrap twice.`,
    }));
    const long = (i: number) => `${i} ${'A very long title that never seems to end, '.repeat(12)}`.slice(0, 500);
    const articles: HandArticle[] = [
      { meta: { id: 'huge', title: 'The one-megabyte article' }, body: paragraphs },
      ...Array.from({ length: 1500 }, (_, i) => ({
        meta: { id: `long-${i}`, title: long(i) },
        body: [{ type: 'paragraph' as const, text: 'Short.' }],
      })),
    ];
    bigDir = writeArchive(scratch(), articles);
  });

  it('the 1 MB article is laid out once per width and only one page is rendered, however far you page', { timeout: 60_000 }, async () => {
    const bytes = readFileSync(bodyFile(bigDir, 'huge')).length;
    expect(bytes).toBeGreaterThan(1_000_000);
    const archive = await Archive.open(bigDir);
    const rows = 30;
    const { screen } = await start(archive, 100, rows);
    await screen.waitFor((f) => f.includes('1/1501'), 'the list');
    seen.layouts = 0;
    seen.pageLines = [];
    await screen.press(KEY.enter);
    const first = await screen.waitFor((f) => /page 1\/\d+/.test(f), 'the article');
    const pages = Number(first.match(/page 1\/(\d+)/)![1]);
    expect(pages).toBeGreaterThan(700);
    const layoutsToOpen = seen.layouts;
    // Once (issue 10: opening laid it out twice).
    expect(layoutsToOpen).toBe(1);
    for (let i = 0; i < 25; i++) await screen.press(' ');
    await screen.press('G');
    await screen.waitFor((f) => new RegExp(`page ${pages}/${pages} · 100%`).test(f), 'the last page');
    await screen.press('g');
    await screen.waitFor((f) => f.includes(`page 1/${pages}`), 'the first page');
    // Paging laid nothing out again …
    expect(seen.layouts).toBe(layoutsToOpen);
    // … and no render ever got more than one page of lines.
    expect(seen.pageLines.length).toBeGreaterThan(25);
    expect(Math.max(...seen.pageLines)).toBeLessThanOrEqual(rows - 2);
    // A new width: laid out once more (not once per frame).
    await screen.resize(80, rows);
    await screen.waitFor((f) => /page 1\/\d+/.test(f) && f.split('\n')[0].length <= 80, 'the article at 80 columns');
    for (let i = 0; i < 5; i++) await screen.press(' ');
    expect(seen.layouts - layoutsToOpen).toBeLessThanOrEqual(1);
  });

  it('1 500 titles of 500 characters: only the rows on screen are rendered, each cut to one row', async () => {
    const archive = await Archive.open(bigDir);
    const rows = 24;
    const { screen } = await start(archive, 90, rows);
    await screen.waitFor((f) => f.includes('1/1501'), 'the list');
    const listHeight = rows - 3;
    seen.rows = 0;
    for (let i = 0; i < 10; i++) await screen.press('j');
    await screen.press(KEY.pageDown);
    await screen.press('G');
    const frame = await screen.waitFor((f) => f.includes('1501/1501'), 'the end of the list');
    // 12 keys: a full render of the list would be 12 × 1 501 rows; a window is at most 12 × 21 (× 2 for re-renders).
    expect(seen.rows).toBeLessThanOrEqual(12 * listHeight * 2);
    const shown = frame.split('\n');
    expect(shown).toHaveLength(rows - 1);
    for (const l of shown) expect(stringWidth(l)).toBeLessThanOrEqual(90);
    expect(selected(screen)).toMatch(/^› ● {3}1499 A very long title .*…/);
  });
});

// ------------------------------------------------------------------ case 13

describe('no terminal, or only half of one (case 13)', () => {
  const sh = (script: string, env: Record<string, string> = {}) => runPtyShell(script, env);

  it('`echo | byline` (stdin a pipe, stdout a terminal): the list, no raw mode, no reader', async () => {
    const r = await sh(`echo | node "${BIN}"`);
    expect(r.exitCode).toBe(0);
    expect(r.output).not.toContain('\u001b[?1049h');
    expect(r.output).not.toMatch(/raw mode|Raw mode|stopped|Error/);
    expect(r.output).toContain('Why large enterprises struggle');
    expect(r.output.trimEnd().split('\n')).toHaveLength(6);
  });

  it('`byline > out.txt` (stdout a file): the plain tab-separated list in the file, no escape codes', async () => {
    const out = join(scratch(), 'out.txt');
    const r = await sh(`node "${BIN}" > "${out}"`);
    expect(r.exitCode).toBe(0);
    expect(r.output).not.toContain('\u001b[?1049h');
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(/\u001b/);
    expect(lines(text)).toHaveLength(6);
    for (const l of lines(text)) expect(l.split('\t')).toHaveLength(4);
  });

  for (const [label, env] of [
    ['CI=true', { CI: 'true' }],
    ['CI= (set but empty: Ink would draw nothing)', { CI: '' }],
    ['CONTINUOUS_INTEGRATION=1', { CONTINUOUS_INTEGRATION: '1' }],
  ] as const) {
    it(`${label} byline in a terminal: the plain list, never the reader`, async () => {
      const r = await sh(`node "${BIN}"`, env);
      expect(r.exitCode).toBe(0);
      expect(r.output).not.toContain('\u001b[?1049h');
      expect(r.output).toContain('Why large enterprises struggle');
    });
  }

  it('stdin and stdout both pipes: the plain list', async () => {
    const r = await execa(process.execPath, [BIN], { cwd: ROOT, input: '', reject: false, extendEnv: false, env: cleanEnv() });
    expect(r.exitCode).toBe(0);
    expect(lines(String(r.stdout))).toHaveLength(6);
    expect(String(r.stdout)).not.toMatch(/\u001b/);
  });
});

/** Runs a bash command line inside a pseudo-terminal (so the parts not redirected are a tty). */
function runPtyShell(script: string, env: Record<string, string>): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve, reject) => {
    {
      const term = pty.spawn('bash', ['-c', script], {
        cols: 100,
        rows: 30,
        cwd: ROOT,
        env: { ...readerEnv(), BYLINE_STATE: join(scratch(), 'state.json'), ...env },
      });
      let output = '';
      const timer = setTimeout(() => {
        term.kill();
        reject(new Error(`timed out: ${JSON.stringify(output)}`));
      }, 15_000);
      term.onData((d) => (output += d));
      term.onExit(({ exitCode }) => {
        clearTimeout(timer);
        resolve({ exitCode, output: output.replace(/\r\n/g, '\n') });
      });
    }
  });
}
