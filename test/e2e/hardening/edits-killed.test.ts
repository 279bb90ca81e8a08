// Issue 18: removal and tags are writes like an import — one commit point, and kill -9 at
// any moment leaves the archive before or after. The built CLI is killed (SIGKILL) where the
// new index.json has just been committed (BYLINE_TEST_CRASH_AT=index-written, before the sweep)
// and at random moments; every time the archive is the old or the new one, every article it
// lists reads, search agrees with it, and the next write sweeps what the killed one left.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byline, cleanEnv, lines, requireBuild } from '../../support/cli.js';
import { BIN, DEFAULT_ARCHIVE } from '../../support/paths.js';
import { cleanTemp, scratch, validateArchive } from '../../support/hardening.js';
import { bigArchive, BIG_COUNT, LATE, RARE_WORD } from '../../support/big-archive.js';
import { derivedFilesProblems, segmentRowProblems } from '../../support/derived-files.js';
import { searchEngineFor } from '../../../src/archive/searchable.js';
import { Archive } from '../../../src/archive/store.js';
import type { Index } from '../../../src/model/schema.js';

const ENV = cleanEnv() as NodeJS.ProcessEnv;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MLOPS = 'why-large-enterprises-struggle-to-find-suitable-platforms-for-mlops';
const JUDGE = 'judge-zia-faruqui-is-trying-to-teach-you-crypto-one-snl-reference-at-a-time';

let big: string;
let bigIds: string[];
beforeAll(async () => {
  requireBuild();
  big = await bigArchive(join(scratch('byline-edits-killed-'), 'big'));
  bigIds = (await Archive.open(big)).articles.map((a) => a.id);
}, 120_000);
afterAll(() => cleanTemp());

function copyOf(source: string): string {
  const dir = join(scratch('byline-edits-killed-'), 'archive');
  cpSync(source, dir, { recursive: true });
  return dir;
}

const indexOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Index;
const isBig = (dir: string) => indexOf(dir).lookup !== undefined;

/** Runs the built CLI; resolves with how it ended. `kill` (if given) decides when to SIGKILL it. */
function runKilled(args: string[], dir: string, { env = {}, kill }: { env?: NodeJS.ProcessEnv; kill?: () => Promise<void> } = {}) {
  const child = spawn(process.execPath, [BIN, ...args, '--archive', dir], { env: { ...ENV, ...env }, stdio: 'ignore' });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  if (kill) void kill().then(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  return { child, ended };
}

/** The archive as the commands see it: index.json passes the schema and every body it names
 * reads; `byline list` lists exactly its articles, and each reads (through the store); the
 * derived files and the word index's rows agree with it. Returns the ids, in order. */
async function whole(dir: string): Promise<string[]> {
  const ids = validateArchive(dir);
  const list = await byline(['list', '--archive', dir]);
  expect(list.exitCode, list.stderr).toBe(0);
  expect(lines(list.stdout).map((l) => l.split('\t')[0])).toEqual(ids);
  const archive = await Archive.open(dir);
  for (const id of ids) expect(archive.body(id).length, id).toBeGreaterThan(0);
  expect(isBig(dir) ? derivedFilesProblems(dir) : segmentRowProblems(dir, indexOf(dir))).toEqual([]);
  return ids;
}

/** After the next write: nothing but what index.json names, no marker, no temp file, no lock. */
function swept(dir: string): void {
  const index = indexOf(dir);
  expect(readdirSync(join(dir, 'articles')).sort()).toEqual(index.articles.map((a) => a.bodyFile).sort());
  expect(readdirSync(join(dir, 'search')).sort()).toEqual([...(index.segments ?? [])].sort());
  const root = ['index.json', 'articles', 'search', index.lookup, index.keys, index.catalog].filter((f) => f !== undefined);
  expect(readdirSync(dir).sort()).toEqual(root.sort());
}

const hits = async (dir: string, q: string) =>
  searchEngineFor(await Archive.open(dir), { bodies: true })
    .search(q, { limit: 10 })
    .map((h) => h.id);

describe('killed at "index-written" (committed, not yet swept)', () => {
  const cases = [
    { name: 'small', source: () => DEFAULT_ARCHIVE, target: () => MLOPS, word: 'mlops', other: () => JUDGE },
    { name: 'big', source: () => big, target: () => bigIds[LATE - 1], word: RARE_WORD, other: () => bigIds[0] },
  ];

  for (const c of cases) {
    it(`byline rm (${c.name} archive): the new archive, its body file left; every listed article reads; the next write sweeps it`, async () => {
      const dir = copyOf(c.source());
      const before = validateArchive(dir);
      const bodyFile = indexOf(dir).articles.find((a) => a.id === c.target())!.bodyFile;
      const { ended } = runKilled(['rm', c.target(), '--yes'], dir, { env: { BYLINE_TEST_CRASH_AT: 'index-written' } });
      expect((await ended).signal, 'rm was not stopped at index-written').toBe('SIGKILL');
      // Committed: the article is gone from the index and from search …
      expect(await whole(dir)).toEqual(before.filter((id) => id !== c.target()));
      expect(await hits(dir, c.word)).not.toContain(c.target());
      expect((await byline(['read', c.target(), '--archive', dir])).exitCode).toBe(1);
      // … and what the sweep would have removed is still there, with the marker of a stopped write.
      expect(existsSync(join(dir, 'articles', bodyFile))).toBe(true);
      expect(existsSync(join(dir, '.writing'))).toBe(true);
      // The next write sweeps it.
      const next = await byline(['rm', c.other(), '--yes', '--archive', dir]);
      expect(next.exitCode, next.stderr).toBe(0);
      swept(dir);
      expect(existsSync(join(dir, 'articles', bodyFile))).toBe(false);
      expect(await whole(dir)).toEqual(before.filter((id) => id !== c.target() && id !== c.other()));
      expect(await hits(dir, c.word)).not.toContain(c.target());
    }, 60_000);

    it(`byline tag (${c.name} archive): the new tags; every listed article reads; the next write sweeps what was left`, async () => {
      const dir = copyOf(c.source());
      const before = validateArchive(dir);
      const { ended } = runKilled(['tag', c.target(), '+killed'], dir, { env: { BYLINE_TEST_CRASH_AT: 'index-written' } });
      expect((await ended).signal, 'tag was not stopped at index-written').toBe('SIGKILL');
      expect(await whole(dir)).toEqual(before);
      expect(indexOf(dir).articles.find((a) => a.id === c.target())!.tags).toEqual(['killed']);
      expect(await hits(dir, 'tag:killed')).toEqual([c.target()]);
      expect(await hits(dir, `tag:killed ${c.word}`)).toEqual([c.target()]);
      expect(existsSync(join(dir, '.writing'))).toBe(true);
      const next = await byline(['rm', c.other(), '--yes', '--archive', dir]);
      expect(next.exitCode, next.stderr).toBe(0);
      swept(dir);
      expect(await whole(dir)).toEqual(before.filter((id) => id !== c.other()));
      expect(await hits(dir, 'tag:killed')).toEqual([c.target()]);
    }, 60_000);
  }
});

describe('killed at random moments (SIGKILL), a big archive', () => {
  /** Kills `args` at random moments, many times; checks each outcome with `check(dir, committed)`. */
  async function killedAtRandom(
    args: string[],
    committedIn: (dir: string) => boolean,
    check: (dir: string, committed: boolean) => Promise<void>,
    nextWrite: string[],
  ): Promise<Record<string, number>> {
    // One whole run: how long it takes here.
    const reference = copyOf(big);
    const t0 = Date.now();
    const full = await byline([...args, '--archive', reference]);
    const duration = Date.now() - t0;
    expect(full.exitCode, full.stderr).toBe(0);
    expect(committedIn(reference)).toBe(true);

    const stats = { kills: 0, finished: 0, old: 0, new: 0, midWrite: 0 };
    for (let i = 0; (i < 10 || stats.kills < 6 || stats.midWrite < 1) && i < 30; i++) {
      const dir = copyOf(big);
      const { ended } = runKilled(args, dir, {
        kill: async () => {
          if (i % 2 === 0) {
            await sleep(Math.random() * duration * 1.1);
            return;
          }
          // Aim at the write itself: once its marker is there, a little later.
          const until = Date.now() + duration * 3;
          while (!existsSync(join(dir, '.writing')) && Date.now() < until) await sleep(2);
          await sleep(Math.random() * 150);
        },
      });
      const end = await ended;
      if (end.signal) stats.kills++;
      else {
        expect(end.code).toBe(0);
        stats.finished++;
      }
      if (existsSync(join(dir, '.writing'))) stats.midWrite++;
      // Exactly the old archive or exactly the new one, whole either way.
      const committed = committedIn(dir);
      stats[committed ? 'new' : 'old']++;
      await whole(dir);
      await check(dir, committed);
      // The next write completes, and sweeps whatever the killed one left.
      const next = await byline([...nextWrite, '--archive', dir]);
      expect(next.exitCode, next.stderr).toBe(0);
      swept(dir);
      await whole(dir);
      await check(dir, committed);
    }
    return stats;
  }

  it('byline rm ID: old or new, never between', { timeout: 300_000 }, async () => {
    const target = bigIds[LATE - 1];
    const stats = await killedAtRandom(
      ['rm', target, '--yes'],
      (dir) => !indexOf(dir).articles.some((a) => a.id === target),
      async (dir, committed) => {
        expect(indexOf(dir).articles.some((a) => a.id === target)).toBe(!committed);
        expect((await hits(dir, RARE_WORD)).includes(target)).toBe(!committed);
        // The articles after it are found by their own words, whatever their row now.
        expect((await hits(dir, `story ${BIG_COUNT}`))[0]).toBe(bigIds[BIG_COUNT - 1]);
        expect((await byline(['read', target, '--archive', dir])).exitCode).toBe(committed ? 1 : 0);
      },
      ['rm', bigIds[0], '--yes'],
    );
    console.log(`rm kills: ${JSON.stringify(stats)}`);
    expect(stats.kills).toBeGreaterThanOrEqual(6);
    expect(stats.midWrite).toBeGreaterThanOrEqual(1);
  });

  it('byline tag ID +name: old or new, never between', { timeout: 300_000 }, async () => {
    const target = bigIds[LATE - 1];
    const stats = await killedAtRandom(
      ['tag', target, '+random'],
      (dir) =>
        indexOf(dir)
          .articles.find((a) => a.id === target)!
          .tags?.includes('random') === true,
      async (dir, committed) => {
        expect(indexOf(dir).articles.map((a) => a.id)).toContain(target);
        expect(await hits(dir, 'tag:random')).toEqual(committed ? [target] : []);
        expect((await hits(dir, RARE_WORD)).sort()).toEqual([bigIds[1], target].sort());
      },
      ['rm', bigIds[0], '--yes'],
    );
    console.log(`tag kills: ${JSON.stringify(stats)}`);
    expect(stats.kills).toBeGreaterThanOrEqual(6);
    expect(stats.midWrite).toBeGreaterThanOrEqual(1);
  });
});
