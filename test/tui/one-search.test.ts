// One search (issue 18): over a big archive (index.json one article a line, its catalog and
// id lookup beside it), what the reader's search as you type ranks and what `byline search`
// ranks are the same articles in the same order with the same scores. The reader's side is
// the reader's own pipeline — its first screen and the rest of the catalog read as it reads
// them, then queries typed into its store, run by its runner — and `byline search` runs
// through main(), as the CLI does.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogReading } from '../../src/archive/catalog-read.js';
import type { ImportedArticle } from '../../src/ingest/pagedump.js';
import { firstScreen, readTheRest, type Shown } from '../../src/tui/runtime/progressive.js';
import { runInProcess } from '../support/in-process.js';
import { tempDir } from '../support/paths.js';
import { startReader } from '../support/reader.js';
import { syntheticBigArchive } from '../support/synthetic-big.js';

const COUNT = 20_000;
const TOP = 20;
/** The articles queries are made from: early, middle and late in the archive. */
const SAMPLES = [101, 2345, 6789, 11_111, 15_555, 19_876];

let dir: string;
let samples: ImportedArticle[];
beforeAll(async () => {
  dir = tempDir('byline-one-search-');
  const kept = await syntheticBigArchive(join(dir, 'big'), COUNT, SAMPLES);
  samples = SAMPLES.map((n) => kept.get(n)!);
}, 180_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const wordsOf = (text: string) => text.toLowerCase().match(/\p{L}+/gu) ?? [];
/** The `k`-th longest word of five letters or more (the longer, the rarer, with Zipf's words). */
function rare(text: string, k = 0): string {
  const words = [...new Set(wordsOf(text).filter((w) => w.length >= 5))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return words[Math.min(k, words.length - 1)]!;
}
/** Two letters swapped: one typo. */
function typo(word: string): string {
  const swapped = word[0] + word[2] + word[1] + word.slice(3);
  return swapped !== word ? swapped : word.slice(0, 1) + (word[1] === 'z' ? 'y' : 'z') + word.slice(2);
}
const bodyOf = (a: ImportedArticle) => a.body.map((b) => ('text' in b ? b.text : '')).join(' ');
/** Two words in a row, as written (of four letters or more each, where the text has such). */
function pair(text: string): string {
  const words = text.split(/\s+/).map((w) => w.replace(/[^\p{L}]/gu, ''));
  const at = Math.max(
    0,
    words.findIndex((w, i) => w.length >= 4 && (words[i + 1]?.length ?? 0) >= 4),
  );
  return `${words[at]} ${words[at + 1]}`;
}

/** Thirty queries of every kind: title, author, dek and body words, typos, qualifiers, quotes. */
function queries(): string[] {
  const [a, b, c, d, e, f] = samples;
  // An article without an author (a few are) gives way to one with.
  const signed = (x: ImportedArticle) => (x.authors.length ? x : samples.find((s) => s.authors.length)!);
  const name = (x: ImportedArticle) => signed(x).authors[0]!.name;
  const last = (x: ImportedArticle) => name(x).split(' ').at(-1)!;
  const first = (x: ImportedArticle) => name(x).split(' ')[0]!;
  return [
    // title words
    rare(a.title),
    rare(b.title),
    rare(c.title, 1),
    rare(d.title),
    `${rare(e.title)} ${rare(e.title, 1)}`,
    `${rare(f.title, 1)} ${rare(f.title, 2)}`,
    // author names
    name(b),
    last(c),
    first(d).toLowerCase(),
    `${last(e)} ${rare(signed(e).title)}`,
    // dek and body words
    rare(a.dek),
    rare(d.dek, 1),
    rare(bodyOf(b)),
    rare(bodyOf(c), 2),
    `${rare(bodyOf(f))} ${rare(bodyOf(f), 1)}`,
    // typos
    typo(rare(c.title)),
    typo(rare(bodyOf(a))),
    typo(last(f)),
    typo(rare(e.dek)),
    // qualifiers
    `author:${last(a)}`,
    `author:${first(f)} ${rare(bodyOf(signed(f)), 2)}`,
    `title:${rare(b.title, 1)}`,
    `title:${rare(d.title, 1)} ${rare(d.dek)}`,
    `body:${rare(bodyOf(d))}`,
    `body:${rare(bodyOf(e), 1)}`,
    `dek:${rare(b.dek)}`,
    // quoted words
    `"${pair(a.title)}"`,
    `"${pair(c.dek)}"`,
    // one and two letters: a scan of titles and names
    `${rare(e.title).slice(0, 2)}`,
    `${rare(f.title).slice(0, 3)} ${first(b).slice(0, 1).toLowerCase()}`,
  ];
}

interface Ranked {
  id: string;
  score: number;
}

/** The reader of the big archive as `byline` runs it: the first screen from the catalog,
 * the rest read a chunk at a time, then a query typed key by key into its store. */
async function readerSearch(): Promise<(query: string) => Ranked[]> {
  const reading = CatalogReading.open(join(dir, 'big'));
  if (!reading) throw new Error('the archive has no catalog');
  expect(reading.total).toBe(COUNT);
  let shown: Shown = firstScreen(reading);
  await readTheRest(reading, shown, (next) => (shown = next), { stopped: () => false });
  expect(shown.loading).toBeNull();
  expect(shown.data.articles).toHaveLength(COUNT);
  const reader = await startReader(shown.data, { engine: shown.engine, services: { holding: shown.holding } });
  reader.keys('/');
  return (query) => {
    reader.keys('ctrl+w');
    reader.type(query);
    reader.store.settle();
    const { search, engine } = reader.state();
    expect(engine, query).toEqual({ status: 'ready' });
    expect(search.results.query).toBe(query);
    return search.results.hits.slice(0, TOP).map(({ id, score }) => ({ id, score }));
  };
}

async function bylineSearch(query: string): Promise<Ranked[]> {
  const run = await runInProcess(['search', query, '--json', '--limit', String(TOP), '--archive', join(dir, 'big')]);
  expect(run.stderr, query).toBe('');
  return (JSON.parse(run.stdout) as Ranked[]).map(({ id, score }) => ({ id, score }));
}

describe('the reader and byline search rank alike over a big archive', () => {
  it('the top 20 of thirty queries: the same ids in the same order, with the same scores', async () => {
    const list = queries();
    expect(new Set(list).size).toBe(30);
    const search = await readerSearch();
    const reader: Record<string, Ranked[]> = {};
    const cli: Record<string, Ranked[]> = {};
    for (const query of list) {
      reader[query] = search(query);
      cli[query] = await bylineSearch(query);
    }
    // Every query finds something, and most a full page: the comparison is not of empty lists.
    expect(list.filter((q) => cli[q]!.length === 0)).toEqual([]);
    expect(list.filter((q) => cli[q]!.length === TOP).length).toBeGreaterThanOrEqual(15);
    expect(reader).toEqual(cli);
  }, 120_000);
});
