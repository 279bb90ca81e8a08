import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { slugify, uniqueId } from '../../src/archive/slug.js';
import { mergeImport } from '../../src/archive/merge.js';
import { ARCHIVE_VERSION, type Index } from '../../src/model/schema.js';
import type { ImportedArticle } from '../../src/ingest/pagedump.js';
import { parsePageDump } from '../../src/ingest/pagedump.js';
import { seedText } from '../support/paths.js';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;

describe('slugify', () => {
  it('makes an ASCII slug of a title', () => {
    expect(slugify('AWS CEO: The cloud isn’t just about technology')).toBe('aws-ceo-the-cloud-isnt-just-about-technology');
    expect(slugify('Judge Zia Faruqui is trying to teach you crypto, one ‘SNL’ reference at a time')).toBe(
      'judge-zia-faruqui-is-trying-to-teach-you-crypto-one-snl-reference-at-a-time',
    );
    expect(slugify('Café, naïve & Ångström — 100%')).toBe('cafe-naive-angstrom-100');
  });

  it('cuts long titles to at most 80 characters at a hyphen, never mid-word', () => {
    const title = 'Profits over politics: AWS and Microsoft execs warn of China’s AI threat while growing AI hubs inside China';
    const slug = slugify(title);
    expect(slug).toBe('profits-over-politics-aws-and-microsoft-execs-warn-of-chinas-ai-threat-while');
    expect(slug.length).toBeLessThanOrEqual(80);
    const full = 'profits-over-politics-aws-and-microsoft-execs-warn-of-chinas-ai-threat-while-growing-ai-hubs-inside-china';
    expect(full.startsWith(slug + '-')).toBe(true);
  });

  it('gives a stable ASCII id to a title with no Latin letters', () => {
    const a = slugify('東京の地図が売れている');
    expect(a).toMatch(/^article-[0-9a-f]{10}$/);
    expect(slugify('東京の地図が売れている')).toBe(a);
    expect(slugify('大阪の地図が売れている')).not.toBe(a);
  });

  it('is always ASCII, at most 80 characters, no leading/trailing/empty hyphens (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (title) => {
        const slug = slugify(title);
        expect(slug).toMatch(SLUG);
        expect(slug).not.toMatch(/--/);
        expect(slugify(title)).toBe(slug);
      }),
      { numRuns: 200 },
    );
  });

  it('slugs every seed title to a distinct valid id', () => {
    const slugs = parsePageDump(seedText()).map((a) => slugify(a.title));
    for (const s of slugs) expect(s).toMatch(SLUG);
    expect(new Set(slugs).size).toBe(6);
  });
});

describe('uniqueId', () => {
  it('returns the slug itself when nothing holds it', () => {
    expect(uniqueId('some-title', () => false)).toBe('some-title');
  });

  it('adds -2, -3… only while the id is taken', () => {
    const taken = new Set(['some-title', 'some-title-2']);
    expect(uniqueId('some-title', (id) => taken.has(id))).toBe('some-title-3');
    expect(uniqueId('other', (id) => taken.has(id))).toBe('other');
  });

  it('keeps a suffixed id within 80 characters', () => {
    const base = slugify('word '.repeat(40));
    expect(base.length).toBeLessThanOrEqual(80);
    const id = uniqueId(base, (id) => id === base);
    expect(id.length).toBeLessThanOrEqual(80);
    expect(id.endsWith('-2')).toBe(true);
    expect(id).toMatch(SLUG);
  });
});

describe('ids in an archive', () => {
  const article = (title: string, text = 'Body text.'): ImportedArticle => ({
    title,
    titleDerived: false,
    dek: '',
    kind: 'full',
    sponsored: false,
    authors: [],
    body: [{ type: 'paragraph', text }],
    credits: [],
  });
  const empty = (): Index => ({ formatVersion: ARCHIVE_VERSION, articles: [], authors: [] });
  const at = '2024-01-01T00:00:00.000Z';

  it('suffixes only on a real collision: two different titles with the same slug', () => {
    const { index } = mergeImport(
      empty(),
      [{ file: 'a.txt', articles: [article('Tram line: approved'), article('Tram line approved!')] }],
      at,
    );
    expect(index.articles.map((a) => a.id)).toEqual(['tram-line-approved', 'tram-line-approved-2']);
  });

  it('never suffixes the same story imported again, corrected; a different story with that title is suffixed', () => {
    const text = 'The council approved the tram line on Monday after a long debate about the route.';
    const first = mergeImport(empty(), [{ file: 'a.txt', articles: [article('Tram line approved', text)] }], at).index;
    const corrected = mergeImport(
      first,
      [{ file: 'b.txt', articles: [article('Tram line approved', `${text} The vote was 7 to 2.`)] }],
      at,
    ).index;
    expect(corrected.articles.map((a) => a.id)).toEqual(['tram-line-approved']);
    const other = mergeImport(
      corrected,
      [{ file: 'c.txt', articles: [article('Tram line approved', 'A year later, the first trams ran on the new line.')] }],
      at,
    ).index;
    expect(other.articles.map((a) => a.id)).toEqual(['tram-line-approved', 'tram-line-approved-2']);
  });

  it('gives two long titles that share their first 80 slug characters distinct ids of at most 80 characters', () => {
    const stem = 'A very long headline about the council meeting where everyone argued about trams and buses';
    const { index } = mergeImport(
      empty(),
      [{ file: 'a.txt', articles: [article(stem + ' on Monday'), article(stem + ' on Tuesday')] }],
      at,
    );
    const ids = index.articles.map((a) => a.id);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) {
      expect(id.length).toBeLessThanOrEqual(80);
      expect(id).toMatch(SLUG);
    }
    expect(ids[1]).toBe(ids[0].slice(0, 78).replace(/-+$/, '') + '-2');
    // Importing the same two again finds both: no third id, nothing new.
    const again = mergeImport(index, [{ file: 'a.txt', articles: [article(stem + ' on Monday'), article(stem + ' on Tuesday')] }], at);
    expect(again.summary).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    expect(again.index.articles.map((a) => a.id)).toEqual(ids);
  });
});
