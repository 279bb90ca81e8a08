// Page dumps from sites the importer has never seen: the five failure patterns of real dumps,
// each on a short dump written for the test (test/fixtures/dumps/).
import { describe, expect, it } from 'vitest';
import { parsePageDump, type ImportedArticle } from '../../src/ingest/pagedump.js';
import { blockText, type Block } from '../../src/model/schema.js';
import { fixtureText } from '../support/paths.js';

const parseOne = (name: string): ImportedArticle => {
  const articles = parsePageDump(fixtureText(`dumps/${name}`));
  expect(articles.map((a) => a.title)).toHaveLength(1);
  return articles[0];
};
const texts = (a: ImportedArticle, type: Block['type']) => a.body.filter((b) => b.type === type).map(blockText);
const everything = (a: ImportedArticle) => [a.title, a.dek, ...a.body.map(blockText)].join('\n');
const paragraphStarts = (a: ImportedArticle) => texts(a, 'paragraph').map((t) => t.split(' ').slice(0, 4).join(' '));

describe('1. the title is chosen by scoring, not by position', () => {
  it('skips a menu, a markets ticker, a paywall line, a kicker and a figure above the headline', () => {
    const a = parseOne('kicker-above-headline.txt');
    expect(a.title).toBe('The port that learned to run on batteries');
    expect(a.titleDerived).toBe(false);
    expect(a.dek).toBe("Electric cranes and tugboats have cut the harbor's diesel use by half in three years.");
    expect(a.body[0]).toEqual({ type: 'figure', caption: 'Harbor cranes', credit: 'Image: Santiago Arias / Tidewater Post' });
    expect(a.credits).toEqual(['Image: Santiago Arias / Tidewater Post']);
    expect(paragraphStarts(a)).toEqual(['When the first battery-powered', 'Three years later the', 'The change was not']);
    expect(everything(a)).not.toMatch(/Skip to content|Podcasts|Loading|all your news|From the Editor/);
  });

  it('skips podcast-player text and a kicker', () => {
    const a = parseOne('podcast-player-first.txt');
    expect(a.title).toBe('Why small banks are moving their core systems to the cloud');
    expect(everything(a)).not.toMatch(/Listen to this article|0:00|1x|Protocol Enterprise/);
    expect(paragraphStarts(a).slice(-3)).toEqual(['For most of the', 'That is changing quickly.', 'The reasons are mostly']);
  });

  it('finds the headline in a text-mode browser dump below its menus and section name', () => {
    const a = parseOne('text-browser-dump.txt');
    expect(a.title).toBe('Beekeepers count their losses after the wettest spring on record');
    expect(a.dek).toBe('Hives across the lowlands lost a third of their colonies, the largest fall since the survey began');
  });
});

describe('2. lines that touch are not glued into one block', () => {
  const a = parseOne('lists-without-blank-lines.txt');

  it('makes bullet and numbered lines list blocks, apart from the sentence above them', () => {
    const lists = a.body.filter((b) => b.type === 'list');
    expect(lists).toEqual([
      {
        type: 'list',
        ordered: false,
        text: 'The river is warmer than it was a decade ago, by almost two degrees in summer.\nOtters have returned to the upper reaches for the first time since the 1970s.\nPlastic waste has fallen near the town but risen further downstream.\nTwo of the old weirs are close to collapse.\nNobody is sure who is responsible for repairing them.',
      },
      {
        type: 'list',
        ordered: true,
        text: 'Apply for a second grant before June.\nAsk the council to share the cost.\nRecruit volunteers for the winter counts.',
      },
    ]);
    expect(texts(a, 'paragraph')).toContain(
      'The survey team spent six weeks on the water and came back with more questions than answers. Here is what they found.',
    );
  });

  it('keeps alt text and its credit on the next line as one figure, in place', () => {
    expect(a.body.map((b) => b.type)).toEqual(['paragraph', 'list', 'paragraph', 'figure', 'paragraph', 'list', 'paragraph']);
    expect(a.body[3]).toEqual({ type: 'figure', caption: 'Kayakers near the old mill', credit: 'Photo: Tomas Reyes/River Trust' });
  });

  it('joins the lines a text-mode browser wrapped, and its wrapped list items', () => {
    const b = parseOne('text-browser-dump.txt');
    expect(texts(b, 'paragraph')[0]).toBe(
      'Beekeepers across the lowlands lost almost a third of their colonies over the winter and spring, according to the annual survey published on Thursday, the largest fall since records began in 2008.',
    );
    expect(b.body.filter((x) => x.type === 'list')).toEqual([
      {
        type: 'list',
        ordered: false,
        text: 'Feed colonies with sugar syrup when the weather keeps them in for more than a week.\nCheck hives for damp and move them to higher ground where possible.\nDo not split weak colonies until the weather settles.',
      },
    ]);
    expect(texts(b, 'heading')).toEqual(['What beekeepers can do']);
  });
});

describe('3. credits attach to figures wherever they stand', () => {
  const a = parseOne('credits-any-order.txt');

  it('reads credits above the caption, at the end of it, on the next line, and agency credits', () => {
    expect(a.body.filter((b) => b.type === 'figure')).toEqual([
      { type: 'figure', caption: 'Firefighters clear brush above the reservoir on Monday.', credit: 'Photo: Lena Ortiz/Valley Post' },
      { type: 'figure', caption: 'Smoke over the ridge at dusk.', credit: 'Photograph: Sam Okoro/Reuters' },
      { type: 'figure', caption: 'A helicopter drops water near the highway.', credit: 'REUTERS/Jonah Weiss' },
      { type: 'figure', caption: 'Residents gather at the evacuation centre.', credit: 'Getty Images' },
      { type: 'figure', caption: 'Evacuees wait for buses outside the school', credit: 'Photo by Mia Chen/AFP via Getty Images' },
    ]);
    expect(a.credits).toEqual([
      'Photo: Lena Ortiz/Valley Post',
      'Photograph: Sam Okoro/Reuters',
      'REUTERS/Jonah Weiss',
      'Getty Images',
      'Photo by Mia Chen/AFP via Getty Images',
    ]);
  });

  it('keeps the title and every paragraph whole', () => {
    expect(a.title).toBe('Wildfire season starts early in the valley');
    expect(paragraphStarts(a)).toEqual([
      'Crews were called to',
      'The fire service says',
      'Residents on the east',
      'By Tuesday morning the',
      'The council will meet',
    ]);
  });
});

describe('4. chrome never reaches a paragraph', () => {
  const a = parseOne('chrome-lines.txt');

  it('drops forwarding notes, cookie banners, sign-ups, menus, share counts, ads, related links, paywall notices and comment counts', () => {
    expect(a.title).toBe('The last lighthouse keeper on the north coast');
    expect(paragraphStarts(a)).toEqual(['For thirty years, Ellen', 'She still logs the', 'The lamp is now']);
    expect(a.body.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph']);
  });

  it('takes "Updated: …" as the date, not as text', () => {
    expect(a.publishedAt).toBe('2021-03-02');
    expect(everything(a)).not.toMatch(/Updated/);
  });
});

describe('5. bylines, dates and gaps', () => {
  it('reads "By NAME" and a date on the lines after the title, and a double blank line does not split the article', () => {
    const a = parseOne('bylines-and-gaps.txt');
    expect(a.title).toBe('Why the night bus matters more than ever');
    expect(a.authors).toEqual([{ name: 'Sophie Poole', bio: '', kind: 'person' }]);
    expect(a.publishedAt).toBe('2023-03-14');
    expect(a.body.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'heading', 'paragraph']);
    expect(everything(a)).not.toMatch(/Sophie Poole|March 14/);
  });

  it('reads "Writer\'s picture NAME" and a date with a time', () => {
    const a = parseOne('text-browser-dump.txt');
    expect(a.authors.map((x) => x.name)).toEqual(['Tomasz Wielgus']);
    expect(a.publishedAt).toBe('2023-05-04');
    expect(everything(a)).not.toMatch(/Writer's picture|Share on|Related stories|Honey prices|Most viewed|About us|All rights/);
  });

  it('reads "By NAME" under a dek and "NAME | Role" bylines', () => {
    expect(parseOne('kicker-above-headline.txt').authors.map((x) => x.name)).toEqual(['Maren Holt']);
    expect(parseOne('lists-without-blank-lines.txt').authors.map((x) => x.name)).toEqual(['Ada Brennan']);
    const [a] = parsePageDump(
      'How the tide tables are made\n\nJonah Reyes | Science Editor\n\nEvery year the harbour office publishes a book of tide tables, and every year someone asks how it is done. The answer involves a lot of arithmetic.\n\nThe tables start from measurements taken over many years at the same gauge, which are then broken down into the pull of the moon and the sun.\n',
    );
    expect(a.title).toBe('How the tide tables are made');
    expect(a.authors.map((x) => x.name)).toEqual(['Jonah Reyes']);
    expect(everything(a)).not.toMatch(/Science Editor/);
  });

  it('still splits a page of full articles at blank-line runs before each headline', () => {
    const articles = parsePageDump(fixtureText('several-full-articles.txt'));
    expect(articles.map((x) => x.title)).toEqual([
      'City council approves the new tram line',
      'Harbour festival returns after a three-year pause',
      'Library extends its opening hours',
    ]);
  });
});
