import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { BlockSchema, type Article, type Block } from '../../src/model/schema.js';
import { articleJson, renderMarkdown, renderText } from '../../src/text/render.js';
import { layoutArticle } from '../../src/text/layout.js';
import { markdownInline, nestedMarks } from '../../src/text/marks.js';
import { articleMeta } from '../support/archives.js';
import { displayWidth } from '../../src/text/wrap.js';

const body: Block[] = [
  {
    type: 'paragraph',
    text: 'Read the full report from the agency today.',
    marks: [
      { type: 'link', start: 9, end: 20, href: 'https://example.org/report (2024)' },
      { type: 'em', start: 14, end: 20 },
      { type: 'strong', start: 37, end: 43 },
    ],
  },
  { type: 'heading', text: 'What changed', level: 3 },
  { type: 'list', ordered: false, text: 'Fares go up\nService is cut on Sundays', marks: [{ type: 'em', start: 0, end: 5 }] },
  { type: 'list', ordered: true, text: 'First\nSecond' },
  { type: 'pre', text: 'line one\n  indented two' },
  { type: 'figure', caption: '', credit: '', alt: 'A ferry at dusk', src: 'https://example.org/ferry.jpg' },
];

const article: Article = { ...articleMeta({ id: 'rich', title: 'Rich blocks', wordCount: 0, hash: 'h' }), body };

describe('lists, preformatted text and inline marks', () => {
  it('are valid blocks of the archive schema, and old blocks stay valid', () => {
    for (const b of body) expect(v.safeParse(BlockSchema, b).success).toBe(true);
    expect(v.safeParse(BlockSchema, { type: 'paragraph', text: 'plain' }).success).toBe(true);
    expect(
      v.safeParse(BlockSchema, { type: 'paragraph', text: 'x', marks: [{ type: 'link', start: 0, end: 1, href: 'not a url' }] }).success,
    ).toBe(false);
  });

  it('markdown writes links, emphasis, levels, bullets, numbers and fences', () => {
    const md = renderMarkdown(article, []);
    expect(md).toContain('Read the [full *report*](https://example.org/report%20%282024%29) from the agency **today.**');
    expect(md).toContain('### What changed');
    expect(md).toContain('- *Fares* go up\n- Service is cut on Sundays');
    expect(md).toContain('1. First\n2. Second');
    expect(md).toContain('```\nline one\n  indented two\n```');
    expect(md).toContain('*A ferry at dusk*');
  });

  it('plain text shows the words only, lists with markers, every line within the width', () => {
    const text = renderText(article, [], { width: 20, color: false, raw: false });
    expect(text).not.toContain('](');
    expect(text).toContain('• Fares go up');
    expect(text).toContain('• Service is cut on\n  Sundays');
    expect(text).toContain('1. First');
    expect(text).toContain('line one\n  indented two'); // preformatted: spaces kept
    for (const line of layoutArticle(article, [], 20)) expect(displayWidth(line.text)).toBeLessThanOrEqual(20);
  });

  it('JSON carries marks, levels, list items and figure alt text', () => {
    const json = articleJson(article, []);
    expect(json.body[0]).toMatchObject({ type: 'paragraph', marks: body[0].type === 'paragraph' ? body[0].marks : [] });
    expect(json.body[1]).toEqual({ type: 'heading', text: 'What changed', level: 3 });
    expect(json.body[2]).toMatchObject({ type: 'list', ordered: false, items: ['Fares go up', 'Service is cut on Sundays'] });
    expect(json.body[5]).toMatchObject({ type: 'figure', alt: 'A ferry at dusk', src: 'https://example.org/ferry.jpg' });
  });

  it('marks that overlap or run past the text are clipped, never thrown on', () => {
    const marks = nestedMarks('abcdef', [
      { type: 'em', start: 0, end: 4 },
      { type: 'strong', start: 2, end: 99 },
      { type: 'code', start: 5, end: 3 },
    ]);
    expect(marks).toEqual([
      { type: 'em', start: 0, end: 4 },
      { type: 'strong', start: 2, end: 4 },
    ]);
    expect(markdownInline('abcdef', marks)).toBe('*ab**cd***ef');
  });
});
