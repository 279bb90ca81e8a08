// npm run bench:gen -- --articles N [--out DIR] [--reuse-cache]
//
// Writes N synthetic articles as page-dump files (one a file, under the cache folder) and
// imports them with `byline import` into DIR, as a user would; without --out, into the
// cached archive the benchmark uses (bench/cache/archive-N), unless it is already there.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureArchive, importThroughCli } from './lib/archives.js';
import { ensureCorpus } from './lib/corpus.js';
import { arg, flag, log } from './lib/env.js';

const argv = process.argv.slice(2);
const count = Number(arg(argv, 'articles') ?? '1000');
if (!Number.isInteger(count) || count <= 0 || count % 1000 !== 0) {
  process.stderr.write('bench:gen: --articles takes a positive multiple of 1000\n');
  process.exit(2);
}
const out = arg(argv, 'out');
const started = performance.now();
if (out) {
  rmSync(resolve(out), { recursive: true, force: true });
  importThroughCli(ensureCorpus(count), resolve(out));
} else {
  ensureArchive(count, flag(argv, 'reuse-cache'));
}
log(`${count} articles in ${out ?? 'the cache'} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
