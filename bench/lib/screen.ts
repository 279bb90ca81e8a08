// A program in a pseudo-terminal (100×30, as a user's window), its output fed to a real
// terminal emulator (xterm.js headless) so the bench sees the screen a user sees. "On screen"
// means the emulator's screen shows it; the time of that is when the bytes that completed it
// arrived from the pty (the emulator's own parsing is not counted, nothing is slept on).
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import unicode11 from '@xterm/addon-unicode11';
import { readFileSync } from 'node:fs';

export const COLUMNS = 100;
export const ROWS = 30;

export type ScreenTest = (rows: readonly string[]) => boolean;

export interface Session {
  pid: number;
  /** performance.now() just before the spawn. */
  spawnedAt: number;
  /** The screen now, one string per row, right-trimmed. */
  rows(): string[];
  /** Row y's text before its first inverse-video cell (a drawn cursor), untrimmed; undefined when it has none. */
  beforeInverse(y: number): string | undefined;
  /** Row y's text before the terminal's cursor, when the cursor is on row y. */
  beforeCursor(y: number): string | undefined;
  /** Bytes received from the program so far. */
  bytes(): number;
  /** Writes keys; returns performance.now() just before the write. */
  send(keys: string): number;
  /** Resolves with the arrival time (performance.now()) of the output after which the screen
   * passed the test (at once if it passes now); rejects on timeout or exit, with the screen. */
  waitFor(test: ScreenTest, what: string, timeoutMs: number): Promise<number>;
  /** Peak resident memory of the program so far, in MB (Linux /proc; undefined elsewhere or once it exited). */
  peakMB(): number | undefined;
  /** SIGTERM (SIGKILL after 5 s); resolves with the exit code. */
  stop(): Promise<number>;
  exited: Promise<number>;
}

export function spawnSession(file: string, args: string[], env: Record<string, string>): Session {
  const term = new xterm.Terminal({ cols: COLUMNS, rows: ROWS, scrollback: 0, allowProposedApi: true });
  term.loadAddon(new unicode11.Unicode11Addon());
  term.unicode.activeVersion = '11';
  const spawnedAt = performance.now();
  const proc = pty.spawn(file, args, { name: 'xterm-256color', cols: COLUMNS, rows: ROWS, cwd: process.cwd(), env });
  let received = 0;
  let parsedAt = spawnedAt;
  let exitCode: number | undefined;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  proc.onData((data) => {
    const at = performance.now();
    received += Buffer.byteLength(data);
    term.write(data, () => {
      parsedAt = at;
      wake();
    });
  });
  const exited = new Promise<number>((resolve) =>
    proc.onExit(({ exitCode: code }) => {
      // Whatever the program wrote last is parsed before the waiters hear of the exit.
      term.write('', () => {
        exitCode = code;
        wake();
        resolve(code);
      });
    }),
  );
  const rows = () => {
    const buffer = term.buffer.active;
    return Array.from({ length: ROWS }, (_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
  };
  const beforeInverse = (y: number) => {
    const buffer = term.buffer.active;
    const line = buffer.getLine(buffer.viewportY + y);
    if (!line) return undefined;
    for (let x = 0; x < COLUMNS; x++) if (line.getCell(x)?.isInverse()) return line.translateToString(false, 0, x);
    return undefined;
  };
  const beforeCursor = (y: number) => {
    const buffer = term.buffer.active;
    return buffer.cursorY === y ? buffer.getLine(buffer.viewportY + y)?.translateToString(false, 0, buffer.cursorX) : undefined;
  };
  const peakMB = () => {
    try {
      const kb = readFileSync(`/proc/${proc.pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m)?.[1];
      return kb ? Number(kb) / 1024 : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    pid: proc.pid,
    spawnedAt,
    rows,
    beforeInverse,
    beforeCursor,
    bytes: () => received,
    send(keys) {
      const at = performance.now();
      proc.write(keys);
      return at;
    },
    waitFor(test, what, timeoutMs) {
      return new Promise<number>((resolve, reject) => {
        const screen = () => rows().join('\n').trimEnd();
        const finish = (fn: () => void) => {
          waiters.delete(check);
          clearTimeout(timer);
          fn();
        };
        const check = () => {
          if (test(rows())) finish(() => resolve(parsedAt));
          else if (exitCode !== undefined) finish(() => reject(new Error(`exited (${exitCode}) before ${what}; the screen:\n${screen()}`)));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`no ${what} within ${timeoutMs} ms; the screen:\n${screen()}`))),
          timeoutMs,
        );
        waiters.add(check);
        check();
      });
    },
    peakMB,
    exited,
    async stop() {
      if (exitCode !== undefined) return exitCode;
      const kill = (signal: string) => {
        try {
          proc.kill(signal);
        } catch {
          // already gone
        }
      };
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 5000);
      const code = await exited;
      clearTimeout(timer);
      term.dispose();
      return code;
    },
  };
}
