// Shared by test/e2e/hardening/*: hand-written archives (bypassing the importer), hostile text,
// a pseudo-terminal runner that keeps the raw bytes, and a tmux server of our own.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pty from '@lydell/node-pty';
import * as v from 'valibot';
import stripAnsi from 'strip-ansi';
import { ARCHIVE_VERSION, IndexSchema, BodyFileSchema, type ArticleMeta, type Author, type Block } from '../../src/model/schema.js';
import { articleMeta as meta } from './archives.js';
import { cleanEnv } from './cli.js';
import { BIN, ROOT, tempDir } from './paths.js';

// ---------------------------------------------------------------- temp folders

const made: string[] = [];
/** A temp folder removed by cleanTemp() (call it in afterAll). */
export function scratch(prefix = 'byline-hardening-'): string {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
}
export function cleanTemp(): void {
  // A test that failed half way may leave a reader running: end it before removing its files.
  while (running.length) {
    const run = running.pop()!;
    if (!run.isExited()) run.term.kill('SIGKILL');
  }
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
}

// ---------------------------------------------------------------- hostile text

export const ESC = '\u001b';
export const BEL = '\u0007';
/** Each entry: a name, the raw sequence, and a byte pattern that must never reach a terminal. */
export const HOSTILE = {
  osc52: `${ESC}]52;c;cm0gLXJmIH4vKg==${BEL}`, // clipboard write ("rm -rf ~/*")
  osc0: `${ESC}]0;PWNED-TITLE-0${BEL}`,
  osc2: `${ESC}]2;PWNED-TITLE-2${ESC}\\`,
  osc8: `${ESC}]8;;https://evil.example/${BEL}click${ESC}]8;;${BEL}`,
  csi21t: `${ESC}[21t`,
  clear: `${ESC}[2J`,
  cursorTo: `${ESC}[10;10H`,
  cursorUp: `${ESC}[3A`,
  loneCR: 'over\rwrite',
  c1csi: '\u009b2J',
  bidi: '\u202eevil\u202c \u202aemb\u202c \u202dlro\u202c \u2066iso\u2069 \u2067rli\u2069 \u2068fsi\u2069',
  unterminated: `${ESC}]52;c;dW50ZXJtaW5hdGVk`,
} as const;

/** Everything a terminal could act on: ESC, BEL, CR, C1, bidi controls. (Tab and newline are fine.) */
export const TERMINAL_ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

// ---------------------------------------------------------------- hand-written archives

export interface HandArticle {
  meta: Partial<ArticleMeta> & { id: string; title: string };
  body: Block[];
}

export { articleMeta as meta } from './archives.js';

/** Writes index.json and each article's body file directly (no importer, no search/ folder).
 * The result passes the archive schema: only the text inside it is hostile. */
export function writeArchive(dir: string, articles: HandArticle[], authors: Author[] = []): string {
  mkdirSync(join(dir, 'articles'), { recursive: true });
  const index = { formatVersion: ARCHIVE_VERSION, articles: articles.map((a) => meta(a.meta)), authors };
  const checked = v.safeParse(IndexSchema, index);
  if (!checked.success) throw new Error(`test archive does not pass the schema: ${checked.issues[0].message}`);
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index, null, 1) + '\n');
  for (const [i, a] of articles.entries()) {
    const body = { id: a.meta.id, body: a.body };
    if (!v.is(BodyFileSchema, body)) throw new Error('bad test body');
    writeFileSync(join(dir, 'articles', index.articles[i].bodyFile), JSON.stringify(body) + '\n');
  }
  return dir;
}

// ---------------------------------------------------------------- child environments

/** cleanEnv() for a child that must open the reader: no CI at all (Ink treats even CI= as CI). */
export function readerEnv(extra: Record<string, string> = {}): Record<string, string> {
  const base = cleanEnv();
  // Not CI (Ink would draw only the last frame); no terminal Ink would probe with kitty queries.
  for (const key of ['CI', 'CONTINUOUS_INTEGRATION', 'KITTY_WINDOW_ID', 'TERM_PROGRAM']) delete base[key];
  const env = Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined));
  return { ...env, TERM: 'xterm-256color', ...extra };
}

// ---------------------------------------------------------------- pseudo-terminal

export interface PtyRun {
  term: pty.IPty;
  /** Everything the program wrote, raw. */
  output(): string;
  exited: Promise<{ exitCode: number; signal?: number }>;
  isExited(): boolean;
  waitFor(test: string | RegExp | ((out: string) => boolean), what?: string, timeout?: number): Promise<void>;
  /** The last frame Ink drew, ANSI stripped, one string per row. */
  frame(): string[];
  /** The last frame, raw (with SGR codes). */
  rawFrame(): string;
}

const running: PtyRun[] = [];

export function runPty(args: string[], { cols = 100, rows = 30, env = {} as Record<string, string> } = {}): PtyRun {
  const term = pty.spawn(process.execPath, [BIN, ...args], { cols, rows, cwd: ROOT, env: readerEnv(env) });
  let out = '';
  let done = false;
  term.onData((d) => (out += d));
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) =>
    term.onExit((e) => {
      done = true;
      resolve(e);
    }),
  );
  const run: PtyRun = {
    term,
    output: () => out,
    exited,
    isExited: () => done,
    async waitFor(test, what, timeout = 10_000) {
      const ok = typeof test === 'string' ? (s: string) => s.includes(test) : test instanceof RegExp ? (s: string) => test.test(s) : test;
      const deadline = Date.now() + timeout;
      while (!ok(out)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what ?? String(test)}; last frame:\n${run.frame().join('\n')}`);
        if (done)
          throw new Error(`the program exited while waiting for ${what ?? String(test)}; output:\n${JSON.stringify(out.slice(-2000))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    rawFrame: () => lastRawFrame(out),
    frame: () => stripAnsi(lastRawFrame(out)).split('\n'),
  };
  running.push(run);
  return run;
}

/** Ink (incremental rendering off) draws each frame inside a synchronized update
 * (ESC[?2026h … ESC[?2026l), after erasing the one before. */
export function lastRawFrame(out: string): string {
  const end = out.lastIndexOf('\u001b[?2026l');
  if (end === -1) return '';
  const start = out.lastIndexOf('\u001b[?2026h', end);
  let frame = out.slice(start + '\u001b[?2026h'.length, end);
  // Drop the erase of the previous frame (ESC[2K, ESC[1A … ESC[G), wherever Ink put it.
  frame = frame.replace(/(?:\u001b\[2K(?:\u001b\[1A)?)+\u001b\[G/g, '');
  return frame.replace(/\r\n/g, '\n').replace(/\n$/, '');
}

// ---------------------------------------------------------------- tmux on a private server

export { hasTmux } from './tmux.js';
import { pollScreen } from './tmux.js';

let sessions = 0;

/** A tmux session on a server of its own (-L), so server options (set-clipboard) and
 * paste buffers are ours alone; pipe-pane keeps every byte the program wrote. */
export class PrivateTmux {
  readonly socket = `byline-hardening-${process.pid}-${++sessions}`;
  readonly name = 'main';

  constructor(
    command: string,
    columns: number,
    rows: number,
    env: Record<string, string>,
    readonly rawFile?: string,
  ) {
    const exports = Object.entries(env)
      .map(([k, v]) => `export ${k}='${v.replace(/'/g, "'\\''")}';`)
      .join(' ');
    this.tmux(
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-s',
      this.name,
      '-x',
      String(columns),
      '-y',
      String(rows),
      `unset CI; ${exports} ${command}; echo "EXIT=$?"; sleep 60`,
    );
    // Let applications set tmux's clipboard (OSC 52 → a paste buffer): if byline ever let
    // one through, a buffer would appear.
    this.tmux('set-option', '-s', 'set-clipboard', 'on');
    this.tmux('set-option', '-g', 'allow-rename', 'on');
    this.tmux('set-option', '-g', 'set-titles', 'on');
    if (rawFile) this.tmux('pipe-pane', '-o', '-t', this.name, `cat >> '${rawFile}'`);
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name);
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.name, ...keys);
  }

  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
  }

  /** tmux's pane title: an OSC 0/2 from the program would change it. */
  paneTitle(): string {
    return this.tmux('display-message', '-p', '-t', this.name, '#{pane_title}').trim();
  }

  buffers(): string {
    return this.tmux('list-buffers');
  }

  async waitFor(predicate: (screen: string) => boolean, what: string, timeout = 10_000): Promise<string> {
    return pollScreen(() => this.screen(), predicate, what, timeout);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

// ---------------------------------------------------------------- archive checks

/** index.json passes the schema and every article it names has a body file that does too.
 * Returns the article ids. Throws (with the reason) otherwise. */
export function validateArchive(dir: string): string[] {
  const index = v.parse(IndexSchema, JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')));
  for (const a of index.articles) {
    const body = v.parse(BodyFileSchema, JSON.parse(readFileSync(join(dir, 'articles', a.bodyFile), 'utf8')));
    if (body.id !== a.id) throw new Error(`body of ${a.id} names ${body.id}`);
  }
  return index.articles.map((a) => a.id);
}
