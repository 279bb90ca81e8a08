// Archive.edit (issue 18, part 5): removing articles and setting tags, on a small index.json
// (read and written whole) and on a big one (one article a line, with its lookup, keys and
// catalog). A removed article leaves list, search and read at once, its body file goes, and an
// author left with no article goes too; the articles after it move up a row, and the word
// index (not rewritten) reads its rows through index.json's removedRows. Tags are set and
// cleared, found with tag:NAME, and kept when an import updates the article.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import { searchOverCatalog, searchOverRows } from '../../src/archive/catalog-search.js';
import { parsePageDump } from '../../src/ingest/pagedump.js';
import type { ImportBatch } from '../../src/archive/merge.js';
import type { Index } from '../../src/model/schema.js';
import { decodeHeader } from '../../src/search/segment.js';
import { runInProcess as byline } from '../support/in-process.js';
import { tempDir } from '../support/paths.js';
import { derivedFilesProblems, segmentRowProblems } from '../support/derived-files.js';
import { BIG_COUNT, bigArchive, EARLY, LATE, RARE_WORD } from '../support/big-archive.js';

const made: string[] = [];
const temp = () => {
  const dir = tempDir('byline-edit-');
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

// ------------------------------------------------------------------ a small archive

/** Each story has a word of its own (MARKS[k]); Ada writes story 2 alone, Ben stories 3 and 5. */
const MARKS = ['', 'okapi', 'quokka', 'narwhal', 'axolotl', 'pangolin', 'tapir'];
const BY: Record<number, string> = { 2: 'Ada Quill', 3: 'Ben Rook', 5: 'Ben Rook' };
const story = (k: number, extra = '') =>
  `Edit story ${k}\n\n${BY[k] ? `By ${BY[k]}\n\n` : ''}A dek for story ${k}.\n\nThe paragraph of story ${k} is about the ${MARKS[k]} and the harbour.${extra}`;
const batch = (ks: number[], file = `f${ks.join('-')}.txt`): ImportBatch => ({
  file,
  articles: parsePageDump(ks.map((k) => story(k)).join('\n\n\n')),
});

const indexOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Index;
const idOf = (k: number) => `edit-story-${k}`;
const hits = (a: Archive, q: string) =>
  searchEngineFor(a, { bodies: true })
    .search(q, { limit: 10 })
    .map((h) => h.id);
/** Body files in articles/ are exactly those index.json names. */
const bodiesNamed = (dir: string) => {
  expect(readdirSync(join(dir, 'articles')).sort()).toEqual(
    indexOf(dir)
      .articles.map((a) => a.bodyFile)
      .sort(),
  );
};

async function small(): Promise<string> {
  const dir = join(temp(), 'small');
  const archive = await Archive.open(dir, { create: true });
  await archive.import([batch([1, 2, 3, 4, 5, 6])], '2024-01-01T00:00:00.000Z');
  return dir;
}

describe('removing articles from a small archive', () => {
  it('the article leaves list, search and read; its body file goes; the articles after it are still found by their own words', async () => {
    const dir = await small();
    const archive = await Archive.open(dir);
    const gone = archive.article(idOf(3))!;
    const result = await archive.edit({ remove: [idOf(3)] });
    expect(result.removed.map((m) => m.id)).toEqual([idOf(3)]);
    expect(result.missing).toEqual([]);
    expect(result.tagged).toEqual([]);
    // The archive that made the edit sees it, and so does a fresh open.
    expect(archive.article(idOf(3))).toBeUndefined();
    const fresh = await Archive.open(dir);
    expect(fresh.articles.map((a) => a.id)).toEqual([1, 2, 4, 5, 6].map(idOf));
    expect(existsSync(join(dir, 'articles', gone.bodyFile))).toBe(false);
    bodiesNamed(dir);
    // Its words no longer match; every other article is found by its own word, those after
    // it (whose rows moved up) too.
    expect(hits(fresh, 'narwhal')).toEqual([]);
    for (const k of [1, 2, 4, 5, 6]) expect(hits(fresh, MARKS[k])[0], MARKS[k]).toBe(idOf(k));
    expect(hits(fresh, 'harbour')).toHaveLength(5);
    const index = indexOf(dir);
    expect(index.removedRows).toEqual([2]);
    expect(segmentRowProblems(dir, index)).toEqual([]);
    // The commands see the same.
    const list = await byline(['list', '--archive', dir]);
    expect(
      list.stdout
        .split('\n')
        .slice(0, -1)
        .map((l) => l.split('\t')[0]),
    ).toEqual([1, 2, 4, 5, 6].map(idOf));
    expect((await byline(['read', idOf(3), '--archive', dir])).exitCode).toBe(1);
    expect((await byline(['search', 'narwhal', '--archive', dir])).exitCode).toBe(1);
    expect((await byline(['search', 'tapir', '--archive', dir])).stdout).toMatch(new RegExp(`^${idOf(6)}\t`));
  });

  it('an author with no article left goes; one with another article stays', async () => {
    const dir = await small();
    const archive = await Archive.open(dir);
    expect(archive.authors.map((a) => a.name).sort()).toEqual(['Ada Quill', 'Ben Rook']);
    const first = await archive.edit({ remove: [idOf(2), idOf(3)] });
    expect(first.authorsRemoved.map((a) => a.name)).toEqual(['Ada Quill']);
    let fresh = await Archive.open(dir);
    expect(fresh.authors.map((a) => a.name)).toEqual(['Ben Rook']);
    expect(fresh.articlesBy(fresh.authors[0].id).map((a) => a.id)).toEqual([idOf(5)]);
    expect(hits(fresh, 'author:ben')).toEqual([idOf(5)]);
    expect((await byline(['author', 'ada', '--archive', dir])).exitCode).toBe(1);
    const second = await fresh.edit({ remove: [idOf(5)] });
    expect(second.authorsRemoved.map((a) => a.name)).toEqual(['Ben Rook']);
    fresh = await Archive.open(dir);
    expect(fresh.authors).toEqual([]);
    expect(indexOf(dir).removedRows).toEqual([1, 2, 4]);
    for (const k of [1, 4, 6]) expect(hits(fresh, MARKS[k])[0], MARKS[k]).toBe(idOf(k));
  });

  it('the first and the last, in one edit; ids it does not have are named as missing', async () => {
    const dir = await small();
    const archive = await Archive.open(dir);
    const result = await archive.edit({ remove: [idOf(6), 'no-such-story', idOf(1)] });
    expect(result.removed.map((m) => m.id).sort()).toEqual([idOf(1), idOf(6)]);
    expect(result.missing).toEqual(['no-such-story']);
    const fresh = await Archive.open(dir);
    expect(fresh.articles.map((a) => a.id)).toEqual([2, 3, 4, 5].map(idOf));
    for (const k of [2, 3, 4, 5]) expect(hits(fresh, MARKS[k])[0], MARKS[k]).toBe(idOf(k));
    for (const k of [1, 6]) expect(hits(fresh, MARKS[k]), MARKS[k]).toEqual([]);
    bodiesNamed(dir);
  });

  it('an edit that changes nothing writes nothing: index.json bytes and mtime unchanged', async () => {
    const dir = await small();
    const before = readFileSync(join(dir, 'index.json'));
    const mtime = statSync(join(dir, 'index.json')).mtimeMs;
    const result = await (await Archive.open(dir)).edit({ remove: ['no-such-story'] });
    expect(result).toEqual({ removed: [], tagged: [], authorsRemoved: [], missing: ['no-such-story'] });
    expect(readFileSync(join(dir, 'index.json'))).toEqual(before);
    expect(statSync(join(dir, 'index.json')).mtimeMs).toBe(mtime);
  });

  it('imported again, a removed article comes back as new, at the end, found by its words; its author too', async () => {
    const dir = await small();
    await (await Archive.open(dir)).edit({ remove: [idOf(2)] });
    const summary = await (await Archive.open(dir)).import([batch([2], 'again.txt')]);
    expect(summary).toMatchObject({ added: 1, updated: 0 });
    const fresh = await Archive.open(dir);
    expect(fresh.articles.map((a) => a.id)).toEqual([1, 3, 4, 5, 6, 2].map(idOf));
    expect(fresh.authors.map((a) => a.name).sort()).toEqual(['Ada Quill', 'Ben Rook']);
    for (const k of [1, 2, 3, 4, 5, 6]) expect(hits(fresh, MARKS[k]), MARKS[k]).toEqual([idOf(k)]);
    expect(segmentRowProblems(dir, indexOf(dir))).toEqual([]);
    expect((await byline(['read', idOf(2), '--archive', dir])).stdout).toContain('quokka');
    bodiesNamed(dir);
  });

  it('articles imported after a removal are found by their words, and the next merge drops the removed words', async () => {
    const dir = await small();
    await (await Archive.open(dir)).edit({ remove: [idOf(4)] });
    const extra = (n: number) => ({
      file: `x${n}.txt`,
      articles: parsePageDump(`Later story ${n}\n\nA dek.\n\nThe paragraph mentions word${n}x and the harbour.`),
    });
    // Each import adds a small segment: the fourth of one tier merges them.
    for (let n = 1; n <= 4; n++) await (await Archive.open(dir, { deferRead: true })).import([extra(n)]);
    const index = indexOf(dir);
    const segmentIds = (index.segments ?? []).flatMap((name) => decodeHeader(readFileSync(join(dir, 'search', name))).ids());
    expect(segmentIds).not.toContain(idOf(4));
    expect(segmentIds).toContain(idOf(5));
    expect(segmentRowProblems(dir, index)).toEqual([]);
    const fresh = await Archive.open(dir);
    for (let n = 1; n <= 4; n++) expect(hits(fresh, `word${n}x`)[0]).toBe(`later-story-${n}`);
    for (const k of [1, 2, 3, 5, 6]) expect(hits(fresh, MARKS[k]), MARKS[k]).toEqual([idOf(k)]);
    expect(hits(fresh, 'axolotl')).toEqual([]);
  });

  it('reindex after a removal starts the rows afresh: no removedRows, the same hits', async () => {
    const dir = await small();
    await (await Archive.open(dir)).edit({ remove: [idOf(2), idOf(5)] });
    const before = await Archive.open(dir);
    const queries = ['harbour', ...MARKS.slice(1), 'author:ben', 'story 6'];
    const expected = queries.map((q) => hits(before, q));
    await (await Archive.open(dir)).rebuildSearchIndex();
    const index = indexOf(dir);
    expect(index.removedRows).toBeUndefined();
    expect(segmentRowProblems(dir, index)).toEqual([]);
    const fresh = await Archive.open(dir);
    expect(queries.map((q) => hits(fresh, q))).toEqual(expected);
  });
});

describe('tags on a small archive', () => {
  it('added and taken off; tag:NAME finds them, alone (in archive order) or with words; none left means no tags key', async () => {
    const dir = await small();
    const archive = await Archive.open(dir);
    const result = await archive.edit({
      tags: new Map([
        [idOf(5), { add: ['zoo', 'long-reads'], drop: [] }],
        [idOf(2), { add: ['zoo'], drop: [] }],
      ]),
    });
    expect(result.tagged.map((m) => [m.id, m.tags])).toEqual([
      [idOf(2), ['zoo']],
      [idOf(5), ['zoo', 'long-reads']],
    ]);
    expect(archive.article(idOf(5))!.tags).toEqual(['zoo', 'long-reads']);
    let fresh = await Archive.open(dir);
    expect(hits(fresh, 'tag:zoo')).toEqual([idOf(2), idOf(5)]);
    expect(hits(fresh, 'tag:ZOO')).toEqual([idOf(2), idOf(5)]);
    expect(hits(fresh, 'tag:zoo pangolin')).toEqual([idOf(5)]);
    expect(hits(fresh, 'tag:zoo tag:long-reads')).toEqual([idOf(5)]);
    expect(hits(fresh, 'tag:zoo tapir')).toEqual([]);
    expect(hits(fresh, 'tag:nothing')).toEqual([]);
    // A tag is not a word of the article.
    expect(hits(fresh, 'zoo')).toEqual([]);
    // Adding what it has, taking off what it lacks: nothing to write.
    const same = await fresh.edit({ tags: new Map([[idOf(2), { add: ['zoo'], drop: ['absent'] }]]) });
    expect(same.tagged).toEqual([]);
    await fresh.edit({ tags: new Map([[idOf(2), { add: [], drop: ['zoo'] }]]) });
    fresh = await Archive.open(dir);
    expect(fresh.article(idOf(2))!.tags).toBeUndefined();
    expect(Object.keys(indexOf(dir).articles[1])).not.toContain('tags');
    expect(hits(fresh, 'tag:zoo')).toEqual([idOf(5)]);
    // Tagging moves no row: the word index needs no removed rows.
    expect(indexOf(dir).removedRows).toBeUndefined();
    for (const k of [1, 2, 3, 4, 5, 6]) expect(hits(fresh, MARKS[k]), MARKS[k]).toEqual([idOf(k)]);
  });

  it('kept when an import updates the article, and when it brings it unchanged', async () => {
    const dir = await small();
    await (await Archive.open(dir)).edit({ tags: new Map([[idOf(4), { add: ['keep'], drop: [] }]]) });
    const unchanged = await (await Archive.open(dir)).import([batch([4], 'same.txt')]);
    expect(unchanged).toMatchObject({ added: 0, updated: 0 });
    const corrected = { file: 'fix.txt', articles: parsePageDump(story(4, '\n\nA correction names the wombat.')) };
    expect(await (await Archive.open(dir)).import([corrected])).toMatchObject({ added: 0, updated: 1 });
    const fresh = await Archive.open(dir);
    expect(fresh.article(idOf(4))!.tags).toEqual(['keep']);
    expect(hits(fresh, 'tag:keep')).toEqual([idOf(4)]);
    expect(hits(fresh, 'tag:keep wombat')).toEqual([idOf(4)]);
  });

  it('removal and tags in one edit', async () => {
    const dir = await small();
    const result = await (
      await Archive.open(dir)
    ).edit({
      remove: [idOf(1)],
      tags: new Map([[idOf(6), { add: ['last'], drop: [] }]]),
    });
    expect(result.removed.map((m) => m.id)).toEqual([idOf(1)]);
    expect(result.tagged.map((m) => m.id)).toEqual([idOf(6)]);
    const fresh = await Archive.open(dir);
    expect(hits(fresh, 'tag:last tapir')).toEqual([idOf(6)]);
    expect(hits(fresh, 'okapi')).toEqual([]);
  });
});

// ------------------------------------------------------------------ a big archive

describe('a big archive (one article a line)', () => {
  let big: string;
  beforeAll(async () => {
    big = await bigArchive(join(temp(), 'big'));
  }, 120_000);

  const copy = () => {
    const dir = join(temp(), 'copy');
    cpSync(big, dir, { recursive: true });
    return dir;
  };
  /** The article of story n (1-based) as the big archive was imported. */
  let ids: string[];
  beforeAll(async () => {
    ids = (await Archive.open(big)).articles.map((a) => a.id);
    expect(ids).toHaveLength(BIG_COUNT);
  });
  const idAt = (n: number) => ids[n - 1];
  const QUERIES = [RARE_WORD, 'harbour', 'story 1', 'story 499', 'story 501', 'story 1010', 'ferry museum', 'muesum', 'st'];

  it('removing: list, search (every way) and read no longer find it; the rows after it still find theirs; lookup, keys and catalog agree', async () => {
    const dir = copy();
    const archive = await Archive.open(dir, { deferRead: true });
    const gone = [EARLY, 500].map(idAt);
    const bodyFiles = (await Archive.open(big)).articles.filter((a) => gone.includes(a.id)).map((a) => a.bodyFile);
    const result = await archive.edit({ remove: gone });
    expect(result.removed.map((m) => m.id).sort()).toEqual([...gone].sort());
    expect(derivedFilesProblems(dir)).toEqual([]);
    const index = indexOf(dir);
    expect(index.articles).toHaveLength(BIG_COUNT - 2);
    expect(index.removedRows).toEqual([EARLY - 1, 499]);
    for (const f of bodyFiles) expect(existsSync(join(dir, 'articles', f))).toBe(false);
    bodiesNamed(dir);

    const fresh = await Archive.open(dir);
    const whole = searchEngineFor(fresh, { bodies: true });
    expect(whole.search(RARE_WORD, 10).map((h) => h.id)).toEqual([idAt(LATE)]);
    for (const n of [1, 3, 499, 501, 1000, BIG_COUNT]) expect(whole.search(`story ${n}`, 1)[0]?.id, `story ${n}`).toBe(idAt(n));
    expect(whole.search('story 500', 5).map((h) => h.id)).not.toContain(idAt(500));
    // The word index read by rows, and the catalog's search, give what a search of index.json gives.
    const rows = searchOverRows(dir);
    const catalog = searchOverCatalog(dir);
    expect(rows).toBeDefined();
    expect(catalog).toBeDefined();
    for (const q of QUERIES) {
      expect(rows!.engine.search(q, 20), q).toEqual(whole.search(q, 20));
      expect(catalog!.engine.search(q, 20), q).toEqual(whole.search(q, 20));
    }
    // The commands: list streams the lines, search and read go through the lookup and rows.
    const list = await byline(['list', '--archive', dir]);
    expect(list.stdout.split('\n')).toHaveLength(BIG_COUNT - 2 + 1);
    expect(list.stdout).not.toContain(`${idAt(500)}\t`);
    for (const id of gone) {
      expect((await byline(['read', id, '--archive', dir])).exitCode, id).toBe(1);
      expect((await Archive.open(dir, { only: id })).article(id)).toBeUndefined();
    }
    const search = await byline(['search', RARE_WORD, '--json', '--archive', dir]);
    expect(JSON.parse(search.stdout).map((h: { id: string }) => h.id)).toEqual([idAt(LATE)]);
    expect((await byline(['read', idAt(LATE), '--archive', dir])).stdout).toContain(`Story ${LATE} of the`);
    const one = await Archive.open(dir, { only: idAt(LATE) });
    expect(one.partial).toBe(true);
  }, 60_000);

  it('imported again, a removed article comes back as new, at the end, and is found by its words', async () => {
    const dir = copy();
    await (await Archive.open(dir, { deferRead: true })).edit({ remove: [idAt(EARLY)] });
    const { bigTitle, bigBodyLine } = await import('../support/big-archive.js');
    const page = { file: 'again.txt', articles: parsePageDump(`${bigTitle(EARLY)}\n\n${bigBodyLine(EARLY)}`) };
    expect(await (await Archive.open(dir, { deferRead: true })).import([page])).toMatchObject({ added: 1, updated: 0 });
    expect(derivedFilesProblems(dir)).toEqual([]);
    const fresh = await Archive.open(dir);
    expect(fresh.articles.at(-1)!.id).toBe(idAt(EARLY));
    expect(fresh.articles).toHaveLength(BIG_COUNT);
    const found = searchEngineFor(fresh, { bodies: true })
      .search(RARE_WORD, 10)
      .map((h) => h.id);
    expect(found.sort()).toEqual([idAt(EARLY), idAt(LATE)].sort());
    expect(searchOverRows(dir)!.engine.search(RARE_WORD, 10)).toEqual(searchEngineFor(fresh, { bodies: true }).search(RARE_WORD, 10));
    expect((await Archive.open(dir, { only: idAt(EARLY) })).partial).toBe(true);
  }, 60_000);

  it('a tag rewrites only its article line; tag:NAME finds it through every search', async () => {
    const dir = copy();
    const lines = (d: string) => readFileSync(join(d, 'index.json'), 'utf8').split('\n');
    const before = lines(dir);
    await (await Archive.open(dir, { deferRead: true })).edit({ tags: new Map([[idAt(LATE), { add: ['airships'], drop: [] }]]) });
    expect(derivedFilesProblems(dir)).toEqual([]);
    const after = lines(dir);
    const articleLines = (all: string[]) => all.filter((l) => l.startsWith('{"id":'));
    const changed = articleLines(after).filter((l) => !before.includes(l));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toContain(`"id":"${idAt(LATE)}"`);
    expect(changed[0]).toContain('"tags":["airships"]');
    expect(articleLines(after)).toHaveLength(BIG_COUNT);
    expect(indexOf(dir).removedRows).toBeUndefined();
    const fresh = await Archive.open(dir);
    const whole = searchEngineFor(fresh, { bodies: true });
    expect(whole.search('tag:airships', 10).map((h) => h.id)).toEqual([idAt(LATE)]);
    expect(whole.search(`tag:airships ${RARE_WORD}`, 10).map((h) => h.id)).toEqual([idAt(LATE)]);
    for (const q of ['tag:airships', `tag:airships ${RARE_WORD}`, 'tag:airships harbour']) {
      expect(searchOverRows(dir)!.engine.search(q, 20), q).toEqual(whole.search(q, 20));
      expect(searchOverCatalog(dir)!.engine.search(q, 20), q).toEqual(whole.search(q, 20));
    }
    const cli = await byline(['search', 'tag:airships', '--json', '--archive', dir]);
    expect(JSON.parse(cli.stdout).map((h: { id: string }) => h.id)).toEqual([idAt(LATE)]);
    const listed = JSON.parse((await byline(['list', '--json', '--archive', dir])).stdout) as { id: string; tags: string[] }[];
    expect(listed.filter((a) => a.tags.length).map((a) => a.id)).toEqual([idAt(LATE)]);
  }, 60_000);

  it('a removal and a tag in one edit: the tagged article, after the removed one, is found by its tag and its words', async () => {
    const dir = copy();
    await (
      await Archive.open(dir, { deferRead: true })
    ).edit({
      remove: [idAt(EARLY)],
      tags: new Map([[idAt(LATE), { add: ['airships'], drop: [] }]]),
    });
    expect(derivedFilesProblems(dir)).toEqual([]);
    const fresh = await Archive.open(dir);
    const whole = searchEngineFor(fresh, { bodies: true });
    expect(whole.search(`tag:airships ${RARE_WORD}`, 10).map((h) => h.id)).toEqual([idAt(LATE)]);
    expect(whole.search(RARE_WORD, 10).map((h) => h.id)).toEqual([idAt(LATE)]);
    for (const q of ['tag:airships', RARE_WORD, 'story 1007'])
      expect(searchOverRows(dir)!.engine.search(q, 20), q).toEqual(whole.search(q, 20));
  }, 60_000);
});

describe('what a killed write left at the top of the folder', () => {
  it('the temp file of a write marker killed before its rename is swept by the next write', async () => {
    const dir = join(temp(), 'a');
    const archive = await Archive.open(dir, { create: true });
    await archive.import([batch([1, 2])]);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, `..writing.tmp-${process.pid}-abcdefgh`), '');
    await archive.edit({ tags: new Map([[idOf(1), { add: ['x'], drop: [] }]]) });
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
