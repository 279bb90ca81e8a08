// node bench/run-ts.mjs bench/read-side.ts -- --archive DIR [--bin PATH] [--runs 7] [--no-fzf]
//
// The read side as a user meets it, whole processes, nothing warmed up inside them:
// - `node -e 0` and `byline search Q --json` (top 20), spawn to exit;
// - the reader in a pseudo-terminal (100×30): spawn to its first frame, and to the list
//   shown whole (no "loading" left in the status bar);
// - search as you type in the reader: a fresh reader per query, `/`, then each letter typed
//   as soon as the previous one's results are on screen; each key timed from its write to
//   the frame with its results ("N hits" or "No matches") — the first key included;
// - interactive fzf in the same terminal over the same titles, the same keys.
// Medians, p95 and spread (min–max). --bin runs another build (say, the one before a change).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnPty } from './lib/pty.js';
import { median, p95 } from './lib/stats.js';
import { arg, flag } from './lib/env.js';

const argv = process.argv;
const archive = resolve(arg(argv, 'archive') ?? 'bench/cache/archive-20000');
const bin = resolve(arg(argv, 'bin') ?? 'bin/byline.js');
const runs = Number(arg(argv, 'runs') ?? 7);
const queries = (arg(argv, 'queries') ?? 'police,goverment,tanaka,hospital doctor').split(',');
const only = arg(argv, 'only');
const env = { ...process.env, NO_COLOR: '1' } as Record<string, string>;
delete env.BYLINE_ARCHIVE;

function timeSpawn(cmd: string, args: string[]): number {
  const started = performance.now();
  const run = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - started;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${cmd} ${args.join(' ')}: exit ${run.status}: ${run.stderr}`);
  return ms;
}

const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, p95 ${p95(xs).toFixed(0)}, spread ${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} (n=${xs.length})`;
const report: string[] = [];
const say = (line: string) => {
  report.push(line);
  process.stdout.write(`${line}\n`);
};

const FIRST_FRAME = /\? help/;
const RESULTS = /\d+\+? hits? ·|No matches/;

async function readerRun(query: string | undefined): Promise<{ first: number; complete?: number; keys: number[] }> {
  const state = mkdtempSync(join(tmpdir(), 'byline-read-bench-'));
  const run = spawnPty(process.execPath, [bin, '--archive', archive], { ...env, XDG_STATE_HOME: state, BYLINE_STATE: join(state, 'state.json') });
  try {
    const first = await run.waitFor(FIRST_FRAME, 60000);
    const keys: number[] = [];
    if (query === undefined) {
      const complete = await waitComplete(run);
      return { first, complete, keys };
    }
    let from = run.output().length;
    run.write('/');
    await run.waitFor(/Type to search|indexing/, 10000, from);
    for (const ch of query) {
      from = run.output().length;
      const at = performance.now();
      run.write(ch);
      await run.waitFor(RESULTS, 30000, from);
      keys.push(performance.now() - at);
    }
    return { first, keys };
  } finally {
    await run.stop();
  }
}

/** Until a frame without "loading" in it is drawn after the first. */
async function waitComplete(run: ReturnType<typeof spawnPty>): Promise<number> {
  const started = performance.now();
  for (;;) {
    const out = run.output();
    const last = out.lastIndexOf('? help');
    const frameStart = out.lastIndexOf('\u001b[H', last);
    if (last !== -1 && !out.slice(Math.max(0, frameStart), last).includes('loading')) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 5));
    if (performance.now() - started > 60000) throw new Error('the list never finished loading');
  }
}

async function fzfRun(titles: string, query: string): Promise<number[]> {
  const run = spawnPty('sh', ['-c', `fzf < ${titles}`], env);
  try {
    const total = readFileSync(titles, 'utf8').split('\n').filter(Boolean).length;
    const count = new RegExp(`\\d+/${total}(?!\\d)`);
    await run.waitFor(new RegExp(`${total}/${total}`), 30000);
    const keys: number[] = [];
    for (const ch of query) {
      const from = run.output().length;
      const at = performance.now();
      run.write(ch);
      await run.waitFor(count, 30000, from);
      keys.push(performance.now() - at);
    }
    return keys;
  } finally {
    await run.stop('SIGKILL');
  }
}

say(`# read side: ${archive} (${bin})`);
say(`${new Date().toISOString()} · load ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);

if (!only || only === 'commands') {
  const node: number[] = [];
  const search: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(timeSpawn(process.execPath, ['-e', '0']));
    search.push(timeSpawn(process.execPath, [bin, 'search', queries[i % queries.length], '--json', '--archive', archive]));
  }
  say(`node -e 0: ${fmt(node)}`);
  say(`byline search Q --json: ${fmt(search)}  (${(median(search) / median(node)).toFixed(2)}× node -e 0)`);
}

if (!only || only === 'reader') {
  const node: number[] = [];
  const first: number[] = [];
  const complete: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(timeSpawn(process.execPath, ['-e', '0']));
    const r = await readerRun(undefined);
    first.push(r.first);
    complete.push(r.complete!);
  }
  say(`node -e 0: ${fmt(node)}`);
  say(`reader first frame: ${fmt(first)}  (${(median(first) / median(node)).toFixed(2)}× node -e 0)`);
  say(`reader list complete after the first frame: ${fmt(complete)}`);
}

if (!only || only === 'keys') {
  const all: number[] = [];
  const firstKeys: number[] = [];
  for (let i = 0; i < Math.max(1, Math.ceil(runs / 2)); i++) {
    for (const q of queries) {
      const r = await readerRun(q);
      all.push(...r.keys);
      firstKeys.push(r.keys[0]);
    }
  }
  say(`reader key → results (every key): ${fmt(all)}`);
  say(`reader first key → results: ${fmt(firstKeys)}`);
  if (!flag(argv, 'no-fzf') && spawnSync('sh', ['-c', 'command -v fzf']).status === 0) {
    const titles = join(mkdtempSync(join(tmpdir(), 'byline-titles-')), 'titles.txt');
    const list = spawnSync(process.execPath, [bin, 'list', '--archive', archive], { env, maxBuffer: 1 << 30 });
    writeFileSync(titles, list.stdout.toString().split('\n').filter(Boolean).map((l) => l.split('\t')[1]).join('\n') + '\n');
    const fzf: number[] = [];
    for (let i = 0; i < Math.max(1, Math.ceil(runs / 2)); i++) for (const q of queries) fzf.push(...(await fzfRun(titles, q)));
    say(`interactive fzf key → count (every key): ${fmt(fzf)}`);
  }
}

const out = arg(argv, 'out');
if (out) writeFileSync(out, report.join('\n') + '\n');
