// The importer is general: other dump shapes, odd input and hostile text.
import { describe, expect, it } from 'vitest';
import { parsePageDump, type ImportedArticle } from '../../src/ingest/pagedump.js';
import { blockText, type Block } from '../../src/model/schema.js';
import { CONTROL_OR_BIDI, fixtureText } from '../support/paths.js';

const textOf = (b: Block) => (b.type === 'figure' ? [b.title ?? '', b.caption, b.credit].join(' ') : blockText(b));
const allText = (a: ImportedArticle) => [
  a.title,
  a.dek,
  ...a.body.map(textOf),
  ...a.credits,
  ...a.authors.flatMap((x) => [x.name, x.bio, x.handle ?? '']),
];
const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** Every word of the source, markers aside, appears somewhere in the output (title, dek, body, credits, bios). */
function expectNoWordsLost(source: string, articles: ImportedArticle[]) {
  const out = words(
    articles
      .flatMap((a) => [a.title.replace(/…$/, ''), a.dek, ...a.body.map(textOf), ...a.credits, ...a.authors.map((x) => x.bio)])
      .join(' '),
  );
  const outSet = new Set(out);
  for (const w of words(source.replace(/Keep Reading ?Show less|Latest Stories/g, '')))
    expect(outSet.has(w), `word "${w}" lost`).toBe(true);
}

describe('a dump that is one full article', () => {
  const source = fixtureText('one-full-article.txt');
  const [article, ...rest] = parsePageDump(source);

  it('gives exactly one full article with title, dek and hero figure', () => {
    expect(rest).toEqual([]);
    expect(article).toMatchObject({
      title: 'The quiet return of the paper map',
      titleDerived: false,
      dek: 'Sales of printed road atlases rose for the third year running, and nobody in the industry can quite explain why.',
      kind: 'full',
      sponsored: false,
      authors: [],
      credits: ['Photo: Amira Castell/Northern Wire'],
    });
    expect(article.body[0]).toEqual({
      type: 'figure',
      title: 'A shelf of atlases',
      caption: 'Road atlases on sale at a motorway service station near Leeds.',
      credit: 'Photo: Amira Castell/Northern Wire',
    });
  });

  it('finds the headings and the repeated pull quote', () => {
    expect(article.body.map((b) => b.type)).toEqual([
      'figure',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
      'paragraph',
      'quote',
      'heading',
      'paragraph',
    ]);
    expect(article.body.filter((b) => b.type === 'heading').map(textOf)).toEqual(['Who is buying', 'What comes next']);
    expect(article.body.filter((b) => b.type === 'quote').map(textOf)).toEqual([
      '“A paper map never tells you to make a U-turn in the middle of a field.”',
    ]);
  });

  it('loses no words', () => expectNoWordsLost(source, [article]));

  it('parses the same with CRLF line endings, a BOM, both, or trailing spaces', () => {
    const expected = JSON.stringify(parsePageDump(source));
    expect(JSON.stringify(parsePageDump(source.replace(/\n/g, '\r\n')))).toBe(expected);
    expect(JSON.stringify(parsePageDump('\ufeff' + source))).toBe(expected);
    expect(JSON.stringify(parsePageDump('\ufeff' + source.replace(/\n/g, '\r\n')))).toBe(expected);
    expect(JSON.stringify(parsePageDump(source.replace(/\n/g, '  \n')))).toBe(expected);
  });

  it('never leaves a BOM or CR in any text', () => {
    for (const a of parsePageDump('\ufeff' + source.replace(/\n/g, '\r\n')))
      for (const t of allText(a)) expect(t).not.toMatch(/[\ufeff\r]/);
  });
});

describe('a dump with several full articles separated by blank-line runs', () => {
  const source = fixtureText('several-full-articles.txt');
  const articles = parsePageDump(source);

  it('splits at every run of two or more blank lines', () => {
    expect(articles.map((a) => a.title)).toEqual([
      'City council approves the new tram line',
      'Harbour festival returns after a three-year pause',
      'Library extends its opening hours',
    ]);
    for (const a of articles) {
      expect(a.kind).toBe('full');
      expect(a.titleDerived).toBe(false);
      expect(a.sponsored).toBe(false);
      expect(a.authors).toEqual([]);
    }
  });

  it('keeps each article’s own text and credit', () => {
    expect(articles[0].dek).toMatch(/^After two years of hearings/);
    expect(articles[0].credits).toEqual(['Illustration: Ren Okafor/Metro Desk']);
    expect(articles[1].credits).toEqual(['Photo: Lea Marchetti']);
    expect(articles[2].credits).toEqual([]);
    expect(articles[0].body.map(textOf).join(' ')).not.toMatch(/harbour|library/i);
    expect(articles[1].body.map(textOf).join(' ')).toMatch(/forty thousand visitors/);
    expect(articles[2].body.map(textOf).join(' ')).toMatch(/four more staff/);
  });

  it('loses no words, with LF or CRLF', () => {
    expectNoWordsLost(source, articles);
    expect(JSON.stringify(parsePageDump(source.replace(/\n/g, '\r\n')))).toBe(JSON.stringify(articles));
  });
});

describe('a dump with no teasers and no title', () => {
  const source = fixtureText('no-teasers-plain.txt');
  const articles = parsePageDump(source);

  it('is one full article with a derived title and all paragraphs', () => {
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({
      kind: 'full',
      titleDerived: true,
      sponsored: false,
      authors: [],
      title: 'Notes from the allotment committee meeting held on Tuesday',
    });
    expect(articles[0].body.every((b) => b.type === 'paragraph')).toBe(true);
    expect(articles[0].body).toHaveLength(4);
    expectNoWordsLost(source, articles);
  });
});

describe('teasers written for another site', () => {
  const articles = parsePageDump(fixtureText('teasers.txt'));

  it('reads the "Keep Reading Show less" spelling, name lines, handles and a sponsor blurb', () => {
    expect(
      articles.map((a) => [a.kind, a.sponsored, a.titleDerived, a.authors.map((x) => `${x.name}|${x.handle ?? ''}|${x.kind}`)]),
    ).toEqual([
      ['excerpt', false, false, ['Marta Kowalczyk|@martakowal|person']],
      ['excerpt', false, true, ['Owen Pryce||person']],
      ['excerpt', true, true, ['Regional Payments Council||organization']],
    ]);
  });

  it('derives titles at a word boundary for untitled teasers', () => {
    for (const a of articles.filter((x) => x.titleDerived)) {
      const stem = a.title.replace(/…$/, '');
      const first = textOf(a.body.find((b) => b.type === 'paragraph')!);
      expect(first.startsWith(stem)).toBe(true);
      expect(first.length === stem.length || /[\s.,!?]/.test(first[stem.length])).toBe(true);
      expect(a.title.length).toBeLessThanOrEqual(81);
    }
  });

  it('keeps chrome, markers, bios and credits out of the bodies', () => {
    for (const a of articles) {
      for (const b of a.body) {
        expect(textOf(b)).not.toMatch(/Keep\s*Reading|Show\s*less|Latest Stories/);
        if (b.type !== 'figure') expect(blockText(b)).not.toMatch(/^(?:Photo|Image|Illustration):/);
      }
    }
    expect(articles[1].credits).toEqual(['Image: Valley Post']);
    expect(articles.flatMap((a) => a.body.map(textOf)).join(' ')).not.toMatch(/covers transport|is the editor|industry association/);
  });
});

describe('odd shapes degrade to title + paragraphs', () => {
  it('does not throw and returns nothing for empty or chrome-only input', () => {
    for (const input of ['', '\n\n\n', '   \n\t\n', 'Latest Stories', 'Keep ReadingShow less', 'Photo: someone', '\ufeff', '\r\n\r\n']) {
      expect(parsePageDump(input)).toEqual([]);
    }
  });

  it('turns the odd-shapes fixture into plain articles without throwing', () => {
    const articles = parsePageDump(fixtureText('odd-shapes.txt'));
    expect(articles.length).toBeGreaterThanOrEqual(2);
    for (const a of articles) {
      expect(a.title.trim().length).toBeGreaterThan(0);
      expect(a.kind).toBe('full');
      expect(a.body.every((b) => b.type === 'paragraph' || b.type === 'figure' || b.type === 'heading')).toBe(true);
    }
    expect(articles.map((a) => a.title)).toContain('Title With No Body');
    const rambling = articles.flatMap((a) => a.body.map(textOf)).find((t) => t.startsWith('an untitled lowercase fragment'));
    expect(rambling).toBeDefined();
  });

  it('makes a single line an article with a derived title', () => {
    expect(parsePageDump('Hello there')).toMatchObject([
      { title: 'Hello there', titleDerived: true, body: [{ type: 'paragraph', text: 'Hello there' }] },
    ]);
  });

  it('copes with a very long single line', () => {
    const [a] = parsePageDump('word '.repeat(50_000));
    expect(a.titleDerived).toBe(true);
    expect(a.title.length).toBeLessThanOrEqual(81);
    expect(words(textOf(a.body[0]))).toHaveLength(50_000);
  });

  it('treats a marker with no article before it as nothing, and one with no author as an author-less excerpt', () => {
    const articles = parsePageDump('Some Title\n\nBody text.\n\nKeep ReadingShow less\n\n\nOther Title\n\nOther body.');
    expect(articles.map((a) => [a.title, a.kind, a.authors.length])).toEqual([
      ['Some Title', 'excerpt', 0],
      ['Other Title', 'full', 0],
    ]);
  });
});

describe('imported text is sanitized', () => {
  const hostile = [
    'A \u001b[31mred\u001b[0m title\u0007',
    '',
    'The dek has a C1 CSI \u009b2J and a bidi \u202eoverride\u202c inside.',
    '',
    'Photo: Some\u001b]8;;http://evil.example\u0007one',
    '',
    'Body with an OSC 52 \u001b]52;c;aGVsbG8=\u0007clipboard write, a DEL\u007f, a NUL\u0000, an isolate \u2066x\u2069 and a mark\u200f.',
    '',
    'Keep ReadingShow less',
    'Jane \u001b[1mDoe',
    '',
    'Jane Doe (@jdoe\u200e) writes about \u009d0;title\u009csecurity.',
  ].join('\r\n');
  const articles = parsePageDump(hostile);

  it('removes escape sequences whole, C0/C1 controls, DEL and bidi controls from every field', () => {
    expect(articles).toHaveLength(1);
    for (const t of allText(articles[0])) {
      expect(t).not.toMatch(CONTROL_OR_BIDI);
      expect(t).not.toMatch(/\[31m|\[0m|\[2J|52;c|8;;http|0;title/);
    }
  });

  it('keeps the readable text around what it removed', () => {
    const [a] = articles;
    expect(a.title).toBe('A red title');
    expect(a.authors).toEqual([{ name: 'Jane Doe', handle: '@jdoe', bio: 'Jane Doe (@jdoe) writes about security.', kind: 'person' }]);
    expect(a.body.map(textOf).join(' ')).toContain('Body with an OSC 52 clipboard write, a DEL, a NUL, an isolate x and a mark.');
    expect(a.credits).toEqual(['Photo: Someone']);
  });
});
