// The one way in: formats told by content, encodings, refusals in one line.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHtmlSupport, parseInput } from '../../src/ingest/front-door.js';
import { parsePageDump } from '../../src/ingest/pagedump.js';
import { SEED, seedText } from '../support/paths.js';
import { readFileSync } from 'node:fs';

beforeAll(() => loadHtmlSupport());

const utf8 = (text: string) => new TextEncoder().encode(text);
const input = (name: string, bytes: Uint8Array, extra: { format?: string; contentType?: string } = {}) => ({ name, bytes, ...extra });
const PAGE = `<!doctype html><html><head><title>A ferry story</title></head><body><article><h1>A ferry story</h1>
<p>The ferry has crossed the river since 1921 and still carries more commuters than the footbridge upstream, the council says.</p>
<p>The transport committee decides next month whether to keep paying the subsidy that keeps it running all year.</p></article></body></html>`;
const READS = 'byline reads HTML pages and page dumps (plain text)';

describe('parseInput: formats by content', () => {
  it('the seed page dump is a page dump, parsed exactly as the page-dump importer parses it', () => {
    const r = parseInput(input('protocol-page.txt', readFileSync(SEED)));
    expect(r.format).toBe('text');
    expect(r.articles).toEqual(parsePageDump(seedText()));
    expect(r.warnings).toEqual([]);
  });

  it('HTML is HTML whatever the file is called, and never stored as markup', () => {
    const r = parseInput(input('saved.txt', utf8(PAGE)));
    expect(r.format).toBe('html');
    expect(r.articles[0].title).toBe('A ferry story');
    expect(JSON.stringify(r.articles[0].body)).not.toMatch(/<\/?(p|html|article)\b/);
  });

  it.each([
    ['a PDF document', 'doc.pdf', utf8('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')],
    ['a PNG image', 'x.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['a JPEG image', 'x.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x10, 0x4a, 0x46])],
    ['a ZIP archive', 'x.epub', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0])],
    ['an RSS feed', 'feed.xml', utf8('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>News</title></channel></rss>')],
    [
      'an Atom feed',
      'atom',
      utf8('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title></feed>'),
    ],
    ['JSON', 'data.txt', utf8('{"title": "Not a page dump", "body": ["json"]}')],
    ['Markdown', 'notes.md', utf8('A note\n\nSome text.')],
    ['Markdown', 'notes', utf8('# A heading\n\nSome **bold** text and [a link](https://example.org).\n\n## More\n')],
    ['binary data', 'blob.bin', new Uint8Array([0x41, 0x00, 0x42, 0x01, 0x02])],
  ])('refuses %s in one line naming what it looks like', (what, name, bytes) => {
    expect(() => parseInput(input(name, bytes))).toThrow(`looks like ${what}`);
    expect(() => parseInput(input(name, bytes))).toThrow(READS);
  });

  it('--format forces one: text reads markup as a page dump, html reads an .md file as HTML', () => {
    expect(parseInput(input('x.html', utf8('Title line\n\nA paragraph of text.\n'), { format: 'text' })).format).toBe('text');
    expect(parseInput(input('x.md', utf8(PAGE), { format: 'html' })).articles[0].title).toBe('A ferry story');
    expect(() => parseInput(input('x', utf8(PAGE), { format: 'pdf' }))).toThrow(/unknown import format "pdf"/);
  });

  it('an empty input is refused', () => {
    expect(() => parseInput(input('empty.txt', new Uint8Array(0)))).toThrow(/empty/);
  });
});

describe('parseInput: encodings', () => {
  const latin1Dump = Buffer.from(
    'Caf\xe9 society returns to the harbour\n\nThe caf\xe9s on the quay reopened on Monday with na\xefve optimism \x93and coffee\x94.\n',
    'latin1',
  );

  it('UTF-8 with a BOM, UTF-16 LE and BE with a BOM', () => {
    const text = 'Title of the story\n\nBody text of the story.\n';
    const bom = parseInput(input('bom.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)])));
    expect(bom.articles[0].title).toBe('Title of the story');
    expect(bom.warnings).toEqual([]);
    const le = parseInput(input('le.txt', new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')])));
    expect(le.articles[0].title).toBe('Title of the story');
    expect(le.warnings).toEqual(['decoded from UTF-16LE']);
    const be = parseInput(input('be.txt', new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()])));
    expect(be.articles[0].body[0]).toEqual({ type: 'paragraph', text: 'Body text of the story.' });
  });

  it('windows-1252 without any declaration: detected, transcoded, with a notice', () => {
    const r = parseInput(input('latin1.txt', latin1Dump));
    expect(r.articles[0].title).toBe('Café society returns to the harbour');
    expect(r.articles[0].body[0]).toMatchObject({ text: 'The cafés on the quay reopened on Monday with naïve optimism “and coffee”.' });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^decoded from (windows-1252|iso-8859-\d+) \(detected\)$/);
  });

  it('a legacy encoding named by <meta charset> or by the HTTP header', () => {
    const page = (meta: string) =>
      Buffer.from(PAGE.replace('<head>', `<head>${meta}`).replace('since 1921', 'since 1921 \u2014 d\xe9j\xe0 vu \u2014'), 'latin1');
    const bytes = new Uint8Array(page('<meta charset="iso-8859-1">').map((b) => (b === 0x14 ? 0x97 : b)));
    const byMeta = parseInput(input('p.html', bytes));
    expect(JSON.stringify(byMeta.articles[0].body)).toContain('déjà vu');
    expect(byMeta.warnings[0]).toMatch(/^decoded from windows-1252 \(declared\)$/);
    const byHeader = parseInput({
      name: 'http://x.example/p',
      bytes: new Uint8Array(page('')),
      contentType: 'text/html; charset=ISO-8859-1',
    });
    expect(JSON.stringify(byHeader.articles[0].body)).toContain('déjà vu');
  });

  it('valid UTF-8 wins over a stale declaration (a saved page keeps its old <meta charset>)', () => {
    const r = parseInput(
      input('p.html', utf8(PAGE.replace('<head>', '<head><meta charset="windows-1252">').replace('since 1921', 'since 1921, déjà vu'))),
    );
    expect(JSON.stringify(r.articles[0].body)).toContain('déjà vu');
    expect(r.warnings).toEqual([]);
  });

  it('damaged UTF-8 (good multi-byte text with a bad byte) is refused, not guessed at', () => {
    const bytes = Buffer.concat([
      Buffer.from('Zürich café naïve — Title\n\nA body that is UTF-8 “quoted”. '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(' and more.'),
    ]);
    expect(() => parseInput(input('bad.txt', bytes))).toThrow(/not valid UTF-8/);
  });
});
