// The reader without a terminal: the real update, store and runner over a real archive, with
// the outside world (clipboard, programs, quitting) replaced by recorders.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Archive } from '../../src/archive/store.js';
import { UserState } from '../../src/archive/user-state.js';
import type { SearchEngine } from '../../src/search/engine.js';
import { initialState } from '../../src/tui/core/update.js';
import { createRunner, type Services } from '../../src/tui/runtime/runner.js';
import { MarkSaver } from '../../src/tui/runtime/saver.js';
import { ReaderStore } from '../../src/tui/runtime/store.js';
import type { ReaderData, ReaderState } from '../../src/tui/core/types.js';

export interface Reader {
  store: ReaderStore;
  userState: UserState;
  saver: MarkSaver;
  quits: number[];
  outside: string[];
  state(): ReaderState;
  /** Key names as the keymap writes them ("j", "enter", "escape", "space"); one character types. */
  keys(...names: string[]): void;
  type(text: string): void;
}

const TYPED: Record<string, string> = { space: ' ' };

/** Over an archive read whole, or over what the reader of a big one is shown (its catalog,
 * with `services.holding` reading articles through the id lookup). */
export async function startReader(
  archive: ReaderData,
  options: { engine?: SearchEngine | null; statePath?: string; columns?: number; rows?: number; services?: Partial<Services> } = {},
): Promise<Reader> {
  const statePath = options.statePath ?? join(mkdtempSync(join(tmpdir(), 'byline-reader-')), 'state.json');
  const userState = await UserState.load(statePath);
  const saver = new MarkSaver(userState, 60_000);
  const quits: number[] = [];
  const outside: string[] = [];
  const engine = options.engine ?? null;
  const runner = createRunner({
    holding: () => (archive instanceof Archive ? archive : undefined),
    saver,
    engine: () => engine,
    onQuit: (code) => void quits.push(code),
    openUrl: (url) => (outside.push(`open ${url}`), `Opening ${url}`),
    copy: (text) => (outside.push(`copy ${text}`), 'to the test'),
    pipe: (text, command) => (outside.push(`pipe ${command} ${text.length}`), `| ${command}: exit 0`),
    edit: (markdown, name) => (outside.push(`edit ${name} ${markdown.slice(0, 20)}`), 'editor: exit 0'),
    ...options.services,
  });
  const state = initialState(archive, {
    marks: userState.marks(),
    size: { columns: options.columns ?? 100, rows: options.rows ?? 30 },
    engine: engine ? { status: 'ready' } : undefined,
  });
  const store = new ReaderStore(state, runner);
  return {
    store,
    userState,
    saver,
    quits,
    outside,
    state: () => store.getState(),
    keys: (...names) => {
      for (const name of names) store.send({ type: 'key', name, text: TYPED[name] ?? ([...name].length === 1 ? name : '') });
    },
    type: (text) => {
      for (const ch of text) store.send({ type: 'key', name: ch === ' ' ? 'space' : ch, text: ch });
    },
  };
}
