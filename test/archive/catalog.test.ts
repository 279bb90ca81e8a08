// The catalog of a big index.json (catalog.ts): one line an article with what a list row and
// a title/author search need. Written before index.json and named by it, swept when no longer
// named, rebuilt by reindex and by the next write when lost, and only a shortcut: a damaged or
// missing catalog sends every reader back to index.json (and a read never writes one).
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import { CatalogReading } from '../../src/archive/catalog-read.js';
import { searchOverCatalog, searchOverRows } from '../../src/archive/catalog-search.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import { parsePageDump } from '../../src/ingest/pagedump.js';
import { byline, requireBuild } from '../support/cli.js';
import { snapshotDir, tempDir } from '../support/paths.js';
import { runInProcess } from '../support/in-process.js';
import { derivedFilesProblems } from '../support/derived-files.js';

const made: string[] = [];
const temp = () => {
  const dir = tempDir('byline-catalog-');
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const COUNT = 1010;
const WORDS = ['harbour', 'ferry', 'council', 'budget', 'orchard', 'winter', 'railway', 'museum', 'bakery', 'tunnel', 'library', 'market'];
const dump = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => {
    const n = from + i;
    return `Ünïcode ${WORDS[n % WORDS.length]} story ${n} ${WORDS[(n * 7) % WORDS.length]}\n\nBy Person ${n % 13}\n\nThe paragraph of story ${n} about the ${WORDS[(n * 5) % WORDS.length]} and ${WORDS[(n * 3) % WORDS.length]}.`;
  }).join('\n\n\n');

let big: string;
beforeAll(async () => {
  big = join(temp(), 'big');
  const archive = await Archive.open(big, { create: true });
  await archive.import([{ file: 'many.txt', articles: parsePageDump(dump(1, COUNT + 1)) }], '2024-01-01T00:00:00.000Z');
}, 60_000);

function copy(): string {
  const dir = join(temp(), 'copy');
  cpSync(big, dir, { recursive: true });
  return dir;
}

const catalogs = (dir: string) => readdirSync(dir).filter((f) => /^index\.[0-9a-f]{16}\.catalog$/.test(f));
const named = (dir: string) => JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).catalog as string | undefined;

describe('the catalog of a big index.json', () => {
  it('is written beside index.json, named by it, one line an article in archive order', async () => {
    const archive = await Archive.open(big);
    expect(catalogs(big)).toEqual([named(big)]);
    const reading = CatalogReading.open(big)!;
    expect(reading.total).toBe(COUNT);
    const first = reading.next(4096);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(COUNT); // the first screen without the rest
    const rows = [...first, ...reading.rest()];
    expect(rows.map((r) => r.id)).toEqual(archive.articles.map((a) => a.id));
    expect(rows.map((r) => r.title)).toEqual(archive.articles.map((a) => a.title));
    expect(rows.map((r) => r.authors)).toEqual(archive.articles.map((a) => a.authors));
  });

  it('a write names a new one and sweeps the old', async () => {
    const dir = copy();
    const before = named(dir);
    const archive = await Archive.open(dir);
    await archive.import([{ file: 'more.txt', articles: parsePageDump(dump(COUNT + 1, COUNT + 3)) }]);
    expect(named(dir)).not.toBe(before);
    expect(catalogs(dir)).toEqual([named(dir)]);
    expect(CatalogReading.open(dir)!.total).toBe(COUNT + 2);
  });

  it('reindex writes it again when it was lost', async () => {
    const dir = copy();
    rmSync(join(dir, named(dir)!));
    expect(CatalogReading.open(dir)).toBeUndefined();
    await (await Archive.open(dir)).rebuildSearchIndex();
    expect(catalogs(dir)).toEqual([named(dir)]);
    expect(CatalogReading.open(dir)!.total).toBe(COUNT);
  });

  it('search over it gives the hits a search over index.json gives', async () => {
    const archive = await Archive.open(big);
    const whole = searchEngineFor(archive, { bodies: true });
    const fast = searchOverCatalog(big)!;
    expect(fast).toBeDefined();
    for (const q of ['harbour', 'ferry council', 'muesum', 'person 3', 'ün', 'story 77', 'orchrad winter', 'zzzqqq']) {
      expect(fast.engine.search(q, 20)).toEqual(whole.search(q, 20));
    }
  });

  it('one written for another index.json, or missing, is not used', () => {
    const dir = copy();
    writeFileSync(join(dir, 'index.json'), readFileSync(join(dir, 'index.json'), 'utf8').replace('"articles":[\n', '"articles":[ \n'));
    expect(CatalogReading.open(dir)).toBeUndefined();
    expect(searchOverCatalog(dir)).toBeUndefined();
  });

  it('a damaged line is reported as a problem, and the commands read index.json instead', async () => {
    requireBuild();
    const dir = copy();
    const path = join(dir, named(dir)!);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[5] = lines[5].replace('["', '[#'); // same size: the header still agrees
    lines[9] = `${lines[9].slice(0, 20)}${'x'.repeat(lines[9].length - 20)}`;
    writeFileSync(path, lines.join('\n'));
    expect(() => CatalogReading.open(dir)!.rest()).toThrow(/catalog/);
    const good = await byline(['search', 'harbour', '--json', '--archive', big]);
    const damaged = await byline(['search', 'harbour', '--json', '--archive', dir]);
    expect(damaged.exitCode).toBe(0);
    expect(damaged.stdout).toBe(good.stdout);
    const title = await byline(['search', 'story', '--json', '--archive', dir]);
    expect(title.stdout).toBe((await byline(['search', 'story', '--json', '--archive', big])).stdout);
  }, 30_000);

  it('an import over one a line short or a line long (its header agreeing) writes one made from the articles', async () => {
    for (const change of [(lines: string[]) => lines.splice(3, 1), (lines: string[]) => lines.splice(3, 0, lines[3])]) {
      const dir = copy();
      const path = join(dir, named(dir)!);
      const lines = readFileSync(path, 'utf8').split('\n');
      change(lines);
      writeFileSync(path, lines.join('\n'));
      const archive = await Archive.open(dir, { deferRead: true });
      await archive.import([{ file: 'one.txt', articles: parsePageDump(dump(5000, 5001)) }]);
      expect(derivedFilesProblems(dir)).toEqual([]);
    }
  });

  it('lost: list and search read index.json instead, with the same output, and write nothing; the next write names one', async () => {
    requireBuild();
    const dir = copy();
    rmSync(join(dir, named(dir)!));
    expect(catalogs(dir)).toEqual([]);
    const before = snapshotDir(dir);
    for (const args of [
      ['search', 'harbour', '--json'],
      ['search', 'museum winter'],
      ['search', 'story 512'],
      ['list'],
      ['list', '--json', '--limit', '5'],
    ]) {
      const lost = await byline([...args, '--archive', dir]);
      expect(lost.exitCode, args.join(' ')).toBe(0);
      expect(lost.stderr, args.join(' ')).toBe('');
      expect(lost.stdout, args.join(' ')).not.toBe('');
      expect(lost.stdout, args.join(' ')).toBe((await byline([...args, '--archive', big])).stdout);
    }
    expect(snapshotDir(dir)).toEqual(before);
    await (await Archive.open(dir, { deferRead: true })).import([{ file: 'one.txt', articles: parsePageDump(dump(5000, 5001)) }]);
    expect(catalogs(dir)).toEqual([named(dir)]);
    expect(derivedFilesProblems(dir)).toEqual([]);
  }, 60_000);
});

describe('search through the rows of the word index', () => {
  const QUERIES = ['harbour', 'ferry council', 'muesum', 'person 7', 'story 512', 'unicode winter'];

  it('finds exactly what a search over index.json finds, without reading the catalog', async () => {
    const whole = searchEngineFor(await Archive.open(big), { bodies: true });
    const rows = searchOverRows(big);
    expect(rows).toBeDefined();
    for (const q of QUERIES) expect(rows!.engine.search(q, 20), q).toEqual(whole.search(q, 20));
  });
});

describe('a word index the index names but cannot be read', () => {
  it('search says which segment, in one line naming byline reindex, exit 1 — without reading every body instead', async () => {
    const segments = (dir: string) => JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).segments as string[];
    for (const which of ['first', 'last'] as const) {
      const dir = copy();
      const names = segments(dir);
      const gone = which === 'first' ? names[0] : names.at(-1)!;
      rmSync(join(dir, 'search', gone));
      const run = await runInProcess(['search', 'harbour', '--archive', dir]);
      expect(run.exitCode, which).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `byline: search index ${join(dir, 'search', gone)} is unreadable: it is missing (byline reindex rebuilds it)\n`,
      );
    }
  });

  it('a segment cut short says so once', async () => {
    const dir = copy();
    const name = (JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).segments as string[])[0];
    const file = join(dir, 'search', name);
    writeFileSync(file, readFileSync(file).subarray(0, 40));
    const run = await runInProcess(['search', 'harbour', '--archive', dir]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^byline: search index ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is unreadable: it is cut short \\(${name}[^\\n]*\\(byline reindex rebuilds it\\)\\n$`,
      ),
    );
  });
});

describe('byline read QUERY on a big archive', () => {
  it('finds the article through the word index, as a read of index.json would, and refuses a weak guess the same way', async () => {
    const dir = copy();
    const byQuery = await runInProcess(['read', 'ünïcode story 512', '--archive', dir]);
    const id = (await runInProcess(['search', 'ünïcode story 512', '--json', '--archive', dir])).stdout.match(/"id": "([^"]+)"/)![1];
    const byId = await runInProcess(['read', id, '--archive', dir]);
    expect(byQuery.exitCode).toBe(0);
    expect(byQuery.stdout).toBe(byId.stdout);
    expect(byQuery.stdout).toContain('story 512');
    // The same query over index.json read whole (no catalog): the same article.
    const whole = copy();
    rmSync(join(whole, JSON.parse(readFileSync(join(whole, 'index.json'), 'utf8')).catalog));
    expect((await runInProcess(['read', 'ünïcode story 512', '--archive', whole])).stdout).toBe(byQuery.stdout);
    const weak = await runInProcess(['read', 'zzqx wqzz', '--archive', dir]);
    expect(weak.exitCode).toBe(1);
    expect(weak.stderr).toMatch(/^byline: no article (clearly )?matches "zzqx wqzz"/);
  }, 60_000);
});
