// byline add, in-process, against a real HTTP server on 127.0.0.1 started here (no test reaches the internet).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines } from '../support/cli.js';
import { runInProcess as byline, type InProcessOptions } from '../support/in-process.js';
import { startPageServer, type PageServer } from '../support/page-server.js';
import { snapshotDir, tempDir } from '../support/paths.js';

let server: PageServer;
beforeAll(async () => {
  server = await startPageServer();
  // Read by src/net/wayback.ts from this process's environment.
  process.env.BYLINE_WAYBACK_API = `${server.base}/wayback/available`;
});
afterAll(() => {
  delete process.env.BYLINE_WAYBACK_API;
  return server.close();
});

const fresh = () => join(tempDir('byline-add-'), 'archive');
const add = (args: string[], options: InProcessOptions = {}) => byline(['add', ...args], options);
const index = (dir: string) => JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));

describe('byline add URL', () => {
  it('fetches, extracts and keeps a page: title, authors, dates, site, url, body without chrome', async () => {
    const dir = fresh();
    const r = await add([`${server.base}/news/ferry.html`, '--archive', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe('added 1 article (1 new, 0 updated, 0 unchanged), 2 authors\n');
    const [meta] = index(dir).articles;
    expect(meta).toMatchObject({
      title: 'Why the river ferry still matters',
      url: 'https://courier.example/news/2023/river-ferry',
      publishedAt: '2023-09-14T06:30:00+01:00',
      siteName: 'The Valley Courier',
      language: 'en-GB',
    });
    const read = await byline(['read', meta.id, '--archive', dir, '--format', 'json']);
    const article = JSON.parse(read.stdout);
    expect(article.authors.map((a: { name: string }) => a.name)).toEqual(['Marta Kowalczyk', 'Idris Bello']);
    expect(article.body.some((b: { type: string }) => b.type === 'list')).toBe(true);
    expect(read.stdout).not.toMatch(/Share on Facebook|Sign up|Related stories/);
    const md = await byline(['read', meta.id, '--archive', dir, '--format', 'markdown']);
    expect(md.stdout).toContain('[business park on the south bank](https://courier.example/news/2023/business-park)');
  });

  it('says who it is: a User-Agent naming byline and its version', async () => {
    const dir = fresh();
    await add([`${server.base}/news/buses.html?ua`, '--archive', dir]);
    const seen = server.requests.find((q) => q.path === '/news/buses.html?ua')!;
    expect(seen.userAgent).toMatch(/^byline\/\d+\.\d+\.\d+ /);
  });

  it('follows up to 10 redirects; the 11th is an error', async () => {
    const ok = await add([`${server.base}/redirect/10`, '--archive', fresh()]);
    expect(ok.exitCode, ok.stderr).toBe(0);
    const dir = fresh();
    const r = await add([`${server.base}/redirect/11`, '--archive', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`byline: cannot add ${server.base}/redirect/11: too many redirects (more than 10)\n`);
    expect(existsSync(dir)).toBe(false);
  });

  it('reads gzip and brotli bodies', async () => {
    const dir = fresh();
    const r = await add([`${server.base}/news/buses-gzip.html`, `${server.base}/news/buses-br.html`, '--archive', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(index(dir).articles.map((a: { title: string }) => a.title)).toContain('Night buses return to the old town');
  });

  it('a windows-1252 page without a charset anywhere is decoded, with a notice', async () => {
    const dir = fresh();
    const r = await add([`${server.base}/news/cafe.html`, '--archive', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^byline: http:\/\/127\.0\.0\.1:\d+\/news\/cafe\.html: decoded from windows-1252 \(detected\)\n/);
    const [meta] = index(dir).articles;
    expect(meta.title).toBe('Café owners cheer the night buses');
    const text = (await byline(['read', meta.id, '--archive', dir])).stdout;
    expect(text).toContain('“It has cost us a quarter of our evening trade,” said the owner');
  });

  it.each([
    ['a server error', '/broken.html', /^HTTP 500 Internal Server Error$/],
    ['a body over 10 MB (declared)', '/huge-declared.html', /^too large \(11 MB; the limit is 10 MB\)$/],
    ['a body over 10 MB (streamed)', '/huge-streamed.html', /^too large \(over 10 MB\)$/],
    ['not HTML', '/picture.png', /^not HTML \(image\/png\)$/],
    ['no article in the page', '/sections.html', /^no article found in the page$/],
  ])('%s: one line, exit 1, nothing stored', async (_label, path, reason) => {
    const dir = fresh();
    const r = await add([`${server.base}${path}`, '--archive', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    const [line, ...rest] = lines(r.stderr).filter((l) => !l.includes('trying the Wayback Machine'));
    expect(rest).toEqual([]);
    expect(line.startsWith(`byline: cannot add ${server.base}${path}: `), line).toBe(true);
    expect(line.slice(`byline: cannot add ${server.base}${path}: `.length)).toMatch(reason);
    expect(existsSync(dir)).toBe(false);
  });

  it('a slow answer times out (--timeout)', async () => {
    const r = await add([`${server.base}/slow.html`, '--timeout', '1', '--archive', fresh()]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`byline: cannot add ${server.base}/slow.html: timed out after 1 s\n`);
  });

  it('refused connections and other schemes', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const r = await add([`http://127.0.0.1:${port}/x`, 'file:///etc/passwd', 'not a url', '--archive', fresh()]);
    expect(r.exitCode).toBe(1);
    expect(lines(r.stderr)).toEqual([
      `byline: cannot add http://127.0.0.1:${port}/x: connection refused by 127.0.0.1:${port}`,
      'byline: cannot add file:///etc/passwd: only http: and https: URLs can be added, not file:',
      'byline: cannot add not a url: not a URL',
      'added nothing; 3 of 3 URLs failed',
    ]);
  });
});

describe('dead pages: the Wayback Machine', () => {
  it('a 404 is looked up in the archive: the snapshot is imported, keeping the original url and the snapshot address', async () => {
    const dir = fresh();
    const original = `${server.base}/news/last-issue.html`;
    const r = await add([original, '--archive', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(lines(r.stderr)).toEqual([
      `byline: ${original}: HTTP 404 Not Found; trying the Wayback Machine`,
      `byline: ${original}: read from the Wayback Machine snapshot ${server.base}/web/20200102030405/${original}`,
      'added 1 article (1 new, 0 updated, 0 unchanged), 1 author',
    ]);
    const [meta] = index(dir).articles;
    expect(meta).toMatchObject({
      title: 'The last issue of the Dockside Weekly',
      url: 'http://dead.example/last-issue',
      archivedUrl: `${server.base}/web/20200102030405/${original}`,
      siteName: 'Dockside Weekly',
    });
    // the page as archived (id_), not the archive's rewritten copy
    expect(server.requests.some((q) => q.path.startsWith('/web/20200102030405id_/'))).toBe(true);
  });

  it('--wayback goes to the archive first', async () => {
    const dir = fresh();
    const before = server.requests.length;
    const r = await add(['--wayback', `${server.base}/news/last-issue.html`, '--archive', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(server.requests.slice(before).map((q) => q.path)[0]).toMatch(/^\/wayback\/available\?url=/);
  });

  it('a 404 the archive never saw is one line', async () => {
    const r = await add([`${server.base}/news/never.html`, '--archive', fresh()]);
    expect(r.exitCode).toBe(1);
    expect(lines(r.stderr).at(-1)).toBe(
      `byline: cannot add ${server.base}/news/never.html: HTTP 404 Not Found, and the Wayback Machine has no snapshot of it`,
    );
  });
});

describe('adding again', () => {
  it('adding the same page again changes nothing', async () => {
    const dir = fresh();
    await add([`${server.base}/news/buses.html`, '--archive', dir]);
    const before = snapshotDir(dir);
    const r = await add([`${server.base}/news/buses.html`, '--archive', dir]);
    expect(r.stderr).toBe('added 1 article (0 new, 0 updated, 1 unchanged), 1 author\n');
    expect(snapshotDir(dir)).toEqual(before);
  });
});

describe('progress', () => {
  it('several URLs to a terminal: a progress line (count, failures, URL) per URL, cleared before each message and at the end', async () => {
    const r = await add([`${server.base}/broken.html`, `${server.base}/news/buses.html`, '--archive', fresh()], { columns: 120 });
    expect(r.exitCode).toBe(1);
    expect(r.progress).toEqual([`[1/2] ${server.base}/broken.html`, null, `[2/2] 1 failed · ${server.base}/news/buses.html`, null]);
    expect(r.stderr).toBe(
      `byline: cannot add ${server.base}/broken.html: HTTP 500 Internal Server Error\nadded 1 article (1 new, 0 updated, 0 unchanged), 1 author; 1 of 2 URLs failed\n`,
    );
  });

  it('no progress line when stderr is not a terminal', async () => {
    const r = await add([`${server.base}/news/buses.html`, `${server.base}/news/ferry.html`, '--archive', fresh()]);
    expect(r.stderr).not.toMatch(/\[1\/2\]|\u001b/);
  });
});
