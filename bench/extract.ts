// npm run bench:extract -- DIR [--out bench/results] [--runs N] [--details]
// Scores byline's HTML import on a folder of real pages with known article text: for each
// DIR/<page>/ a source.html, the expected article as expected.html or expected.txt, and
// optionally expected-metadata.json ({ title, byline, publishedTime }) — the layout of
// Mozilla Readability's test pages. Body text is scored by word-shingle F1 as the public
// article-extraction benchmarks do (bench/lib/shingle-f1.ts); title, author and date
// accuracy are counted where the folder gives them. Writes extract.md and extract.json.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parseInput, loadHtmlSupport } from '../src/ingest/front-door.js';
import type { ImportedArticle } from '../src/ingest/types.js';
import { htmlText } from './lib/html-text.js';
import { bootstrapF1, scorePage, scoreSet, type PageScore } from './lib/shingle-f1.js';
import { median, percentile, round } from './lib/stats.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args.splice(i, 2)[1];
};
const outDir = option('out') ?? 'bench/results';
const runs = Number(option('runs') ?? 9);
// The expected and extracted titles, bylines and dates of each page are the pages' own text:
// written to the results only when asked (--details), so results can be committed.
const details = args.includes('--details') ? (args.splice(args.indexOf('--details'), 1), true) : false;
const dir = args[0];
if (!dir || !existsSync(dir) || !statSync(dir).isDirectory()) {
  console.error('usage: npm run bench:extract -- DIR   (DIR/<page>/source.html + expected.html|expected.txt [+ expected-metadata.json])');
  process.exit(2);
}

/** The text the metric compares: paragraphs, headings, quotes, list items and preformatted
 * text, joined with blank lines; no title, dek, byline or figure captions. */
export function bodyText(article: ImportedArticle | undefined): string {
  if (!article) return '';
  return article.body.flatMap((b) => (b.type === 'figure' ? [] : [b.text])).join('\n\n');
}

const fold = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201c\u201d'"`´]/g, '')
    .replace(/[\s\u00a0\-–—:|]+/g, ' ')
    .trim();
const nameFold = (s: string) =>
  fold(s)
    .replace(/[^\p{L}\p{N} ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function titleRight(expected: string, got: string): boolean {
  return fold(expected) === fold(got);
}

/** Right when every author we give is named in the expected byline (bylines carry extras:
 * "By", roles, the agency). */
function authorsRight(expected: string, got: string[]): boolean {
  const truth = ` ${nameFold(expected)} `;
  return got.length > 0 && got.every((name) => truth.includes(` ${nameFold(name)} `));
}

function dayOf(value: string): string | undefined {
  const m = value.match(/^(\d{4}-\d{2}-\d{2})/);
  if (m && !/T\d{2}:\d{2}.*(?:[+-]\d{2}:?\d{2}|Z)$/i.test(value)) return m[1];
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : m?.[1];
}

function dateRight(expected: string, got: string | undefined): boolean {
  if (!got) return false;
  const a = expected.match(/^\d{4}-\d{2}-\d{2}/)?.[0];
  const b = got.match(/^\d{4}-\d{2}-\d{2}/)?.[0];
  return (a !== undefined && a === b) || dayOf(expected) === dayOf(got);
}

/** The extractor alone, its HTML output read as the expected HTML is: the baseline that
 * shows what byline's own cleaning and metadata add or cost on this folder. */
function readabilityAlone(html: string): string {
  try {
    const { document } = parseHTML(html);
    const content = new Readability(document as unknown as Document).parse()?.content;
    return content ? htmlText(content) : '';
  } catch {
    return '';
  }
}

interface PageResult {
  name: string;
  baseline: PageScore;
  bytes: number;
  ms: number;
  score: PageScore;
  f1: number;
  error?: string;
  title?: { expected: string; got: string; right: boolean };
  authors?: { expected: string; got: string[]; right: boolean };
  date?: { expected: string; got: string | null; right: boolean };
}

await loadHtmlSupport();
const names = readdirSync(dir)
  .filter(
    (n) =>
      existsSync(join(dir, n, 'source.html')) && (existsSync(join(dir, n, 'expected.html')) || existsSync(join(dir, n, 'expected.txt'))),
  )
  .sort();
const results: PageResult[] = [];
for (const name of names) {
  const bytes = readFileSync(join(dir, name, 'source.html'));
  const expected = existsSync(join(dir, name, 'expected.txt'))
    ? readFileSync(join(dir, name, 'expected.txt'), 'utf8')
    : htmlText(readFileSync(join(dir, name, 'expected.html'), 'utf8'));
  const metaPath = join(dir, name, 'expected-metadata.json');
  const meta = existsSync(metaPath)
    ? (JSON.parse(readFileSync(metaPath, 'utf8')) as { title?: string | null; byline?: string | null; publishedTime?: string | null })
    : {};
  let article: ImportedArticle | undefined;
  let error: string | undefined;
  const started = performance.now();
  try {
    // The pages' own address is unknown; relative links resolve against a stand-in.
    article = parseInput({ name: `${name}/source.html`, bytes, url: 'http://fakehost/test/page.html' }).articles[0];
  } catch (e) {
    error = (e as Error).message;
  }
  const ms = performance.now() - started;
  const score = scorePage(expected, bodyText(article));
  const single = scoreSet([score]);
  const baseline = scorePage(expected, readabilityAlone(bytes.toString('utf8')));
  const r: PageResult = { name, bytes: bytes.length, ms, score, baseline, f1: single.f1, ...(error ? { error } : {}) };
  if (meta.title) r.title = { expected: meta.title, got: article?.title ?? '', right: titleRight(meta.title, article?.title ?? '') };
  if (meta.byline && meta.byline.trim()) {
    const got = article?.authors.map((a) => a.name) ?? [];
    r.authors = { expected: meta.byline, got, right: authorsRight(meta.byline, got) };
  }
  if (meta.publishedTime)
    r.date = {
      expected: meta.publishedTime,
      got: article?.publishedAt ?? null,
      right: dateRight(meta.publishedTime, article?.publishedAt),
    };
  results.push(r);
}

// Speed: each page parsed `runs` more times, in-process, warm (the first parse above loaded the code).
const times = new Map<string, number[]>();
for (const r of results) {
  const bytes = readFileSync(join(dir, r.name, 'source.html'));
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    try {
      parseInput({ name: 'source.html', bytes, url: 'http://fakehost/test/page.html' });
    } catch {
      // timed all the same
    }
    samples.push(performance.now() - t);
  }
  times.set(r.name, samples);
}
const perPage = results.map((r) => median(times.get(r.name)!));
const around200 = results.filter((r) => r.bytes >= 150_000 && r.bytes <= 300_000);
const p50_200k = median(around200.flatMap((r) => times.get(r.name)!));

const scores = results.map((r) => r.score);
const set = scoreSet(scores);
const spread = bootstrapF1(scores);
const base = scoreSet(results.map((r) => r.baseline));
const rate = (xs: { right: boolean }[]) => (xs.length ? xs.filter((x) => x.right).length / xs.length : Number.NaN);
const titles = results.flatMap((r) => (r.title ? [r.title] : []));
const authors = results.flatMap((r) => (r.authors ? [r.authors] : []));
const dates = results.flatMap((r) => (r.date ? [r.date] : []));

const summary = {
  folder: resolve(dir),
  pages: results.length,
  failed: results.filter((r) => r.error).map((r) => ({ name: r.name, error: r.error })),
  body: {
    precision: round(set.precision),
    recall: round(set.recall),
    f1: round(set.f1),
    f1Low: round(spread.low),
    f1High: round(spread.high),
    f1Sd: round(spread.sd),
  },
  readabilityAlone: { precision: round(base.precision), recall: round(base.recall), f1: round(base.f1) },
  title: { right: titles.filter((t) => t.right).length, of: titles.length, rate: round(rate(titles)) },
  authors: { right: authors.filter((t) => t.right).length, of: authors.length, rate: round(rate(authors)) },
  date: { right: dates.filter((t) => t.right).length, of: dates.length, rate: round(rate(dates)) },
  speed: {
    runs,
    p50PerPageMs: round(median(perPage)),
    p95PerPageMs: round(percentile(perPage, 95)),
    pages150to300KB: around200.length,
    p50For150to300KBMs: round(p50_200k),
  },
  node: process.version,
};

const pct = (x: number) => (Number.isFinite(x) ? `${round(x * 100)} %` : '–');
const worst = [...results].sort((a, b) => a.f1 - b.f1).slice(0, 15);
const md = [
  '# HTML extraction quality',
  '',
  `${results.length} pages from \`${summary.folder}\`, scored by word-shingle F1 of the article body (4-word shingles, pages weighted equally; P and R are means over pages). Node ${process.version}.`,
  '',
  '| measure | value |',
  '| --- | ---: |',
  `| body precision | ${summary.body.precision} |`,
  `| body recall | ${summary.body.recall} |`,
  `| **body F1** | **${summary.body.f1}** (95 % bootstrap ${summary.body.f1Low}–${summary.body.f1High}) |`,
  `| Readability.js alone (baseline), P / R / F1 | ${summary.readabilityAlone.precision} / ${summary.readabilityAlone.recall} / ${summary.readabilityAlone.f1} |`,
  `| title right | ${pct(rate(titles))} (${summary.title.right}/${summary.title.of}) |`,
  `| authors right, where the page names them | ${pct(rate(authors))} (${summary.authors.right}/${summary.authors.of}) |`,
  `| date right, where the page has one | ${pct(rate(dates))} (${summary.date.right}/${summary.date.of}) |`,
  `| pages refused (no article found) | ${summary.failed.length} |`,
  `| parse time per page, p50 / p95 | ${summary.speed.p50PerPageMs} / ${summary.speed.p95PerPageMs} ms |`,
  `| parse time for pages of 150–300 KB, p50 | ${summary.speed.p50For150to300KBMs} ms (${around200.length} pages × ${runs} runs) |`,
  '',
  '## Lowest body F1',
  '',
  '| page | F1 | P | R | KB | note |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
  ...worst.map(
    (r) =>
      `| ${r.name} | ${round(r.f1)} | ${r.score.precision === undefined ? '–' : round(r.score.precision)} | ${round(r.score.recall)} | ${round(r.bytes / 1024)} | ${r.error ?? ''} |`,
  ),
  '',
  '## Metadata misses',
  '',
  ...(details ? [] : ['(run with --details to list them)']),
  ...results
    .filter(() => details)
    .flatMap((r) => [
      ...(r.title && !r.title.right ? [`- ${r.name} title: expected "${r.title.expected}", got "${r.title.got}"`] : []),
      ...(r.authors && !r.authors.right
        ? [`- ${r.name} authors: expected "${r.authors.expected}", got ${JSON.stringify(r.authors.got)}`]
        : []),
      ...(r.date && !r.date.right ? [`- ${r.name} date: expected "${r.date.expected}", got ${JSON.stringify(r.date.got)}`] : []),
    ]),
  '',
].join('\n');

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'extract.md'), md);
const pageJson = (r: PageResult) => {
  const { title, authors, date, ...rest } = r;
  const shown = details ? { title, authors, date } : { titleRight: title?.right, authorsRight: authors?.right, dateRight: date?.right };
  return { ...rest, ...shown, ms: round(r.ms), f1: round(r.f1), median: round(median(times.get(r.name)!)) };
};
writeFileSync(join(outDir, 'extract.json'), JSON.stringify({ summary, pages: results.map(pageJson) }, null, 2) + '\n');
console.log(md.split('\n## Lowest')[0]);
