// Issue 10: a burst of keys is exactly the same as the same keys typed slowly — the same
// state and the same screen — because keys go through update one at a time and whatever an
// effect will answer is in before the next key is handled.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { render } from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import { Archive } from '../../src/archive/store.js';
import { UserState } from '../../src/archive/user-state.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import type { SearchEngine } from '../../src/search/engine.js';
import { App } from '../../src/tui/app.js';
import { ReaderView } from '../../src/tui/screens/reader-view.js';
import type { ReaderState } from '../../src/tui/core/types.js';
import type { ReaderStore } from '../../src/tui/runtime/store.js';
import { KEY, renderSized } from '../support/ink.js';
import { startReader } from '../support/reader.js';

let archive: Archive;
let engine: SearchEngine;
beforeAll(async () => {
  archive = await Archive.open('data/protocol');
  engine = searchEngineFor(archive, { bodies: true });
});

/** Everything but the archive itself (the same object in both). */
const comparable = (state: ReaderState) => JSON.stringify({ ...state, data: undefined });
const screenOf = (state: ReaderState) => {
  const drawn = render(<ReaderView state={state} />);
  const frame = stripAnsi(drawn.lastFrame() ?? '');
  drawn.unmount();
  return frame;
};

const KEY_NAMES = [
  'j',
  'k',
  'enter',
  'escape',
  'space',
  'b',
  '/',
  'a',
  'm',
  'u',
  's',
  'B',
  '?',
  'G',
  'g',
  'n',
  'N',
  'h',
  'l',
  'c',
  'i',
  'backspace',
  'down',
  'up',
  'pagedown',
  'ctrl+w',
  'ctrl+n',
  'q',
  'o',
  '|',
  'x',
];

describe('key bursts equal slow typing (issue 10)', () => {
  it('in the store: any keys, all at once or one a tick, end in the same state and screen', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...KEY_NAMES), { minLength: 1, maxLength: 40 }), async (keys) => {
        const burst = await startReader(archive, { engine, columns: 80, rows: 24 });
        const slow = await startReader(archive, { engine, columns: 80, rows: 24 });
        burst.keys(...keys);
        for (const key of keys) {
          slow.keys(key);
          await new Promise((resolve) => setTimeout(resolve, 0)); // the search runs on its own, as after a frame
        }
        burst.store.settle();
        slow.store.settle();
        expect(comparable(burst.state())).toBe(comparable(slow.state()));
        expect(screenOf(burst.state())).toBe(screenOf(slow.state()));
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  // What Ink reads from a terminal: one write of many keys (as fast typing or a paste
  // arrives), or one write a key. A lone Esc is left out: in one read, Esc and the next key
  // are Alt+key, in every terminal program.
  const TERMINAL_KEYS = [
    'j',
    'k',
    KEY.enter,
    ' ',
    'b',
    '/',
    'a',
    'm',
    'u',
    's',
    'B',
    '?',
    'G',
    'g',
    'n',
    'h',
    'l',
    'x',
    'w',
    KEY.backspace,
    KEY.down,
    KEY.up,
    KEY.pageDown,
    KEY.ctrlN,
  ];

  it('through Ink: one write of many keys and one write a key end in the same state and frame', async () => {
    const mount = async () => {
      const userState = await UserState.load(join(mkdtempSync(join(tmpdir(), 'byline-burst-')), 'state.json'));
      const storeRef: { current?: ReaderStore } = {};
      const screen = await renderSized(
        <App archive={archive} userState={userState} engine={engine} onQuit={() => {}} storeRef={storeRef} />,
        80,
        24,
      );
      return { screen, store: () => storeRef.current! };
    };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...TERMINAL_KEYS), { minLength: 2, maxLength: 16 }), async (keys) => {
        const burst = await mount();
        const slow = await mount();
        try {
          await burst.screen.press(keys.join(''));
          await slow.screen.press(...keys);
          burst.store().settle();
          slow.store().settle();
          await burst.screen.press('');
          await slow.screen.press('');
          expect(comparable(burst.store().getState())).toBe(comparable(slow.store().getState()));
          expect(burst.screen.frame()).toBe(slow.screen.frame());
        } finally {
          burst.screen.unmount();
          slow.screen.unmount();
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
