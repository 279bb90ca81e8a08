import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import { ArticleMetaSchema, AuthorSchema } from '../../src/model/schema.js';
import { checkedAuthors, isArticleMeta, isAuthor } from '../../src/archive/fast-validate.js';

const valid = {
  id: 'a-story-1',
  title: 'A story',
  titleDerived: false,
  dek: '',
  kind: 'full',
  sponsored: false,
  authors: ['a'],
  credits: [],
  lead: 'lead',
  url: 'https://example.com/x',
  publishedAt: '2022-11-15',
  modifiedAt: '2022-11-16T09:00:00Z',
  siteName: 'Protocol',
  language: 'en',
  archivedUrl: 'https://web.archive.org/web/2022/https://example.com/x',
  source: { file: 'x.txt', importedAt: '2026-01-01T00:00:00.000Z' },
  wordCount: 10,
  hash: 'abc',
  bodyFile: 'a-story-1.0123456789abcdef.json',
  tags: ['cloud', 'long-reads', '2024', 'café'],
};

const oddValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(NaN),
  fc.constant(-1),
  fc.constant(1.5),
  fc.constant(''),
  fc.constant('not a url'),
  fc.constant('UPPER-id'),
  fc.constant('x'.repeat(81)),
  fc.constant('x'.repeat(80)),
  fc.constant('-leading-hyphen'),
  fc.constant('trailing-'),
  fc.constant('under_score'),
  fc.constant('caf\u00e9'),
  fc.constant('a b'),
  fc.constant([]),
  fc.constant(['a', 1]),
  fc.constant({}),
  fc.constant({ file: 'f', importedAt: 'now' }),
  fc.constant('full'),
  fc.constant('excerpt'),
  fc.constant(true),
  // body file names and tags: a legacy name, upper-case hex, tags in the wrong case or too long
  fc.constant('a-story-1.json'),
  fc.constant('a-story-1.0123456789ABCDEF.json'),
  fc.constant('a-story-1.0123456789abcdef.json'),
  fc.constant(['cloud']),
  fc.constant(['Cloud']),
  fc.constant(['x'.repeat(40)]),
  fc.constant(['x'.repeat(41)]),
  fc.constant(['-leading']),
  fc.constant(['two words']),
  fc.constant(['']),
  fc.string(),
  fc.integer(),
);

describe('the fast article check agrees with the valibot schema', () => {
  it('accepts a valid article and its optional fields left out', () => {
    expect(isArticleMeta(valid)).toBe(true);
    const { url: _u, publishedAt: _p, modifiedAt: _m, siteName: _s, language: _l, archivedUrl: _a, tags: _t, ...bare } = valid;
    expect(isArticleMeta(bare)).toBe(true);
    expect(isArticleMeta({ ...valid, tags: [] })).toBe(true);
  });

  it('a body file name is required, of this format: an article without one, or with a legacy name, is refused', () => {
    const { bodyFile: _b, ...legacy } = valid;
    for (const candidate of [legacy, { ...valid, bodyFile: 'a-story-1.json' }, { ...valid, bodyFile: 'A-story-1.0123456789abcdef.json' }]) {
      expect(v.safeParse(ArticleMetaSchema, candidate).success).toBe(false);
      expect(isArticleMeta(candidate)).toBe(false);
    }
  });

  it('tags: lower-case words of at most 40 letters, digits and -_./, as valibot says', () => {
    for (const [tags, ok] of [
      [['cloud', 'a.b', 'x_y', 'v1/2', 'été', '東京'], true],
      [['x'.repeat(40)], true],
      [['x'.repeat(41)], false],
      [['Cloud'], false],
      [['two words'], false],
      [['-leading'], false],
      [[''], false],
      ['cloud', false],
      [[1], false],
    ] as const) {
      const candidate = { ...valid, tags };
      expect(v.safeParse(ArticleMetaSchema, candidate).success, JSON.stringify(tags)).toBe(ok);
      expect(isArticleMeta(candidate), JSON.stringify(tags)).toBe(ok);
    }
  });

  it('checks the page metadata fields: text, and a web address for the snapshot', () => {
    for (const [key, value] of [
      ['modifiedAt', 7],
      ['siteName', null],
      ['language', ['en']],
      ['archivedUrl', 'not a url'],
    ] as const) {
      const candidate = { ...valid, [key]: value };
      expect(v.safeParse(ArticleMetaSchema, candidate).success).toBe(false);
      expect(isArticleMeta(candidate)).toBe(false);
    }
  });

  it('on any field set to any odd value (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(valid), 'extra'), oddValue, fc.boolean(), (key, value, remove) => {
        const candidate: Record<string, unknown> = { ...valid, source: { ...valid.source } };
        if (remove) delete candidate[key];
        else candidate[key] = value;
        expect(isArticleMeta(candidate)).toBe(v.safeParse(ArticleMetaSchema, candidate).success);
      }),
      { numRuns: 3000 },
    );
  });

  it('on non-objects', () => {
    for (const x of [null, undefined, 1, 'a', [], [valid]]) expect(isArticleMeta(x)).toBe(v.safeParse(ArticleMetaSchema, x).success);
  });
});

describe('the fast author check agrees with the valibot schema', () => {
  const author = { id: 'sam-ekwueme', name: 'Sam Ekwueme', handle: '@sam', bio: '', kind: 'person' };

  it('accepts an author with and without a handle', () => {
    expect(isAuthor(author)).toBe(true);
    const { handle: _h, ...bare } = author;
    expect(isAuthor(bare)).toBe(true);
  });

  it('on any field set to any odd value, or an extra one (property): true only where valibot gives the same object', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(author), 'extra'), oddValue, fc.boolean(), (key, value, remove) => {
        const candidate: Record<string, unknown> = { ...author };
        if (remove) delete candidate[key];
        else candidate[key] = value;
        const checked = v.safeParse(AuthorSchema, candidate);
        if (isAuthor(candidate)) expect(checked.success && checked.output).toEqual(candidate);
        else if (checked.success) expect(Object.keys(candidate)).toContain('extra'); // valibot drops it; the twin leaves it to valibot
      }),
      { numRuns: 3000 },
    );
  });

  it('checkedAuthors: the authors as valibot gives them, or undefined when one fails or two share an id', () => {
    expect(checkedAuthors([author])).toEqual([author]);
    expect(checkedAuthors([{ ...author, extra: 1 }])).toEqual([author]);
    expect(checkedAuthors([author, { ...author, name: 'Another' }])).toBeUndefined();
    expect(checkedAuthors([{ ...author, kind: 'robot' }])).toBeUndefined();
    expect(checkedAuthors('authors')).toBeUndefined();
  });
});
