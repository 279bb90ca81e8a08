// byline import of saved HTML pages: one file, a folder of them, --format, refusals.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines } from '../support/cli.js';
import { runInProcess as byline } from '../support/in-process.js';
import { fixture, snapshotDir, tempDir } from '../support/paths.js';

const fresh = () => join(tempDir('byline-import-html-'), 'archive');
const index = (dir: string) => JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));

describe('byline import PAGE.html', () => {
  it('imports a clean article, and exports it as markdown with its links and emphasis', async () => {
    const dir = fresh();
    const r = await byline(['import', fixture('html/river-ferry.html'), '--archive', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe('imported 1 article (1 new, 0 updated, 0 unchanged), 2 authors\n');
    const [meta] = index(dir).articles;
    expect(meta).toMatchObject({
      title: 'Why the river ferry still matters',
      siteName: 'The Valley Courier',
      url: 'https://courier.example/news/2023/river-ferry',
      source: { file: 'river-ferry.html' },
    });
    const out = join(dir, '..', 'md');
    expect((await byline(['export', '--format', 'markdown', '--out', out, '--archive', dir])).exitCode).toBe(0);
    const md = readFileSync(join(out, `${meta.id}.md`), 'utf8');
    expect(md).toContain('*more commuters*');
    expect(md).toContain('**£410,000 a year**');
    expect(md).toContain('1. Shift workers at the hospital');
    expect(md).toContain('### The timetable in numbers');
    const text = (await byline(['read', meta.id, '--archive', dir])).stdout;
    expect(text).toContain('• First crossing: 6.10');
    expect(text).not.toMatch(/\]\(|<\/?p>/);
  });

  it("a folder: every page in it, passing over a saved page's _files folder and non-page files", async () => {
    const pages = tempDir('byline-pages-');
    copyFileSync(fixture('html/river-ferry.html'), join(pages, 'ferry.html'));
    mkdirSync(join(pages, 'ferry_files'));
    writeFileSync(join(pages, 'ferry_files', 'app.js'), 'var x = 1;');
    writeFileSync(join(pages, 'ferry_files', 'embed.html'), '<html><body>an embed</body></html>');
    mkdirSync(join(pages, 'more'));
    copyFileSync(fixture('html/no-metadata.html'), join(pages, 'more', 'buses.htm'));
    copyFileSync(fixture('one-full-article.txt'), join(pages, 'dump.txt'));
    writeFileSync(join(pages, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    const dir = fresh();
    const r = await byline(['import', pages, '--archive', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(lines(r.stderr)).toEqual([
      'byline: passed over 1 file that are not pages (only .html, .htm, .txt are read in a folder)',
      expect.stringMatching(/^imported 3 articles \(3 new/),
    ]);
    expect(
      index(dir)
        .articles.map((a: { source: { file: string } }) => a.source.file)
        .sort(),
    ).toEqual(['buses.htm', 'dump.txt', 'ferry.html']);
  });

  it('content decides, not the name; --format forces a format; an unknown --format is bad usage', async () => {
    const dir = fresh();
    const r = await byline(['import', fixture('html/no-metadata.html'), '--format', 'pdf', '--archive', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('byline: unknown import format "pdf" (use html or text)\n');
    const folder = tempDir('byline-named-');
    const misnamed = join(folder, 'story.md');
    copyFileSync(fixture('html/no-metadata.html'), misnamed);
    const asHtml = await byline(['import', misnamed, '--archive', dir]);
    expect(asHtml.exitCode, asHtml.stderr).toBe(0);
    expect(index(dir).articles.at(-1).title).toBe('Night buses return to the old town');
    const notes = join(folder, 'notes.md');
    writeFileSync(notes, 'Ferry timetable notes\n\nThe first crossing is at ten past six and the last at twenty to eleven.\n');
    expect((await byline(['import', notes, '--archive', dir])).stderr).toMatch(/looks like Markdown/);
    const forced = await byline(['import', notes, '--format', 'text', '--archive', dir]);
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(index(dir).articles.at(-1).title).toBe('Ferry timetable notes');
  });

  it.each([
    ['a PDF', 'doc.pdf', Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), 'a PDF document'],
    [
      'an RSS feed',
      'feed.xml',
      Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'),
      'an RSS feed',
    ],
    ['Markdown', 'notes.md', Buffer.from('# Notes\n\nSome *text*.\n'), 'Markdown'],
    ['a page with no article', 'sections.html', readFileSync(fixture('html/index-page.html')), ''],
  ])('%s is refused in one line, exit 1, nothing written', async (_label, name, bytes, what) => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    const path = join(dir, '..', name);
    writeFileSync(path, bytes);
    const r = await byline(['import', fixture('html/river-ferry.html'), path, '--archive', dir]);
    expect(r.exitCode).toBe(1);
    expect(lines(r.stderr)).toEqual([
      what
        ? `byline: cannot import ${path}: looks like ${what}; byline reads HTML pages and page dumps (plain text)`
        : `byline: cannot import ${path}: no article found in the page`,
    ]);
    expect(snapshotDir(dir).size).toBe(0);
    expect(existsSync(join(dir, 'index.json'))).toBe(false);
  });
});
