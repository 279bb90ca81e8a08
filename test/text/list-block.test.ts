// A list block (items, bulleted or numbered) in every output and in the word counts.
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { BlockSchema, blockText, bodyWordCount, type Article, type Block } from '../../src/model/schema.js';
import { layoutArticle } from '../../src/text/layout.js';
import { articleJson, renderMarkdown } from '../../src/text/render.js';
import { articleMeta } from '../support/archives.js';

const bullets: Block = { type: 'list', ordered: false, text: 'Lack of mentorship\nNo editor for the web' };
const numbers: Block = { type: 'list', ordered: true, text: 'Pick a story\nWrite it down' };
const article: Article = { ...articleMeta({ id: 'x', title: 'Lists' }), body: [{ type: 'paragraph', text: 'Before.' }, bullets, numbers] };

describe('list blocks', () => {
  it('pass the schema, and nothing else named list does', () => {
    expect(v.is(BlockSchema, bullets)).toBe(true);
    expect(v.is(BlockSchema, { type: 'list', ordered: false, items: ['a'] })).toBe(false);
  });

  it('count their items’ words and search sees one item a line', () => {
    expect(bodyWordCount(article.body)).toBe(1 + 8 + 6);
    expect(blockText(bullets)).toBe('Lack of mentorship\nNo editor for the web');
  });

  it('lay out one item a line behind a bullet or its number', () => {
    const lines = layoutArticle(article, [], 80)
      .filter((l) => l.block >= 1 && l.style !== 'blank')
      .map((l) => l.text);
    expect(lines).toEqual(['• Lack of mentorship', '• No editor for the web', '1. Pick a story', '2. Write it down']);
  });

  it('render as markdown lists and as JSON items', () => {
    expect(renderMarkdown(article, [])).toContain('- Lack of mentorship\n- No editor for the web\n\n1. Pick a story\n2. Write it down');
    expect(articleJson(article, []).body[1]).toEqual({
      type: 'list',
      ordered: false,
      text: 'Lack of mentorship\nNo editor for the web',
      items: ['Lack of mentorship', 'No editor for the web'],
    });
  });
});
