// HTML pages → clean articles: metadata best source first, blocks with structure and marks,
// no page furniture, everything sanitized.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadHtmlSupport, parseInput } from '../../src/ingest/front-door.js';
import { blockText, type Block } from '../../src/model/schema.js';
import { fixture } from '../support/paths.js';

beforeAll(() => loadHtmlSupport());

const page = (name: string, url?: string) => parseInput({ name, bytes: readFileSync(fixture(`html/${name}`)), ...(url ? { url } : {}) });
const allText = (body: Block[]) => body.map(blockText).join('\n');

describe('a news page with JSON-LD, OpenGraph and page furniture', () => {
  const ferry = () => page('river-ferry.html', 'https://courier.example/news/2023/river-ferry?utm_source=feed').articles[0];

  it('title, dek, authors with their kind and page, dates, site, language, canonical url', () => {
    const a = ferry();
    expect(a.title).toBe('Why the river ferry still matters');
    expect(a.dek).toBe('Three hundred commuters a day still cross by boat, and the council wants to know why.');
    expect(a.authors).toEqual([
      { name: 'Marta Kowalczyk', bio: '', kind: 'person', url: 'https://courier.example/staff/marta' },
      { name: 'Idris Bello', bio: '', kind: 'person' },
    ]);
    expect(a).toMatchObject({
      kind: 'full',
      titleDerived: false,
      publishedAt: '2023-09-14T06:30:00+01:00',
      modifiedAt: '2023-09-15T10:00:00+01:00',
      siteName: 'The Valley Courier',
      language: 'en-GB',
      url: 'https://courier.example/news/2023/river-ferry',
    });
  });

  it('blocks keep their structure: heading levels, an ordered and a bulleted list, a quote, preformatted text', () => {
    const body = ferry().body;
    expect(body.filter((b) => b.type === 'heading')).toEqual([
      { type: 'heading', text: 'Who still uses it', level: 2 },
      { type: 'heading', text: 'The timetable in numbers', level: 3 },
    ]);
    expect(body.filter((b) => b.type === 'list')).toEqual([
      {
        type: 'list',
        ordered: true,
        text: 'Shift workers at the hospital, who start before the first bus\nStudents at the college, most of them under eighteen\nOlder residents of the north bank who no longer drive',
      },
      { type: 'list', ordered: false, text: 'First crossing: 6.10\nLast crossing: 22.40\nCrossings a day: 64' },
    ]);
    expect(body.find((b) => b.type === 'quote')?.type === 'quote' && body.find((b) => b.type === 'quote')).toMatchObject({
      text: expect.stringMatching(/^"If the ferry goes, I lose an hour a day,"/),
    });
    expect(body.find((b) => b.type === 'pre')).toEqual({
      type: 'pre',
      text: 'North landing  06:10  06:25  06:40\nSouth landing  06:18  06:33  06:48',
    });
  });

  it('a figure keeps its alt text and address, its caption and credit apart', () => {
    expect(ferry().body.find((b) => b.type === 'figure')).toEqual({
      type: 'figure',
      caption: 'The ferry leaves the north landing at 6.10 every morning.',
      credit: 'Photo: Ana Ruiz/Valley Courier',
      alt: 'The ferry leaving the north landing at dawn',
      src: 'https://courier.example/images/ferry.jpg',
    });
    expect(ferry().credits).toEqual(['Photo: Ana Ruiz/Valley Courier', 'Photograph: Ana Ruiz']);
    // a caption outside a <figure> is a figure too, never a paragraph of the story
    expect(ferry().body).toContainEqual({ type: 'figure', caption: 'Inside the wheelhouse.', credit: 'Photograph: Ana Ruiz' });
  });

  it('links (made absolute) and emphasis are marks over the plain text', () => {
    const paragraphs = ferry().body.filter((b): b is Extract<Block, { type: 'paragraph' }> => b.type === 'paragraph');
    const withLink = paragraphs.find((p) => p.marks?.some((m) => m.type === 'link'))!;
    const link = withLink.marks!.find((m) => m.type === 'link')!;
    expect(withLink.text.slice(link.start, link.end)).toBe('business park on the south bank');
    expect(link.href).toBe('https://courier.example/news/2023/business-park');
    const strong = withLink.marks!.find((m) => m.type === 'strong')!;
    expect(withLink.text.slice(strong.start, strong.end)).toBe('£410,000 a year');
    const em = paragraphs[0].marks!.find((m) => m.type === 'em')!;
    expect(paragraphs[0].text.slice(em.start, em.end)).toBe('more commuters');
  });

  it('no navigation, share rail, newsletter box, advertisement, related stories, footer, script or style text', () => {
    const text = allText(ferry().body);
    for (const chrome of [
      'Share on Facebook',
      'Copy link',
      'Sign up',
      'newsletter',
      'Advertisement',
      'Related stories',
      'Footbridge opens',
      'All rights reserved',
      'Privacy policy',
      'tracking code',
      'font-family',
      'Subscribe',
      'Weather',
    ]) {
      expect(text).not.toContain(chrome);
    }
    // …nor the title and byline again at the top, nor the date line
    expect(text).not.toContain('Why the river ferry still matters');
    expect(text).not.toContain('By Marta Kowalczyk');
    expect(text).not.toContain('14 September 2023');
    expect(text).toContain('The committee meets on 12 October.');
  });
});

describe('a page without metadata', () => {
  it('takes the title without the site name, the author from the byline, and its own address as url', () => {
    const a = page('no-metadata.html', 'https://gazette.example/night-buses').articles[0];
    expect(a.title).toBe('Night buses return to the old town');
    expect(a.authors.map((x) => x.name)).toEqual(['Tomasz Nowak']);
    expect(a.url).toBe('https://gazette.example/night-buses');
    expect(a.publishedAt).toBeUndefined();
    expect(a.body.every((b) => b.type === 'paragraph')).toBe(true);
    expect(a.body).toHaveLength(4);
    expect(allText(a.body)).not.toMatch(/Home|Contact|Hillside Gazette 2024|By Tomasz/);
  });

  it('a page with no article in it is refused', () => {
    expect(() => page('index-page.html')).toThrow('no article found in the page');
  });
});

describe('hostile pages', () => {
  const hostile = `<!doctype html><html lang="en"><head><title>Harbour \u001b]0;pwned\u0007news</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour \\u001b[2Jnews","author":{"@type":"Person","name":"Eve \\u202eevil"}}</script></head>
<body><article><p>The harbour reopened \u001b]52;c;ZWNobyBoaQ==\u0007on Monday after a week of storms had closed it to every boat but the lifeboat.</p>
<p>Fishing crews said they had lost a week of catches <a href="javascript:alert(1)">click</a> and <a href="data:text/html,x">more</a> in the worst winter for ten years.</p></article></body></html>`;

  it('escape sequences, controls and bidi overrides never reach the article; script links are not kept', () => {
    const a = parseInput({ name: 'hostile.html', bytes: new TextEncoder().encode(hostile) }).articles[0];
    const json = JSON.stringify(a);
    expect(json).not.toMatch(/\\u001b|\\u0007|\u202e|\[2J|52;c/);
    expect(a.title).toBe('Harbour news');
    expect(a.authors[0].name).toBe('Eve evil');
    expect(json).not.toContain('javascript:');
    expect(json).not.toContain('data:text');
  });
});

describe('pages built to hurt', () => {
  it('elements nested deeper than any browser nests them are refused in one line, not worked through', () => {
    const deep = `<html><body>${'<div>'.repeat(2000)}<p>${'word '.repeat(100)}</p>${'</div>'.repeat(2000)}</body></html>`;
    expect(() => parseInput({ name: 'deep.html', bytes: new TextEncoder().encode(deep) })).toThrow(
      'elements nested more than 512 levels deep',
    );
    const fine = `<html><body>${'<div>'.repeat(200)}<p>${'word '.repeat(100)}</p>${'</div>'.repeat(200)}</body></html>`;
    expect(parseInput({ name: 'ok.html', bytes: new TextEncoder().encode(fine) }).articles).toHaveLength(1);
  });
});
