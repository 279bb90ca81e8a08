// Properties: the importer never throws, and what it returns is always storable.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import { parsePageDump, type ImportedArticle } from '../../src/ingest/pagedump.js';
import { mergeImport } from '../../src/archive/merge.js';
import { ARCHIVE_VERSION, BlockSchema, IndexSchema, blockText } from '../../src/model/schema.js';
import { CONTROL_OR_BIDI, seedText } from '../support/paths.js';

const SEED_LINES = seedText().split('\n');
const MARKERS = [
  'Keep ReadingShow less',
  'Keep Reading Show less',
  'Latest Stories',
  'Image: Protocol',
  'Photo: Someone',
  'Veronica Irwin',
  '',
  '',
  '',
];

/** The invariants every parsed article must keep, whatever the input. */
function checkArticles(articles: ImportedArticle[]) {
  for (const a of articles) {
    expect(a.title.trim().length).toBeGreaterThan(0);
    expect(['full', 'excerpt']).toContain(a.kind);
    expect(typeof a.sponsored).toBe('boolean');
    expect(typeof a.titleDerived).toBe('boolean');
    const texts = [a.title, a.dek, ...a.credits];
    for (const b of a.body) {
      expect(v.is(BlockSchema, b)).toBe(true);
      texts.push(...(b.type === 'figure' ? [b.title ?? '', b.caption, b.credit] : [blockText(b)]));
      if (b.type !== 'figure') expect(blockText(b).trim().length).toBeGreaterThan(0);
    }
    for (const x of a.authors) {
      expect(x.name.trim().length).toBeGreaterThan(0);
      expect(['person', 'organization']).toContain(x.kind);
      texts.push(x.name, x.bio, x.handle ?? '');
    }
    for (const t of texts) {
      expect(t).not.toMatch(CONTROL_OR_BIDI);
      expect(t).not.toMatch(/[\n\r\ufeff]/);
    }
  }
  // Storable: merged into an empty index, the result passes the archive schema (ids are ASCII slugs ≤ 80).
  const { index } = mergeImport(
    { formatVersion: ARCHIVE_VERSION, articles: [], authors: [] },
    [{ file: 'prop.txt', articles }],
    '2020-01-01T00:00:00.000Z',
  );
  const parsed = v.safeParse(IndexSchema, index);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.issues[0].message)).toBe(true);
  expect(new Set(index.articles.map((a) => a.id)).size).toBe(index.articles.length);
}

/** Line-level mutations of the seed: drop, duplicate, shuffle, splice in markers. */
const seedMutation = fc
  .array(
    fc.oneof(
      fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('dup' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(), line: fc.constantFrom(...MARKERS) }),
      fc.record({ op: fc.constant('noise' as const), at: fc.nat(), line: fc.string({ unit: 'binary', maxLength: 40 }) }),
    ),
    { maxLength: 25 },
  )
  .map((ops) => {
    const lines = [...SEED_LINES];
    for (const o of ops) {
      const at = lines.length ? o.at % lines.length : 0;
      if (o.op === 'drop') lines.splice(at, 1);
      else if (o.op === 'dup') lines.splice(at, 0, lines[at] ?? '');
      else if (o.op === 'swap') {
        const to = lines.length ? o.to % lines.length : 0;
        [lines[at], lines[to]] = [lines[to], lines[at]];
      } else lines.splice(at, 0, o.line);
    }
    return lines.join('\n');
  });

describe('parsePageDump properties', () => {
  it('never throws on arbitrary strings, and returns storable articles', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => checkArticles(parsePageDump(s))),
      { numRuns: 600 },
    );
  });

  it('never throws on arbitrary line soups of seed lines, markers and blanks', () => {
    const line = fc.oneof(fc.constantFrom(...SEED_LINES), fc.constantFrom(...MARKERS), fc.string({ unit: 'grapheme', maxLength: 30 }));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) =>
        checkArticles(parsePageDump(lines.join(eol))),
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on mutations of the seed (lines dropped, duplicated, shuffled), and keeps markers out of bodies', () => {
    fc.assert(
      fc.property(seedMutation, (dump) => {
        const articles = parsePageDump(dump);
        checkArticles(articles);
        for (const a of articles) {
          for (const b of a.body) {
            if (b.type === 'figure') continue;
            expect(blockText(b)).not.toMatch(/^Keep\s*Reading/i);
            expect(blockText(b)).not.toMatch(/^(?:Latest Stories|Show less)$/i);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('ignores a BOM and the line-ending style (property over seed slices)', () => {
    fc.assert(
      fc.property(fc.nat(SEED_LINES.length), fc.nat(SEED_LINES.length), (a, b) => {
        const slice = SEED_LINES.slice(Math.min(a, b), Math.max(a, b)).join('\n');
        const expected = JSON.stringify(parsePageDump(slice));
        expect(JSON.stringify(parsePageDump('\ufeff' + slice.replace(/\n/g, '\r\n')))).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });
});
