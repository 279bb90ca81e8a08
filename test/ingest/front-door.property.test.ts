// Whatever the bytes, the front door answers with articles that are safe to store, or with
// a one-line reason: never anything else.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import { BlockSchema } from '../../src/model/schema.js';
import { loadHtmlSupport, parseInput } from '../../src/ingest/front-door.js';

beforeAll(() => loadHtmlSupport());

const TERMINAL_ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const tag = fc.constantFrom(
  'p',
  'div',
  'h2',
  'ul',
  'li',
  'ol',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'a',
  'em',
  'strong',
  'table',
  'tr',
  'td',
  'script',
  'style',
  'br',
  'img',
  'span',
);
const textPiece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('\u001b]52;c;aGk=\u0007', '\u001b[2J', '\u202e', '&amp;', '&#27;', '<!--', ']]>', 'word '.repeat(30)),
);
const node: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { weight: 3, arbitrary: textPiece },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          tag,
          fc.array(tie('node'), { maxLength: 4 }),
          fc.constantFrom('', ' class="share"', ' href="javascript:x"', ' href="/a b"', ' class="caption"'),
        )
        .map(([t, kids, attr]) => `<${t}${attr}>${kids.join('')}</${t}>`),
    },
  ),
})).node as fc.Arbitrary<string>;

describe('parseInput on arbitrary pages (property)', () => {
  it('returns storable, display-safe articles or throws an Error with a one-line reason', () => {
    fc.assert(
      fc.property(fc.array(node, { maxLength: 12 }), fc.boolean(), (parts, asHtml) => {
        const page = asHtml ? `<!doctype html><html><head><title>T</title></head><body>${parts.join('')}</body></html>` : parts.join('\n');
        let result;
        try {
          result = parseInput({ name: 'x', bytes: new TextEncoder().encode(page) });
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).not.toContain('\n');
          expect((error as Error).message.length).toBeGreaterThan(0);
          return;
        }
        for (const a of result.articles) {
          for (const b of a.body) expect(v.safeParse(BlockSchema, b).success, JSON.stringify(b)).toBe(true);
          const text = JSON.stringify([
            a.title,
            a.dek,
            a.authors,
            a.body.map((b) => ('text' in b ? b.text.replace(/\n/g, ' ') : [b.caption, b.credit, b.alt ?? ''])),
          ]);
          expect(JSON.parse(text).flat(3).join(' ')).not.toMatch(TERMINAL_ACTIVE);
          for (const b of a.body) {
            const hrefs = [
              ...('marks' in b ? (b.marks ?? []).map((m) => m.href ?? 'https:') : []),
              ...(b.type === 'figure' && b.src ? [b.src] : []),
            ];
            for (const href of hrefs) expect(href).toMatch(/^(?:https?|mailto):/);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
