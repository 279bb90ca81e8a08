// Running a program in a pseudo-terminal (100×30) and timing what it draws.
import pty from '@lydell/node-pty';
import { readFileSync } from 'node:fs';
import { terminalEnv } from './env.js';

export interface PtyRun {
  pid: number;
  /** Everything written so far (with escape sequences). */
  output(): string;
  /** Resolves with ms since spawn when the output (after `from`) matches; rejects after timeoutMs. */
  waitFor(match: string | RegExp, timeoutMs: number, from?: number): Promise<number>;
  write(data: string): void;
  /** Sends the signal and waits for the exit (SIGKILL after 5 s). */
  stop(signal?: string): Promise<number>;
  exited: Promise<number>;
}

export function spawnPty(file: string, args: string[], env: Record<string, string> = {}, cwd = process.cwd()): PtyRun {
  const started = performance.now();
  const term = pty.spawn(file, args, { name: 'xterm-256color', cols: 100, rows: 30, cwd, env: terminalEnv(env) });
  let output = '';
  const waiters = new Set<() => void>();
  term.onData((d) => {
    output += d;
    for (const w of [...waiters]) w();
  });
  let exitCode: number | undefined;
  const exited = new Promise<number>((resolve) =>
    term.onExit(({ exitCode: code }) => {
      exitCode = code;
      for (const w of [...waiters]) w();
      resolve(code);
    }),
  );
  const test = (text: string, m: string | RegExp) => (typeof m === 'string' ? text.includes(m) : m.test(text));
  return {
    pid: term.pid,
    output: () => output,
    write: (data) => term.write(data),
    exited,
    waitFor(match, timeoutMs, from = 0) {
      return new Promise<number>((resolve, reject) => {
        let done = false;
        const finish = (fn: () => void) => {
          if (done) return;
          done = true;
          waiters.delete(check);
          clearTimeout(timer);
          fn();
        };
        const check = () => {
          const now = performance.now();
          if (test(output.slice(from), match)) finish(() => resolve(now - started));
          else if (exitCode !== undefined) finish(() => reject(new Error(`exited with ${exitCode} before "${match}" appeared; last output: ${JSON.stringify(output.slice(-300))}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no "${match}" within ${timeoutMs} ms; last output: ${JSON.stringify(output.slice(-300))}`))), timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (exitCode !== undefined) return exitCode;
      try {
        term.kill(signal);
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          term.kill('SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Time from spawn until `marker` is drawn; the process is then stopped (or awaited, if it exits by itself). */
export async function timeToText(file: string, args: string[], marker: string | RegExp, env: Record<string, string> = {}, timeoutMs = 60000): Promise<number> {
  const run = spawnPty(file, args, env);
  try {
    return await run.waitFor(marker, timeoutMs);
  } finally {
    await run.stop();
  }
}

/** Peak and current resident set of a live process, in MB (Linux /proc). */
export function memoryOf(pid: number): { peakMB: number; rssMB: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? Number.NaN);
    return { peakMB: kb('VmHWM') / 1024, rssMB: kb('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}
