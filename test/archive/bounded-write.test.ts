// Issue 12, the write side: an import goes batch by batch (bodies and a word-index segment
// written as it goes, one commit at the end), a big index is rewritten line by line with its
// derived files, and segments are merged by size tier.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import { mergePlan, TIERS } from '../../src/archive/segment-store.js';
import type { ImportBatch } from '../../src/archive/merge.js';
import { BylineError } from '../../src/model/errors.js';
import { parsePageDump } from '../../src/ingest/pagedump.js';
import { byline, requireBuild } from '../support/cli.js';
import { snapshotDir, tempDir } from '../support/paths.js';
import { derivedFilesProblems } from '../support/derived-files.js';
import { keyFieldsOfLine } from '../../src/archive/index-lines.js';
import { escapeNonAscii } from '../../src/archive/jsonfile.js';

const story = (k: number, extra = '') =>
  `Bounded story number ${k}\n\nA dek for story ${k}.\n\nThe paragraph of story ${k} mentions word${k}x and the harbour.${extra}`;
const batch = (from: number, to: number, file = `f${from}.txt`): ImportBatch => ({
  file,
  articles: parsePageDump(Array.from({ length: to - from }, (_, i) => story(from + i)).join('\n\n\n')),
});
const top = (a: Archive, q: string) => searchEngineFor(a, { bodies: true }).search(q, { limit: 3 })[0]?.id;
const onDisk = (dir: string) => readdirSync(join(dir, 'search')).sort();

const SEGMENT_DOCS = Archive.SEGMENT_DOCS;
afterEach(() => {
  Archive.SEGMENT_DOCS = SEGMENT_DOCS;
});

describe('an import in batches', () => {
  it('spans several segments and commits once: index.json is untouched until the last batch is in', async () => {
    Archive.SEGMENT_DOCS = 3;
    const dir = join(tempDir('byline-batches-'), 'a');
    const archive = await Archive.open(dir, { create: true });
    await archive.import([batch(1, 3)]);
    const before = readFileSync(join(dir, 'index.json'));
    const seen: boolean[] = [];
    async function* files(): AsyncGenerator<ImportBatch> {
      for (let k = 0; k < 5; k++) {
        seen.push(readFileSync(join(dir, 'index.json')).equals(before));
        yield batch(10 + 2 * k, 12 + 2 * k);
      }
      seen.push(readFileSync(join(dir, 'index.json')).equals(before));
    }
    const summary = await archive.import(files());
    expect(summary).toMatchObject({ articles: 10, added: 10 });
    expect(seen).toEqual([true, true, true, true, true, true]);
    const fresh = await Archive.open(dir);
    expect(fresh.articles).toHaveLength(12);
    expect(onDisk(dir)).toEqual([...fresh.segments!].sort());
    for (const k of [1, 2, 10, 15, 19]) expect(top(fresh, `word${k}x`)).toBe(`bounded-story-number-${k}`);
  });

  it('merges its own segments as it goes: a big import never piles them up for the commit', async () => {
    Archive.SEGMENT_DOCS = 1;
    const dir = join(tempDir('byline-batches-'), 'a');
    const archive = await Archive.open(dir, { create: true });
    const counts: number[] = [];
    async function* files(): AsyncGenerator<ImportBatch> {
      for (let k = 0; k < 40; k++) {
        counts.push(existsSync(join(dir, 'search')) ? onDisk(dir).length : 0);
        yield batch(100 + k, 101 + k);
      }
    }
    await archive.import(files());
    // One segment an article: 40 written, never more than a few on disk at once.
    expect(Math.max(...counts)).toBeLessThanOrEqual(8);
    const fresh = await Archive.open(dir);
    expect(fresh.articles).toHaveLength(40);
    expect(onDisk(dir)).toEqual([...fresh.segments!].sort());
    for (const k of [100, 117, 139]) expect(top(fresh, `word${k}x`)).toBe(`bounded-story-number-${k}`);
  });

  it('a bad file in batch 3 commits nothing and leaves no file of the import behind', async () => {
    Archive.SEGMENT_DOCS = 2;
    const dir = join(tempDir('byline-batches-'), 'a');
    const archive = await Archive.open(dir, { create: true });
    await archive.import([batch(1, 3)]);
    const before = snapshotDir(dir);
    async function* files(): AsyncGenerator<ImportBatch> {
      yield batch(10, 13);
      yield batch(13, 16);
      throw new BylineError('cannot import bad.txt: looks like a PNG image', 1);
    }
    await expect(archive.import(files())).rejects.toThrow(/^cannot import bad\.txt: looks like a PNG image$/);
    expect(snapshotDir(dir)).toEqual(before);
    // And the next write finds nothing to sweep but its own.
    await archive.import([batch(20, 21)]);
    const fresh = await Archive.open(dir);
    expect(fresh.articles.map((a) => a.id)).toEqual(['bounded-story-number-1', 'bounded-story-number-2', 'bounded-story-number-20']);
    expect(readdirSync(join(dir, 'articles')).sort()).toEqual(fresh.articles.map((a) => a.bodyFile).sort());
  });

  it('a bad file after a story came as an excerpt then in full in the same import: both its bodies go, the archive is as it was', async () => {
    Archive.SEGMENT_DOCS = 2;
    const dir = join(tempDir('byline-batches-'), 'a');
    const archive = await Archive.open(dir, { create: true });
    await archive.import([batch(1, 3)]);
    const before = snapshotDir(dir);
    const [excerpt] = parsePageDump(story(50));
    excerpt.kind = 'excerpt';
    const [full] = parsePageDump(story(50, ' The full text goes on about the zebu.'));
    async function* files(): AsyncGenerator<ImportBatch> {
      yield { file: 'teaser.txt', articles: [excerpt] };
      yield batch(10, 13);
      yield { file: 'full.txt', articles: [full] };
      throw new BylineError('cannot import bad.txt: looks like a PNG image', 1);
    }
    await expect(archive.import(files())).rejects.toThrow(/^cannot import bad\.txt: looks like a PNG image$/);
    expect(snapshotDir(dir)).toEqual(before);
    // Without the failure: one article, in full, one body.
    await archive.import([
      { file: 'teaser.txt', articles: [excerpt] },
      { file: 'full.txt', articles: [full] },
    ]);
    const fresh = await Archive.open(dir);
    expect(fresh.articles.map((a) => [a.id, a.kind])).toContainEqual(['bounded-story-number-50', 'full']);
    expect(readdirSync(join(dir, 'articles')).sort()).toEqual(fresh.articles.map((a) => a.bodyFile).sort());
  });

  it('an update in one batch and new articles in the next: the new version is found by its new words, the old body goes', async () => {
    Archive.SEGMENT_DOCS = 1;
    const dir = join(tempDir('byline-batches-'), 'a');
    const archive = await Archive.open(dir, { create: true });
    await archive.import([batch(1, 2)]);
    await archive.import([{ file: 'fix.txt', articles: parsePageDump(story(1, ' A correction names the zebu.')) }, batch(2, 4)]);
    const fresh = await Archive.open(dir);
    expect(fresh.articles.map((a) => a.id)).toEqual(['bounded-story-number-1', 'bounded-story-number-2', 'bounded-story-number-3']);
    expect(top(fresh, 'zebu')).toBe('bounded-story-number-1');
    expect(readdirSync(join(dir, 'articles')).sort()).toEqual(fresh.articles.map((a) => a.bodyFile).sort());
  });
});

describe('a big index, rewritten line by line', () => {
  let big: string;
  beforeAll(async () => {
    big = join(tempDir('byline-big-'), 'a');
    const archive = await Archive.open(big, { create: true });
    await archive.import([batch(1, 1011)]);
  }, 60_000);

  it('an update that changes what a list row shows (a story found by its URL under a new title): the catalog carries the new row', async () => {
    const dir = join(tempDir('byline-catalog-row-'), 'a');
    const withUrls = (from: number, to: number): ImportBatch => {
      const b = batch(from, to, `u${from}.txt`);
      b.articles.forEach((a, i) => (a.url = `https://news.example/story-${from + i}`));
      return b;
    };
    const archive = await Archive.open(dir, { create: true });
    await archive.import([withUrls(1, 1011)]);
    const [retitled] = parsePageDump(story(700).replace('Bounded story number 700', 'A new headline for the same story'));
    retitled.url = 'https://news.example/story-700';
    const again = await Archive.open(dir, { deferRead: true });
    expect(await again.import([{ file: 'retitled.txt', articles: [retitled] }])).toMatchObject({ added: 0, updated: 1 });
    expect(derivedFilesProblems(dir)).toEqual([]);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { catalog: string };
    expect(readFileSync(join(dir, index.catalog), 'utf8')).toContain('"A new headline for the same story"');
  });

  it('an update in the middle and new articles: the id lookup and match keys agree with index.json; unchanged lines are byte for byte', async () => {
    const archive = await Archive.open(big, { deferRead: true });
    const old = readFileSync(join(big, 'index.json'), 'utf8').split('\n');
    const summary = await archive.import([
      { file: 'fix.txt', articles: parsePageDump(story(500, ' A correction names the zebu.')) },
      batch(2000, 2003),
    ]);
    expect(summary).toMatchObject({ added: 3, updated: 1 });
    expect(derivedFilesProblems(big)).toEqual([]);
    const now = readFileSync(join(big, 'index.json'), 'utf8').split('\n');
    const at = old.findIndex((l) => l.startsWith('{"id":"bounded-story-number-500"'));
    expect(now.indexOf(old[at + 1])).toBeGreaterThan(0);
    expect(now.filter((l) => old.includes(l)).length).toBeGreaterThan(1000);
    const fresh = await Archive.open(big);
    expect(fresh.articles).toHaveLength(1013);
    expect(fresh.articles[499].id).toBe('bounded-story-number-500');
    expect(top(fresh, 'zebu')).toBe('bounded-story-number-500');
    expect((await Archive.open(big, { only: 'bounded-story-number-2002' })).partial).toBe(true);
    // Re-importing is a no-op, found through the keys.
    expect(await (await Archive.open(big, { deferRead: true })).import([batch(2000, 2003)])).toMatchObject({ added: 0, unchanged: 3 });
  });

  it('killed at each point of an import (the built CLI): the old archive or the new; the next import sweeps what it left', async () => {
    requireBuild();
    const { cpSync } = await import('node:fs');
    for (const point of ['bodies-written', 'segments-written', 'lookup-written', 'index-written']) {
      const dir = join(tempDir('byline-big-crash-'), 'a');
      cpSync(big, dir, { recursive: true });
      const before = readFileSync(join(dir, 'index.json'));
      const page = join(dir, '..', 'fix.txt');
      writeFileSync(page, `${story(7, ' A correction names the okapi.')}\n\n\n${story(4000)}`);
      const killed = await byline(['import', page, '--archive', dir], { env: { BYLINE_TEST_CRASH_AT: point } });
      expect(killed.exitCode, point).not.toBe(0);
      // The metadata it kept for its commit was in a file already gone from the folder.
      expect(
        readdirSync(dir).filter((f) => f.startsWith('.changed')),
        point,
      ).toEqual([]);
      const after = readFileSync(join(dir, 'index.json'));
      expect(point === 'index-written' ? !after.equals(before) : after.equals(before), point).toBe(true);
      expect(derivedFilesProblems(dir), point).toEqual([]);
      // Another import (not the same files again, which would write the same names).
      const next = join(dir, '..', 'next.txt');
      writeFileSync(next, story(4001));
      const again = await byline(['import', next, '--archive', dir]);
      expect(again.exitCode, again.stderr).toBe(0);
      expect(derivedFilesProblems(dir), point).toEqual([]);
      const fresh = await Archive.open(dir);
      expect(readdirSync(join(dir, 'articles')).sort(), point).toEqual(fresh.articles.map((a) => a.bodyFile).sort());
      expect(onDisk(dir), point).toEqual([...fresh.segments!].sort());
      const head = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { keys: string; lookup: string };
      expect(
        readdirSync(dir)
          .filter((f) => f.startsWith('.') || /\.(ids|keys)$/.test(f))
          .sort(),
        point,
      ).toEqual([head.keys, head.lookup].sort());
      expect(top(fresh, 'okapi')).toBe(point === 'index-written' ? 'bounded-story-number-7' : undefined);
    }
  }, 120_000);

  it('byline reindex (in-process) rebuilds the lookup, the keys and the word index', async () => {
    const archive = await Archive.open(big, { deferRead: true });
    const before = JSON.parse(readFileSync(join(big, 'index.json'), 'utf8'));
    expect(await archive.rebuildSearchIndex()).toBe(before.articles.length);
    const after = JSON.parse(readFileSync(join(big, 'index.json'), 'utf8'));
    expect(after.lookup).not.toBe(before.lookup);
    expect(after.keys).not.toBe(before.keys);
    expect(after.articles).toEqual(before.articles);
    expect(derivedFilesProblems(big)).toEqual([]);
    expect(onDisk(big)).toEqual([...after.segments].sort());
    const fresh = await Archive.open(big);
    for (const k of [1, 333, 1010]) expect(top(fresh, `word${k}x`)).toBe(`bounded-story-number-${k}`);
  });
});

describe('match keys read from an article line', () => {
  it('id, title and URL without a full parse, for any title; a line in another key order is parsed whole', () => {
    const meta = (title: string, url?: string) => ({
      id: 'x-1',
      title,
      titleDerived: false,
      dek: 'a ","url":"http://no" dek',
      kind: 'full',
      sponsored: false,
      authors: [],
      credits: [],
      lead: '',
      ...(url ? { url } : {}),
      source: { file: 'f', importedAt: 't' },
      wordCount: 1,
      hash: 'h',
      bodyFile: 'x-1.0123456789abcdef.json',
    });
    for (const title of ['Plain', 'With "quotes" and \\ slashes', 'Ünïcode 東京 🚀', '","title":"', '\u2028 line sep']) {
      for (const url of [undefined, 'https://example.com/a?b="c"']) {
        const m = meta(title, url);
        const expected = url ? { id: 'x-1', title, url } : { id: 'x-1', title };
        expect(keyFieldsOfLine(JSON.stringify(m))).toEqual(expected);
        expect(keyFieldsOfLine(escapeNonAscii(JSON.stringify(m)))).toEqual(expected);
      }
    }
    const reordered = JSON.stringify(meta('Other order')).replace('{"id":"x-1",', '{').replace(/}$/, ',"id":"x-2"}');
    expect(keyFieldsOfLine(reordered)).toMatchObject({ id: 'x-2', title: 'Other order' });
  });
});

describe('segments merged by size tier', () => {
  it('merges only segments of one tier, the lowest full one, and never a final one', () => {
    const small = 1 << 10;
    const mid = TIERS.base * TIERS.fan; // a tier up
    expect(mergePlan([small, small, small])).toBeUndefined();
    expect(mergePlan([mid, small, small, mid, small, small])).toEqual([1, 2, 4, 5]);
    expect(mergePlan([mid, mid, small, mid, mid])).toEqual([0, 1, 3, 4]);
    expect(mergePlan([TIERS.finalBytes, TIERS.finalBytes, TIERS.finalBytes, TIERS.finalBytes, small])).toBeUndefined();
    // Ten of a tier waiting (a reindex writes them all before merging): four at a time, oldest first.
    expect(mergePlan(Array.from({ length: 10 }, () => mid))).toEqual([0, 1, 2, 3]);
  });

  it('forty one-article imports: segments stay few, each tier below the fan-out, and search finds every article by its own word', async () => {
    const dir = join(tempDir('byline-tiers-'), 'a');
    const archive = await Archive.open(dir, { create: true });
    for (let k = 1; k <= 40; k++) await archive.import([batch(k, k + 1)]);
    const fresh = await Archive.open(dir);
    expect(onDisk(dir)).toEqual([...fresh.segments!].sort());
    expect(mergePlan(fresh.segments!.map((s) => readFileSync(join(dir, 'search', s)).length))).toBeUndefined();
    expect(fresh.segments!.length).toBeLessThan(TIERS.fan * 2);
    for (let k = 1; k <= 40; k++) expect(top(fresh, `word${k}x`), `word${k}x`).toBe(`bounded-story-number-${k}`);
    expect(searchEngineFor(fresh, { bodies: true }).search('harbour', { limit: 100 })).toHaveLength(40);
  });
});
