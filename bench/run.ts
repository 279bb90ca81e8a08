// npm run bench [-- --full] [--sizes 20000,100000] [--rounds N] [--large-rounds N]
//               [--only commands,reader,quality,import] [--import-rounds N] [--no-build] [--reuse-cache] [--out DIR]
//
// Measures byline as a user meets it (issue 12): whole processes for commands, the built
// reader in a pseudo-terminal from spawn to what is on screen, imports as whole processes with
// their peak memory — at 20 000 articles (and 100 000 with --full), baselines (node -e 0,
// fzf --filter, interactive fzf, rg) in the same rounds. Writes bench/results/latest.md and
// latest.json (or into --out DIR), with what changed against the latest.json they replace.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { cleanCache, ensureArchive } from './lib/archives.js';
import { ensureCorpus } from './lib/corpus.js';
import { arg, flag, log, RESULTS, ROOT } from './lib/env.js';
import { archiveFacts, bodyQueries } from './lib/facts.js';
import { findFzf } from './lib/fzf.js';
import { changes, readPrevious } from './lib/previous.js';
import { hasTime } from './lib/proc.js';
import { machine, writeResults, type Figure, type Results } from './lib/report.js';
import { checkTargets } from './lib/targets.js';
import { commandsSuite } from './suites/commands.js';
import { importAllSuite, importOneSuite } from './suites/import.js';
import { qualitySuite } from './suites/quality.js';
import { readerSuite } from './suites/reader.js';

const SUITES = ['commands', 'reader', 'quality', 'import'] as const;
type Suite = (typeof SUITES)[number];

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    process.stderr.write(`bench: --${name} takes a positive whole number\n`);
    process.exit(2);
  }
  return n;
}

const argv = process.argv.slice(2);
const started = performance.now();
const full = flag(argv, 'full');
const sizes = (arg(argv, 'sizes')?.split(',').map(Number) ?? [20000, ...(full ? [100000] : [])]).sort((a, b) => a - b);
if (sizes.some((s) => !Number.isInteger(s) || s <= 0 || s % 1000 !== 0)) {
  process.stderr.write('bench: --sizes takes positive multiples of 1000\n');
  process.exit(2);
}
const rounds = positive(arg(argv, 'rounds'), 15, 'rounds');
const largeRounds = positive(arg(argv, 'large-rounds'), rounds, 'large-rounds');
const roundsAt = (size: number) => (size > 20000 ? largeRounds : rounds);
const only = (arg(argv, 'only')?.split(',') ?? [...SUITES]) as Suite[];
if (only.some((s) => !SUITES.includes(s))) {
  process.stderr.write(`bench: --only takes ${SUITES.join(', ')}\n`);
  process.exit(2);
}
const importRounds = positive(arg(argv, 'import-rounds'), 1, 'import-rounds');
const loadStart = loadavg();
const notes: string[] = [];
const progress = (line: string) => log(line);

if (!flag(argv, 'no-build')) {
  log('building the CLI (npm run build)…');
  const b = spawnSync(process.execPath, ['build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) {
    process.stderr.write('bench: npm run build failed\n');
    process.exit(1);
  }
}
const rev = spawnSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
notes.push(`Measured build: dist/ built from ${rev || 'an unknown revision'}.`);

cleanCache();
const fzf = findFzf(true);
const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).status === 0;
notes.push(
  fzf.path
    ? `fzf ${fzf.version} (${fzf.path}), run as installed: all cores, its default options, the titles file as its input.`
    : `${fzf.missing}.`,
);
notes.push(
  rg ? `rg: ${spawnSync('rg', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]}.` : 'rg is not installed: no rg baseline.',
);
if (!hasTime()) notes.push('/usr/bin/time is not installed: no CPU times or peak RSS for whole processes.');

const figures: Figure[] = [];
for (const size of sizes) {
  const n = roundsAt(size);
  const { dir, note } = ensureArchive(size, flag(argv, 'reuse-cache'));
  if (note) notes.push(`${note}.`);
  const facts = archiveFacts(size, dir, only.includes('commands') && rg);
  log(`${size} articles (${facts.titles.length} in the archive), ${n} rounds`);
  if (only.includes('commands'))
    figures.push(...(await commandsSuite(facts, { rounds: n, fzf: fzf.path, rg, bodyQueries: bodyQueries(size, 12) }, progress)));
  if (only.includes('reader'))
    figures.push(...(await readerSuite(facts, { rounds: n, fzf: fzf.path, presses: 10, timeoutMs: 120_000 }, progress)));
  if (only.includes('quality')) figures.push(...(await qualitySuite(facts, 40, progress)));
  if (only.includes('import')) {
    figures.push(...(await importOneSuite(size, dir, Math.min(n, 7), progress)));
    // One import of every file is long (a minute or more at 20 000): at the 20 000 size only.
    if (size === 20000) {
      ensureCorpus(size);
      figures.push(...(await importAllSuite(size, importRounds, progress)));
    }
  }
}

const outDir = arg(argv, 'out') ? resolve(arg(argv, 'out')!) : RESULTS;
const previousFile = join(outDir, 'latest.json');
const loadEnd = loadavg();
notes.push(
  `Load average (1, 5, 15 min): ${loadStart.map((l) => l.toFixed(1)).join(', ')} at the start, ${loadEnd.map((l) => l.toFixed(1)).join(', ')} at the end, on ${cpus().length} cores. Other work on the machine inflates every wall time; the ratios compare cases measured in the same rounds.`,
);
const results: Results = {
  machine: machine(),
  node: process.version,
  date: new Date().toISOString(),
  command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
  sizes,
  rounds,
  durationSeconds: Math.round((performance.now() - started) / 1000),
  figures,
  targets: checkTargets(figures),
  changes: (() => {
    try {
      return changes(readPrevious(previousFile), figures, outDir);
    } catch (error) {
      return [`Could not compare with the previous results: ${(error as Error).message}`];
    }
  })(),
  notes,
};
writeResults(outDir, results);
const met = results.targets.filter((t) => t.met).length;
log(`${met}/${results.targets.length} targets met in ${results.durationSeconds} s; wrote ${join(outDir, 'latest.md')} and latest.json`);
