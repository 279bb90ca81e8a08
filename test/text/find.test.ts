import { describe, expect, it } from 'vitest';
import { findInLines } from '../../src/text/find.js';
import { layoutArticle, QUOTE_PREFIX } from '../../src/text/layout.js';
import { articleMeta } from '../support/archives.js';

const article = (body: { type: 'paragraph' | 'quote'; text: string }[]) =>
  layoutArticle({ ...articleMeta({ id: 'x', title: 'A title' }), body }, [], 30);

describe('find in an article (issue 10, defect 4)', () => {
  it('finds a phrase that the layout broke across two lines, and marks both parts', () => {
    const lines = article([{ type: 'paragraph', text: 'The chief executive now: Andy Jassy, who ran the cloud business for years.' }]);
    const broken = lines.findIndex((l) => /andy$/i.test(l.text));
    expect(broken).toBeGreaterThan(-1); // the fixture does break between the two words
    const matches = findInLines(lines, 'andy jassy');
    expect(matches).toHaveLength(1);
    const [m] = matches;
    expect(m.line).toBe(broken);
    expect(m.parts.map((p) => lines[p.line].text.slice(p.start, p.end)).join(' ')).toBe('Andy Jassy,'.slice(0, 10));
  });

  it('counts every occurrence, across lines and within one, case-insensitively; white space in the query matches a line break', () => {
    const text = Array.from({ length: 6 }, () => 'lorem ipsum dolor').join(' ');
    const lines = article([{ type: 'paragraph', text }]);
    expect(findInLines(lines, 'IPSUM   dolor')).toHaveLength(6);
    expect(findInLines(lines, 'dolor lorem')).toHaveLength(5);
  });

  it('never joins two paragraphs, and finds inside quotes without their bar', () => {
    const lines = article([
      { type: 'paragraph', text: 'ends with alpha' },
      { type: 'quote', text: 'beta starts this quote and it goes on for a while to wrap' },
    ]);
    expect(findInLines(lines, 'alpha beta')).toEqual([]);
    const [m] = findInLines(lines, 'goes on');
    const line = lines[m.parts[0].line];
    expect(line.text.startsWith(QUOTE_PREFIX)).toBe(true);
    expect(line.text.slice(m.parts[0].start, m.parts.at(-1)!.end)).toMatch(/goes/);
  });

  it('an empty or blank query finds nothing', () => {
    const lines = article([{ type: 'paragraph', text: 'words' }]);
    expect(findInLines(lines, '')).toEqual([]);
    expect(findInLines(lines, '   ')).toEqual([]);
  });
});
