// Issue 5, property and fuzz tests:
// - layout: never a line wider than the width; the words laid out are the words of the source
//   (after display safety), for hostile and wide text, every block kind;
// - importer: bytes → text → articles → merged index never throws, stays sanitized and
//   storable (complements test/ingest/pagedump.property.test.ts: bytes, hostile sequences
//   spliced into seed lines, re-import idempotence, merge into the real archive);
// - the built reader driven by thousands of random keys and resizes in a pseudo-terminal;
// - terminal widths: text cut and laid out at a width never wraps in a real terminal emulator
//   (xterm.js, both width tables), however odd the Unicode (issue "Nothing lost", case 9);
// - markdown front matter parses back to the stored strings, whatever they hold (case 11).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import * as v from 'valibot';
import YAML from 'yaml';
import type { Article, Author, Block, Index } from '../../../src/model/schema.js';
import { ARCHIVE_VERSION, IndexSchema, blockText } from '../../../src/model/schema.js';
import { layoutArticle, QUOTE_PREFIX, type Line } from '../../../src/text/layout.js';
import { visible, visibleLine } from '../../../src/text/visible.js';
import { displayWidth, truncateToWidth, wrapText } from '../../../src/text/wrap.js';
import { loadWidths } from '../../../src/text/width.js';
import { frontMatter } from '../../../src/text/render.js';
import { decodeDump } from '../../../src/archive/import-source.js';
import { parsePageDump } from '../../../src/ingest/pagedump.js';
import { mergeImport } from '../../../src/archive/merge.js';
import { byline, requireBuild } from '../../support/cli.js';
import { DEFAULT_ARCHIVE, seedText } from '../../support/paths.js';
import { cleanTemp, HOSTILE, meta, runPty, scratch, TERMINAL_ACTIVE, writeArchive, type PtyRun } from '../../support/hardening.js';
import { UNICODE_VERSIONS, wrappedLines } from '../../support/xterm.js';
import { widthTitle } from '../../support/unicode.js';

afterAll(() => cleanTemp());

// ------------------------------------------------------------------ layout

const words = (s: string) => s.split(/\s+/).filter(Boolean);
const noSpace = (s: string) => s.replace(/\s+/g, '');

/** Text as it comes: words from many scripts, emoji, combining marks, controls, bidi,
 * escape sequences, odd white space. */
const piece = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'the',
      'archive',
      'terminal',
      'supercalifragilisticexpialidocious',
      'a',
      'I',
      '—',
      '“quoted”',
      'co-operate',
      'x'.repeat(45),
    ),
  },
  { weight: 3, arbitrary: fc.constantFrom('東京の地図', '한국어', 'ภาษาไทย', 'Ｗｉｄｅ', 'ｱｲｳ', 'e\u0301', 'a\u0308\u0301\u0323', 'Zoë') },
  { weight: 3, arbitrary: fc.constantFrom('👨‍👩‍👧‍👦', '👩🏽‍💻', '🏳️‍🌈', '❤️', '⭐️', '✌️', '🇯🇵', '1️⃣', '👍🏿') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      ...Object.values(HOSTILE),
      '\t',
      '\u0085',
      '\u2028',
      '\u00a0',
      '\u3000',
      '\u200b',
      '\ufeff',
      '\u0000',
      '\u007f',
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
const sep = fc.constantFrom(' ', ' ', ' ', '  ', '\n', ' \t ');
const text = fc.array(fc.tuple(piece, sep), { minLength: 1, maxLength: 30 }).map(
  (parts) =>
    parts
      .map(([p, s]) => p + s)
      .join('')
      .trim() || 'x',
);

const block: fc.Arbitrary<Block> = fc.oneof(
  text.map((t) => ({ type: 'paragraph' as const, text: t })),
  text.map((t) => ({ type: 'heading' as const, text: t })),
  text.map((t) => ({ type: 'quote' as const, text: t })),
  fc
    .record({ title: fc.option(text, { nil: undefined }), caption: text, credit: text })
    .map((f) => ({ type: 'figure' as const, ...(f.title ? { title: f.title } : {}), caption: f.caption, credit: f.credit })),
  // lists and preformatted text (HTML pages): items and lines hold no line break of their own
  fc
    .record({
      ordered: fc.boolean(),
      items: fc.array(
        text.map((t) => t.replace(/\n/g, ' ')),
        { minLength: 1, maxLength: 12 },
      ),
    })
    .map((l) => ({ type: 'list' as const, ordered: l.ordered, text: l.items.join('\n') })),
  fc
    .array(
      text.map((t) => t.replace(/\n/g, ' ')),
      { minLength: 1, maxLength: 4 },
    )
    .map((lines) => ({ type: 'pre' as const, text: lines.join('\n') })),
);
const article: fc.Arbitrary<{ article: Article; authors: Author[] }> = fc
  .record({
    title: text,
    dek: fc.oneof(fc.constant(''), text),
    body: fc.array(block, { maxLength: 6 }),
    excerpt: fc.boolean(),
    derived: fc.boolean(),
    authorName: fc.option(text, { nil: undefined }),
  })
  .map((r) => ({
    article: {
      ...meta({ id: 'prop', title: r.title, dek: r.dek, kind: r.excerpt ? 'excerpt' : 'full', titleDerived: r.derived }),
      body: r.body,
    },
    authors: r.authorName ? [{ id: 'a', name: r.authorName, bio: '', kind: 'person' as const }] : [],
  }));

/** What a block's lines carry, without the quote bar (dropped when there is no room for it). */
const content = (line: Line) =>
  line.style === 'quote' && line.text.startsWith(QUOTE_PREFIX) ? line.text.slice(QUOTE_PREFIX.length) : line.text;
function blockSource(b: Block): string[] {
  if (b.type === 'list') {
    const items = b.text.split('\n');
    const digits = String(items.length).length;
    return items.map((item, n) => `${b.ordered ? `${String(n + 1).padStart(digits)}.` : '•'} ${item}`);
  }
  if (b.type === 'pre') return b.text.split('\n');
  if (b.type !== 'figure') return [b.text];
  const caption = [b.title, b.caption].filter(Boolean).join(' — ');
  return [caption ? `[Figure] ${caption}` : '', b.credit];
}

// As read and the reader load it before measuring such text (see src/text/width.ts).
beforeAll(loadWidths);

describe('layout (property)', () => {
  it('never makes a line wider than the width, and every line is display-safe', () => {
    fc.assert(
      fc.property(article, fc.integer({ min: 2, max: 120 }), ({ article: a, authors }, width) => {
        for (const line of layoutArticle(a, authors, width)) {
          expect(stringWidth(line.text), `@${width}: ${JSON.stringify(line.text)}`).toBeLessThanOrEqual(width);
          expect(line.text).not.toMatch(TERMINAL_ACTIVE);
          expect(line.text).not.toContain('\n');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('lays out exactly the words of the source: the same words in the same order when every word fits, the same characters always', () => {
    fc.assert(
      fc.property(article, fc.integer({ min: 2, max: 120 }), ({ article: a, authors }, width) => {
        const lines = layoutArticle(a, authors, width);
        const check = (got: Line[], sources: string[], what: string, safe = visible, indent = 0) => {
          const source = sources.map(safe).join(' ');
          const laid = got.map(content).join(' ');
          expect(noSpace(laid), what).toBe(noSpace(source));
          const prefix = got.some((l) => l.style === 'quote') ? QUOTE_PREFIX.length : indent;
          const inner = prefix && width - prefix >= 2 ? width - prefix : width;
          if (words(source).every((w) => displayWidth(w) <= inner)) expect(words(laid), what).toEqual(words(source));
        };
        // a list item's text sits after its marker ("• ", " 3. ")
        const indent = (b: Block) => (b.type !== 'list' ? 0 : b.ordered ? String(b.text.split('\n').length).length + 2 : 2);
        a.body.forEach((b, i) =>
          check(
            lines.filter((l) => l.block === i && l.style !== 'blank'),
            blockSource(b),
            `block ${i} @${width}`,
            visible,
            indent(b),
          ),
        );
        // Title and dek are one-line fields: a line feed in them is shown as ␊.
        check(
          lines.filter((l) => l.style === 'title'),
          [a.title],
          `title @${width}`,
          visibleLine,
        );
        if (a.dek)
          check(
            lines.filter((l) => l.style === 'dek'),
            [a.dek],
            `dek @${width}`,
            visibleLine,
          );
      }),
      { numRuns: 400 },
    );
  });

  it('--raw layout keeps the stored characters (nothing made visible), still one source word per word', () => {
    fc.assert(
      fc.property(article, ({ article: a, authors }) => {
        const lines = layoutArticle(a, authors, undefined, { raw: true });
        a.body.forEach((b, i) => {
          const own = lines.filter((l) => l.block === i && l.style !== 'blank').map(content);
          expect(own).toEqual(blockSource(b).filter((s, k) => s || (b.type === 'figure' && k === 1)));
        });
      }),
      { numRuns: 200 },
    );
  });
});

// ------------------------------------------------------------------ terminal widths

describe('terminal widths (property, xterm.js headless)', () => {
  it('a title cut to a width, and an article laid out at a width, never wraps in a real terminal', async () => {
    await fc.assert(
      fc.asyncProperty(widthTitle, widthTitle, fc.integer({ min: 1, max: 100 }), async (title, body, width) => {
        const cut = truncateToWidth(visibleLine(title), width);
        const laid =
          width >= 2
            ? layoutArticle(
                {
                  ...meta({ id: 'w', title, dek: body }),
                  body: [
                    { type: 'paragraph', text: body },
                    { type: 'quote', text: title },
                  ],
                },
                [],
                width,
              ).map((l) => l.text)
            : [];
        const wrapped = width >= 2 ? wrapText(visible(body), width) : [];
        for (const version of UNICODE_VERSIONS) {
          expect(await wrappedLines([cut, ...laid, ...wrapped], width, version), `Unicode ${version} tables, ${width} columns`).toEqual([]);
        }
        expect(cut).not.toMatch(/[\n\u00ad]/);
      }),
      { numRuns: 300, examples: [['soft\u00adhyphen'.repeat(8), 'กำ'.repeat(40), 20]] },
    );
  });
});

// ------------------------------------------------------------------ markdown front matter

/** YAML 1.2 (5.1) allows only these raw in a stream; NEL, LS and PS are line breaks to YAML 1.1
 * parsers (which fold them inside quotes), and a BOM may not appear inside a document. */
const YAML_RAW_OK = /^[\t\n\u0020-\u007e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]*$/u;
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
  fc
    .array(
      fc.constantFrom(
        '\ufffe',
        '\uffff',
        '\u0085',
        '\u2028',
        '\u2029',
        '\u007f',
        '\u009b',
        '\u0080',
        '\ufeff',
        '\ud800',
        '\udc00',
        'a',
        ' ',
        '"',
        '\\',
        ':',
        '#',
        '---',
        '\n',
      ),
      { maxLength: 12 },
    )
    .map((a) => a.join('')),
);

/** The front matter block of an exported markdown file, parsed with the `yaml` package. */
function parseFrontMatter(markdown: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!match) throw new Error(`no front matter in ${JSON.stringify(markdown.slice(0, 200))}`);
  expect(match[1], 'a character YAML cannot carry raw').toMatch(YAML_RAW_OK);
  return YAML.parse(match[1]);
}

describe('markdown front matter (property)', () => {
  it('export → parse gives back every stored string, whatever it holds', () => {
    fc.assert(
      fc.property(anyString, anyString, anyString, anyString, fc.array(anyString, { maxLength: 3 }), (id, title, dek, url, names) => {
        const m = meta({ id, title, dek, url, publishedAt: dek });
        const authors = names.map((name, i) => ({ id: `a${i}`, name, bio: '', kind: 'person' as const }));
        const parsed = parseFrontMatter(frontMatter(m, authors) + '# body\n');
        expect(parsed).toEqual({ id, title, dek, authors: names, kind: 'full', sponsored: false, url, publishedAt: dek, wordCount: 1 });
      }),
      { numRuns: 1000, examples: [['x', 'U+FFFE \ufffe U+FFFF \uffff C1 \u009b DEL \u007f NEL \u0085 LS \u2028', '', '', []]] },
    );
  });
});

describe('byline export --format markdown (built binary)', () => {
  beforeAll(() => requireBuild());

  it('every file’s front matter parses back (yaml) to the stored title, dek, authors and URL', async () => {
    const odd = 'U+FFFE \ufffe U+FFFF \uffff C1 \u009b\u0080 DEL \u007f NEL \u0085 LS \u2028 PS \u2029 BOM \ufeff "quoted" \\ # : --- end';
    const author: Author = { id: 'odd', name: `Name ${odd}`, bio: '', kind: 'person' };
    const dir = writeArchive(
      join(scratch(), 'archive'),
      [
        {
          meta: { id: 'odd', title: `Title ${odd}`, dek: `Dek ${odd}`, authors: ['odd'], url: 'https://example.com/\u2028x' },
          body: [{ type: 'paragraph', text: 'Body.' }],
        },
        { meta: { id: 'plain', title: 'Plain', authors: ['odd'] }, body: [] },
      ],
      [author],
    );
    const out = join(scratch(), 'md');
    const r = await byline(['export', '--format', 'markdown', '--out', out, '--archive', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    const fm = parseFrontMatter(readFileSync(join(out, 'odd.md'), 'utf8'));
    expect(fm).toMatchObject({
      id: 'odd',
      title: `Title ${odd}`,
      dek: `Dek ${odd}`,
      authors: [`Name ${odd}`],
      url: 'https://example.com/\u2028x',
    });
    expect(parseFrontMatter(readFileSync(join(out, 'plain.md'), 'utf8'))).toMatchObject({ id: 'plain', title: 'Plain', url: null });
  });
});

// ------------------------------------------------------------------ importer

const SEED_LINES = seedText().split('\n');
const EMPTY_INDEX: Index = { formatVersion: ARCHIVE_VERSION as 1, articles: [], authors: [] };
const RESIDUE = /PWNED|cm0gLXJm|dW50ZXJt|evil\.example|\]52;|\]0;|\]2;|\]8;|\[21t|\[10;10H|\[3A/;

function checkImported(dump: string, { residue = true } = {}) {
  const articles = parsePageDump(dump);
  for (const a of articles) {
    const texts = [
      a.title,
      a.dek,
      ...a.credits,
      ...a.authors.flatMap((x) => [x.name, x.bio, x.handle ?? '']),
      ...a.body.flatMap((b) => (b.type === 'figure' ? [b.title ?? '', b.caption, b.credit] : [blockText(b)])),
    ];
    for (const t of texts) {
      expect(t).not.toMatch(TERMINAL_ACTIVE);
      if (residue) expect(t).not.toMatch(RESIDUE);
    }
  }
  const first = mergeImport(EMPTY_INDEX, [{ file: 'prop.txt', articles }], '2026-01-01T00:00:00.000Z');
  expect(v.safeParse(IndexSchema, first.index).success).toBe(true);
  return articles;
}

describe('importer (property)', () => {
  it('arbitrary bytes: decodeDump refuses with a one-line reason or gives text the importer takes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        let text: string;
        try {
          text = decodeDump(Buffer.from(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).toMatch(/^[^\n]+$/);
          return;
        }
        checkImported(text);
      }),
      { numRuns: 500 },
    );
  });

  const hostile = fc.constantFrom(...Object.values(HOSTILE));
  /** Seed lines with whole sequences inserted at random places of the original line. */
  const spliced = fc.tuple(fc.constantFrom(...SEED_LINES), fc.array(fc.tuple(fc.nat(), hostile), { maxLength: 3 })).map(([l, inserts]) => {
    const at = inserts.map(([n, seq]) => [l.length ? n % (l.length + 1) : 0, seq] as const).sort((a, b) => b[0] - a[0]);
    let out = l;
    for (const [cut, seq] of at) out = out.slice(0, cut) + seq + out.slice(cut);
    return out;
  });

  it('seed lines with escape sequences, C1 and bidi spliced in at random places: nothing hostile survives, no residue', () => {
    fc.assert(
      fc.property(fc.array(spliced, { maxLength: 60 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        checkImported(lines.join(eol));
      }),
      { numRuns: 200 },
    );
  });

  it('sequences spliced into each other (malformed, nested): still no ESC, C1, BEL or bidi stored', () => {
    const nested = fc.array(fc.tuple(fc.nat(), hostile), { minLength: 1, maxLength: 8 }).map((inserts) => {
      let out = '';
      for (const [n, seq] of inserts) {
        const cut = out.length ? n % (out.length + 1) : 0;
        out = out.slice(0, cut) + seq + out.slice(cut);
      }
      return out;
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(nested, spliced), { maxLength: 30 }), (lines) => {
        checkImported(lines.join('\n'), { residue: false });
      }),
      { numRuns: 300 },
    );
  });

  it('merging any dump into the real archive keeps every article it had and passes the schema', () => {
    const real = v.parse(IndexSchema, JSON.parse(readFileSync(join(DEFAULT_ARCHIVE, 'index.json'), 'utf8')));
    const soup = fc.array(fc.oneof(fc.constantFrom(...SEED_LINES), fc.string({ unit: 'grapheme', maxLength: 40 })), { maxLength: 50 });
    fc.assert(
      fc.property(soup, (lines) => {
        const { index } = mergeImport(real, [{ file: 'soup.txt', articles: parsePageDump(lines.join('\n')) }], '2026-01-01T00:00:00.000Z');
        expect(v.safeParse(IndexSchema, index).success).toBe(true);
        const ids = new Set(index.articles.map((a) => a.id));
        expect(ids.size).toBe(index.articles.length);
        for (const a of real.articles) expect(ids.has(a.id)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('re-importing the same dump changes nothing (README: "0 new, 0 updated")', () => {
    const soup = fc.array(fc.oneof(spliced, fc.constantFrom('', '', 'Keep Reading Show less')), { maxLength: 40 });
    fc.assert(
      fc.property(soup, (lines) => {
        const dump = lines.join('\n');
        const first = mergeImport(EMPTY_INDEX, [{ file: 'prop.txt', articles: parsePageDump(dump) }], '2026-01-01T00:00:00.000Z');
        const again = mergeImport(first.index, [{ file: 'prop.txt', articles: parsePageDump(dump) }], '2026-01-02T00:00:00.000Z');
        expect(again.summary).toMatchObject({ added: 0, updated: 0 });
        expect(again.changed).toBe(false);
      }),
      {
        numRuns: 300,
        // Found by this property: the same paragraph twice (two articles, one derived title).
        examples: [
          [
            [
              SEED_LINES.find((l) => l.startsWith('A 2019 Amazon presentation'))!,
              '',
              '',
              SEED_LINES.find((l) => l.startsWith('A 2019 Amazon presentation'))!,
              SEED_LINES[0],
            ],
          ],
        ],
      },
    );
  });

  it('long inputs: a line of 200 000 random characters, 20 000 short lines', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (unit) => {
        checkImported(unit.repeat(Math.ceil(200_000 / unit.length)));
        checkImported(Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? '' : `${unit} ${i}`)).join('\n'));
      }),
      { numRuns: 5 },
    );
  });
});

// ------------------------------------------------------------------ random keys in a real terminal

/** The default archive plus hostile and wide articles, hand-written into the index. */
function fuzzArchive(): string {
  const dir = join(scratch('byline-fuzz-'), 'archive');
  cpSync(DEFAULT_ARCHIVE, dir, { recursive: true });
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const extra: [string, string, Block[]][] = [
    [
      'fuzz-hostile',
      `Hostile ${HOSTILE.osc52} ${HOSTILE.clear} ${HOSTILE.bidi}`,
      [{ type: 'paragraph', text: Object.values(HOSTILE).join(' words ').repeat(20) }],
    ],
    [
      'fuzz-wide',
      '東京の地図 👨‍👩‍👧‍👦 ❤️ e\u0301 한국어 '.repeat(6),
      [
        { type: 'quote', text: '東京の地図が売れている。👩🏽‍💻 '.repeat(80) },
        { type: 'heading', text: 'Ｗｉｄｅ' },
      ],
    ],
    ['fuzz-empty-body', 'An article with no body at all', []],
  ];
  for (const [id, title, body] of extra) {
    const added = meta({ id, title, authors: [index.authors[0].id] });
    index.articles.push(added);
    writeFileSync(join(dir, 'articles', added.bodyFile), JSON.stringify({ id, body }));
  }
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
  return dir;
}

const KEYS = [
  'j',
  'k',
  'g',
  'G',
  'l',
  'h',
  'm',
  'u',
  's',
  'B',
  'a',
  '/',
  '?',
  'n',
  'N',
  'f',
  'b',
  ' ',
  'x',
  'é',
  '東',
  '1',
  '.',
  '\r',
  '\u001b',
  '\u007f',
  '\u0017',
  '\u0004',
  '\u0015',
  '\u000e',
  '\u0010',
  '\u001b[A',
  '\u001b[B',
  '\u001b[C',
  '\u001b[D',
  '\u001b[5~',
  '\u001b[6~',
  '\u001b[H',
  '\u001b[F',
];
const SIZES: [number, number][] = [
  [100, 30],
  [80, 24],
  [40, 10],
  [39, 10],
  [40, 9],
  [20, 5],
  [1, 8],
  [132, 50],
  [60, 15],
  [3, 3],
];

/** What is wrong with the reader's screen (the last frame Ink drew) at this size, if anything. */
function screenProblem(run: PtyRun, cols: number, rows: number): string | null {
  const raw = run.rawFrame();
  const frame = stripAnsi(raw).split('\n');
  const text = frame.join('\n');
  if (frame.length > rows) return `${frame.length} rows drawn in a terminal of ${rows}`;
  const wide = frame.find((l) => stringWidth(l) > cols);
  if (wide !== undefined) return `a row wider than ${cols}: ${wide}`;
  if (/the reader stopped|Error:|ERROR/.test(text)) return 'an error on screen';
  if (cols < 40 || rows < 10) {
    // The too-small notice, cut to the width.
    const notice = 'Enlarge the terminal';
    const expected = cols >= notice.length ? notice : notice.slice(0, cols - 1) + '…';
    return frame[0] === expected ? null : `no too-small notice (${JSON.stringify(expected)})`;
  }
  const last = raw.split('\n').at(-1) ?? '';
  const ok =
    text.startsWith('byline keys — ') || // help
    last.startsWith('\u001b[7m') || // a status bar (inverse)
    /^(\/|\| )/.test(stripAnsi(last)) || // the find or pipe line in an article
    text.includes('Author not found');
  return ok ? null : 'no status bar, help or find line';
}

/** The screen settles into a valid one (keys and resizes may still be in flight). */
async function checkScreen(run: PtyRun, cols: number, rows: number, context: string): Promise<void> {
  const until = Date.now() + 8000;
  let problem = screenProblem(run, cols, rows);
  while (problem && Date.now() < until) {
    if (run.isExited()) break;
    await new Promise((r) => setTimeout(r, 50));
    problem = screenProblem(run, cols, rows);
  }
  expect(run.isExited(), `${context}: the reader exited`).toBe(false);
  expect(problem, `${context}:\n${run.frame().join('\n')}`).toBeNull();
}

describe('the built reader under random keys (fuzz, pseudo-terminal)', () => {
  beforeAll(() => requireBuild());

  it(
    'thousands of random keys and resizes: never crashes, every checkpoint shows a valid screen, q still quits',
    { timeout: 60_000 },
    async () => {
      const seed = Number(process.env.BYLINE_FUZZ_SEED ?? Date.now() % 1_000_000);
      let state = seed;
      const rnd = (n: number) => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state % n;
      };
      const dir = fuzzArchive();
      let [cols, rows] = [100, 30];
      const run = runPty(['--archive', dir], { cols, rows, env: { BYLINE_STATE: join(scratch(), 'state.json') } });
      await run.waitFor('1/9 · 9 unread', 'the list');
      const sent: string[] = [];
      const context = () =>
        `seed ${seed} (BYLINE_FUZZ_SEED=${seed} to replay), after ${sent.length} keys, ${cols}×${rows}; last keys ${JSON.stringify(sent.slice(-20))}`;
      const idle = async () => {
        // Until Ink has drawn everything the keys asked for: no new output for a while.
        let length = -1;
        const until = Date.now() + 4000;
        while (length !== run.output().length && Date.now() < until) {
          length = run.output().length;
          await new Promise((r) => setTimeout(r, 120));
        }
      };
      const TOTAL = 3000;
      const started = Date.now();
      while (sent.length < TOTAL && Date.now() - started < 14_000) {
        if (run.isExited()) throw new Error(`the reader exited: ${context()}\n${run.output().slice(-500)}`);
        const r = rnd(100);
        if (r < 3) {
          [cols, rows] = SIZES[rnd(SIZES.length)];
          run.term.resize(cols, rows);
          sent.push(`<resize ${cols}×${rows}>`);
        } else if (r < 10) {
          // A burst: several keys in one write, as fast typing or a paste arrives.
          const burst = Array.from({ length: 2 + rnd(5) }, () => KEYS[rnd(23)]).join('');
          run.term.write(burst);
          sent.push(burst);
        } else {
          // Esc often enough that every screen, the list included, gets its share of keys.
          const key = r < 22 ? '\u001b' : KEYS[rnd(KEYS.length)];
          run.term.write(key);
          sent.push(key);
        }
        if (sent.length % 250 === 0) {
          await idle();
          await checkScreen(run, cols, rows, context());
        } else if (sent.length % 4 === 0) {
          await new Promise((r) => setTimeout(r, 2));
        }
      }
      expect(sent.length, context()).toBeGreaterThanOrEqual(1500);
      // Back to a normal size, then Esc until the list shows, then q.
      [cols, rows] = [100, 30];
      run.term.resize(cols, rows);
      await idle();
      await checkScreen(run, cols, rows, context());
      for (let i = 0; i < 400; i++) {
        const frame = run.frame();
        const status = frame.at(-1) ?? '';
        if (/^\d+\/\d+ · \d+ unread/.test(status) && !frame.join('\n').startsWith('byline keys')) break;
        run.term.write('\u001b');
        await new Promise((r) => setTimeout(r, 40));
      }
      expect(run.isExited(), context()).toBe(false);
      run.term.write('q');
      const { exitCode } = await run.exited;
      expect(exitCode, context()).toBe(0);
      expect(run.output(), context()).not.toContain('the reader stopped');
      console.log(`fuzz: ${sent.length} keys (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
  );
});
