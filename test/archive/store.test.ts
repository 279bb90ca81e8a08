import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import { BylineError } from '../../src/model/errors.js';
import { searchEngineFor, searchEngineForAsync } from '../../src/archive/searchable.js';
import { parsePageDump } from '../../src/ingest/pagedump.js';
import type { ImportBatch } from '../../src/archive/merge.js';
import { bodyFile, fixtureText, seedText, snapshotDir, tempDir } from '../support/paths.js';
import { writeArchive } from '../support/hardening.js';

const made: string[] = [];
const temp = () => {
  const dir = tempDir('byline-store-');
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const seedBatch = (): ImportBatch => ({ file: 'protocol-page.txt', articles: parsePageDump(seedText()) });
const batchOf = (name: string): ImportBatch => ({ file: name, articles: parsePageDump(fixtureText(name)) });

async function seeded(): Promise<{ dir: string; archive: Archive }> {
  const dir = join(temp(), 'archive');
  const archive = await Archive.open(dir, { create: true });
  await archive.import([seedBatch()], '2024-01-01T00:00:00.000Z');
  return { dir, archive };
}

/** Runs fn, expecting a BylineError; returns it. */
async function failure(fn: () => Promise<unknown> | unknown): Promise<BylineError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BylineError);
    return error as BylineError;
  }
  throw new Error('expected a BylineError, got success');
}

describe('Archive import', () => {
  it('creates a missing folder (and its parents) on import', async () => {
    const dir = join(temp(), 'deep', 'new', 'archive');
    expect(existsSync(dir)).toBe(false);
    const archive = await Archive.open(dir, { create: true });
    const summary = await archive.import([seedBatch()]);
    expect(summary).toEqual({ articles: 6, added: 6, updated: 0, unchanged: 0, authors: 5 });
    expect(existsSync(join(dir, 'index.json'))).toBe(true);
    expect(readdirSync(join(dir, 'articles')).sort()).toEqual(archive.articles.map((a) => a.bodyFile).sort());
  });

  it('refuses to open a missing archive unless creating, with exit code 2', async () => {
    const dir = join(temp(), 'nothing-here');
    const error = await failure(() => Archive.open(dir));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(new RegExp(`^cannot read archive ${escape(join(dir, 'index.json'))}: `));
    expect(existsSync(dir)).toBe(false);
  });

  it('re-importing the same file changes nothing: 0 new, 0 updated, index.json bytes and mtime unchanged', async () => {
    const { dir } = await seeded();
    const before = snapshotDir(dir);
    const mtime = statSync(join(dir, 'index.json')).mtimeMs;
    const reopened = await Archive.open(dir);
    const summary = await reopened.import([seedBatch()], '2031-01-01T00:00:00.000Z');
    expect(summary).toEqual({ articles: 6, added: 0, updated: 0, unchanged: 6, authors: 5 });
    expect(snapshotDir(dir)).toEqual(before);
    expect(statSync(join(dir, 'index.json')).mtimeMs).toBe(mtime);
  });

  it('reads back what it wrote: metadata, authors and bodies', async () => {
    const { dir, archive } = await seeded();
    const reopened = await Archive.open(dir);
    expect(reopened.articles).toEqual(archive.articles);
    expect(reopened.authors).toEqual(archive.authors);
    for (const meta of reopened.articles) {
      const article = reopened.full(meta);
      expect(article.body.length).toBeGreaterThan(0);
      expect(reopened.authorsOf(meta).map((a) => a.id)).toEqual(meta.authors);
    }
    expect(reopened.articlesBy('kate-kaye').map((a) => a.title)).toEqual([
      'Why large enterprises struggle to find suitable platforms for MLops',
    ]);
  });

  it('replaces an excerpt when the full article arrives later, and rewrites its body', async () => {
    const dir = join(temp(), 'a');
    const archive = await Archive.open(dir, { create: true });
    await archive.import([batchOf('teasers.txt')]);
    const id = 'why-the-river-ferry-still-matters';
    expect(archive.article(id)?.kind).toBe('excerpt');
    const summary = await archive.import([batchOf('river-ferry-full.txt')]);
    expect(summary).toMatchObject({ added: 0, updated: 1, unchanged: 0 });
    const reopened = await Archive.open(dir);
    expect(reopened.article(id)?.kind).toBe('full');
    expect(reopened.body(id)).toHaveLength(3);
    expect(reopened.articles).toHaveLength(3);
    // The author of the excerpt stays known (authors are not removed by an update).
    expect(reopened.authors.map((a) => a.name)).toContain('Marta Kowalczyk');
  });

  it('never replaces a full article by a later excerpt: archive bytes unchanged', async () => {
    const dir = join(temp(), 'a');
    const archive = await Archive.open(dir, { create: true });
    await archive.import([batchOf('river-ferry-full.txt')]);
    const before = snapshotDir(dir);
    const justFerry = batchOf('teasers.txt');
    justFerry.articles = justFerry.articles.filter((a) => a.title === 'Why the river ferry still matters');
    const summary = await archive.import([justFerry]);
    expect(summary).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
    expect(archive.article('why-the-river-ferry-still-matters')?.kind).toBe('full');
    // The excerpt's author is new, so the index may gain that author, but the full body is untouched.
    const after = snapshotDir(dir);
    const body = `articles/${archive.article('why-the-river-ferry-still-matters')!.bodyFile}`;
    expect(after.get(body)).toEqual(before.get(body));
    expect(archive.body('why-the-river-ferry-still-matters')).toHaveLength(3);
  });

  it('merges authors by name across imports, keeping the longer bio', async () => {
    const dir = join(temp(), 'a');
    const archive = await Archive.open(dir, { create: true });
    const longBio =
      'Marta Kowalczyk (@martakowal) covers transport and local government for the Valley Post. She previously reported on housing.';
    await archive.import([
      {
        file: 'x',
        articles: [
          {
            ...parsePageDump(fixtureText('river-ferry-full.txt'))[0],
            authors: [{ name: 'Marta Kowalczyk', bio: 'Marta Kowalczyk writes.', kind: 'person' }],
          },
        ],
      },
    ]);
    await archive.import([batchOf('teasers.txt')]);
    await archive.import([
      {
        file: 'y',
        articles: [
          {
            title: 'Buses',
            titleDerived: false,
            dek: '',
            kind: 'full',
            sponsored: false,
            authors: [{ name: 'MARTA KOWALCZYK', bio: 'Short.', kind: 'person' }],
            body: [{ type: 'paragraph', text: 'Buses.' }],
            credits: [],
          },
        ],
      },
    ]);
    const reopened = await Archive.open(dir);
    const martas = reopened.authors.filter((a) => a.name.toLowerCase() === 'marta kowalczyk');
    expect(martas).toHaveLength(1);
    expect(martas[0]).toMatchObject({ bio: longBio, handle: '@martakowal' });
    expect(
      reopened
        .articlesBy(martas[0].id)
        .map((a) => a.title)
        .sort(),
    ).toEqual(['Buses', 'Why the river ferry still matters']);
  });

  it("answers articlesBy from an author index: every author's articles without a scan of the archive per author (issue 10, defect 8)", async () => {
    const { archive } = await seeded();
    // Count how often each article's author list is read while every author's articles are asked for.
    let reads = 0;
    for (const meta of archive.articles) {
      const ids = meta.authors;
      Object.defineProperty(meta, 'authors', { get: () => (reads++, ids), configurable: true });
    }
    const byAuthor = archive.authors.map((a) => archive.articlesBy(a.id).map((m) => m.id));
    expect(reads).toBeLessThanOrEqual(archive.articles.length);
    expect(byAuthor.flat().length).toBeGreaterThan(0);
    expect(archive.articlesBy('kate-kaye').map((m) => m.title)).toEqual([
      'Why large enterprises struggle to find suitable platforms for MLops',
    ]);
    expect(archive.articleCountBy('kate-kaye')).toBe(1);
    expect(archive.articlesBy('nobody')).toEqual([]);
  });

  it('keeps the author index current after an import', async () => {
    const dir = join(temp(), 'b');
    const archive = await Archive.open(dir, { create: true });
    const ferry = parsePageDump(fixtureText('river-ferry-full.txt'))[0];
    await archive.import([
      { file: 'x', articles: [{ ...ferry, authors: [{ name: 'Marta Kowalczyk', bio: 'Marta writes.', kind: 'person' }] }] },
    ]);
    const [marta] = archive.authors;
    expect(archive.articlesBy(marta.id)).toHaveLength(1);
    await archive.import([
      {
        file: 'y',
        articles: [
          {
            title: 'Buses',
            titleDerived: false,
            dek: '',
            kind: 'full',
            sponsored: false,
            authors: [{ name: marta.name, bio: 'Short.', kind: 'person' }],
            body: [{ type: 'paragraph', text: 'Buses.' }],
            credits: [],
          },
        ],
      },
    ]);
    expect(
      archive
        .articlesBy(marta.id)
        .map((m) => m.title)
        .sort(),
    ).toEqual(['Buses', 'Why the river ferry still matters']);
  });

  it('writes every body before the index: a failed body write leaves index.json untouched', async () => {
    const { dir } = await seeded();
    const before = readFileSync(join(dir, 'index.json'));
    const archive = await Archive.open(dir);
    // A folder (not empty) where the second new body's file must go makes that write fail.
    const { mergeImport } = await import('../../src/archive/merge.js');
    const planned = mergeImport(
      structuredClone({ formatVersion: 1 as const, articles: [...archive.articles], authors: [...archive.authors] }),
      [batchOf('several-full-articles.txt')],
      'now',
    );
    const second = planned.index.articles.filter((a) => !archive.article(a.id))[1];
    mkdirSync(join(dir, 'articles', second.bodyFile!, 'in-the-way'), { recursive: true });
    await expect(archive.import([batchOf('several-full-articles.txt')])).rejects.toThrow();
    expect(readFileSync(join(dir, 'index.json'))).toEqual(before);
    const reopened = await Archive.open(dir);
    expect(reopened.articles).toHaveLength(6);
    for (const meta of reopened.articles) expect(() => reopened.body(meta.id)).not.toThrow();
  });

  it('writes the index after the bodies it names (mtimes), on a successful import', async () => {
    const { dir } = await seeded();
    const indexTime = statSync(join(dir, 'index.json')).mtimeMs;
    for (const name of readdirSync(join(dir, 'articles')))
      expect(statSync(join(dir, 'articles', name)).mtimeMs).toBeLessThanOrEqual(indexTime);
  });

  it('writes index.json one article a line and all-ASCII at every size, and reads it back', async () => {
    const { dir } = await seeded();
    const small = readFileSync(join(dir, 'index.json'), 'utf8');
    expect(small).toMatch(/^\{"formatVersion":1,\n/);
    expect(small).toMatch(/^[\x00-\x7f]*$/); // the seed's curly quotes escaped
    const archive = await Archive.open(dir);
    const dump = Array.from({ length: 1001 }, (_, i) => `Café story ${i + 1} über alles\n\nParagraph of story ${i + 1}.`).join('\n\n\n');
    await archive.import([{ file: 'many.txt', articles: parsePageDump(dump) }]);
    const big = readFileSync(join(dir, 'index.json'), 'utf8');
    expect(big).toMatch(/^[\x00-\x7f]*$/);
    const lines = big.split('\n');
    // Header keys first (see id-lookup.test.ts), the articles last.
    expect(lines[0]).toBe('{"formatVersion":1,');
    expect(lines).toContain('"articles":[');
    expect(lines.filter((l) => l.startsWith('{"id":'))).toHaveLength(1007 + archive.authors.length);
    const reopened = await Archive.open(dir);
    expect(reopened.articles).toHaveLength(1007);
    expect(reopened.articles.map((a) => a.title)).toContain('Café story 1001 über alles');
    expect(reopened.articles.map((a) => a.title)).toEqual(archive.articles.map((a) => a.title));
    for (const a of archive.articles) expect(reopened.article(a.id)?.title).toBe(a.title);
    // One import, one source record in memory.
    expect(new Set(reopened.articles.filter((a) => a.source.file === 'many.txt').map((a) => a.source)).size).toBe(1);
  });

  it("a lean open (the reader's) drops the leads and hashes from memory, reads them back from the bodies, and refuses to write", async () => {
    const { dir } = await seeded();
    const full = await Archive.open(dir);
    const lean = await Archive.open(dir, { lean: true });
    expect(lean.lean).toBe(true);
    expect(lean.articles.every((a) => a.lead === '' && a.hash === '')).toBe(true);
    expect(full.articles.filter((a) => a.lead !== '').length).toBeGreaterThan(3);
    for (const meta of full.articles) expect(lean.lead(lean.article(meta.id)!)).toBe(meta.lead);
    const before = snapshotDir(dir);
    await expect(lean.import([seedBatch()])).rejects.toThrow(/cannot be written/);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('a lean open keeps the leads when there is no word index to search them by', async () => {
    // index.json names no segments: no word index (a hand-written archive).
    const lead = 'An okapi walked along the quay at dawn.';
    const dir = writeArchive(join(temp(), 'hand'), [
      { meta: { id: 'quiet-harbour', title: 'Quiet harbour', lead }, body: [{ type: 'paragraph', text: lead }] },
      {
        meta: { id: 'busy-market', title: 'Busy market', lead: 'Stalls open early.' },
        body: [{ type: 'paragraph', text: 'Stalls open early.' }],
      },
    ]);
    const lean = await Archive.open(dir, { lean: true });
    expect(lean.segments).toBeUndefined();
    expect(lean.lean).toBe(false);
    expect(lean.article('quiet-harbour')!.lead).toBe(lead);
    // The reader's search over such an archive is built from the metadata: the lead's words find it.
    expect((await searchEngineForAsync(lean)).search('okapi', 5).map((h) => h.id)).toEqual(['quiet-harbour']);
  });

  it('leaves no temporary files behind after a successful import', async () => {
    const { dir } = await seeded();
    const names = [...snapshotDir(dir).keys()];
    expect(names).toContain('index.json');
    expect(names.filter((n) => /\.tmp$|(^|\/)\./.test(n))).toEqual([]);
  });
});

describe('Archive read errors: index.json', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['not JSON', '{"formatVersion": 1, "articles": [', /not valid JSON/],
    ['empty', '', /empty/],
    ['only whitespace', '  \n', /empty/],
    ['a BOM before the JSON', '\ufeff{"formatVersion":1,"articles":[],"authors":[]}', /byte-order mark/],
    ['NUL bytes', Buffer.from([0x7b, 0x00, 0x7d]), /NUL/],
    ['the wrong shape', '{"formatVersion":1,"articles":[{"id":"x"}],"authors":[]}', /does not match the archive schema/],
    [
      'an id that is not a slug',
      JSON.stringify({ formatVersion: 1, articles: [], authors: [{ id: '', name: 'X', bio: '', kind: 'person' }] }),
      /does not match the archive schema/,
    ],
    ['a JSON array', '[]', /does not match the archive schema/],
    ['JSON null', 'null', /does not match the archive schema/],
    ['no formatVersion', '{"articles":[],"authors":[]}', /does not match the archive schema/],
    [
      'a newer formatVersion',
      '{"formatVersion":2,"articles":[],"authors":[],"shelves":[]}',
      /: archive formatVersion 2 is newer than this byline understands \(1\); upgrade byline$/,
    ],
    [
      'an older formatVersion',
      '{"formatVersion":0,"articles":[],"authors":[]}',
      /: archive formatVersion 0 is older than this byline reads \(1\); open it with the byline that wrote it and export it$/,
    ],
    [
      'the development layout ("version", not "formatVersion")',
      '{"version":1,"articles":[],"authors":[]}',
      /: an archive of an unreleased development build of byline \(it records "version", not "formatVersion"\); this byline reads formatVersion 1: import the original pages into a new archive$/,
    ],
    ['a formatVersion that is not a number', '{"formatVersion":"1","articles":[],"authors":[]}', /does not match the archive schema/],
  ];

  for (const [label, content, reason] of cases) {
    it(`${label} → BylineError, exit code 2, "cannot read archive PATH: …", file untouched`, async () => {
      const dir = temp();
      const path = join(dir, 'index.json');
      writeFileSync(path, content);
      const before = readFileSync(path);
      for (const create of [false, true]) {
        const error = await failure(() => Archive.open(dir, { create }));
        expect(error.exitCode).toBe(2);
        expect(error.message.startsWith(`cannot read archive ${path}: `)).toBe(true);
        expect(error.message).toMatch(reason);
        expect(error.message).not.toMatch(/\n/);
      }
      expect(readFileSync(path)).toEqual(before);
      expect(readdirSync(dir)).toEqual(['index.json']);
    });
  }

  it('an index.json that is a directory → exit code 2', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'index.json'));
    const error = await failure(() => Archive.open(dir));
    expect(error.exitCode).toBe(2);
    expect(error.message.startsWith(`cannot read archive ${join(dir, 'index.json')}: `)).toBe(true);
  });
});

describe('Archive read errors: body files', () => {
  const china = 'profits-over-politics-aws-and-microsoft-execs-warn-of-chinas-ai-threat-while';
  const kaye = 'why-large-enterprises-struggle-to-find-suitable-platforms-for-mlops';
  const variants: [string, (path: string) => void, RegExp][] = [
    ['missing', (p) => rmSync(p), /missing/],
    ['not JSON', (p) => writeFileSync(p, '{"id": "x", "body": ['), /not valid JSON/],
    ['empty', (p) => writeFileSync(p, ''), /empty/],
    ['the wrong shape', (p) => writeFileSync(p, '{"id":"x","body":[{"type":"video","src":"x"}]}'), /body/],
  ];

  for (const [label, damage, reason] of variants) {
    it(`a ${label} body fails for that article only, with exit code 1`, async () => {
      const { dir } = await seeded();
      damage(bodyFile(dir, china));
      const archive = await Archive.open(dir);
      expect(archive.articles).toHaveLength(6);
      const error = await failure(() => archive.body(china));
      expect(error.exitCode).toBe(1);
      expect(error.message).toContain(china);
      expect(error.message).toMatch(reason);
      expect(archive.body(kaye).length).toBeGreaterThan(0);
      // Search over bodies still works; only the broken body is left out.
      const hits = searchEngineFor(archive, { bodies: true }).search('mlops platfroms');
      expect(hits[0]?.id).toBe(kaye);
    });
  }
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
