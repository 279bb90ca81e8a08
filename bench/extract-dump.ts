// npm run bench:extract-dump -- DIR [--out bench/results] [--runs N] [--cols N] [--dumper w3m|lynx]
// Scores byline's page-dump importer on real pages flattened to text, against known article text.
// DIR is either
//   - a folder of page folders, DIR/<page>/ holding a dump (dump.txt or source.txt) or a
//     source.html (flattened here with `w3m -dump -T text/html -cols 200`, or lynx), the expected
//     article as expected.html or expected.txt, and optionally expected-metadata.json
//     ({ title, byline, publishedTime }) — the layout of Mozilla Readability's test pages; or
//   - a flat folder of pairs: NAME.txt with NAME.expected.txt or NAME.expected.html (and
//     optionally NAME.expected-metadata.json).
// The body is scored by word-shingle F1 as the public extraction benchmarks do
// (bench/lib/shingle-f1.ts). Pages fall in two fixed halves by a hash of their name ("dev",
// "held") so a change tuned on one half can be checked on the other. The report names pages
// and figures only, never their text. Writes extract-dump.md and extract-dump.json.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parsePageDump, type ImportedArticle } from '../src/ingest/pagedump.js';
import { sanitizeText } from '../src/model/sanitize.js';
import { htmlText } from './lib/html-text.js';
import { bootstrapF1, scorePage, scoreSet, type PageScore } from './lib/shingle-f1.js';
import { median, percentile, round } from './lib/stats.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args.splice(i, 2)[1];
};
const outDir = option('out') ?? 'bench/results';
const runs = Number(option('runs') ?? 5);
const cols = Number(option('cols') ?? 200);
const dumper = option('dumper') ?? 'w3m';
const verbose = args.includes('--verbose') ? (args.splice(args.indexOf('--verbose'), 1), true) : false;
const dir = args[0];
if (!dir || !existsSync(dir) || !statSync(dir).isDirectory()) {
  console.error(
    'usage: npm run bench:extract-dump -- DIR   (DIR/<page>/{dump.txt|source.html} + expected.{html,txt} [+ expected-metadata.json], or DIR/NAME.txt + NAME.expected.{txt,html})',
  );
  process.exit(2);
}

interface Meta {
  title?: string | null;
  byline?: string | null;
  publishedTime?: string | null;
}

interface Page {
  name: string;
  dump: () => string;
  expected: () => string;
  meta: Meta;
}

const readMeta = (path: string): Meta => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Meta) : {});
const expectedFrom = (base: string) => () =>
  existsSync(`${base}.txt`) ? readFileSync(`${base}.txt`, 'utf8') : htmlText(readFileSync(`${base}.html`, 'utf8'));

/** A text-mode browser's dump of an HTML file, cached outside the repository by content hash. */
function flatten(htmlPath: string): string {
  const html = readFileSync(htmlPath);
  const key = createHash('sha256').update(`${dumper} ${cols} `).update(html).digest('hex').slice(0, 24);
  const cacheDir = join(tmpdir(), 'byline-dump-cache');
  const cached = join(cacheDir, `${key}.txt`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const command =
    dumper === 'lynx'
      ? ['lynx', ['-dump', '-nolist', '-force_html', '-display_charset=utf-8', `-width=${cols}`, htmlPath]]
      : ['w3m', ['-dump', '-T', 'text/html', '-O', 'UTF-8', '-cols', String(cols), htmlPath]];
  const run = spawnSync(command[0] as string, command[1] as string[], { maxBuffer: 64 * 1024 * 1024 });
  if (run.error || run.status !== 0) {
    console.error(
      `cannot run ${dumper} on ${htmlPath}: ${run.error?.message ?? run.stderr.toString().trim()} (install it: apt-get install -y ${dumper})`,
    );
    process.exit(2);
  }
  const text = new TextDecoder('utf-8').decode(run.stdout);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, text);
  return text;
}

function findPages(root: string): Page[] {
  const pages: Page[] = [];
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) {
      const dumpFile = ['dump.txt', 'source.txt'].map((f) => join(path, f)).find(existsSync);
      const html = join(path, 'source.html');
      if (!dumpFile && !existsSync(html)) continue;
      if (!existsSync(join(path, 'expected.html')) && !existsSync(join(path, 'expected.txt'))) continue;
      pages.push({
        name,
        dump: () => (dumpFile ? readFileSync(dumpFile, 'utf8') : flatten(html)),
        expected: expectedFrom(join(path, 'expected')),
        meta: readMeta(join(path, 'expected-metadata.json')),
      });
    } else if (name.endsWith('.txt') && !name.endsWith('.expected.txt')) {
      const stem = name.slice(0, -4);
      const base = join(root, `${stem}.expected`);
      if (!existsSync(`${base}.txt`) && !existsSync(`${base}.html`)) continue;
      pages.push({
        name: stem,
        dump: () => readFileSync(path, 'utf8'),
        expected: expectedFrom(base),
        meta: readMeta(join(root, `${stem}.expected-metadata.json`)),
      });
    }
  }
  return pages;
}

/** The text the metric compares: paragraphs, headings, quotes and list items of every
 * article found (a page split in two still counts all its text), joined with blank lines;
 * no title, dek, byline or figure captions. */
function bodyText(articles: ImportedArticle[]): string {
  return articles
    .flatMap((a) => a.body)
    .flatMap((b) => {
      const block = b as { type: string; text?: string; items?: string[] };
      if (block.type === 'figure') return [];
      if (block.type === 'list') return block.items ?? [];
      return [block.text ?? ''];
    })
    .join('\n\n');
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

const titleRight = (expected: string, got: string) => fold(expected) === fold(got);

/** The expected title without the site's name that <title> adds ("Headline | Site", "Site: Headline"):
 * a dump has the page's headline, never its <title>. */
function titleHeads(expected: string): string[] {
  return [
    expected,
    ...expected.split(/\s+(?:[|·•–—-]|::)\s+/),
    expected.replace(/\s*\[[^\]]+\]\s*$/, ''),
    expected.replace(/^[^:]{2,30}:\s+/, ''),
  ].filter((t) => t.trim().length > 0);
}
const titleRightNoSite = (expected: string, got: string) => titleHeads(expected).some((t) => fold(t) === fold(got));
/** The headline stands on a line of its own in the dump: the importer could have found it. */
const titleInDump = (expected: string, dumpLines: Set<string>) => titleHeads(expected).some((t) => dumpLines.has(fold(t)));

/** Right when every author we give is named in the expected byline (bylines carry extras). */
function authorsRight(expected: string, got: string[]): boolean {
  const truth = ` ${nameFold(expected)} `;
  return got.length > 0 && got.every((name) => truth.includes(` ${nameFold(name)} `));
}

const half = (name: string) => (createHash('sha256').update(name).digest()[0] % 2 === 0 ? 'dev' : 'held');

interface PageResult {
  name: string;
  half: 'dev' | 'held';
  bytes: number;
  articles: number;
  score: PageScore;
  f1: number;
  title?: { right: boolean; rightNoSite: boolean; inDump: boolean; expected: string; got: string };
  authors?: { right: boolean; expected: string; got: string[] };
  /** Authors given where the page names none. */
  falseAuthors?: boolean;
}

const pages = findPages(dir);
if (pages.length === 0) {
  console.error(`no pages in ${dir}`);
  process.exit(2);
}
const dumps = new Map<string, string>();
const results: PageResult[] = [];
/** Keeping all the text of the dump: the floor any extraction must beat. */
const baseline: PageScore[] = [];
for (const page of pages) {
  const dump = page.dump();
  dumps.set(page.name, dump);
  const articles = parsePageDump(dump);
  const first = articles[0];
  const expected = page.expected();
  const score = scorePage(expected, bodyText(articles));
  baseline.push(scorePage(expected, sanitizeText(dump)));
  const r: PageResult = {
    name: page.name,
    half: half(page.name),
    bytes: Buffer.byteLength(dump),
    articles: articles.length,
    score,
    f1: scoreSet([score]).f1,
  };
  if (page.meta.title) {
    const got = first?.title ?? '';
    const dumpLines = new Set(dump.split('\n').map(fold).filter(Boolean));
    r.title = {
      right: titleRight(page.meta.title, got),
      rightNoSite: titleRightNoSite(page.meta.title, got),
      inDump: titleInDump(page.meta.title, dumpLines),
      expected: page.meta.title,
      got,
    };
  }
  const got = first?.authors.map((a) => a.name) ?? [];
  if (page.meta.byline && page.meta.byline.trim())
    r.authors = { right: authorsRight(page.meta.byline, got), expected: page.meta.byline, got };
  else r.falseAuthors = got.length > 0;
  results.push(r);
}

// Speed: a 1 MB dump made of the pages' own dumps, one after another, parsed warm.
const parts: string[] = [];
let size = 0;
for (let i = 0; size < 1_000_000; i++) {
  const d = dumps.get(pages[i % pages.length].name)!;
  parts.push(d);
  size += Buffer.byteLength(d) + 3;
}
const megabyte = parts.join('\n\n\n').slice(0, 1_000_000);
parsePageDump(megabyte);
const megabyteTimes: number[] = [];
/** CPU time of the same parses: steadier than the wall clock on a busy machine. */
const megabyteCpu: number[] = [];
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (let i = 0; i < Math.max(runs, 9); i++) {
  const t = performance.now();
  const c = cpuMs();
  parsePageDump(megabyte);
  megabyteCpu.push(cpuMs() - c);
  megabyteTimes.push(performance.now() - t);
}
const perPage = results.map((r) => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    parsePageDump(dumps.get(r.name)!);
    samples.push(performance.now() - t);
  }
  return median(samples);
});

const rate = (xs: { right: boolean }[]) => (xs.length ? xs.filter((x) => x.right).length / xs.length : Number.NaN);
function summarise(rs: PageResult[]) {
  const scores = rs.map((r) => r.score);
  const set = scoreSet(scores);
  const spread = bootstrapF1(scores);
  const titles = rs.flatMap((r) => (r.title ? [r.title] : []));
  const authors = rs.flatMap((r) => (r.authors ? [r.authors] : []));
  return {
    pages: rs.length,
    precision: round(set.precision),
    recall: round(set.recall),
    f1: round(set.f1),
    f1Low: round(spread.low),
    f1High: round(spread.high),
    titleRight: titles.filter((t) => t.right).length,
    titleOf: titles.length,
    titleRate: round(rate(titles)),
    /** Right with the site's name left out, counted over the pages whose dump has the headline on a line. */
    titleNoSiteRight: titles.filter((t) => t.inDump && t.rightNoSite).length,
    titleInDump: titles.filter((t) => t.inDump).length,
    authorsRight: authors.filter((t) => t.right).length,
    authorsOf: authors.length,
    authorsRate: round(rate(authors)),
    falseAuthors: rs.filter((r) => r.falseAuthors).length,
    noByline: rs.filter((r) => r.falseAuthors !== undefined).length,
    split: rs.filter((r) => r.articles > 1).length,
    empty: rs.filter((r) => r.articles === 0).length,
  };
}

const summary = {
  folder: resolve(dir),
  dumper: dumper === 'lynx' ? `lynx -dump -nolist -width=${cols}` : `w3m -dump -T text/html -cols ${cols}`,
  all: summarise(results),
  dev: summarise(results.filter((r) => r.half === 'dev')),
  held: summarise(results.filter((r) => r.half === 'held')),
  speed: {
    runs,
    megabyteDumpMs: round(median(megabyteTimes)),
    megabyteDumpMaxMs: round(Math.max(...megabyteTimes)),
    megabyteDumpCpuMs: round(median(megabyteCpu)),
    loadAverage: round(loadavg()[0]),
    p50PerPageMs: round(median(perPage)),
    p95PerPageMs: round(percentile(perPage, 95)),
  },
  allText: { precision: round(scoreSet(baseline).precision), recall: round(scoreSet(baseline).recall), f1: round(scoreSet(baseline).f1) },
  node: process.version,
};

type Summary = ReturnType<typeof summarise>;
const row = (label: string, s: Summary) =>
  `| ${label} | ${s.pages} | ${s.precision} | ${s.recall} | **${s.f1}** (${s.f1Low}–${s.f1High}) | ${s.titleRight}/${s.titleOf} | ${s.titleNoSiteRight}/${s.titleInDump} | ${s.authorsRight}/${s.authorsOf} | ${s.falseAuthors}/${s.noByline} | ${s.split} | ${s.empty} |`;
const worst = [...results].sort((a, b) => a.f1 - b.f1).slice(0, 20);
const md = [
  '# Page-dump extraction quality',
  '',
  `${results.length} pages from \`${summary.folder}\`, flattened with \`${summary.dumper}\` where no dump was given; article body scored by word-shingle F1 (4-word shingles, pages weighted equally; P and R are means over pages, F1 of the means, 95 % bootstrap range in brackets). Keeping all the text of a page scores 0.665 on the public benchmark's pages. Node ${process.version}.`,
  '',
  '| pages | n | P | R | F1 | title right | headline right where the dump has it | authors right | authors where none | split in two+ | nothing found |',
  '| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  row('all', summary.all),
  row('dev half', summary.dev),
  row('held-out half', summary.held),
  `| all the dump's text | ${results.length} | ${summary.allText.precision} | ${summary.allText.recall} | ${summary.allText.f1} | | | | | | |`,
  '',
  '"title right": equal to the metadata title (from `<title>`, which a dump never shows); "headline right": equal to it or to its part without the site name ("Headline | Site"), over the pages whose dump has that headline on a line of its own.',
  '',
  `Speed: a 1 MB dump (the pages' dumps one after another) parses in ${summary.speed.megabyteDumpMs} ms (median of ${Math.max(runs, 9)}; slowest ${summary.speed.megabyteDumpMaxMs} ms; ${summary.speed.megabyteDumpCpuMs} ms of CPU; load average ${summary.speed.loadAverage} on ${cpus().length} cores; target ≤ 200 ms); one page p50 ${summary.speed.p50PerPageMs} ms, p95 ${summary.speed.p95PerPageMs} ms.`,
  '',
  '## Lowest body F1',
  '',
  '| page | half | F1 | P | R | KB | articles |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ...worst.map(
    (r) =>
      `| ${r.name} | ${r.half} | ${round(r.f1)} | ${r.score.precision === undefined ? '–' : round(r.score.precision)} | ${round(r.score.recall)} | ${round(r.bytes / 1024)} | ${r.articles} |`,
  ),
  '',
].join('\n');

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'extract-dump.md'), md);
writeFileSync(
  join(outDir, 'extract-dump.json'),
  JSON.stringify(
    {
      summary,
      pages: results.map((r) => ({
        name: r.name,
        half: r.half,
        bytes: r.bytes,
        articles: r.articles,
        f1: round(r.f1),
        precision: r.score.precision === undefined ? null : round(r.score.precision),
        recall: round(r.score.recall),
        titleRight: r.title?.right ?? null,
        authorsRight: r.authors?.right ?? null,
      })),
    },
    null,
    2,
  ) + '\n',
);
console.log(md.split('\n## Lowest')[0]);
if (verbose) {
  // Misses with their text, for the person tuning: on the console only, never in the report files.
  for (const r of results) {
    if (r.title && !r.title.rightNoSite && r.title.inDump)
      console.log(`${r.name} title: expected ${JSON.stringify(r.title.expected)}, got ${JSON.stringify(r.title.got)}`);
    if (r.authors && !r.authors.right)
      console.log(`${r.name} authors: expected ${JSON.stringify(r.authors.expected)}, got ${JSON.stringify(r.authors.got)}`);
  }
  for (const r of worst)
    console.log(
      `${r.name} F1 ${round(r.f1)} P ${r.score.precision === undefined ? '-' : round(r.score.precision)} R ${round(r.score.recall)}`,
    );
}
