// Every importer rule of the issue, checked on the seed page dump.
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePageDump, type ImportedArticle } from '../../src/ingest/pagedump.js';
import type { Block } from '../../src/model/schema.js';
import { seedText } from '../support/paths.js';

let articles: ImportedArticle[];
beforeAll(() => {
  articles = parsePageDump(seedText());
});

const textOf = (b: Block) => (b.type === 'figure' ? [b.title ?? '', b.caption, b.credit].join(' ') : b.text);
const bodyTexts = (a: ImportedArticle) => a.body.filter((b) => b.type !== 'figure').map((b) => (b as { text: string }).text);
const byTitle = (start: string) => {
  const found = articles.find((a) => a.title.startsWith(start));
  if (!found) throw new Error(`no article titled "${start}…"`);
  return found;
};
const china = () => byTitle('Profits over politics');

describe('parsePageDump on the seed: the six articles', () => {
  it('finds exactly 6 articles, in page order', () => {
    expect(articles.map((a) => a.title)).toEqual([
      'Profits over politics: AWS and Microsoft execs warn of China’s AI threat while growing AI hubs inside China',
      'Judge Zia Faruqui is trying to teach you crypto, one ‘SNL’ reference at a time',
      'The financial technology transformation is driving competition, creating…',
      'AWS CEO: The cloud isn’t just about technology',
      'We launched Protocol in February 2020 to cover the evolving power center of tech',
      'Why large enterprises struggle to find suitable platforms for MLops',
    ]);
  });

  it('gives every article the expected kind, sponsored flag, derived-title flag and author', () => {
    const summary = articles.map((a) => ({
      kind: a.kind,
      sponsored: a.sponsored,
      titleDerived: a.titleDerived,
      authors: a.authors.map((x) => ({ name: x.name, handle: x.handle, kind: x.kind })),
    }));
    expect(summary).toEqual([
      { kind: 'full', sponsored: false, titleDerived: false, authors: [] },
      {
        kind: 'excerpt',
        sponsored: false,
        titleDerived: false,
        authors: [{ name: 'Veronica Irwin', handle: '@vronirwin', kind: 'person' }],
      },
      {
        kind: 'excerpt',
        sponsored: true,
        titleDerived: true,
        authors: [{ name: 'Financial Technology Association', handle: undefined, kind: 'organization' }],
      },
      {
        kind: 'excerpt',
        sponsored: false,
        titleDerived: false,
        authors: [{ name: 'Donna Goodison', handle: '@dgoodison', kind: 'person' }],
      },
      {
        kind: 'excerpt',
        sponsored: false,
        titleDerived: true,
        authors: [{ name: 'Bennett Richardson', handle: '@bennettrich', kind: 'person' }],
      },
      { kind: 'excerpt', sponsored: false, titleDerived: false, authors: [{ name: 'Kate Kaye', handle: undefined, kind: 'person' }] },
    ]);
  });

  it('never invents an author for the full China/AWS article (the dump has no byline for it)', () => {
    expect(china().authors).toEqual([]);
    expect(china().kind).toBe('full');
  });

  it('has 5 distinct authors: 4 people with bios that start with their name, 1 organization', () => {
    const authors = new Map(articles.flatMap((a) => a.authors).map((x) => [x.name, x]));
    expect(authors.size).toBe(5);
    const people = [...authors.values()].filter((x) => x.kind === 'person');
    const orgs = [...authors.values()].filter((x) => x.kind === 'organization');
    expect(people.map((p) => p.name).sort()).toEqual(['Bennett Richardson', 'Donna Goodison', 'Kate Kaye', 'Veronica Irwin']);
    for (const p of people) {
      expect(p.bio.startsWith(p.name)).toBe(true);
      expect(p.bio.length).toBeGreaterThan(80);
    }
    expect(orgs).toHaveLength(1);
    expect(orgs[0].bio).toMatch(/^The Financial Technology Association \(FTA\) represents industry leaders/);
  });

  it('pulls handles out of the bio, with or without a space after the parenthesis', () => {
    const bios = Object.fromEntries(articles.flatMap((a) => a.authors).map((x) => [x.name, x]));
    expect(bios['Veronica Irwin'].bio).toContain('(@vronirwin)');
    expect(bios['Bennett Richardson'].bio).toContain('( @bennettrich)');
    expect(bios['Bennett Richardson'].handle).toBe('@bennettrich');
    expect(bios['Kate Kaye'].handle).toBeUndefined();
  });

  it('keeps the sponsor blurb as the organization bio, not as body text', () => {
    const fta = byTitle('The financial technology transformation');
    expect(bodyTexts(fta).join(' ')).not.toContain('The Financial Technology Association (FTA)');
    expect(bodyTexts(fta)[0]).toMatch(/^The financial technology transformation is driving competition, creating consumer choice/);
  });

  it('keeps the author bios out of the bodies', () => {
    const all = articles.flatMap(bodyTexts).join('\n');
    for (const bioStart of [
      'Veronica Irwin (@vronirwin) is',
      'Donna Goodison (@dgoodison) is',
      'Bennett Richardson ( @bennettrich) is',
      'Kate Kaye is an award-winning',
    ]) {
      expect(all).not.toContain(bioStart);
    }
    for (const a of articles)
      for (const t of bodyTexts(a)) expect(['Veronica Irwin', 'Donna Goodison', 'Bennett Richardson', 'Kate Kaye']).not.toContain(t);
  });
});

describe('parsePageDump on the seed: the full article', () => {
  it('takes the title from line 1 and the dek from the next paragraph', () => {
    expect(china().dek).toBe(
      'The two biggest U.S. cloud companies are expanding their artificial intelligence and cloud services in China despite warnings of China’s AI threat from their own executives.',
    );
  });

  it('makes the hero image title, caption and credit one figure, not body text', () => {
    const [hero] = china().body;
    expect(hero).toEqual({
      type: 'figure',
      title: 'AWS balancing act',
      caption: 'AWS is balancing profit potential in China with AI risk its own CEO warned about.',
      credit: 'Illustration: Christopher T. Fong/Protocol',
    });
    expect(china().credits).toContain('Illustration: Christopher T. Fong/Protocol');
    const texts = bodyTexts(china());
    expect(texts).not.toContain('AWS balancing act');
    expect(texts.some((t) => t.includes('AWS is balancing profit potential'))).toBe(false);
    expect(china().body[1]).toMatchObject({ type: 'paragraph', text: expect.stringMatching(/^There’s no law against U\.S\. companies/) });
  });

  it('turns the three subheadings into heading blocks, in order, and nothing else', () => {
    const headings = china()
      .body.filter((b) => b.type === 'heading')
      .map((b) => (b as { text: string }).text);
    expect(headings).toEqual(['Locally sourced AI and data', 'National security meets big cloud AI', 'Tech and data at risk?']);
  });

  it('keeps ordinary paragraphs as paragraphs', () => {
    const paragraphs = china().body.filter((b) => b.type === 'paragraph');
    expect(paragraphs.length).toBeGreaterThanOrEqual(35);
    expect(paragraphs.map((p) => (p as { text: string }).text)).toContain(
      'Amazon declined to comment for this story. Microsoft did not respond to requests to comment for this story.',
    );
  });

  it('keeps the repeated pull quote once, as a quote block right after the paragraph it repeats', () => {
    const all = china().body;
    const mentions = all.filter((b) => textOf(b).includes('The bottom line is the Chinese government could walk into'));
    expect(mentions.map((b) => b.type)).toEqual(['paragraph', 'quote']);
    const quotes = all.filter((b) => b.type === 'quote');
    expect(quotes).toEqual([
      {
        type: 'quote',
        text: '“The bottom line is the Chinese government could walk into any of those data centers, and they do, and look at everything.”',
      },
    ]);
    const at = all.indexOf(quotes[0]);
    expect(all[at - 1]).toMatchObject({ type: 'paragraph', text: expect.stringContaining('said Dan Harris') });
  });

  it('splits glued captions: the "Swag from…" caption once, credit "Image: Amazon"', () => {
    const figures = china().body.filter((b) => b.type === 'figure');
    expect(figures).toContainEqual({
      type: 'figure',
      caption: 'Swag from the AWS China Region booth at the AWS Re:Invent conference in 2019',
      credit: 'Image: Amazon',
    });
    expect(figures).toContainEqual({
      type: 'figure',
      caption: 'A 2019 Amazon presentation shows the process required for customers to be certified to use AWS partner services in China.',
      credit: 'Image: Amazon',
    });
    const everything = china().body.map(textOf).join('\n');
    expect(everything.split('Swag from the AWS China Region booth').length - 1).toBe(1);
    expect(china().credits).toEqual(['Illustration: Christopher T. Fong/Protocol', 'Image: Amazon']);
  });

  it('ends the full article at its last paragraph', () => {
    expect(china().body.at(-1)).toMatchObject({
      type: 'paragraph',
      text: expect.stringMatching(/^“I don’t think they’re blind to \[the risks\]/),
    });
  });
});

describe('parsePageDump on the seed: teasers', () => {
  it('derives a title for the untitled Protocol note from its first sentence, cut at a word boundary', () => {
    const note = byTitle('We launched Protocol');
    expect(note.titleDerived).toBe(true);
    expect(note.title).toBe('We launched Protocol in February 2020 to cover the evolving power center of tech');
    expect(note.credits).toEqual(['Image: Protocol']);
    expect(bodyTexts(note)[0]).toMatch(/^We launched Protocol in February 2020/);
  });

  it('cuts a long derived title at a word boundary and marks the cut', () => {
    const fta = byTitle('The financial technology transformation');
    const stem = fta.title.replace(/…$/, '');
    expect(fta.title.endsWith('…')).toBe(true);
    expect(fta.title.length).toBeLessThanOrEqual(81);
    const source = bodyTexts(fta)[0];
    expect(source.startsWith(stem)).toBe(true);
    expect(source[stem.length]).toMatch(/[\s,]/);
  });

  it('keeps the excerpts’ heroes as figures', () => {
    expect(byTitle('Judge Zia Faruqui').body[0]).toMatchObject({
      type: 'figure',
      credit: 'Photo: Carolyn Van Houten/The Washington Post via Getty Images',
    });
    expect(byTitle('AWS CEO').credits).toEqual(['Photo: Noah Berger/Getty Images for Amazon Web Services']);
    expect(byTitle('AWS CEO').dek).toMatch(/^As AWS preps for its annual re:Invent conference, Adam Selipsky/);
    expect(byTitle('Why large enterprises').body[0]).toMatchObject({ type: 'figure', credit: 'Photo: artpartner-images via Getty Images' });
  });
});

describe('parsePageDump on the seed: what never reaches a body', () => {
  const CREDIT = /^(?:Photo illustration|Illustrations?|Photos?|Images?):\s*\S/;

  it('no title, dek or body text contains page chrome or teaser markers', () => {
    for (const a of articles) {
      for (const text of [a.title, a.dek, ...a.body.map(textOf)]) {
        expect(text).not.toMatch(/Keep\s*Reading/i);
        expect(text).not.toMatch(/Show\s*less/i);
        expect(text).not.toMatch(/Latest Stories/i);
      }
    }
  });

  it('no paragraph, heading or quote is a bare credit line', () => {
    for (const a of articles) for (const t of bodyTexts(a)) expect(t).not.toMatch(CREDIT);
  });

  it('same result for CRLF line endings, lone CR, a BOM and the "Keep Reading Show less" spelling', () => {
    const seed = seedText();
    const expected = JSON.stringify(articles);
    expect(JSON.stringify(parsePageDump(seed.replace(/\n/g, '\r\n')))).toBe(expected);
    expect(JSON.stringify(parsePageDump(seed.replace(/\n/g, '\r')))).toBe(expected);
    expect(JSON.stringify(parsePageDump('\ufeff' + seed))).toBe(expected);
    expect(JSON.stringify(parsePageDump(seed.replaceAll('Keep ReadingShow less', 'Keep Reading Show less')))).toBe(expected);
  });
});
