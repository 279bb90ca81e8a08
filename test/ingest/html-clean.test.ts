// What the cleaner takes out of an extracted article, and what it must leave.
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/model/schema.js';
import { cleanBlocks } from '../../src/ingest/html/clean.js';
import { splitCaption } from '../../src/ingest/html/blocks.js';
import { splitByline } from '../../src/ingest/html/metadata.js';

const p = (text: string, extra: Partial<Extract<Block, { type: 'paragraph' }>> = {}): Block => ({ type: 'paragraph', text, ...extra });
const story = [
  'The harbour reopened on Monday after a week of storms had closed it to every boat but the lifeboat, the port authority said.',
  'Fishing crews said they had lost a week of catches in the worst winter for ten years, and asked the council for help with fuel costs.',
  'The council will meet on Thursday to discuss a fund for the crews, which could pay out before the end of the month if it is approved.',
];
const ctx = { title: 'Harbour reopens after storms', authors: ['Ruth Achterberg'], dek: 'A week of storms closed the port.' };
const texts = (blocks: Block[]) => blocks.map((b) => ('text' in b ? b.text : `[figure] ${b.caption}`));

describe('cleanBlocks', () => {
  it('drops the repeated title, the byline, date lines and "Advertisement" at the top; keeps the story', () => {
    const out = cleanBlocks(
      [
        { type: 'heading', text: 'Harbour reopens after storms', level: 1 },
        p('By Ruth Achterberg'),
        p('22 Dec, 201622 Dec, 2016'),
        p('Updated March 5, 2024 at 6:01 am'),
        p('Advertisement'),
        ...story.map((t) => p(t)),
      ],
      ctx,
    );
    expect(texts(out)).toEqual(story);
  });

  it('drops pitches and sign-offs: newsletter, "Continue reading the main story", "Read more:", social handles, copyright', () => {
    const out = cleanBlocks(
      [
        p(story[0]),
        p('Continue reading the main story'),
        p(story[1]),
        p('Sign up for our morning newsletter and get the day’s news in your inbox.'),
        p('Read more: Storm damage bill tops £2m', { marks: [{ type: 'link', start: 11, end: 37, href: 'https://x.example/a' }] }),
        p(story[2]),
        p('Ruth Achterberg is on Twitter at ruthachter.'),
        p('© 2024 The Harbour Times. All rights reserved.'),
      ],
      ctx,
    );
    expect(texts(out)).toEqual(story);
  });

  it('drops a related-stories rail: its heading and the list of links under it', () => {
    const out = cleanBlocks(
      [
        ...story.map((t) => p(t)),
        { type: 'heading', text: 'Related stories', level: 3 },
        {
          type: 'list',
          ordered: false,
          text: 'Storm damage bill tops £2m\nLifeboat called out six times',
          marks: [{ type: 'link', start: 0, end: 26, href: 'https://x.example/a' }],
        },
        p('More harbour news:'),
        { type: 'list', ordered: false, text: 'Ferry timetable changes' },
      ],
      ctx,
    );
    expect(texts(out)).toEqual(story);
  });

  it('keeps what belongs to the story: an opening that repeats the description, lists, quotes, and a long paragraph twice', () => {
    const blocks: Block[] = [
      p('A week of storms closed the port.'),
      ...story.map((t) => p(t)),
      { type: 'list', ordered: true, text: 'Fuel\nNets\nInsurance' },
      { type: 'quote', text: '“We have never seen a winter like it,” one skipper said.' },
      p(story[2]),
    ];
    expect(cleanBlocks(blocks, ctx)).toEqual(blocks);
  });

  it('never leaves an article empty: when every block looks like furniture, all are kept', () => {
    const blocks = [p('Advertisement'), p('Share this article')];
    expect(cleanBlocks(blocks, ctx)).toEqual(blocks);
  });
});

describe('caption and byline helpers', () => {
  it.each([
    ['The ferry at dawn. Photo: Ana Ruiz/Valley Courier', 'The ferry at dawn.', 'Photo: Ana Ruiz/Valley Courier'],
    ['Crowds on the quay (Photo by Jo Li/Getty Images)', 'Crowds on the quay', 'Photo by Jo Li/Getty Images'],
    ['A map of the harbour © Harbour Board', 'A map of the harbour', '© Harbour Board'],
    ['Workers at the dock on Monday', 'Workers at the dock on Monday', ''],
  ])('splitCaption(%s)', (text, caption, credit) => {
    expect(splitCaption(text)).toEqual({ caption, credit });
  });

  it.each([
    ['By Jane Doe and John Roe', ['Jane Doe', 'John Roe']],
    ['Jane Doe, John Roe & Ana Ruiz', ['Jane Doe', 'John Roe', 'Ana Ruiz']],
    ['Steven Musil January 18, 2017 11:00 PM PST @stevenmusil', ['Steven Musil']],
    ['By Jane Doe | Reuters', ['Jane Doe']],
    ['https://example.org/profile/jane', []],
  ])('splitByline(%s)', (byline, names) => {
    expect(splitByline(byline)).toEqual(names);
  });
});
