// A small web server on 127.0.0.1 for `byline add` tests: fixture pages, redirects, a slow
// answer, oversized bodies, a windows-1252 page without a charset, errors, and a stand-in
// for the Wayback Machine's availability API. Nothing leaves the machine.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { fixture } from './paths.js';

export interface PageServer {
  base: string;
  /** Every request's path and User-Agent, in order. */
  requests: { path: string; userAgent: string }[];
  close(): Promise<void>;
}

const html = (res: ServerResponse, body: string | Buffer, type = 'text/html; charset=utf-8', extra: Record<string, string> = {}) => {
  res.writeHead(200, { 'content-type': type, ...extra });
  res.end(body);
};

/** A page for the archive to hold: old enough that its site is gone. */
const ARCHIVED_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The last issue of the Dockside Weekly</title>
<meta property="og:site_name" content="Dockside Weekly"><link rel="canonical" href="http://dead.example/last-issue"></head>
<body><article><h1>The last issue of the Dockside Weekly</h1><p class="byline">By Ruth Achterberg</p>
<p>After forty-one years and two thousand issues, the Dockside Weekly will print for the last time on Friday, its owners said, blaming rising paper costs and the loss of its advertisers.</p>
<p>The paper began as a newsletter for the dock workers' union and grew into the only local paper on this side of the river, read in every café and barber's shop from the ferry landing to the rail yards.</p>
<p>Its archive of photographs, which records the closing of the docks and the building of the flats that replaced them, will go to the city library.</p></article></body></html>`;

export async function startPageServer(): Promise<PageServer> {
  const requests: PageServer['requests'] = [];
  const ferry = readFileSync(fixture('html/river-ferry.html'));
  const buses = readFileSync(fixture('html/no-metadata.html'));
  let base = '';
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    requests.push({ path: url.pathname + url.search, userAgent: String(req.headers['user-agent'] ?? '') });
    const path = url.pathname;
    const redirect = path.match(/^\/redirect\/(\d+)$/);
    if (redirect) {
      const n = Number(redirect[1]);
      res.writeHead(n % 2 ? 301 : 302, { location: n > 1 ? `/redirect/${n - 1}` : `${base}/news/ferry.html` });
      return res.end();
    }
    switch (path) {
      case '/news/ferry.html':
        return html(res, ferry);
      case '/news/buses.html':
        return html(res, buses);
      case '/news/buses-gzip.html':
        return html(res, gzipSync(buses), 'text/html', { 'content-encoding': 'gzip' });
      case '/news/buses-br.html':
        return html(res, brotliCompressSync(buses), 'text/html', { 'content-encoding': 'br' });
      case '/news/cafe.html': {
        // windows-1252 bytes, no charset in the header, none in the page
        const text = buses
          .toString('utf8')
          .replace('Night buses return to the old town', 'Caf\u00e9 owners cheer the night buses')
          .replace(/"It has cost us/, '\u201cIt has cost us')
          .replace(/," said the owner/, ',\u201d said the owner');
        const bytes = Buffer.from(
          text.replace(/[\u201c\u201d]/g, (q) => (q === '\u201c' ? '\x93' : '\x94')),
          'latin1',
        );
        return html(res, bytes, 'text/html');
      }
      case '/slow.html':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<!doctype html><html><body><p>The start of a page that never ends');
        setTimeout(() => res.end('</p></body></html>'), 20_000).unref();
        return;
      case '/huge-declared.html':
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(11 * 1024 * 1024) });
        return res.end();
      case '/huge-streamed.html': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        let sent = 0;
        const push = () => {
          while (sent < 12 && res.write(chunk)) sent++;
          if (sent >= 12) res.end();
          else res.once('drain', push);
        };
        res.on('error', () => {});
        return push();
      }
      case '/picture.png':
        return html(res, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image/png');
      case '/sections.html':
        return html(res, readFileSync(fixture('html/index-page.html')));
      case '/broken.html':
        res.writeHead(500, { 'content-type': 'text/plain' });
        return res.end('oops');
      case '/wayback/available': {
        const asked = url.searchParams.get('url') ?? '';
        const closest = asked.includes('last-issue')
          ? { available: true, status: '200', timestamp: '20200102030405', url: `${base}/web/20200102030405/${asked}` }
          : undefined;
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ url: asked, archived_snapshots: closest ? { closest } : {} }));
      }
      default:
        if (/^\/web\/20200102030405id_\/http:\/\/127\.0\.0\.1:\d+\/news\/last-issue\.html$/.test(path)) return html(res, ARCHIVED_PAGE);
        res.writeHead(404, { 'content-type': 'text/html' });
        return res.end('<html><body><h1>Not found</h1></body></html>');
    }
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
