import { beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import type { Article, Author } from '../../src/model/schema.js';
import { articleJson, articleListJson, frontMatter, renderMarkdown, renderText } from '../../src/text/render.js';
import { DERIVED_TITLE_NOTICE, EXCERPT_NOTICE } from '../../src/text/layout.js';
import { DEFAULT_ARCHIVE } from '../support/paths.js';

let archive: Archive;
const get = (prefix: string): { article: Article; authors: Author[] } => {
  const meta = archive.articles.find((a) => a.id.startsWith(prefix))!;
  return { article: archive.full(meta), authors: archive.authorsOf(meta) };
};
beforeAll(async () => {
  archive = await Archive.open(DEFAULT_ARCHIVE);
});

const PAGE_KEYS = ['url', 'siteName', 'publishedAt', 'modifiedAt', 'language', 'archivedUrl'];
const LIST_KEYS = ['id', 'title', 'titleDerived', 'dek', 'kind', 'sponsored', 'authors', 'wordCount', ...PAGE_KEYS, 'tags'];

describe('renderText', () => {
  it('prints title, dek, byline, notices and body; no colour codes when colour is off', () => {
    const { article, authors } = get('judge-zia');
    const text = renderText(article, authors, { color: false, raw: false });
    expect(text).not.toMatch(/\u001b/);
    const lines = text.split('\n');
    expect(lines.slice(0, 5)).toEqual([article.title, article.dek, '', 'By Veronica Irwin (@vronirwin)', EXCERPT_NOTICE]);
    expect(text).toContain('[Figure] The ways Zia Faruqui (right)');
    expect(text).toContain('Photo: Carolyn Van Houten/The Washington Post via Getty Images');
  });

  it('says "Author unknown" for the full China/AWS article', () => {
    const { article, authors } = get('profits-over-politics');
    expect(renderText(article, authors, { color: false, raw: false }).split('\n')[3]).toBe('Author unknown');
  });

  it('styles with ANSI codes only when colour is on', () => {
    const { article, authors } = get('aws-ceo');
    const text = renderText(article, authors, { color: true, raw: false });
    expect(text.split('\n')[0]).toBe(`\u001b[1m${article.title}\u001b[22m`);
  });

  it('makes stored control and bidi characters visible, unless raw', () => {
    const { article, authors } = get('aws-ceo');
    const hostile = { ...article, title: 'Evil \u202etitle\u001b[2J', body: [{ type: 'paragraph' as const, text: 'C1 \u009b here' }] };
    const safe = renderText(hostile, authors, { color: false, raw: false });
    expect(safe).toContain('Evil <U+202E>title␛[2J');
    expect(safe).toContain('C1 <U+009B> here');
    expect(safe).not.toMatch(/[\u001b\u009b\u202e]/);
    expect(renderText(hostile, authors, { color: false, raw: true })).toContain('\u202e');
  });
});

describe('renderMarkdown', () => {
  it('has the documented shape: # title, *dek*, **byline**, notices as > quotes, ## headings, > pull quotes, figures', () => {
    const { article, authors } = get('profits-over-politics');
    const md = renderMarkdown(article, authors);
    const parts = md.split('\n\n');
    expect(parts[0]).toBe(`# ${article.title}`);
    expect(parts[1]).toBe(`*${article.dek}*`);
    expect(parts[2]).toBe('**Author unknown**');
    expect(parts[3]).toBe(
      '*AWS balancing act — AWS is balancing profit potential in China with AI risk its own CEO warned about.* — Illustration: Christopher T. Fong/Protocol',
    );
    expect(parts).toContain('## Locally sourced AI and data');
    expect(parts).toContain('## National security meets big cloud AI');
    expect(parts).toContain('## Tech and data at risk?');
    expect(parts).toContain(
      '> “The bottom line is the Chinese government could walk into any of those data centers, and they do, and look at everything.”',
    );
    expect(parts).toContain('*Swag from the AWS China Region booth at the AWS Re:Invent conference in 2019* — Image: Amazon');
    expect(parts.length).toBe(3 + article.body.length);
  });

  it('adds the derived-title and excerpt notices', () => {
    const { article, authors } = get('we-launched');
    const parts = renderMarkdown(article, authors).split('\n\n');
    expect(parts.slice(0, 4)).toEqual([
      `# ${article.title}`,
      '**By Bennett Richardson (@bennettrich)**',
      `> ${DERIVED_TITLE_NOTICE}`,
      `> ${EXCERPT_NOTICE}`,
    ]);
  });

  it('labels sponsored content', () => {
    const { article, authors } = get('the-financial-technology');
    expect(renderMarkdown(article, authors)).toContain('**Sponsored content from Financial Technology Association**');
  });
});

describe('JSON shapes', () => {
  it('list JSON has exactly the documented keys, absent values null', () => {
    for (const meta of archive.articles) {
      const json = articleListJson(meta, archive.authorsOf(meta));
      expect(Object.keys(json)).toEqual(LIST_KEYS);
      for (const key of PAGE_KEYS) expect(json[key as keyof typeof json]).toBeNull();
      expect(json.tags).toEqual([]);
      for (const a of json.authors) {
        expect(Object.keys(a)).toEqual(['id', 'name', 'handle']);
        expect(a.handle === null || a.handle.startsWith('@')).toBe(true);
      }
    }
    const kaye = archive.articles.find((a) => a.id.startsWith('why-large'))!;
    expect(articleListJson(kaye, archive.authorsOf(kaye)).authors).toEqual([{ id: 'kate-kaye', name: 'Kate Kaye', handle: null }]);
  });

  it('keeps the page metadata when an article has it', () => {
    const page = {
      url: 'https://example.com/a',
      siteName: 'Example News',
      publishedAt: '2022-11-14',
      modifiedAt: '2022-11-15T08:00:00Z',
      language: 'en-GB',
      archivedUrl: 'https://web.archive.org/web/20221114/https://example.com/a',
    };
    const meta = { ...archive.articles[0], ...page };
    expect(articleListJson(meta, [])).toMatchObject(page);
    expect(articleJson({ ...meta, body: [] }, [])).toMatchObject(page);
  });

  it("tags: the article's own, in order, and [] when it has none", () => {
    const tagged = { ...archive.articles[0], tags: ['cloud', 'long-reads'] };
    expect(articleListJson(tagged, []).tags).toEqual(['cloud', 'long-reads']);
    expect(articleJson({ ...tagged, body: [] }, []).tags).toEqual(['cloud', 'long-reads']);
    expect(articleJson({ ...archive.articles[0], body: [] }, []).tags).toEqual([]);
  });

  it('read JSON: the list fields plus authors with bio and kind, credits and typed body blocks', () => {
    const { article, authors } = get('profits-over-politics');
    const json = articleJson(article, authors);
    expect(Object.keys(json)).toEqual([...LIST_KEYS, 'credits', 'body']);
    expect(json.credits).toEqual(['Illustration: Christopher T. Fong/Protocol', 'Image: Amazon']);
    for (const b of json.body) {
      if (b.type === 'figure') {
        expect(Object.keys(b).filter((k) => k !== 'title')).toEqual(['type', 'caption', 'credit']);
      } else {
        expect(['paragraph', 'heading', 'quote']).toContain(b.type);
        expect(Object.keys(b)).toEqual(['type', 'text']);
      }
    }
    const { article: jz, authors: jzAuthors } = get('judge-zia');
    expect(articleJson(jz, jzAuthors).authors).toEqual([
      { id: 'veronica-irwin', name: 'Veronica Irwin', handle: '@vronirwin', bio: jzAuthors[0].bio, kind: 'person' },
    ]);
  });

  it('front matter is YAML whose every value is a JSON value', () => {
    const { article, authors } = get('judge-zia');
    const fm = frontMatter(article, authors);
    const lines = fm.trimEnd().split('\n');
    expect(lines[0]).toBe('---');
    expect(lines.at(-1)).toBe('---');
    const values = Object.fromEntries(lines.slice(1, -1).map((l) => [l.slice(0, l.indexOf(':')), JSON.parse(l.slice(l.indexOf(':') + 2))]));
    expect(values).toEqual({
      id: article.id,
      title: article.title,
      dek: article.dek,
      authors: ['Veronica Irwin'],
      kind: 'excerpt',
      sponsored: false,
      url: null,
      publishedAt: null,
      wordCount: article.wordCount,
    });
  });
});
