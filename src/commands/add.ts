// byline add URL… | -  — fetch each page, extract its article, keep it in the archive.
// A dead page (404/410, or a host that no longer resolves) is looked up in the Wayback
// Machine; --wayback goes there first. Each failure is one line; the rest go on.
import type { ImportBatch } from '../archive/index.js';
import { DEFAULT_LIMITS, fetchPage, httpUrl, HttpStatusError, UnresolvedHostError, type FetchLimits } from '../net/fetch-page.js';
import { closestSnapshot, rawSnapshotUrl } from '../net/wayback.js';
import { usageError, type Context } from './context.js';
import { summaryLine } from './import.js';
import type { ImportedArticle } from '../ingest/types.js';

async function readUrlsFromStdin(): Promise<string[]> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024 * 1024) throw usageError('standard input holds more than 16 MB of URLs');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

function seconds(value: number | undefined, name: string, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  if (!Number.isFinite(value) || value <= 0) throw usageError(`--${name} must be a number of seconds above 0`);
  return value * 1000;
}

/** The page's article, its url the one asked for when it came from an archive. */
async function articleFrom(url: string, bytes: Uint8Array, contentType: string | undefined, name: string): Promise<Added> {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  if (type && type !== 'text/html' && type !== 'application/xhtml+xml') throw new Error(`not HTML (${type})`);
  const { parseInputAsync } = await import('../ingest/front-door.js');
  const parsed = await parseInputAsync({ name, bytes, contentType, url });
  if (parsed.format !== 'html') throw new Error('not HTML');
  const article = parsed.articles[0];
  if (!article) throw new Error('no article found in the page');
  return { article, notices: parsed.warnings };
}

interface Added {
  article: ImportedArticle;
  notices: string[];
}

async function fromWayback(original: string, limits: FetchLimits, why: string): Promise<Added> {
  let snapshot: string | undefined;
  try {
    snapshot = await closestSnapshot(original, limits);
  } catch (error) {
    throw new Error(`${why}; the Wayback Machine could not be asked (${(error as Error).message})`);
  }
  if (!snapshot) throw new Error(`${why}, and the Wayback Machine has no snapshot of it`);
  let page;
  try {
    page = await fetchPage(rawSnapshotUrl(snapshot), limits);
  } catch (error) {
    throw new Error(`${why}; the Wayback snapshot ${snapshot} failed: ${(error as Error).message}`);
  }
  // Links in the page resolve against the original address, not the archive's.
  const { article, notices } = await articleFrom(original, page.bytes, page.contentType, original);
  return {
    article: { ...article, url: article.url && !/\/web\/\d/.test(article.url) ? article.url : original, archivedUrl: snapshot },
    notices: [`read from the Wayback Machine snapshot ${snapshot}`, ...notices],
  };
}

async function addOne(address: string, limits: FetchLimits, wayback: boolean): Promise<Added> {
  const url = httpUrl(address).href;
  if (wayback) return fromWayback(url, limits, 'asked for the archived copy');
  let page;
  try {
    page = await fetchPage(url, limits);
  } catch (error) {
    const dead =
      (error instanceof HttpStatusError && (error.status === 404 || error.status === 410)) || error instanceof UnresolvedHostError;
    if (!dead) throw error;
    const added = await fromWayback(url, limits, (error as Error).message);
    return { ...added, notices: [`${(error as Error).message}; trying the Wayback Machine`, ...added.notices] };
  }
  return articleFrom(page.url, page.bytes, page.contentType, url);
}

export async function add(ctx: Context): Promise<number> {
  if (ctx.args.length === 0) throw usageError('add needs at least one URL (or - to read URLs from standard input): byline add URL…');
  const limits: FetchLimits = {
    ...DEFAULT_LIMITS,
    connectTimeoutMs: seconds(ctx.flags.connectTimeout, 'connect-timeout', DEFAULT_LIMITS.connectTimeoutMs),
    totalTimeoutMs: seconds(ctx.flags.timeout, 'timeout', DEFAULT_LIMITS.totalTimeoutMs),
  };
  const urls: string[] = [];
  for (const arg of ctx.args) urls.push(...(arg === '-' ? await readUrlsFromStdin() : [arg]));
  if (urls.length === 0) throw usageError('no URLs on standard input');

  // Several URLs: a progress line (count, failures, URL) on a terminal, cleared for each message.
  const progress = urls.length > 1 ? (text: string | null) => ctx.out.progress?.(text) : () => {};
  const say = (line: string) => {
    progress(null);
    ctx.out.error(`${line}\n`);
  };
  const articles: ImportedArticle[] = [];
  let failed = 0;
  for (const [n, url] of urls.entries()) {
    progress(
      `[${n + 1}/${urls.length}]${failed ? ` ${failed} failed ·` : ''} ${url.slice(0, Math.max(20, (process.stderr.columns || 80) - 24))}`,
    );
    try {
      const { article, notices } = await addOne(url, limits, Boolean(ctx.flags.wayback));
      for (const notice of notices) say(`byline: ${url}: ${notice}`);
      articles.push(article);
    } catch (error) {
      failed++;
      say(`byline: cannot add ${url}: ${(error as Error).message}`);
    }
  }
  progress(null);
  const failures = failed ? `; ${failed} of ${urls.length} URL${urls.length === 1 ? '' : 's'} failed` : '';
  if (articles.length === 0) {
    if (urls.length > 1) ctx.out.error(`added nothing${failures}\n`);
    return 1;
  }
  const batches: ImportBatch[] = articles.map((article) => ({ file: article.archivedUrl ?? article.url ?? 'web', articles: [article] }));
  const archive = await ctx.openArchive({ create: true, deferRead: true });
  const summary = summaryLine(await archive.import(batches))
    .replace(/^imported/, 'added')
    .replace(/\n$/, '');
  ctx.out.error(`${summary}${failures}\n`);
  return failed ? 1 : 0;
}
