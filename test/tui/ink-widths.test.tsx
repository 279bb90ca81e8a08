// Ink lays out, cuts and wraps text by string-width; byline cuts every row by the widths
// terminals draw (src/text/width.ts), which for the text it lets through are never less. So a
// row byline has cut to the width is within the width for Ink too, and Ink passes it on as it
// is: what byline laid out is what reaches the terminal. Ink is used as published (no width
// swapped in at build time), so these in-process renders are what the bundle draws. The tests
// fail where the two disagree in the way that matters: Ink finding a row wider than byline
// does (it would cut or wrap it again), or a row reaching Ink that byline has not cut (Ink's
// cut, by string-width, lets a row run past the edge in terminals that draw it wider).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Author } from '../../src/model/schema.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import { Archive } from '../../src/archive/store.js';
import { UserState } from '../../src/archive/user-state.js';
import { visibleLine } from '../../src/text/visible.js';
import { clusterWidth, loadWidths } from '../../src/text/width.js';
import { displayWidth, truncateToWidth, wrapText } from '../../src/text/wrap.js';
import { App } from '../../src/tui/app.js';
import { writeArchive } from '../support/hardening.js';
import { KEY, renderSized, type Screen } from '../support/ink.js';
import { DISPUTED, widthTitle } from '../support/unicode.js';

// The reader loads string-width as it starts (runReader): the screens here are drawn without it.
beforeAll(loadWidths);

const shown = fc
  .oneof(
    widthTitle,
    fc.constantFrom(...DISPUTED).map((d) => d.repeat(30)),
  )
  .map(visibleLine);

describe('byline never measures a row narrower than Ink does', () => {
  // string-width costs ~20 µs a call, so it is asked only where it could say more: never for a
  // code point byline gives 2 columns (string-width gives one code point at most 2), nor an
  // unassigned or private-use one (both take their width from get-east-asian-width alone).
  it(
    'each assigned code point byline lets through: at least as wide to byline as to string-width (exhaustive)',
    { timeout: 60_000 },
    () => {
      const narrower: string[] = [];
      const skip = /^[\p{Cn}\p{Co}\p{Cs}]$/u;
      for (let cp = 0; cp <= 0x10ffff; cp++) {
        const ch = String.fromCodePoint(cp);
        if (skip.test(ch) || visibleLine(ch) !== ch) continue;
        // One code point is one cluster: its width is clusterWidth's, without the segmenter.
        const own = clusterWidth(ch);
        if (own < 2 && own < stringWidth(ch)) narrower.push(`U+${cp.toString(16)}: byline ${own}, string-width ${stringWidth(ch)}`);
      }
      expect(narrower).toEqual([]);
    },
  );

  it('text of disputed clusters: as a whole, cut and wrapped (property)', () => {
    fc.assert(
      fc.property(shown, fc.integer({ min: 2, max: 90 }), (text, width) => {
        expect(stringWidth(text)).toBeLessThanOrEqual(displayWidth(text));
        expect(stringWidth(truncateToWidth(text, width))).toBeLessThanOrEqual(width);
        for (const line of wrapText(text, width)) expect(stringWidth(line)).toBeLessThanOrEqual(width);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Ink draws a row byline has cut exactly as it is', () => {
  it('neither cuts nor wraps it, whatever the characters (property)', () => {
    fc.assert(
      fc.property(
        shown,
        fc.integer({ min: 1, max: 90 }),
        fc.constantFrom('truncate', 'wrap') as fc.Arbitrary<'truncate' | 'wrap'>,
        (text, width, wrap) => {
          const row = truncateToWidth(text, width);
          const { lastFrame, unmount } = render(
            <Box width={width} height={1}>
              <Text wrap={wrap}>{row}</Text>
            </Box>,
          );
          try {
            expect(lastFrame()).toBe(row.trimEnd());
          } finally {
            unmount();
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ------------------------------------------------------------------ every screen of the reader

const SKIN = '👍🏽'.repeat(30);
const THAI = 'กำ'.repeat(40);
// Bidi and C1 controls are shown as "<U+202E>": eight columns where the raw text had one.
const LONG = `${SKIN} ${THAI} 👨‍👩‍👧‍👦👨‍👩‍👧‍👦 क्षक्षक्ष ${'\u00ad'.repeat(3)}\u202e\u0085\u202e\u0085\u202e\u0085 end`;
const AUTHORS: Author[] = [{ id: 'wide', name: `${SKIN} Name`, handle: `@${THAI}`, bio: LONG, kind: 'person' }];

function disputedArchive(): string {
  const titles = [`Skin tones ${SKIN}`, `Thai ${THAI}`, LONG];
  return writeArchive(
    mkdtempSync(join(tmpdir(), 'byline-ink-widths-')),
    titles.map((title, i) => ({
      meta: { id: `w-${i}`, title, dek: LONG, authors: ['wide'] },
      body: [{ type: 'paragraph', text: `${LONG} `.repeat(5) }],
    })),
    AUTHORS,
  );
}

let screens: Screen[] = [];
afterEach(() => {
  for (const s of screens) s.unmount();
  screens = [];
});

/** Every row of the frame fits the width as the widest terminal draws it, and the frame is
 * one terminal row short of the screen (Ink's last line ends without a line feed). */
function expectRowsFit(frame: string, columns: number, rows: number, what: string): void {
  const lines = frame.split('\n');
  for (const line of lines)
    expect(displayWidth(line), `${what} at ${columns} columns: ${JSON.stringify(line)}\n${frame}`).toBeLessThanOrEqual(columns);
  expect(lines.length, `${what} at ${columns} columns:\n${frame}`).toBeLessThanOrEqual(rows - 1);
}

describe('the reader hands Ink only rows it has cut to the width', () => {
  for (const columns of [40, 80]) {
    it(
      `list, search (typed, no matches, hits), article find and pipe, author, authors, help at ${columns} columns`,
      { timeout: 60_000 },
      async () => {
        const rows = 24;
        const archive = await Archive.open(disputedArchive());
        const userState = await UserState.load(join(mkdtempSync(join(tmpdir(), 'byline-ink-widths-')), 'state.json'));
        const screen = await renderSized(
          <App
            archive={archive}
            userState={userState}
            engine={searchEngineFor(archive, { bodies: true })}
            onQuit={vi.fn()}
            title={`byline · ${SKIN}`}
          />,
          columns,
          rows,
        );
        screens.push(screen);
        const check = async (what: string, ready: (f: string) => boolean) =>
          expectRowsFit(await screen.waitFor(ready, what), columns, rows, what);

        await check('the list', (f) => f.includes('3 unread'));
        await screen.press('/');
        await screen.type(SKIN);
        await check('a search with no matches', (f) => f.includes('0 hits'));
        await screen.press('\u0017'); // ctrl+w clears the line
        await screen.type('end');
        await check('search hits with their deks', (f) => /\d hits?/.test(f));
        await screen.press(KEY.escape, KEY.escape);
        await screen.waitFor((f) => f.includes('3 unread'), 'the list again');
        await screen.press(KEY.enter);
        await check('the article', (f) => /page 1\/\d+/.test(f));
        await screen.press('/');
        await screen.type(THAI);
        await check('find in the article', (f) => !/page 1\/\d+/.test(f));
        await screen.press(KEY.escape, '|');
        await screen.type(SKIN);
        await check('the pipe prompt', (f) => f.includes('👍'));
        await screen.press(KEY.escape, 'a');
        await check('the author', (f) => f.includes('Articles in the archive'));
        await screen.press(KEY.escape, KEY.escape);
        await screen.waitFor((f) => /\d unread/.test(f), 'the list again');
        await screen.press('a');
        await check('the authors', (f) => f.includes('Authors (1)'));
        await screen.press('?');
        await check('the help', (f) => f.includes('byline keys'));
      },
    );
  }
});
