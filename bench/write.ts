// npm run bench:write -- --archive DIR [--runs 5] [--pages N] [--series 40] [--bin bin/byline.js] [--skip pages,one,series,reindex]
// The write side as a user meets it: whole `byline import` / `byline reindex` processes,
// spawned to exit, peak RSS from /usr/bin/time -v. Each figure is the median of its runs with
// the spread (min–max).
//  - one: import one new article into a copy of DIR (the first import into the copy, which may
//    upgrade it, is reported apart);
//  - series: that many one-article imports in a row into the same copy: median, max, and the
//    max over the median (a segment merge shows as the max);
//  - pages: import N page files (synthetic articles written as page dumps, one a file) into an
//    empty archive in one run;
//  - reindex: `byline reindex` of the copy.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { syntheticBatches } from './synthetic.js';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}

const bin = resolve(arg('bin', 'bin/byline.js')!);
const runs = Number(arg('runs', '5'));
const skip = new Set((arg('skip', '') ?? '').split(','));

interface Run {
  seconds: number;
  rssMb: number;
  stderr: string;
}

function byline(args: string[]): Run {
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, bin, ...args], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  if (r.status !== 0) throw new Error(`byline ${args.join(' ')} failed: ${r.stderr}`);
  return { seconds, rssMb: rss, stderr: r.stderr.split('\n')[0] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (label: string, rs: Run[]) => {
  const s = rs.map((r) => r.seconds);
  const m = rs.map((r) => r.rssMb);
  return `${label}: ${median(s).toFixed(2)} s (${Math.min(...s).toFixed(2)}–${Math.max(...s).toFixed(2)}), peak RSS ${median(m).toFixed(0)} MB (max ${Math.max(...m).toFixed(0)}), n=${rs.length}`;
};

let story = 0;
function onePage(dir: string): string {
  story++;
  const file = join(dir, `one-${process.pid}-${story}.txt`);
  writeFileSync(
    file,
    `Bench write story ${process.pid} ${story} about the harbour\n\nA dek for the bench story.\n\nThe bench story ${story} has a paragraph long enough to be an article paragraph, about ferries and councils.\n`,
  );
  return file;
}

/** N synthetic articles as page-dump files, one a file (cached in bench/cache). */
function pageFiles(n: number): string {
  const dir = resolve(`bench/cache/pages-${n}`);
  if (existsSync(join(dir, '.done'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let k = 0;
  for (const batch of syntheticBatches(n, 7)) {
    for (const a of batch) {
      const byline = a.authors.length ? `By ${a.authors[0].name}\n\n` : '';
      const text = a.body.map((b) => (b.type === 'figure' ? b.caption : b.text)).join('\n\n');
      writeFileSync(join(dir, `page-${String(++k).padStart(6, '0')}.txt`), `${a.title}\n\n${byline}${a.dek}\n\n${text}\n`);
    }
  }
  writeFileSync(join(dir, '.done'), '');
  return dir;
}

const scratch = mkdtempSync(join(tmpdir(), 'byline-bench-write-'));
const lines: string[] = [`bench:write ${new Date().toISOString()} bin=${bin}`];
const say = (line: string) => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
try {
  const source = arg('archive');
  if (source) {
    const copy = join(scratch, 'archive');
    cpSync(source, copy, { recursive: true });
    if (!skip.has('one')) {
      const first = byline(['import', onePage(scratch), '--archive', copy]);
      say(
        fmt(`first import of 1 article into a copy of ${source}`, [first]) +
          (first.stderr.startsWith('upgraded') ? ` (${first.stderr})` : ''),
      );
      say(
        fmt(
          'import 1 article',
          Array.from({ length: runs }, () => byline(['import', onePage(scratch), '--archive', copy])),
        ),
      );
    }
    if (!skip.has('series')) {
      const series = Array.from({ length: Number(arg('series', '40')) }, () => byline(['import', onePage(scratch), '--archive', copy]));
      const s = series.map((r) => r.seconds);
      say(fmt(`${series.length} one-article imports in a row`, series) + `; slowest / median ${(Math.max(...s) / median(s)).toFixed(1)}×`);
    }
    if (!skip.has('reindex'))
      say(
        fmt(
          'byline reindex',
          Array.from({ length: Math.min(runs, 3) }, () => byline(['reindex', '--archive', copy])),
        ),
      );
  }
  const pages = Number(arg('pages', '0'));
  if (pages > 0 && !skip.has('pages')) {
    const dir = pageFiles(pages);
    const results = Array.from({ length: Math.min(runs, 3) }, (_, i) => byline(['import', dir, '--archive', join(scratch, `pages-${i}`)]));
    say(fmt(`import ${pages} page files into an empty archive`, results));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
