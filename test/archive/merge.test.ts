import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { contentHash, mergeImport } from '../../src/archive/merge.js';
import { ARCHIVE_VERSION, IndexSchema, type Index } from '../../src/model/schema.js';
import { parsePageDump, type ImportedArticle, type ImportedAuthor } from '../../src/ingest/pagedump.js';
import { seedText } from '../support/paths.js';

const AT = '2024-05-01T12:00:00.000Z';
const empty = (): Index => ({ formatVersion: ARCHIVE_VERSION, articles: [], authors: [] });

function article(over: Partial<ImportedArticle> = {}): ImportedArticle {
  return {
    title: 'Why the river ferry still matters',
    titleDerived: false,
    dek: 'Three hundred commuters a day still cross by boat.',
    kind: 'full',
    sponsored: false,
    authors: [],
    body: [{ type: 'paragraph', text: 'The ferry has run since 1921.' }],
    credits: [],
    ...over,
  };
}
const marta = (bio: string, handle?: string): ImportedAuthor => ({
  name: 'Marta Kowalczyk',
  bio,
  kind: 'person',
  ...(handle ? { handle } : {}),
});
const excerpt = article({ kind: 'excerpt', body: [{ type: 'paragraph', text: 'The ferry has run since 1921.' }] });
const full = article({
  kind: 'full',
  body: [
    { type: 'paragraph', text: 'The ferry has run since 1921.' },
    { type: 'paragraph', text: 'The nearest bridge is eleven kilometres downstream.' },
  ],
});

describe('mergeImport', () => {
  it('adds the seed to an empty index: 6 new, 5 authors, valid schema, a body for every article', () => {
    const r = mergeImport(empty(), [{ file: 'protocol-page.txt', articles: parsePageDump(seedText()) }], AT);
    expect(r.summary).toEqual({ articles: 6, added: 6, updated: 0, unchanged: 0, authors: 5 });
    expect(r.changed).toBe(true);
    expect(v.safeParse(IndexSchema, r.index).success).toBe(true);
    expect([...r.bodies.keys()]).toEqual(r.index.articles.map((a) => a.id));
    expect(r.index.authors.map((a) => a.kind).sort()).toEqual(['organization', 'person', 'person', 'person', 'person']);
    for (const a of r.index.articles) {
      expect(a.source).toEqual({ file: 'protocol-page.txt', importedAt: AT });
      expect(a.url).toBeUndefined();
      expect(a.publishedAt).toBeUndefined();
    }
  });

  it('changes nothing when the same articles arrive again (even from another file name)', () => {
    const first = mergeImport(empty(), [{ file: 'protocol-page.txt', articles: parsePageDump(seedText()) }], AT);
    const again = mergeImport(first.index, [{ file: 'copy.txt', articles: parsePageDump(seedText()) }], '2030-01-01T00:00:00.000Z');
    expect(again.summary).toEqual({ articles: 6, added: 0, updated: 0, unchanged: 6, authors: 5 });
    expect(again.changed).toBe(false);
    expect(again.bodies.size).toBe(0);
    expect(again.index).toEqual(first.index);
  });

  it('does not modify the index it is given', () => {
    const first = mergeImport(empty(), [{ file: 'a', articles: [excerpt] }], AT).index;
    const before = structuredClone(first);
    mergeImport(
      first,
      [
        {
          file: 'b',
          articles: [full, article({ title: 'Another story', authors: [marta('Marta Kowalczyk writes a much longer bio now.')] })],
        },
      ],
      AT,
    );
    expect(first).toEqual(before);
  });

  it('replaces an excerpt by the full article with the same title, keeping its id', () => {
    const first = mergeImport(empty(), [{ file: 'teasers.txt', articles: [excerpt] }], AT).index;
    const r = mergeImport(first, [{ file: 'full.txt', articles: [full] }], AT);
    expect(r.summary).toMatchObject({ added: 0, updated: 1, unchanged: 0 });
    expect(r.index.articles).toHaveLength(1);
    expect(r.index.articles[0]).toMatchObject({ id: first.articles[0].id, kind: 'full', wordCount: 13, source: { file: 'full.txt' } });
    expect(r.bodies.get(first.articles[0].id)).toEqual(full.body);
  });

  it('never replaces a full article by a later excerpt with the same title', () => {
    const first = mergeImport(empty(), [{ file: 'full.txt', articles: [full] }], AT).index;
    const r = mergeImport(first, [{ file: 'teasers.txt', articles: [excerpt] }], AT);
    expect(r.summary).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
    expect(r.changed).toBe(false);
    expect(r.index.articles[0].kind).toBe('full');
    expect(r.bodies.size).toBe(0);
  });

  it('also keeps the full article when both arrive in one import, in either order', () => {
    for (const order of [
      [excerpt, full],
      [full, excerpt],
    ]) {
      const r = mergeImport(empty(), [{ file: 'x', articles: order }], AT);
      expect(r.index.articles).toHaveLength(1);
      expect(r.index.articles[0].kind).toBe('full');
      expect(r.bodies.get(r.index.articles[0].id)).toEqual(full.body);
    }
  });

  it('merges authors by name, keeping the longer bio whichever comes first', () => {
    const short = marta('Marta Kowalczyk covers transport.');
    const long = marta('Marta Kowalczyk (@martakowal) covers transport and local government for the Valley Post.', '@martakowal');
    for (const [a, b] of [
      [short, long],
      [long, short],
    ]) {
      const r = mergeImport(
        empty(),
        [{ file: 'x', articles: [article({ title: 'One', authors: [a] }), article({ title: 'Two', authors: [b] })] }],
        AT,
      );
      expect(r.index.authors).toEqual([
        { id: 'marta-kowalczyk', name: 'Marta Kowalczyk', handle: '@martakowal', bio: long.bio, kind: 'person' },
      ]);
      expect(r.index.articles.map((x) => x.authors)).toEqual([['marta-kowalczyk'], ['marta-kowalczyk']]);
    }
  });

  it('matches author names without regard to case, across imports', () => {
    const first = mergeImport(empty(), [{ file: 'x', articles: [article({ title: 'One', authors: [marta('Short bio.')] })] }], AT).index;
    const r = mergeImport(
      first,
      [
        {
          file: 'y',
          articles: [article({ title: 'Two', authors: [{ name: 'marta kowalczyk', bio: 'A longer bio than before.', kind: 'person' }] })],
        },
      ],
      AT,
    );
    expect(r.index.authors).toHaveLength(1);
    expect(r.index.authors[0]).toMatchObject({ name: 'Marta Kowalczyk', bio: 'A longer bio than before.' });
    expect(r.changed).toBe(true);
  });

  it('keeps url and publishedAt of an article it updates', () => {
    const first = mergeImport(empty(), [{ file: 'x', articles: [excerpt] }], AT).index;
    first.articles[0] = { ...first.articles[0], url: 'https://example.com/ferry', publishedAt: '2022-11-01' };
    const r = mergeImport(first, [{ file: 'y', articles: [full] }], AT);
    expect(r.index.articles[0]).toMatchObject({ kind: 'full', url: 'https://example.com/ferry', publishedAt: '2022-11-01' });
  });

  it('identity: the same canonical URL is the same story even retitled; another URL with the same title is another story', () => {
    const first = mergeImport(empty(), [{ file: 'x', articles: [{ ...full, url: 'https://example.com/ferry' }] }], AT).index;
    const retitled = mergeImport(
      first,
      [{ file: 'y', articles: [{ ...full, title: 'The river ferry, 100 years on', url: 'https://example.com/ferry' }] }],
      AT,
    );
    expect(retitled.summary).toMatchObject({ added: 0, updated: 1 });
    // The same title and mostly the same text, but its own address: another page, another story.
    const other = mergeImport(
      first,
      [
        {
          file: 'z',
          articles: [
            {
              ...full,
              body: [...full.body, { type: 'paragraph', text: 'Update: the timetable changes in May.' }],
              url: 'https://example.com/ferry-2',
            },
          ],
        },
      ],
      AT,
    );
    expect(other.summary).toMatchObject({ added: 1, updated: 0 });
    expect(other.index.articles.map((a) => a.id)).toEqual(['why-the-river-ferry-still-matters', 'why-the-river-ferry-still-matters-2']);
  });

  it('identity: the same title by other authors is another story', () => {
    const first = mergeImport(empty(), [{ file: 'x', articles: [article({ authors: [marta('Bio.')] })] }], AT).index;
    const r = mergeImport(
      first,
      [
        {
          file: 'y',
          articles: [
            article({
              authors: [{ name: 'Someone Else', bio: '', kind: 'person' }],
              body: [{ type: 'paragraph', text: 'The ferry has run since 1921, and more.' }],
            }),
          ],
        },
      ],
      AT,
    );
    expect(r.summary).toMatchObject({ added: 1, updated: 0 });
  });

  it('writes a short lead and counts body words, figures aside', () => {
    const long = 'word '.repeat(200).trim();
    const r = mergeImport(
      empty(),
      [
        {
          file: 'x',
          articles: [
            article({
              body: [
                { type: 'figure', caption: 'A caption here', credit: 'Photo: X' },
                { type: 'heading', text: 'Two words' },
                { type: 'paragraph', text: long },
              ],
            }),
          ],
        },
      ],
      AT,
    );
    const meta = r.index.articles[0];
    expect(meta.wordCount).toBe(202);
    expect(meta.lead.length).toBeLessThanOrEqual(281);
    expect(meta.lead.endsWith('…')).toBe(true);
    expect(long.startsWith(meta.lead.slice(0, -1))).toBe(true);
  });

  it('hashes content, not the source', () => {
    expect(contentHash(full)).toBe(contentHash(structuredClone(full)));
    expect(contentHash(full)).not.toBe(contentHash(excerpt));
    expect(contentHash(article({ dek: 'Other dek.' }))).not.toBe(contentHash(article()));
  });
});
