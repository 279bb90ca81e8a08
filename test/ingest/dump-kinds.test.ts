// The line classifiers of the page-dump importer, one line at a time.
import { describe, expect, it } from 'vitest';
import { byline, dateLine, endsArticle, isChrome, listItem } from '../../src/ingest/pagedump/kinds.js';
import { isCreditLine, splitTrailingCredit } from '../../src/ingest/heuristics.js';
import { readLines } from '../../src/ingest/pagedump/lines.js';

describe('bylines', () => {
  it.each([
    ['By Sophie Poole', ['Sophie Poole']],
    ['by Eleanor Ainge Roy (reporting) and Adrian Malloch (photography)', ['Eleanor Ainge Roy', 'Adrian Malloch']],
    ['By JEFFREY GETTLEMAN JAN. 13, 2017', ['Jeffrey Gettleman']],
    ["Writer's picture Tomasz Wielgus", ['Tomasz Wielgus']],
    ['Maya Lund | Staff Writer', ['Maya Lund']],
    ['Dan Goodin - Apr 16, 2015 8:02 pm UTC', ['Dan Goodin']],
    ['// By Arun Sai Krishnan • Nov 11, 2020', ['Arun Sai Krishnan']],
    ['by Ahiza Garcia @ahiza_garcia February 1, 2016: 12:41 PM ET', ['Ahiza Garcia']],
    ['By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project', ['Daniel Kahn Gillmor']],
  ])('%s', (line, names) => expect(byline(line)?.names).toEqual(names));

  it('keeps the date a byline carries', () => {
    expect(byline('By JEFFREY GETTLEMAN JAN. 13, 2017')?.date).toBe('2017-01-13');
  });

  it('is not fooled by sentences that start with "By" or by roles alone', () => {
    expect(byline('By Tuesday morning the wind had dropped and most families were allowed to return.')).toBeUndefined();
    expect(byline('By the numbers')).toBeUndefined();
    expect(byline('Reviewed by Hansa D. Bhargava, MD')?.names).toEqual([]);
  });
});

describe('date lines', () => {
  it.each([
    ['Updated: Mar 2, 2021', '2021-03-02'],
    ['March 14, 2023', '2023-03-14'],
    ['Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST', '2019-01-03'],
    ['Published 2020-11-05', '2020-11-05'],
    ['Thursday, May 4, 2023', '2023-05-04'],
  ])('%s', (line, date) => expect(dateLine(line)).toBe(date));

  it('leaves sentences that hold a date alone', () => {
    expect(dateLine('The council voted on March 14, 2023 to close the bridge for repairs.')).toBeUndefined();
  });
});

describe('chrome', () => {
  it.each([
    '(Was this email forwarded to you? Sign up here to get it in your inbox.)',
    'We use cookies to improve your experience on our site. Accept all cookies',
    'Sign up for our weekly newsletter',
    'You have 2 free articles left this month. Subscribe for unlimited access.',
    '[Related: The coastline is moving faster than the maps]',
    'Advertisement',
    'Continue reading the main story',
    'Home | World | Business | Tech | Sport',
    'Share 1.2K',
    '12 comments',
    'US Markets Loading…',
    'Skip to main content',
    '[                    ]',
    '━━━━━━━━━━',
  ])('%s', (line) => expect(isChrome(line)).toBe(true));

  it('keeps prose, headings and headlines', () => {
    for (const line of [
      'The last lighthouse keeper on the north coast',
      'What beekeepers can do',
      'She shared the photo with her readers.',
      'Readers can sign up for the tour at the library.',
    ]) {
      expect(isChrome(line)).toBe(false);
    }
  });

  it('knows the headings that end an article', () => {
    expect(endsArticle('Related stories')).toBe(true);
    expect(endsArticle('Most viewed')).toBe(true);
    expect(endsArticle('Related rivers of the north')).toBe(false);
  });
});

describe('credits and list items', () => {
  it('recognises credits in other sites’ forms', () => {
    for (const line of [
      'REUTERS/Jonah Weiss',
      'Getty Images',
      'Photo by Mia Chen/AFP via Getty Images',
      'Credit: Hannah Ford',
      'Bloomberg via Getty Images',
    ])
      expect(isCreditLine(line)).toBe(true);
    for (const line of [
      'Reuters reported the deal on Monday.',
      'Getty Images is a photo agency that licenses pictures to newspapers around the world.',
    ])
      expect(isCreditLine(line)).toBe(false);
  });

  it('splits a credit off the end of a caption, and only there', () => {
    expect(splitTrailingCredit('Windows briefcase Image: Santiago Arias / Protocol')).toEqual({
      caption: 'Windows briefcase',
      credit: 'Image: Santiago Arias / Protocol',
    });
    expect(splitTrailingCredit('Peacekeepers at a camp on Monday. Credit Ashraf Shazly/Agence France-Presse — Getty Images')).toEqual({
      caption: 'Peacekeepers at a camp on Monday.',
      credit: 'Credit Ashraf Shazly/Agence France-Presse — Getty Images',
    });
    expect(splitTrailingCredit('The agency said the photo was taken on Monday.')).toBeNull();
  });

  it('reads bullets and numbers, not dashes in prose', () => {
    expect(listItem('• Lack of mentorship')).toEqual({ item: 'Lack of mentorship', ordered: false });
    expect(listItem('2. Ask the council')).toEqual({ item: 'Ask the council', ordered: true });
    expect(listItem('— said the mayor')).toBeNull();
  });
});

describe('wrapped lines', () => {
  it('joins lines a text browser wrapped, and leaves short lines alone', () => {
    const wrapped = [
      'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii',
      'jjjj kkkk',
      '',
      'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii',
      'jjjj',
      '',
      'aaaa bbbb cccc dddd eeee ffff gggg hhhh iii',
      'x',
      'Short line',
      'Another',
    ].join('\n');
    const { lines, wrapWidth } = readLines(wrapped);
    expect(wrapWidth).toBe(44);
    expect(lines.map((l) => l.text)).toEqual([
      'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk',
      'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj',
      'aaaa bbbb cccc dddd eeee ffff gggg hhhh iii x',
      'Short line',
      'Another',
    ]);
  });

  it('does not unwrap a dump whose lines run long (a saved page)', () => {
    expect(readLines('word '.repeat(100) + '\nnext line').wrapWidth).toBeUndefined();
  });
});
