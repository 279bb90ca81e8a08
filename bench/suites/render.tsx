// Rendering: the real App drawn by Ink into a fake 100×30 TTY. Holding `j` over the big archive
// against the same over 30 articles (both mounted in this process, runs alternating), and
// opening an article with a ~20 KB body (Enter → the page status on screen).
import { EventEmitter } from 'node:events';
import { render, type Instance } from 'ink';
import stripAnsi from 'strip-ansi';
import { Archive } from '../../src/archive/store.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import { UserState } from '../../src/archive/user-state.js';
import { blockText } from '../../src/model/schema.js';
import { App } from '../../src/tui/app.js';
import { detail, target } from '../lib/report.js';
import { T } from '../lib/targets.js';
import { gc, max, median, p95 } from '../lib/stats.js';
import { log, sleep, SMALL, tempStateFile } from '../lib/env.js';

const COLUMNS = 100;
const ROWS = 30;
/** Ink draws at most 30 frames a second (a 34 ms throttle); keys spaced wider than that are
 * each drawn on the throttle's leading edge, so the time measured is the app's, not the throttle's. */
const KEY_GAP_MS = 40;
const PRESSES = 28; // fewer than the 30 articles of the small archive: every press moves the cursor
const RUNS = 6;

class FakeStdout extends EventEmitter {
  columns = COLUMNS;
  rows = ROWS;
  isTTY = true;
  bytes = 0;
  writes = 0;
  last = '';
  onWrite?: (chunk: string, at: number) => void;
  write = (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
    const at = performance.now();
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    this.bytes += Buffer.byteLength(text);
    this.writes++;
    if (text.length > 200) this.last = text;
    this.onWrite?.(text, at);
    const cb = typeof encoding === 'function' ? encoding : callback;
    if (typeof cb === 'function') (cb as () => void)();
    return true;
  };
}

/** Like ink-testing-library's Stdin: a TTY that emits what the bench writes to it. */
class FakeStdin extends EventEmitter {
  isTTY = true;
  data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
}

interface Screen {
  size: number;
  /** Ink's own time to turn the laid-out tree into text, per frame (its onRender hook). */
  inkRenderMs: number[];
  archive: Archive;
  stdout: FakeStdout;
  stdin: FakeStdin;
  instance: Instance;
  frame(): string;
  /** Writes a key; resolves with ms until the first full frame after it (that matches `want`). */
  press(key: string, want?: (frame: string) => boolean, timeoutMs?: number): Promise<number>;
}

async function mount(dir: string): Promise<Screen> {
  // Opened as the reader opens it (lean: without leads and hashes in memory).
  const archive = await Archive.open(dir, { lean: true });
  const userState = await UserState.load(tempStateFile());
  const engine = searchEngineFor(archive, { bodies: false });
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const stderr = new FakeStdout();
  const inkRenderMs: number[] = [];
  const instance = render(<App archive={archive} userState={userState} engine={engine} onQuit={() => undefined} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    debug: false,
    exitOnCtrlC: false,
    patchConsole: false,
    incrementalRendering: false,
    onRender: ({ renderTime }) => void inkRenderMs.push(renderTime),
  });
  const screen: Screen = {
    size: archive.articles.length,
    inkRenderMs,
    archive,
    stdout,
    stdin,
    instance,
    frame: () => stripAnsi(stdout.last),
    press(key, want, timeoutMs = 10000) {
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          stdout.onWrite = undefined;
          reject(new Error(`no frame within ${timeoutMs} ms after ${JSON.stringify(key)}; last frame: ${JSON.stringify(screen.frame().slice(-200))}`));
        }, timeoutMs);
        let t0 = 0;
        stdout.onWrite = (chunk, at) => {
          if (chunk.length <= 200 || (want && !want(stripAnsi(chunk)))) return;
          clearTimeout(timer);
          stdout.onWrite = undefined;
          resolve(at - t0);
        };
        t0 = performance.now();
        stdin.write(key);
      });
    },
  };
  await sleep(100);
  if (!screen.frame().includes('unread')) throw new Error(`no list on screen after mounting ${dir}: ${JSON.stringify(screen.frame().slice(-200))}`);
  return screen;
}

/** A full collection before a measured run, so that no run pays for the garbage of the one
 * before; then a pause, so that its sweeping (on other threads, over a heap that is large at
 * 100 000 articles) is over before the key is pressed. A person pressing keys never forces a
 * full collection; the benchmark should not time the aftermath of its own. */
async function settledGc(): Promise<void> {
  gc();
  await sleep(150);
}

/** One run: back to the top, then `j` PRESSES times, each waiting for its frame. */
async function hold(screen: Screen, first: boolean): Promise<{ times: number[]; bytes: number; frames: number }> {
  if (!first) {
    await screen.press('g', (f) => f.includes(`1/${screen.size} `));
    await sleep(KEY_GAP_MS);
  }
  const times: number[] = [];
  const bytesBefore = screen.stdout.bytes;
  for (let i = 0; i < PRESSES; i++) {
    times.push(await screen.press('j', (f) => f.includes(`${i + 2}/${screen.size} `)));
    await sleep(KEY_GAP_MS);
  }
  return { times, bytes: screen.stdout.bytes - bytesBefore, frames: PRESSES };
}

/** The authors screen (issue 10): each author's article count comes from the store's author
 * index, so a frame costs what a list frame costs, not a scan of every article per author. */
async function authorsTask(big: Screen, size: number, listMedian: number): Promise<void> {
  const count = big.archive.authors.length;
  const at = (n: number) => (f: string) => new RegExp(`\\b${n}/${count}\\s*$`, 'm').test(f);
  await big.press('a', (f) => f.includes('Authors ('));
  await sleep(KEY_GAP_MS);
  const presses = Math.min(PRESSES, count - 1);
  const runs: number[][] = [];
  for (let r = 0; r < RUNS; r++) {
    await big.press('g', at(1)).catch(() => 0);
    await sleep(KEY_GAP_MS);
    await settledGc();
    const times: number[] = [];
    for (let i = 0; i < presses; i++) {
      times.push(await big.press('j', at(i + 2)));
      await sleep(KEY_GAP_MS);
    }
    runs.push(times);
  }
  const authorsMedian = median(runs.map(median));
  target(T.authorsFrame, size, authorsMedian / listMedian, 1.2, '×', 'lower', `median frame ${authorsMedian.toFixed(2)} ms on the authors screen (${count} authors) vs ${listMedian.toFixed(2)} ms on the list`);
  log(`authors ${size}: frame ${authorsMedian.toFixed(2)} ms vs list ${listMedian.toFixed(2)} ms`);
  await big.press('h', (f) => f.includes('unread'));
  await sleep(KEY_GAP_MS);
}

export async function renderTask(size: number, dir: string, smallDir: string): Promise<void> {
  const small = await mount(smallDir);
  const big = await mount(dir);
  const smallTimes: number[][] = [];
  const bigTimes: number[][] = [];
  let bigBytes = 0;
  let bigFrames = 0;
  await hold(small, true); // warm-up, not recorded
  await hold(big, true);
  big.inkRenderMs.length = 0;
  for (let r = 0; r < RUNS; r++) {
    await settledGc();
    smallTimes.push((await hold(small, false)).times);
    await settledGc();
    const run = await hold(big, false);
    bigTimes.push(run.times);
    bigBytes += run.bytes;
    bigFrames += run.frames;
  }
  const smallMedian = median(smallTimes.map(median));
  const bigMedian = median(bigTimes.map(median));
  const bigP95 = median(bigTimes.map(p95));
  target(T.frameRatio, size, bigMedian / smallMedian, 1.2, '×', 'lower', `median frame ${bigMedian.toFixed(2)} ms at ${size} vs ${smallMedian.toFixed(2)} ms at ${SMALL} (key → frame written, ${RUNS} runs × ${PRESSES} presses, keys ${KEY_GAP_MS} ms apart)`);
  target(T.frameP95, size, bigP95, 33, 'ms', 'lower', `max ${max(bigTimes.flat()).toFixed(1)} ms`);
  const perFrame = bigBytes / bigFrames;
  target(T.frameBytes, size, perFrame, 2 * COLUMNS * ROWS, 'bytes', 'lower', `screen ${COLUMNS}×${ROWS} = ${COLUMNS * ROWS} cells`);
  detail(`list frame time holding j, median (${SMALL} articles)`, size, smallMedian, 'ms');
  detail('list frame time holding j, median', size, bigMedian, 'ms');
  detail('list frame: Ink output time (onRender renderTime), median', size, median(big.inkRenderMs), 'ms', 'part of the frame time spent in Ink turning the laid-out tree into text');
  log(`render ${size}: frame ${bigMedian.toFixed(2)} ms vs ${smallMedian.toFixed(2)} ms (${SMALL}), p95 ${bigP95.toFixed(1)} ms, ${perFrame.toFixed(0)} bytes/frame`);
  small.instance.unmount();
  await authorsTask(big, size, bigMedian);

  // Opening an article with a body of about 20 KB, among the first articles of the list.
  const candidates = big.archive.articles.slice(0, 150).map((meta, index) => {
    let chars = 0;
    try {
      chars = big.archive.body(meta.id).map(blockText).join('\n').length;
    } catch {
      // unreadable body: not a candidate
    }
    return { meta, index, chars };
  });
  const chosen = candidates.reduce((best, c) => (Math.abs(c.chars - 20000) < Math.abs(best.chars - 20000) ? c : best));
  await big.press('g', (f) => f.includes(`1/${big.size} `)).catch(() => 0);
  await sleep(KEY_GAP_MS);
  for (let i = 0; i < chosen.index; i++) big.stdin.write('j');
  await sleep(200);
  const where = `${chosen.index + 1}/${big.size} `;
  if (!big.frame().includes(where)) {
    target(T.open, size, null, 33, 'ms', 'lower', `could not select article ${chosen.index + 1} in the list`);
    return;
  }
  const opens: number[] = [];
  for (let r = 0; r < 8; r++) {
    await settledGc();
    opens.push(await big.press('\r', (f) => /page \d+\/\d+/.test(f)));
    await sleep(KEY_GAP_MS);
    await big.press('h', (f) => f.includes('unread'));
    await sleep(KEY_GAP_MS * 2);
  }
  const [first, ...rest] = opens;
  target(T.open, size, median(rest), 33, 'ms', 'lower', `body ${(chosen.chars / 1000).toFixed(1)} K characters (${chosen.meta.wordCount} words); median of ${rest.length} opens after a first (cold) one of ${first.toFixed(1)} ms; p95 ${p95(rest).toFixed(1)} ms`);
  detail('open a 20 KB article, first (cold) open', size, first, 'ms');
  log(`open ${size}: first ${first.toFixed(1)} ms, then median ${median(rest).toFixed(1)} ms`);
  big.instance.unmount();
}
