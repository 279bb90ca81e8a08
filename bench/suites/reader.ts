// The reader as a user meets it: the built `byline` in a 100×30 pseudo-terminal, a fresh
// process each round, its screen read by a terminal emulator. One session a round does what a
// user does on opening it: waits for the list (first frame), types `/` and a query one key at
// a time — each key as soon as the previous key's results are on screen, the first key
// included (cold) — goes back to the list, holds j, and opens an article. In the same rounds,
// interactive fzf in the same kind of terminal over the same titles, typed the same way, and
// `node -e 0` in the terminal.
import { spawnSync } from 'node:child_process';
import { BIN, userEnv } from '../lib/env.js';
import type { ArchiveFacts } from '../lib/facts.js';
import { TYPING_QUERIES } from '../lib/queries.js';
import { summarise, type Figure } from '../lib/report.js';
import { spawnSession, type Session } from '../lib/screen.js';

export interface ReaderOptions {
  rounds: number;
  fzf?: string;
  /** j presses a round. */
  presses: number;
  timeoutMs: number;
}

const samples = () => new Map<string, number[]>();
const push = (m: Map<string, number[]>, key: string, v: number | undefined) => {
  if (v !== undefined && Number.isFinite(v)) m.set(key, [...(m.get(key) ?? []), v]);
};

/** The search screen shows the results of `query`: its query line, up to the drawn cursor
 * (so a typed space counts), is the query, and its status says how many hits there are (or
 * that there are none), not "searching…". */
const searchShows = (s: Session, query: string) => (rows: readonly string[]) =>
  s.beforeInverse(0) === `/ ${query}` && rows.some((r) => /\b\d+\+? hits? · /.test(r) || r.includes(`No matches for “${query}”`));

/** A key's effect: output arrived after the key was sent, and the screen passes the test. */
async function keyToScreen(
  s: Session,
  keys: string,
  test: (rows: readonly string[]) => boolean,
  what: string,
  timeoutMs: number,
): Promise<{ ms: number; at: number; bytes: number }> {
  const before = s.bytes();
  const sent = s.send(keys);
  const at = await s.waitFor((rows) => s.bytes() > before && test(rows), what, timeoutMs);
  return { ms: at - sent, at, bytes: s.bytes() - before };
}

async function readerRound(facts: ArchiveFacts, query: string, round: number, o: ReaderOptions, out: Map<string, number[]>): Promise<void> {
  const s = spawnSession(process.execPath, [BIN, '--archive', facts.dir], userEnv());
  try {
    const firstTitle = facts.titles[0].slice(0, 24);
    const first = await s.waitFor(
      (rows) => rows.some((r) => r.includes(firstTitle)),
      `the first article ("${firstTitle}") on screen`,
      o.timeoutMs,
    );
    push(out, 'first-frame', first - s.spawnedAt);
    // A user who starts typing as soon as the list is there.
    s.send('/');
    await s.waitFor((rows) => rows[0]?.startsWith('/ '), 'the search line', o.timeoutMs);
    for (let i = 1; i <= query.length; i++) {
      const typed = query.slice(0, i);
      const { ms, at } = await keyToScreen(s, query[i - 1], searchShows(s, typed), `the results for "${typed}"`, o.timeoutMs);
      push(out, 'key', ms);
      if (i === 1) {
        push(out, 'first-key', ms);
        push(out, 'usable', at - s.spawnedAt);
      }
    }
    // Back to the list (Esc clears the query, Esc again leaves the search).
    s.send('\u001b');
    await s.waitFor((rows) => rows[0]?.trimEnd() === '/', 'the cleared search line', o.timeoutMs);
    await keyToScreen(s, '\u001b', (rows) => rows.some((r) => r.startsWith('1/')), 'the list again', o.timeoutMs);
    // Holding j: each press as soon as the previous one is drawn; a few more each round, so
    // each round opens another article.
    const presses = o.presses + (round % 5);
    for (let k = 1; k <= presses; k++) {
      const { ms, bytes } = await keyToScreen(
        s,
        'j',
        (rows) => rows.some((r) => r.startsWith(`${k + 1}/`)),
        `position ${k + 1} in the status bar`,
        o.timeoutMs,
      );
      push(out, 'j', ms);
      push(out, 'j-bytes', bytes);
    }
    // Open the article under the cursor.
    const { ms: open } = await keyToScreen(
      s,
      '\r',
      (rows) => rows.some((r) => /page 1\/\d+/.test(r)),
      'the first page of the article',
      o.timeoutMs,
    );
    push(out, 'open', open);
    push(out, 'rss', s.peakMB());
  } finally {
    await s.stop();
  }
}

async function fzfRound(
  facts: ArchiveFacts,
  fzf: string,
  query: string,
  counts: Map<string, number>,
  o: ReaderOptions,
  out: Map<string, number[]>,
): Promise<void> {
  const total = facts.titles.length;
  // exec: the shell only opens the titles file as stdin and becomes fzf.
  const s = spawnSession('/bin/sh', ['-c', 'exec "$0" < "$1"', fzf, facts.titlesFile], userEnv());
  const info = (n: number) => new RegExp(`^\\s*\\S?\\s*${n}/${total}\\b`);
  try {
    const first = await s.waitFor(
      (rows) => rows.some((r) => info(total).test(r)) && rows.some((r) => r.includes(facts.titles[0].slice(0, 24)) || r.startsWith('> ')),
      `fzf's list of all ${total} titles`,
      o.timeoutMs,
    );
    push(out, 'fzf-first-frame', first - s.spawnedAt);
    for (let i = 1; i <= query.length; i++) {
      const typed = query.slice(0, i);
      const n = counts.get(typed)!;
      const { ms } = await keyToScreen(
        s,
        query[i - 1],
        (rows) => rows.some((_, y) => s.beforeCursor(y) === `> ${typed}`) && rows.some((r) => info(n).test(r)),
        `fzf's ${n} matches for "${typed}"`,
        o.timeoutMs,
      );
      push(out, 'fzf-key', ms);
      if (i === 1) push(out, 'fzf-first-key', ms);
    }
  } finally {
    await s.stop();
  }
}

async function nodeRound(o: ReaderOptions, out: Map<string, number[]>): Promise<void> {
  const s = spawnSession(process.execPath, ['-e', 'process.stdout.write("ready")'], userEnv());
  try {
    const at = await s.waitFor((rows) => rows.some((r) => r.includes('ready')), '"ready"', o.timeoutMs);
    push(out, 'node', at - s.spawnedAt);
  } finally {
    await s.stop();
  }
}

/** fzf's match counts for every prefix of every query, from `fzf --filter` (before any timing). */
function fzfCounts(fzf: string, facts: ArchiveFacts, queries: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const q of queries) {
    for (let i = 1; i <= q.length; i++) {
      const typed = q.slice(0, i);
      if (counts.has(typed)) continue;
      const r = spawnSync(fzf, ['--filter', typed], { input: facts.titles.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
      counts.set(typed, r.stdout.split('\n').filter(Boolean).length);
    }
  }
  return counts;
}

export async function readerSuite(facts: ArchiveFacts, o: ReaderOptions, progress: (line: string) => void): Promise<Figure[]> {
  const out = samples();
  const queries = Array.from({ length: o.rounds }, (_, r) => TYPING_QUERIES[r % TYPING_QUERIES.length]);
  const counts = o.fzf ? fzfCounts(o.fzf, facts, queries) : new Map<string, number>();
  const errors: string[] = [];
  for (let round = 0; round < o.rounds; round++) {
    const query = queries[round];
    const steps: (() => Promise<void>)[] = [() => readerRound(facts, query, round, o, out), () => nodeRound(o, out)];
    if (o.fzf) steps.push(() => fzfRound(facts, o.fzf!, query, counts, o, out));
    for (let k = 0; k < steps.length; k++) {
      try {
        await steps[(round + k) % steps.length]();
      } catch (error) {
        errors.push((error as Error).message);
        if (errors.length >= 3) throw new Error(`the reader suite stopped after 3 failures; the last: ${errors.at(-1)}`);
      }
    }
    progress(`reader at ${facts.size}: round ${round + 1}/${o.rounds} ("${query}")`);
  }
  const size = facts.size;
  const f = (key: string, name: string, unit: string, note: string) =>
    summarise(`reader.${key}`, name, size, unit, out.get(key) ?? [], note);
  return [
    f(
      'node',
      '`node -e` in the terminal, spawn to its output on screen',
      'ms',
      'node printing one word in the same pseudo-terminal: the floor for the reader',
    ),
    f(
      'first-frame',
      'reader: spawn → first frame (the list on screen)',
      'ms',
      "spawn of `byline --archive DIR` in a 100×30 pseudo-terminal until the first article's title is on the emulated screen",
    ),
    f(
      'usable',
      "reader: spawn → search usable (first key's results on screen)",
      'ms',
      "`/` sent at the first frame, the first letter as soon as the search line is drawn; until that letter's hit count is on screen",
    ),
    f(
      'first-key',
      'reader: first key → results on screen',
      'ms',
      'the first letter typed in a fresh reader, until the query line shows it and the status its hit count',
    ),
    f(
      'key',
      'reader: key → results on screen, every key',
      'ms',
      `${queries.length} queries typed a letter at a time (each letter once the last one's results are on screen), first letters included; the reader's own search settings (it is the built reader)`,
    ),
    ...(o.fzf
      ? [
          f(
            'fzf-first-frame',
            'interactive fzf: spawn → all titles listed',
            'ms',
            `fzf over the titles file in the same terminal, until its counter shows ${facts.titles.length}/${facts.titles.length}`,
          ),
          f('fzf-first-key', 'interactive fzf: first key → results on screen', 'ms', 'the first letter typed in a fresh fzf'),
          f(
            'fzf-key',
            'interactive fzf: key → results on screen, every key',
            'ms',
            "the same queries typed the same way, until the prompt shows the query (up to the cursor, so a typed space counts) and the counter fzf --filter's count for it",
          ),
        ]
      : []),
    f(
      'j',
      'reader: j → next row drawn (list, holding j)',
      'ms',
      `${o.presses}–${o.presses + 4} presses a round, each as soon as the last is drawn, until the status shows the new position`,
    ),
    f('j-bytes', 'reader: bytes written per j', 'bytes', 'bytes the reader wrote between a j and its frame'),
    f(
      'open',
      'reader: Enter → first page of an article on screen',
      'ms',
      'the article under the cursor after the presses, until "page 1/N" is on screen',
    ),
    f('rss', 'reader: peak RSS after search, list and open', 'MB', 'VmHWM of the reader process at the end of its session'),
    ...(errors.length
      ? [summarise('reader.errors', `reader rounds that failed: ${errors.length}`, size, '', [], errors.join(' | ').slice(0, 600))]
      : []),
  ];
}
