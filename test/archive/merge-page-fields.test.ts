import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { mergeImport } from '../../src/archive/merge.js';
import { ARCHIVE_VERSION, IndexSchema, type Index } from '../../src/model/schema.js';
import type { ImportedArticle } from '../../src/ingest/types.js';

const AT = '2024-05-01T12:00:00.000Z';
const empty = (): Index => ({ formatVersion: ARCHIVE_VERSION, articles: [], authors: [] });
const page = (over: Partial<ImportedArticle> = {}): ImportedArticle => ({
  title: 'Harbor cranes go quiet',
  titleDerived: false,
  dek: '',
  kind: 'full',
  sponsored: false,
  authors: [],
  body: [{ type: 'paragraph', text: 'The cranes stood still.' }],
  credits: [],
  ...over,
});

describe('mergeImport keeps where a page came from', () => {
  it('stores url, dates, site, language and the snapshot address of an imported page', () => {
    const fields = {
      url: 'https://news.example/harbor',
      publishedAt: '2024-03-05T08:00:00Z',
      modifiedAt: '2024-03-06T09:00:00Z',
      siteName: 'The Ledger',
      language: 'en',
      archivedUrl: 'https://web.archive.example/web/2024/https://news.example/harbor',
    };
    const r = mergeImport(empty(), [{ file: 'harbor.html', articles: [page(fields)] }], AT);
    expect(r.index.articles[0]).toMatchObject(fields);
    expect(v.safeParse(IndexSchema, r.index).success).toBe(true);
  });

  it('an update without them keeps the stored ones; one with them replaces them', () => {
    const first = mergeImport(
      empty(),
      [{ file: 'a.html', articles: [page({ url: 'https://news.example/harbor', siteName: 'The Ledger' })] }],
      AT,
    ).index;
    const kept = mergeImport(first, [{ file: 'b.txt', articles: [page({ body: [{ type: 'paragraph', text: 'Changed.' }] })] }], AT).index;
    expect(kept.articles[0]).toMatchObject({ url: 'https://news.example/harbor', siteName: 'The Ledger' });
    const replaced = mergeImport(
      first,
      [
        {
          file: 'c.html',
          articles: [page({ body: [{ type: 'paragraph', text: 'Again.' }], url: 'https://news.example/harbor', siteName: 'Ledger Daily' })],
        },
      ],
      AT,
    ).index;
    expect(replaced.articles[0].siteName).toBe('Ledger Daily');
  });
});
