// Driving the built binary in a real terminal (tmux), reading the screen as a person sees it.
import { execFileSync } from 'node:child_process';

export const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let counter = 0;

/** Reads a screen until it satisfies the predicate, or fails with what it last showed. */
export async function pollScreen(
  read: () => string,
  predicate: (screen: string) => boolean,
  what: string,
  timeout: number,
): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const s = read();
    if (predicate(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export class TmuxSession {
  readonly name = `byline-test-${process.pid}-${++counter}`;

  constructor(command: string, columns = 100, rows = 30, env: Record<string, string> = {}) {
    // A tmux server started before the tests keeps its own environment: the test's isolation
    // (see isolate-user.ts) is passed on explicitly, so no test reads a real library.
    const isolated = Object.fromEntries(['XDG_DATA_HOME', 'BYLINE_OPEN'].map((k) => [k, process.env[k] ?? '']));
    const exports = Object.entries({ CI: '', ...isolated, ...env })
      .map(([k, v]) => (v === '' ? `unset ${k};` : `export ${k}='${v.replace(/'/g, "'\\''")}';`))
      .join(' ');
    // The shell stays after byline exits, so the exit code and terminal modes can be read.
    const args = [
      'new-session',
      '-d',
      '-s',
      this.name,
      '-x',
      String(columns),
      '-y',
      String(rows),
      `${exports} ${command}; echo "EXIT=$?"; sleep 60`,
    ];
    // Two test files starting the first session at once race to start the tmux server; the loser retries.
    for (let attempt = 1; ; attempt++) {
      try {
        execFileSync('tmux', args, { stdio: 'pipe' });
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        execFileSync('sleep', ['0.2']);
      }
    }
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', args, { encoding: 'utf8' });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name);
  }

  keys(...keys: string[]): void {
    for (const k of keys) this.tmux('send-keys', '-t', this.name, k);
  }

  text(text: string): void {
    this.tmux('send-keys', '-t', this.name, '-l', text);
  }

  /** alternate_on: 1 while a full-screen app holds the alternate screen; cursor_flag: 1 when the cursor is shown. */
  modes(): { alternate: boolean; cursorVisible: boolean } {
    const [alt, cursor] = this.tmux('display-message', '-p', '-t', this.name, '#{alternate_on} #{cursor_flag}').trim().split(' ');
    return { alternate: alt === '1', cursorVisible: cursor === '1' };
  }

  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
  }

  async waitFor(predicate: (screen: string) => boolean, what: string, timeout = 8000): Promise<string> {
    return pollScreen(() => this.screen(), predicate, what, timeout);
  }

  kill(): void {
    try {
      this.tmux('kill-session', '-t', this.name);
    } catch {
      // already gone
    }
  }
}
