// npm run bench:patches -- [--rounds 12] [--articles 1000] REV=label ...
//
// What a change to the build costs the person who runs byline, measured on whole processes:
// each git revision is exported to a temp folder, built with its own build.mjs (so each
// bundle is exactly what that revision shipped), and then, in interleaved rounds (so that a
// busy moment of this shared machine hits every revision alike):
//   - reader start: spawn `byline --archive A` in a 100×30 pseudo-terminal → the list on screen;
//   - command start: `byline --version` (meow parses, nothing else) → exit;
//   - list frame: `j` written to the terminal → the status bar shows the next row (28 presses,
//     40 ms apart, so that each is drawn on the leading edge of Ink's 30 fps throttle);
//   - article open: Enter → the page status of the article on screen;
// and the size of dist/cli.js and of all of dist/. Figures: median and interquartile range.
// Written for issue 13 (bench/results/patches.md): one revision per removed build patch.
import pty from '@lydell/node-pty';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateArchive } from './generate.js';

const ROOT = process.cwd();
const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(argv[i + 1]);
};
const ROUNDS = option('rounds', 12);
const ARTICLES = option('articles', 1000);
const PRESSES = 28;
const KEY_GAP_MS = 40;
const revisions = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
if (revisions.length === 0) throw new Error('name at least one revision: REV or REV=label');

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
function percentile(samples: readonly number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (s.length - 1);
  return s[Math.floor(rank)] + (s[Math.ceil(rank)] - s[Math.floor(rank)]) * (rank - Math.floor(rank));
}
const summary = (xs: number[]) => (xs.length ? `${percentile(xs, 50).toFixed(1)} (${percentile(xs, 25).toFixed(1)}–${percentile(xs, 75).toFixed(1)})` : 'n/a');
const env = (extra: Record<string, string>) => {
  const out: Record<string, string> = { TERM: 'xterm-256color' };
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI' && k !== 'NODE_ENV') out[k] = v;
  return { ...out, ...extra };
};
const stateFile = () => join(mkdtempSync(join(tmpdir(), 'byline-patch-state-')), 'state.json');

interface Variant {
  rev: string;
  label: string;
  dir: string;
  samples: { start: number[]; version: number[]; frame: number[]; open: number[] };
}

function exportAndBuild(spec: string, base: string): Variant {
  const [rev, label = rev] = spec.split('=');
  const sha = execFileSync('git', ['rev-parse', '--short', rev], { encoding: 'utf8' }).trim();
  const dir = join(base, sha);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${sha} | tar -x -C '${dir}'`]);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, ['build.mjs'], { cwd: dir, stdio: 'inherit' });
  return { rev: sha, label, dir, samples: { start: [], version: [], frame: [], open: [] } };
}

function bytes(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).size;
  return readdirSync(path).reduce((n, name) => n + bytes(join(path, name)), 0);
}

/** Until `test` holds for the output written after `from`; resolves with the time it did. */
function waitFor(read: () => string, subscribe: (f: () => void) => () => void, test: (s: string) => boolean, timeoutMs = 30000): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!test(read())) return;
      const at = performance.now();
      stop();
      clearTimeout(timer);
      resolve(at);
    };
    const stop = subscribe(check);
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out; last output: ${JSON.stringify(read().slice(-200))}`));
    }, timeoutMs);
    check();
  });
}

async function readerRound(v: Variant, archive: string, record: boolean): Promise<void> {
  const started = performance.now();
  const term = pty.spawn(process.execPath, [join(v.dir, 'bin', 'byline.js'), '--archive', archive], { name: 'xterm-256color', cols: 100, rows: 30, cwd: v.dir, env: env({ BYLINE_STATE: stateFile() }) });
  let output = '';
  const listeners = new Set<() => void>();
  term.onData((d) => {
    output += d;
    for (const l of [...listeners]) l();
  });
  const subscribe = (f: () => void) => (listeners.add(f), () => void listeners.delete(f));
  const after = (from: number, text: string | RegExp) => waitFor(() => output.slice(from), subscribe, (s) => (typeof text === 'string' ? s.includes(text) : text.test(s)));
  try {
    const shown = await after(0, 'unread');
    if (record) v.samples.start.push(shown - started);
    await sleep(300);
    for (let i = 0; i < PRESSES; i++) {
      const from = output.length;
      const pressed = performance.now();
      term.write('j');
      const drawn = await after(from, `${i + 2}/${ARTICLES} `);
      if (record) v.samples.frame.push(drawn - pressed);
      await sleep(KEY_GAP_MS);
    }
    const from = output.length;
    const pressed = performance.now();
    term.write('\r');
    const opened = await after(from, /page 1\/\d+/);
    if (record) v.samples.open.push(opened - pressed);
  } finally {
    term.kill();
  }
}

function versionRound(v: Variant, record: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(v.dir, 'bin', 'byline.js'), '--version'], { cwd: v.dir, env: env({}), stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${v.label}: --version exited with ${code}`));
      if (record) v.samples.version.push(performance.now() - started);
      resolve();
    });
  });
}

const base = mkdtempSync(join(tmpdir(), 'byline-patch-costs-'));
const archive = join(base, `archive-${ARTICLES}`);
if (!existsSync(archive)) await generateArchive(ARTICLES, archive);
const variants = revisions.map((r) => exportAndBuild(r, base));

// Round 0 warms the file cache and Node's compile cache of each bundle; it is not recorded.
for (let round = 0; round <= ROUNDS; round++) {
  process.stderr.write(`round ${round}/${ROUNDS}\n`);
  for (const v of variants) {
    for (let i = 0; i < 3; i++) await versionRound(v, round > 0);
    await readerRound(v, archive, round > 0);
  }
}

const rows = variants.map((v) => {
  const { start, version, frame, open } = v.samples;
  return `| ${v.label} | \`${v.rev}\` | ${(bytes(join(v.dir, 'dist', 'cli.js')) / 1024).toFixed(0)} KB | ${(bytes(join(v.dir, 'dist')) / 1024).toFixed(0)} KB | ${summary(start)} | ${summary(version)} | ${summary(frame)} | ${summary(open)} |`;
});
process.stdout.write(
  [
    `${ARTICLES} synthetic articles, 100×30 pseudo-terminal, ${ROUNDS} rounds (${ROUNDS * 3} \`--version\` runs, ${ROUNDS * PRESSES} list frames per revision); Node ${process.version}.`,
    'Times in ms: median (interquartile range).',
    '',
    '| build | commit | dist/cli.js | dist/ | reader start → list | `--version` → exit | list frame (`j`) | article open (Enter) |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n'),
);
rmSync(base, { recursive: true, force: true });
