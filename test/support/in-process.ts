// Running byline in this process, through src/main.ts as the built CLI runs it, with its output
// captured: fast (no node start-up, no bundle) and counted by coverage. What only a real process
// shows (pipes, signals, a terminal, start-up) stays in the e2e tests, which spawn the built bin
// (see cli.ts).
import { main, PROGRESS_LINE } from '../../src/main.js';
import type { Run } from './cli.js';

export interface InProcessRun extends Run {
  /** What the command drew as a progress line, in order (null: cleared). */
  progress: (string | null)[];
}

export interface InProcessOptions {
  /** What the process environment would hold: BYLINE_ARCHIVE, NO_COLOR (XDG_DATA_HOME is the test file's own). */
  env?: Record<string, string | undefined>;
  /** Output to a terminal of this many columns (piped when absent). */
  columns?: number;
  /** The archive read until the library exists (the bundled Protocol archive unless set). */
  bundled?: string;
  /** A terminal to ask on (`byline rm` without --yes): gets the question, gives the line typed.
   * Absent: no terminal, as in a pipe. */
  ask?: (question: string) => Promise<string | undefined>;
}

/** Runs `byline ARGV…` in-process, through the same main() as the built CLI (flags by meow,
 * messages, exit codes); never rejects, as the CLI never crashes. */
export async function runInProcess(argv: string[], options: InProcessOptions = {}): Promise<InProcessRun> {
  const env = { ...process.env, BYLINE_ARCHIVE: undefined, NO_COLOR: undefined, ...options.env } as NodeJS.ProcessEnv;
  const isTTY = options.columns !== undefined;
  let stdout = '';
  let stderr = '';
  const progress: (string | null)[] = [];
  const exitCode = await main({
    argv,
    env,
    stdout: { isTTY, columns: options.columns ?? 80, write: (text) => void (stdout += text) },
    stderr: {
      isTTY,
      write: (text) => {
        if (!text.startsWith(PROGRESS_LINE)) stderr += text;
        else progress.push(text.length > PROGRESS_LINE.length ? text.slice(PROGRESS_LINE.length) : null);
      },
    },
    // Never the reader: with no command, the list is printed.
    stdinIsTTY: false,
    bundled: options.bundled,
    ask: options.ask,
  });
  return { exitCode, stdout, stderr, progress };
}
