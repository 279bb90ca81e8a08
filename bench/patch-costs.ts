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
// and the size of dist/cli.js and of all of dist/. Each is timed twice: wall-clock, and as CPU
// time — of the reader's main thread (Linux /proc/PID/task/PID/schedstat, where JavaScript
// runs), and of the whole `--version` process (bash's `time`). On a machine shared with other
// work the wall-clock figures swing with the load; CPU time much less, so the comparison rests
// on it. Figures: median and interquartile range.
// Written for issue 13 (bench/results/patches.md): one revision per removed build patch.
import pty from '@lydell/node-pty';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureArchive } from './lib/archives.js';

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
const summary = (xs: number[]) =>
  xs.length ? `${percentile(xs, 50).toFixed(1)} (${percentile(xs, 25).toFixed(1)}–${percentile(xs, 75).toFixed(1)})` : 'n/a';
const env = (extra: Record<string, string>) => {
  const out: Record<string, string> = { TERM: 'xterm-256color' };
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI' && k !== 'NODE_ENV') out[k] = v;
  return { ...out, ...extra };
};
const stateFile = () => join(mkdtempSync(join(tmpdir(), 'byline-patch-state-')), 'state.json');

const MEASURES = ['start', 'startCpu', 'version', 'versionCpu', 'frame', 'frameCpu', 'open', 'openCpu'] as const;
type Measure = (typeof MEASURES)[number];

/** CPU time the thread has run, in ms (Linux: the first field of schedstat is nanoseconds). */
function threadCpuMs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}

interface Variant {
  rev: string;
  label: string;
  dir: string;
  samples: Record<Measure, number[]>;
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
  return { rev: sha, label, dir, samples: Object.fromEntries(MEASURES.map((m) => [m, []])) as unknown as Record<Measure, number[]> };
}

function bytes(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).size;
  return readdirSync(path).reduce((n, name) => n + bytes(join(path, name)), 0);
}

/** Until `test` holds for the output written after `from`; resolves with the time it did. */
function waitFor(
  read: () => string,
  subscribe: (f: () => void) => () => void,
  test: (s: string) => boolean,
  timeoutMs = 30000,
): Promise<number> {
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
  const term = pty.spawn(process.execPath, [join(v.dir, 'bin', 'byline.js'), '--archive', archive], {
    name: 'xterm-256color',
    cols: 100,
    rows: 30,
    cwd: v.dir,
    env: env({ BYLINE_STATE: stateFile() }),
  });
  let output = '';
  const listeners = new Set<() => void>();
  term.onData((d) => {
    output += d;
    for (const l of [...listeners]) l();
  });
  const subscribe = (f: () => void) => (listeners.add(f), () => void listeners.delete(f));
  const after = (from: number, text: string | RegExp) =>
    waitFor(
      () => output.slice(from),
      subscribe,
      (s) => (typeof text === 'string' ? s.includes(text) : text.test(s)),
    );
  const cpu = () => threadCpuMs(term.pid);
  /** Writes the key; records the wall-clock and main-thread CPU time until `text` is drawn. */
  const press = async (key: string, text: string | RegExp, wall: Measure, onCpu: Measure) => {
    const from = output.length;
    const cpuBefore = cpu();
    const pressed = performance.now();
    term.write(key);
    const drawn = await after(from, text);
    const cpuAfter = cpu();
    if (record) v.samples[wall].push(drawn - pressed);
    if (record) v.samples[onCpu].push(cpuAfter - cpuBefore);
  };
  try {
    const shown = await after(0, 'unread');
    const startCpu = cpu();
    if (record) v.samples.start.push(shown - started);
    if (record) v.samples.startCpu.push(startCpu);
    await sleep(300);
    for (let i = 0; i < PRESSES; i++) {
      await press('j', `${i + 2}/${ARTICLES} `, 'frame', 'frameCpu');
      await sleep(KEY_GAP_MS);
    }
    await press('\r', /page 1\/\d+/, 'open', 'openCpu');
  } finally {
    term.kill();
  }
}

/** `byline --version` under bash's `time`: wall-clock here, user + system CPU from bash. */
function versionRound(v: Variant, record: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = `TIMEFORMAT='%3U %3S'; time '${process.execPath}' '${join(v.dir, 'bin', 'byline.js')}' --version > /dev/null`;
    const started = performance.now();
    const child = spawn('bash', ['-c', script], { cwd: v.dir, env: env({}), stdio: ['ignore', 'ignore', 'pipe'] });
    let times = '';
    child.stderr.on('data', (d: Buffer) => (times += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ended = performance.now();
      const [user, system] = times.trim().split(/\s+/).map(Number);
      if (code !== 0 || !Number.isFinite(user + system)) return reject(new Error(`${v.label}: --version exited with ${code}: ${times}`));
      if (record) v.samples.version.push(ended - started);
      if (record) v.samples.versionCpu.push((user + system) * 1000);
      resolve();
    });
  });
}

const base = mkdtempSync(join(tmpdir(), 'byline-patch-costs-'));
const archive = ensureArchive(ARTICLES, true).dir;
const variants = revisions.map((r) => exportAndBuild(r, base));

// Round 0 warms the file cache and Node's compile cache of each bundle; it is not recorded.
for (let round = 0; round <= ROUNDS; round++) {
  process.stderr.write(`round ${round}/${ROUNDS}\n`);
  for (const v of variants) {
    for (let i = 0; i < 3; i++) await versionRound(v, round > 0);
    await readerRound(v, archive, round > 0);
  }
}

const sizes = (v: Variant) =>
  `${(bytes(join(v.dir, 'dist', 'cli.js')) / 1024).toFixed(0)} KB | ${(bytes(join(v.dir, 'dist')) / 1024).toFixed(0)} KB`;
const table = (title: string, measures: Measure[], withSizes: boolean) => [
  `**${title}**`,
  '',
  `| build | commit |${withSizes ? ' dist/cli.js | dist/ |' : ''} reader start → list | \`--version\` → exit | list frame (\`j\`) | article open (Enter) |`,
  `|---|---|${withSizes ? '---|---|' : ''}---|---|---|---|`,
  ...variants.map(
    (v) => `| ${v.label} | \`${v.rev}\` |${withSizes ? ` ${sizes(v)} |` : ''} ${measures.map((m) => summary(v.samples[m])).join(' | ')} |`,
  ),
  '',
];
process.stdout.write(
  [
    `${ARTICLES} synthetic articles, 100×30 pseudo-terminal, ${ROUNDS} rounds (${ROUNDS * 3} \`--version\` runs, ${ROUNDS * PRESSES} list frames per revision); Node ${process.version}; load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores.`,
    'Times in ms: median (interquartile range).',
    '',
    ...table('CPU time (reader: its main thread; `--version`: the whole process)', ['startCpu', 'versionCpu', 'frameCpu', 'openCpu'], true),
    ...table('Wall-clock time', ['start', 'version', 'frame', 'open'], false),
  ].join('\n'),
);
rmSync(base, { recursive: true, force: true });
