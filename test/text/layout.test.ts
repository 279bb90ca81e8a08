import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { Archive } from '../../src/archive/store.js';
import { blockText, type Article, type Author, type Block } from '../../src/model/schema.js';
import {
  bylineText,
  DERIVED_TITLE_NOTICE,
  EXCERPT_NOTICE,
  layoutArticle,
  pageOfLine,
  paginate,
  QUOTE_PREFIX,
  wrap,
  type Line,
} from '../../src/text/layout.js';
import { loadWidths } from '../../src/text/width.js';
import { articleMeta } from '../support/archives.js';
import { DEFAULT_ARCHIVE } from '../support/paths.js';

let articles: { article: Article; authors: Author[] }[];
beforeAll(async () => {
  await loadWidths(); // as read and the reader load it (see width.ts)
  const archive = await Archive.open(DEFAULT_ARCHIVE);
  articles = archive.articles.map((meta) => ({ article: archive.full(meta), authors: archive.authorsOf(meta) }));
});

const words = (s: string) => s.split(/\s+/).filter(Boolean);
// wrap-ansi returns NFC text; canonically equivalent, so compare normalized.
const ink = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

function article(body: Block[], over: Partial<Article> = {}): Article {
  return { ...articleMeta({ id: 'x', title: 'A title', ...over }), body };
}

/** The text a layout line carries for its block, without the quote prefix. */
const content = (line: Line) =>
  line.style === 'quote' && line.text.startsWith(QUOTE_PREFIX) ? line.text.slice(QUOTE_PREFIX.length) : line.text;

function blockSource(block: Block): string {
  if (block.type !== 'figure') return blockText(block);
  const caption = [block.title, block.caption].filter(Boolean).join(' — ');
  return [caption ? `[Figure] ${caption}` : '', block.credit].join(' ');
}

const CJK = '東京の地図が売れている。紙の地図は、電池も電波もいらない。北京、上海、深圳にも研究所がある。';
const EMOJI = 'Maps 🗺️ are back 👩‍💻 for coders, families 👨‍👩‍👧 and flags 🇯🇵🇫🇷, with café and naïve e\u0301 too.';
const mixed = article(
  [
    { type: 'paragraph', text: CJK },
    { type: 'paragraph', text: EMOJI },
    { type: 'heading', text: '見出し heading with ｆｕｌｌｗｉｄｔｈ letters' },
    { type: 'quote', text: `“${CJK}” said someone 🙂` },
    { type: 'figure', title: '地図', caption: 'A shelf of atlases 📚', credit: 'Photo: 山田 太郎' },
    { type: 'paragraph', text: 'supercalifragilisticexpialidocious-and-then-some-more-hyphenated-words in a row' },
  ],
  { title: '東京の地図 — Tokyo maps 🗾', dek: 'Ｗｉｄｅ dek 世界', kind: 'excerpt', titleDerived: true },
);

describe('layoutArticle wraps to the width', () => {
  it('never makes a line wider than the width (string-width), seed articles, widths 1 to 120', () => {
    const tooWide: string[] = [];
    for (const { article: a, authors } of articles) {
      for (const width of [1, 2, 4, 7, 13, 34, 80]) {
        for (const line of layoutArticle(a, authors, width))
          if (stringWidth(line.text) > width) tooWide.push(`${a.id} @${width}: ${line.text}`);
      }
    }
    expect(tooWide).toEqual([]);
  });

  it('never makes a line wider than the width with CJK, emoji and combining marks, widths 2 to 80', () => {
    const tooWide: string[] = [];
    for (let width = 2; width <= 80; width++) {
      for (const line of layoutArticle(mixed, [], width)) if (stringWidth(line.text) > width) tooWide.push(`@${width}: ${line.text}`);
    }
    expect(tooWide).toEqual([]);
  });

  it('uses the room it has: CJK text fills lines to within one wide character', () => {
    const lines = layoutArticle(article([{ type: 'paragraph', text: CJK.repeat(3) }]), [], 21).filter((l) => l.style === 'paragraph');
    for (const l of lines.slice(0, -1)) expect(stringWidth(l.text)).toBeGreaterThanOrEqual(20);
  });

  it('loses no words: each block’s lines give back its word sequence (widths wider than any word)', () => {
    for (const { article: a, authors } of articles) {
      const longest = Math.max(
        ...a.body.flatMap((b) => words(blockSource(b))).map((w) => stringWidth(w)),
        ...words(a.title).map((w) => w.length),
      );
      for (const width of [longest + 4, 57, 200].filter((w) => w >= longest + 4)) {
        const lines = layoutArticle(a, authors, width);
        a.body.forEach((block, i) => {
          const got = lines
            .filter((l) => l.block === i && l.style !== 'blank')
            .map(content)
            .join(' ');
          expect(words(got), `${a.id} block ${i} @${width}`).toEqual(words(blockSource(block)));
        });
        const header = lines
          .filter((l) => l.block === -1)
          .map((l) => l.text)
          .join(' ');
        expect(words(header).slice(0, words(a.title).length)).toEqual(words(a.title));
      }
    }
  });

  it('loses no characters at any width, even when long words must be broken', () => {
    for (const { article: a, authors } of [...articles, { article: mixed, authors: [] }]) {
      for (const width of [2, 7, 20]) {
        const lines = layoutArticle(a, authors, width);
        a.body.forEach((block, i) => {
          const got = lines
            .filter((l) => l.block === i && l.style !== 'blank')
            .map(content)
            .join('');
          expect(ink(got), `${a.id} block ${i} @${width}`).toBe(ink(blockSource(block)));
        });
      }
    }
  });

  it('does not wrap when no width is given: one line per block part', () => {
    for (const { article: a, authors } of articles) {
      const lines = layoutArticle(a, authors);
      a.body.forEach((block, i) => {
        const own = lines.filter((l) => l.block === i && l.style !== 'blank');
        expect(own).toHaveLength(block.type === 'figure' ? 2 : 1);
      });
    }
  });

  it('lays out the header: title, dek, blank, byline, notices; then a blank line before every block', () => {
    const { article: a, authors } = articles.find((x) => x.article.id.startsWith('we-launched'))!;
    const lines = layoutArticle(a, authors);
    expect(lines.slice(0, 5).map((l) => [l.style, l.text])).toEqual([
      ['title', a.title],
      ['blank', ''],
      ['byline', 'By Bennett Richardson (@bennettrich)'],
      ['notice', DERIVED_TITLE_NOTICE],
      ['notice', EXCERPT_NOTICE],
    ]);
    const blanks = lines.filter((l) => l.style === 'blank' && l.block >= 0).map((l) => l.block);
    expect(blanks).toEqual(a.body.map((_, i) => i));
  });

  it('marks quotes with the quote prefix and figures with [Figure] and their credit', () => {
    const { article: a, authors } = articles.find((x) => x.article.id.startsWith('profits-over-politics'))!;
    const lines = layoutArticle(a, authors, 60);
    const quote = lines.filter((l) => l.style === 'quote');
    expect(quote.length).toBeGreaterThan(1);
    for (const l of quote) expect(l.text.startsWith(QUOTE_PREFIX)).toBe(true);
    const figure = lines.filter((l) => l.block === 0 && l.style !== 'blank');
    expect(figure[0]).toMatchObject({ style: 'figure', text: expect.stringMatching(/^\[Figure\] AWS balancing act — AWS is balancing/) });
    expect(figure.at(-1)).toMatchObject({ style: 'credit', text: 'Illustration: Christopher T. Fong/Protocol' });
  });
});

describe('bylineText', () => {
  const person = (name: string, handle?: string): Author => ({
    id: name.toLowerCase().replace(/ /g, '-'),
    name,
    bio: '',
    kind: 'person',
    ...(handle ? { handle } : {}),
  });

  it('says the author is unknown instead of guessing', () => {
    expect(bylineText({ sponsored: false }, [])).toBe('Author unknown');
  });

  it('names one, two or more authors, with handles', () => {
    expect(bylineText({ sponsored: false }, [person('Kate Kaye')])).toBe('By Kate Kaye');
    expect(bylineText({ sponsored: false }, [person('Donna Goodison', '@dgoodison'), person('Kate Kaye')])).toBe(
      'By Donna Goodison (@dgoodison) and Kate Kaye',
    );
    expect(bylineText({ sponsored: false }, [person('A B'), person('C D'), person('E F')])).toBe('By A B, C D and E F');
  });

  it('says sponsored content is sponsored', () => {
    expect(bylineText({ sponsored: true }, [{ id: 'fta', name: 'Financial Technology Association', bio: '', kind: 'organization' }])).toBe(
      'Sponsored content from Financial Technology Association',
    );
  });
});

describe('wrap', () => {
  it('returns the text as one line without a width, and at least one line always', () => {
    expect(wrap('a b c', undefined)).toEqual(['a b c']);
    expect(wrap('', 10)).toEqual(['']);
    expect(wrap('a b c', Number.NaN)).toEqual(['a b c']);
  });

  it('keeps every line within the width for arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 200 }), fc.integer({ min: 2, max: 100 }), (text, width) => {
        const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
        for (const line of wrap(clean, width)) expect(stringWidth(line)).toBeLessThanOrEqual(width);
      }),
      { numRuns: 300 },
    );
  });
});

describe('paginate', () => {
  const linesOf = (styles: string) =>
    [...styles].map((c, i): Line => ({ text: c === '.' ? '' : `line ${i}`, style: c === '.' ? 'blank' : 'paragraph', block: i }));

  function checkPages(lines: Line[], height: number) {
    const pages = paginate(lines, height);
    // Every line on exactly one page, in order, no gaps or overlaps.
    expect(pages[0].start).toBe(0);
    expect(pages.at(-1)!.end).toBe(lines.length);
    for (let i = 1; i < pages.length; i++) expect(pages[i].start).toBe(pages[i - 1].end);
    const seen = pages.flatMap((p) => Array.from({ length: p.end - p.start }, (_, k) => p.start + k));
    expect(seen).toEqual(lines.map((_, i) => i));
    const h = Math.max(1, Math.floor(height));
    for (const [n, p] of pages.entries()) {
      if (lines.length > 0) expect(p.end).toBeGreaterThan(p.start);
      // Lines past the page height are only blank lines carried over from the break.
      for (let i = p.start + h; i < p.end; i++) expect(lines[i].style).toBe('blank');
      if (n > 0) expect(lines[p.start].style).not.toBe('blank');
    }
    lines.forEach((_, i) => {
      const p = pages[pageOfLine(pages, i)];
      expect(i >= p.start && i < p.end).toBe(true);
    });
  }

  it('covers every line of every seed article exactly once, at many heights and widths', () => {
    for (const { article: a, authors } of articles) {
      for (const width of [20, 80, undefined]) {
        const lines = layoutArticle(a, authors, width);
        for (const height of [1, 2, 3, 5, 10, 24, 50, 1000]) checkPages(lines, height);
      }
    }
  });

  it('covers every line exactly once for any mix of blank and text lines (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[.x]{0,60}$/), fc.integer({ min: -2, max: 30 }), (styles, height) =>
        checkPages(linesOf(styles), height),
      ),
      { numRuns: 500 },
    );
  });

  it('gives one empty page for no lines, and keeps blank lines at a break with the page before', () => {
    expect(paginate([], 10)).toEqual([{ start: 0, end: 0 }]);
    expect(paginate(linesOf('xx..xx'), 2)).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 6 },
    ]);
  });
});
