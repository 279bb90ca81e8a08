// Starting and stopping the reader in a real terminal: alternate screen in, and on every
// way out (q, Ctrl-c, SIGTERM, SIGHUP, a crash) the terminal exactly as it was; the same
// while suspended (Ctrl-z), taken back and redrawn when continued (suspend.ts).
import { basename } from 'node:path';
import { firstScreenIfSound, readAgain, readTheRestOrWhole, rehearse, searchWhole, type Shown } from './runtime/progressive.js';
import { useEffect } from 'react';
import { render, useStdout } from 'ink';
import { defaultStatePath, UserState } from '../archive/user-state.js';
import { readerAccess, type Archive, type CatalogReading, type OpenOptions } from '../archive/index.js';
import { App, type AppProps } from './app.js';
import { visible } from '../text/visible.js';
import { handleSuspend } from './suspend.js';
import { openInBrowser } from './open-url.js';
import { clipboard, openInEditor, pipeTo, type Terminal } from './runtime/outside.js';
import { loadWidths } from '../text/width.js';
import type { WriteAccess } from './runtime/writer.js';

const ENTER_ALT = '\u001b[?1049h\u001b[H';
const LEAVE_ALT = '\u001b[?25h\u001b[?1049l';
// Ink hides the cursor once, at its first frame; back from a suspend, hide it again.
const HIDE_CURSOR = '\u001b[?25l';

/** Ink's own stdout writer (useStdout, its public API): whatever is written through it, Ink
 * then draws its last frame again, whole — which is the redraw a suspend needs. */
function RedrawHandle({ onReady }: { onReady: (redraw: () => void) => void }) {
  const { write } = useStdout();
  useEffect(() => onReady(() => write('')), [write, onReady]);
  return null;
}

/** The reader's ways out of itself (issue 10, section 3): the browser, the clipboard, and
 * programs that get the terminal while they run; afterwards Ink draws the whole frame again. */
function outsideServices(
  instance: () => { clear(): void } | undefined,
  whenQuiet: (work: () => void) => void,
): NonNullable<AppProps['services']> {
  const terminal: Terminal = {
    release: () => {
      process.stdin.setRawMode?.(false);
      process.stdout.write(LEAVE_ALT);
    },
    reclaim: () => {
      process.stdout.write(ENTER_ALT);
      process.stdin.setRawMode?.(true);
      instance()?.clear();
    },
    write: (text) => void process.stdout.write(text),
  };
  const openUrl = (url: string, failed: (why: string) => void) => {
    openInBrowser(url, failed);
    return `Opening ${url}`;
  };
  return { openUrl, copy: clipboard(terminal, process.env, whenQuiet), pipe: pipeTo(terminal), edit: openInEditor(terminal) };
}

/** Writing for the reader: the archive opened for each write, and read again after it. */
function writeAccess(open: NonNullable<ReaderOptions['openForWriting']>, readAgain: (dir: string) => Promise<void>): WriteAccess {
  return {
    open: async () => {
      let note: string | undefined;
      const archive = await open((text) => (note = text));
      return { archive, note };
    },
    written: readAgain,
  };
}

/** What the reader needs from the command line: the archive to read, where its own state is
 * kept, and whether errors show their stack. */
export interface ReaderOptions {
  /** The archive's folder: a big one is read through its catalog, the first screen first. */
  archiveDir?: string;
  openArchive(options: OpenOptions): Promise<Archive>;
  /** Opens the archive for one write (D, U, t): where the reader shows the bundled archive,
   * the user's library is made first, as a copy of it, and `notice` hears that. Without it
   * the reader does not write. */
  openForWriting?(notice: (text: string) => void): Promise<Archive>;
  statePath?: string;
  debug: boolean;
}

/** The archive to show: a big one's catalog, read a screenful first; else index.json whole
 * (lean: without the leads in memory, see Archive.open). */
async function openForReading(options: ReaderOptions): Promise<{ catalog?: CatalogReading; archive?: Archive }> {
  const dir = options.archiveDir;
  const catalog = dir === undefined ? undefined : (await readerAccess()).CatalogReading.open(dir);
  if (catalog || dir === undefined) return { catalog };
  return { archive: await options.openArchive({ lean: true }) };
}

/** Keys paused this long: the reader is idle, and loads what it may need later. */
const QUIET_MS = 1000;

/** After a key, the loading of a big archive waits this long for the next: typing goes first. */
const TYPING_HOLD_MS = 150;

/** Frames a second Ink may draw (its default is 30). */
export const MAX_FPS = 120;

export async function runReader(options: ReaderOptions): Promise<number> {
  const [opened] = await Promise.all([openForReading(options), loadWidths()]);
  // Before the alternate screen: a catalog whose first lines do not check is not used.
  const first = opened.catalog && firstScreenIfSound(opened.catalog);
  const archive = first ? undefined : (opened.archive ?? (await options.openArchive({ lean: true })));
  const userState = await UserState.load(options.statePath ?? defaultStatePath());
  if (userState.warning) process.stderr.write(`byline: ${visible(userState.warning)}\n`);

  const stdout = process.stdout;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      process.stdin.setRawMode?.(false);
    } catch {
      // stdin already gone
    }
    stdout.write(LEAVE_ALT);
  };

  let redraw = () => undefined as void;
  const suspender = handleSuspend({
    leave: () => {
      process.stdin.setRawMode?.(false);
      stdout.write(LEAVE_ALT);
    },
    enter: () => {
      stdout.write(ENTER_ALT + HIDE_CURSOR);
      process.stdin.setRawMode?.(true);
    },
    redraw: () => {
      // Resized while stopped, the terminal told the shell (which had it then), not us. Ask
      // as it would have: on SIGWINCH Node reads the size, and if it changed emits 'resize'
      // (Ink and the reader lay out again); draw after that, never the old frame's width.
      process.once('SIGWINCH', () => redraw());
      process.kill(process.pid, 'SIGWINCH');
    },
  });

  return new Promise<number>((resolve) => {
    let done = false;
    const finish = (code: number) => {
      if (done) return;
      done = true;
      suspender.dispose();
      instance.unmount();
      restore();
      void userState.flush().then(() => {
        // The status bar said "⚠ state: see stderr": now that the screen is back, say what.
        if (userState.saveError) process.stderr.write(`byline: ${visible(userState.saveError)}\n`);
        resolve(code);
      });
    };
    stdout.write(ENTER_ALT);
    // Raw mode before the first frame, so keys typed during start-up are kept, not echoed.
    process.stdin.setRawMode?.(true);
    const stop: NonNullable<AppProps['stopRef']> = {};
    let keyAt = -Infinity;
    const onKey = () => (keyAt = performance.now());
    // Work that can wait (loading a module for later) runs once keys have paused a while.
    const whenQuiet = (work: () => void) => {
      const check = () => {
        const wait = keyAt + QUIET_MS - performance.now();
        if (wait <= 0) work();
        else setTimeout(check, wait).unref();
      };
      setTimeout(check, QUIET_MS).unref();
    };
    let dir = archive?.dir ?? opened.catalog!.dir;
    // Each reading of the archive (at start, then again after each write) has its number: the
    // loading of an older one stops, and what it would still show is dropped.
    let reading = 0;
    const typing = () => Math.max(0, keyAt + TYPING_HOLD_MS - performance.now());
    const showFor = (which: number) => (next: Shown) => {
      if (which === reading) show(next);
    };
    const services = {
      ...outsideServices(() => instance, whenQuiet),
      write: options.openForWriting && writeAccess(options.openForWriting, (to) => rereadArchive(to, ++reading)),
    };
    let shown: Shown = first || { data: archive!, engine: null };
    const app = ({ data, holding, loading, engine, engineError }: Shown) => (
      <>
        <App
          archive={data}
          holding={holding}
          loading={loading}
          userState={userState}
          engine={engine}
          engineError={engineError}
          onQuit={finish}
          onSuspend={suspender.suspend}
          onKey={onKey}
          services={services}
          stopRef={stop}
          title={`byline · ${basename(dir)}`}
        />
        <RedrawHandle onReady={(fn) => (redraw = fn)} />
      </>
    );
    const instance = render(app(shown), {
      exitOnCtrlC: false,
      patchConsole: true,
      incrementalRendering: false,
      // Ink draws at most maxFps frames a second, and a frame asked for sooner waits for the
      // next slot: at its default (30) a key's results could wait a whole slot after the frame
      // that drew the key. One frame a key is all byline draws, so the cap only has to stop a
      // flood (a held key).
      maxFps: MAX_FPS,
    });
    setTimeout(() => rehearse(shown.engine), 0);
    const show = (next: Shown) => {
      shown = next;
      if (!done) instance.rerender(app(next));
    };
    if (first)
      void readTheRestOrWhole(opened.catalog!, first, showFor(0), () => options.openArchive({ lean: true }), {
        stopped: () => done || reading !== 0,
        typing,
      });
    else setImmediate(() => void searchWhole(archive!, showFor(0)));
    /** After a write: the archive read again, as at start (see readAgain). */
    async function rereadArchive(to: string, which: number): Promise<void> {
      const { Archive } = await readerAccess();
      dir = to;
      await readAgain(to, showFor(which), () => Archive.open(to, { lean: true }), { stopped: () => done || reading !== which, typing });
    }
    // Through the reader, so the open article's place is saved first.
    const stopWith = (code: number) => (stop.current ? stop.current(code) : finish(code));
    process.once('SIGTERM', () => stopWith(143));
    process.once('SIGHUP', () => stopWith(129));
    process.once('SIGINT', () => stopWith(130));
    process.once('exit', restore);
    process.once('uncaughtException', (error) => {
      restore();
      process.stderr.write(`byline: the reader stopped: ${error.message}${options.debug ? `\n${error.stack}` : ''}\n`);
      process.exit(1);
    });
    instance.waitUntilExit().catch((error: Error) => {
      restore();
      process.stderr.write(`byline: the reader stopped: ${error.message}\n`);
      if (!done) {
        done = true;
        resolve(1);
      }
    });
  });
}
