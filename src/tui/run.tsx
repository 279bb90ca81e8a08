// Starting and stopping the reader in a real terminal: alternate screen in, and on every
// way out (q, Ctrl-c, SIGTERM, SIGHUP, a crash) the terminal exactly as it was.
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import type { SearchEngine } from '../search/engine.js';
import { render } from 'ink';
import { defaultStatePath, UserState } from '../archive/user-state.js';
import type { Context } from '../commands/context.js';
import { App, type AppProps } from './app.js';
import { visible } from '../text/visible.js';
import { clipboard, openInEditor, pipeTo, type Terminal } from './runtime/outside.js';

const ENTER_ALT = '\u001b[?1049h\u001b[H';
const LEAVE_ALT = '\u001b[?25h\u001b[?1049l';

/** Opens http(s) URLs with the desktop opener, as an argument list: no shell. */
function openUrl(url: string): string {
  try {
    const child = spawn(process.platform === 'darwin' ? 'open' : 'xdg-open', [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return `Opening ${url}`;
  } catch {
    return url;
  }
}

/** The reader's ways out of itself (issue 10, section 3): the clipboard, and programs that
 * get the terminal while they run; afterwards Ink draws the whole frame again. */
function outsideServices(instance: () => { clear(): void } | undefined): NonNullable<AppProps['services']> {
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
  return { openUrl, copy: clipboard(terminal), pipe: pipeTo(terminal), edit: openInEditor(terminal) };
}

export async function runReader(ctx: Context): Promise<number> {
  // The reader only reads: lean, without the leads in memory (see Archive.open).
  const archive = await ctx.openArchive({ lean: true });
  const userState = await UserState.load(ctx.flags.state ?? defaultStatePath());
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

  return new Promise<number>((resolve) => {
    let done = false;
    const finish = (code: number) => {
      if (done) return;
      done = true;
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
    const services = outsideServices(() => instance);
    const app = (engine: SearchEngine | null, engineError?: string) => (
      <App archive={archive} userState={userState} engine={engine} engineError={engineError} onQuit={finish} services={services} stopRef={stop} title={`byline · ${basename(archive.dir)}`} />
    );
    const instance = render(app(null), {
      exitOnCtrlC: false,
      patchConsole: true,
      incrementalRendering: false,
    });
    // The search index is built after the first frame, in slices, so start-up stays instant.
    setImmediate(() => {
      import('../archive/searchable.js').then(({ searchEngineForAsync }) => searchEngineForAsync(archive)).then(
        (engine) => !done && instance.rerender(app(engine)),
        (error: Error) => !done && instance.rerender(app(null, error.message)),
      );
    });
    // Through the reader, so the open article's place is saved first.
    const stopWith = (code: number) => (stop.current ? stop.current(code) : finish(code));
    process.once('SIGTERM', () => stopWith(143));
    process.once('SIGHUP', () => stopWith(129));
    process.once('SIGINT', () => stopWith(130));
    process.once('exit', restore);
    process.once('uncaughtException', (error) => {
      restore();
      process.stderr.write(`byline: the reader stopped: ${error.message}${ctx.flags.debug ? `\n${error.stack}` : ''}\n`);
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
