// The line classifiers the importer is built from.
import { describe, expect, it } from 'vitest';
import {
  deriveTitle,
  isCreditLine,
  isHeadingLike,
  isNameLine,
  isTitleLike,
  normalizeForCompare,
  splitGluedCredit,
} from '../../src/ingest/heuristics.js';

describe('isCreditLine', () => {
  it.each([
    'Illustration: Christopher T. Fong/Protocol',
    'Photo: Noah Berger/Getty Images for Amazon Web Services',
    'Image: Amazon',
    'Photos: AP',
    'Photo illustration: Jane Doe',
  ])('%s is a credit', (line) => {
    expect(isCreditLine(line)).toBe(true);
  });
  it.each([
    'Photo: He said it. Then he left the room',
    'Image:',
    'Photography is an art',
    'The photo: an old one',
    'Image: ' + 'x'.repeat(200),
  ])('%s is not a credit', (line) => {
    expect(isCreditLine(line)).toBe(false);
  });
});

describe('splitGluedCredit', () => {
  it('splits a doubled caption glued to its credit: caption once', () => {
    expect(
      splitGluedCredit(
        'Swag from the AWS China Region booth at the AWS Re:Invent conference in 2019Swag from the AWS China Region booth at the AWS Re:Invent conference in 2019Image: Amazon',
      ),
    ).toEqual({ caption: 'Swag from the AWS China Region booth at the AWS Re:Invent conference in 2019', credit: 'Image: Amazon' });
  });
  it('splits a single caption glued to its credit', () => {
    expect(splitGluedCredit('A caption.Photo: Someone')).toEqual({ caption: 'A caption.', credit: 'Photo: Someone' });
  });
  it('leaves sentences that merely mention a photo alone', () => {
    expect(splitGluedCredit('He looked at the photo: it was old')).toBeNull();
    expect(splitGluedCredit('Caption here Image: X')).toBeNull();
    expect(splitGluedCredit('An ordinary paragraph with no credit at all.')).toBeNull();
  });
});

describe('isNameLine', () => {
  it.each(['Veronica Irwin', 'Kate Kaye', 'Bennett Richardson', 'Ludwig van Beethoven', 'Jean-Luc Picard', 'Conan O’Brien'])(
    '%s is a name',
    (line) => {
      expect(isNameLine(line)).toBe(true);
    },
  );
  it.each([
    'Kaye',
    'Show less',
    'Keep ReadingShow less',
    'Veronica Irwin is a reporter',
    'The Financial Technology Association (FTA) represents industry leaders',
  ])('%s is not a name', (line) => {
    expect(isNameLine(line)).toBe(false);
  });
});

describe('isTitleLike / isHeadingLike', () => {
  it('takes short unpunctuated lines as titles and headings', () => {
    expect(isTitleLike('AWS CEO: The cloud isn’t just about technology')).toBe(true);
    expect(isTitleLike('Amazon declined to comment for this story.')).toBe(false);
    expect(isTitleLike('Image: Protocol')).toBe(false);
    for (const h of ['Locally sourced AI and data', 'National security meets big cloud AI', 'Tech and data at risk?'])
      expect(isHeadingLike(h)).toBe(true);
    for (const p of [
      'Amazon declined to comment for this story. Microsoft did not respond.',
      'lowercase start',
      '“A quoted line”',
      'Image: Amazon',
    ])
      expect(isHeadingLike(p)).toBe(false);
  });
});

describe('deriveTitle', () => {
  it('uses the first sentence, without its full stop', () => {
    expect(
      deriveTitle('We launched Protocol in February 2020 to cover the evolving power center of tech. It is with deep sadness that…'),
    ).toBe('We launched Protocol in February 2020 to cover the evolving power center of tech');
  });
  it('does not end a sentence at an initial or abbreviation', () => {
    expect(deriveTitle('The U.S. government said so. More text.')).toBe('The U.S. government said so');
    expect(deriveTitle('A drawing by Christopher T. Fong shows it. Next.')).toBe('A drawing by Christopher T. Fong shows it');
  });
  it('cuts a long sentence at a word boundary, at most 80 characters plus an ellipsis', () => {
    const sentence =
      'The financial technology transformation is driving competition, creating consumer choice, and shaping the future of finance.';
    const title = deriveTitle(sentence);
    expect(title).toBe('The financial technology transformation is driving competition, creating…');
    expect(title.length).toBeLessThanOrEqual(81);
    const long = deriveTitle('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(81);
    expect(long).toMatch(/^(word )+word…$/);
  });
  it('never returns an empty title', () => {
    for (const p of ['', '...', '!!!', '   ']) expect(deriveTitle(p).length).toBeGreaterThan(0);
  });
});

describe('normalizeForCompare', () => {
  it('ignores quotes, case, trailing punctuation and spacing', () => {
    expect(normalizeForCompare('“The bottom line is  here,”')).toBe(normalizeForCompare('The bottom line is here.'));
  });
});
