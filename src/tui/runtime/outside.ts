// What the reader does outside itself: the clipboard, and programs that get the terminal for
// a while (`|` and `e`). The terminal is handed over properly — main screen, normal mode —
// and taken back and redrawn when the program ends.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Terminal {
  /** Gives the terminal to another program (main screen, cooked mode). */
  release(): void;
  /** Takes it back (alternate screen, raw mode) and redraws the reader. */
  reclaim(): void;
  write(text: string): void;
}

/** Terminals known to accept an OSC 52 clipboard write; BYLINE_CLIPBOARD=osc52|system decides. */
function prefersOsc52(env: NodeJS.ProcessEnv): boolean {
  if (env.BYLINE_CLIPBOARD) return env.BYLINE_CLIPBOARD === 'osc52';
  if (env.TMUX || env.SSH_TTY || env.SSH_CONNECTION) return true;
  return (
    /^(iTerm\.app|WezTerm|ghostty|vscode)$/.test(env.TERM_PROGRAM ?? '') || /kitty|alacritty|foot|wezterm|ghostty/.test(env.TERM ?? '')
  );
}

export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

type Clipboardy = typeof import('clipboardy').default;

/** Copies at once, so its confirmation is in before the next key is handled. clipboardy is
 * loaded in the background when `preload` says (not on the first frame's path, nor while keys
 * come); until it is, or where there is no system clipboard (no display, no xsel), the
 * terminal is asked (OSC 52). */
export function clipboard(
  terminal: Terminal,
  env = process.env,
  preload: (load: () => void) => void = (load) => setTimeout(load, 500).unref(),
): (text: string) => string {
  let system: Clipboardy | undefined;
  if (!prefersOsc52(env)) {
    preload(() => {
      import('clipboardy').then(
        (module) => (system = module.default),
        () => undefined,
      );
    });
  }
  return (text) => {
    if (system) {
      try {
        system.writeSync(text);
        return 'to the clipboard';
      } catch {
        // no system clipboard here: the terminal may still take it
      }
    }
    terminal.write(osc52(text));
    return prefersOsc52(env) ? 'via the terminal (OSC 52)' : 'via the terminal (OSC 52; no system clipboard found)';
  };
}

const exitText = (status: number | null, signal: NodeJS.Signals | null) => (signal ? `stopped by ${signal}` : `exit ${status ?? '?'}`);

/** `|`: the article's text on the command's standard input, through the shell, as less and
 * newsboat do; the command's output stays on screen until Enter. */
export function pipeTo(terminal: Terminal, env = process.env): (text: string, command: string) => string {
  return (text, command) => {
    const script = 'sh -c "$1"; s=$?; printf "\\n[byline: exit %d — press Enter to return] " "$s"; read -r _ </dev/tty; exit "$s"';
    terminal.release();
    try {
      const result = spawnSync('/bin/sh', ['-c', script, 'byline', command], { input: text, stdio: ['pipe', 'inherit', 'inherit'], env });
      if (result.error) return `| ${command}: ${result.error.message}`;
      return `| ${command}: ${exitText(result.status, result.signal)}`;
    } finally {
      terminal.reclaim();
    }
  };
}

/** `e`: the article as Markdown in a read-only temp file, opened with $EDITOR, else $PAGER, else less. */
export function openInEditor(terminal: Terminal, env = process.env): (markdown: string, name: string) => string {
  return (markdown, name) => {
    const program = env.EDITOR || env.VISUAL || env.PAGER || 'less';
    const dir = mkdtempSync(join(tmpdir(), 'byline-'));
    const file = join(dir, `${name}.md`);
    writeFileSync(file, markdown, { mode: 0o444 });
    terminal.release();
    try {
      // The program is the person's own setting and may carry arguments ("code -w"): the shell reads it.
      const result = spawnSync('/bin/sh', ['-c', `${program} "$1"`, 'byline', file], { stdio: 'inherit', env });
      if (result.error) return `${program}: ${result.error.message}`;
      return `${program.split(' ')[0]}: ${exitText(result.status, result.signal)}`;
    } finally {
      terminal.reclaim();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
