// The reader's shell: makes the store, feeds it keys, sizes and the search engine, and draws
// the state. Everything the reader does is in model/update.ts; everything it touches is in
// runtime/runner.ts.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useInput } from 'ink';
import type { Archive } from '../archive/index.js';
import type { UserState } from '../archive/user-state.js';
import type { SearchEngine } from '../search/engine.js';
import type { KeyEvent } from './keymap.js';
import { initialState } from './core/update.js';
import { keyPresses } from './runtime/keys.js';
import { createRunner, type Services } from './runtime/runner.js';
import { MarkSaver } from './runtime/saver.js';
import { ReaderStore } from './runtime/store.js';
import { ReaderView } from './screens/reader-view.js';
import type { ReaderData } from './core/types.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  /** The archive as the list shows it: read whole, or (a big one) its catalog as far as it
   * is read so far — a new object each time more is read. */
  archive: ReaderData;
  /** An archive holding one article whole; by default `archive` itself (read whole). */
  holding?: (id: string) => Archive | undefined;
  /** How far the reading of a big archive is; null or absent once it is all read. */
  loading?: { loaded: number; total: number } | null;
  userState: UserState;
  /** The engine for search as you type; null while it is still being built. */
  engine: SearchEngine | null;
  /** Why the engine could not be built. */
  engineError?: string;
  onQuit: (code: number) => void;
  /** Ctrl-z: give the terminal back and stop, as full-screen programs do (see run.tsx). */
  onSuspend?: () => void;
  /** Each key as it comes (before the reader handles it): the loading of a big archive holds off. */
  onKey?: () => void;
  title?: string;
  /** What the reader does outside itself (open a URL, copy, run a program, write the archive). */
  services?: Pick<Services, 'openUrl' | 'copy' | 'pipe' | 'edit' | 'write'>;
  /** Filled with a function that stops the reader as a signal would: saves, then quits. */
  stopRef?: { current?: (code: number) => void };
  /** Filled with the store, for tests that look at the state. */
  storeRef?: { current?: ReaderStore };
}

function useReaderStore(
  { archive, holding, loading = null, userState, engine, onQuit, title = 'byline', services }: AppProps,
  size: { columns: number; rows: number },
): ReaderStore {
  const [store] = useState(() => {
    const saver = new MarkSaver(userState);
    const current = { engine, archive, holding, title };
    // The newest: after a write the archive is read again, and the runner reads articles from that.
    const holder = (id: string) => (current.holding ? current.holding(id) : (current.archive as Archive));
    const runner = createRunner({ holding: holder, saver, engine: () => current.engine, onQuit, ...services });
    const state = initialState(archive, {
      title,
      marks: userState.marks(),
      size,
      engine: engine ? { status: 'ready' } : undefined,
      stateWarning: saver.warning,
      loading,
    });
    return Object.assign(new ReaderStore(state, runner), { current });
  });
  useEffect(() => {
    const ready = engine && store.current.engine !== engine;
    const wasReady = store.current.engine !== null;
    if (ready) store.current.engine = engine;
    store.current.holding = holding;
    const retitled = store.current.title !== title;
    store.current.title = title;
    if (store.current.archive !== archive || retitled || (ready && wasReady)) {
      // More of the archive, or all of it read again after a write, or a new engine for it: the
      // list is the new one and a search shown is run again.
      store.current.archive = archive;
      store.send({ type: 'data', data: archive, loading, ...(retitled ? { title } : {}) });
      if (ready && wasReady) return;
    }
    if (ready) store.send({ type: 'engine', status: { status: 'ready' } });
  }, [store, engine, archive, loading, holding, title]);
  return store;
}

export function App(props: AppProps) {
  const size = useTerminalSize();
  const store = useReaderStore(props, size);
  const { engineError, stopRef, storeRef, onSuspend, onKey } = props;
  useEffect(() => {
    if (engineError) store.send({ type: 'engine', status: { status: 'failed', error: engineError } });
  }, [store, engineError]);
  useEffect(() => {
    store.send({ type: 'resize', columns: size.columns, rows: size.rows });
  }, [store, size]);
  useEffect(() => {
    if (stopRef) stopRef.current = (code) => store.send({ type: 'stop', code });
    if (storeRef) storeRef.current = store;
  }, [store, stopRef, storeRef]);
  const onInput = useCallback(
    (input: string, key: KeyEvent) => {
      // Ctrl-z is the terminal's, not the reader's: it never reaches the keymap.
      if (key.ctrl && input === 'z') return onSuspend?.();
      onKey?.();
      for (const press of keyPresses(input, key)) store.send({ type: 'key', ...press });
    },
    [store, onSuspend, onKey],
  );
  useInput(onInput);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  return <ReaderView state={state} />;
}
