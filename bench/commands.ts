// npm run bench:commands -- --archive DIR [--before-bin PATH --before-archive DIR] [--runs 15] [--out FILE] [--no-rg] [--no-fzf]
//
// Commands as a user meets them: each run is a whole, fresh `node bin/byline.js …` process
// (nothing warmed up in it, no GC forced, no pause), timed from spawn to exit — or, for
// `list | head`, to its first line — side by side in the same rounds with `node -e 0`,
// `fzf --filter` over the titles and `rg` over an export with bodies, when installed.
// The page cache stays warm, as it is for a user who ran byline a moment ago. With
// --before-bin/--before-archive the previous build on its own archive runs in the same
// rounds, so "before" and "after" share the machine's moment.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';
import { median, percentile } from './lib/stats.js';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}

const ROOT = process.cwd();
const archive = arg('archive')!;
const beforeBin = arg('before-bin');
const beforeArchive = arg('before-archive');
const runs = Number(arg('runs', '15'));
const out = arg('out', 'bench/results/commands.md')!;
const BIN = join(ROOT, 'bin', 'byline.js');
const env = { ...process.env, NO_COLOR: '1', BYLINE_STATE: '/dev/null' };
delete (env as Record<string, string | undefined>).BYLINE_ARCHIVE;

const which = (cmd: string) => !process.argv.includes(`--no-${cmd}`) && spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** CPU seconds (user + system) of the last process run under /usr/bin/time, in ms: on a
 * shared, loaded machine the wall time swings with the neighbours; the CPU time much less. */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const cpuFile = join(tmpdir(), `byline-bench-cpu-${process.pid}`);
const cpu = new Map<string, number[]>();
const lastCpu = () => {
  const [user, system] = readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return (user + system) * 1000;
};

/** Wall time of a whole process, spawn to exit (or to its first line of output). */
function timed(cmd: string, args: readonly string[], { firstLine = false, input }: { firstLine?: boolean; input?: string } = {}): Promise<number> {
  // To its exit: under /usr/bin/time, for the CPU time too (its own start is a few ms).
  if (TIME && !firstLine) [cmd, args] = [TIME, ['-f', '%U %S', '-o', cpuFile, cmd, ...args]];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, [...args], { env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'ignore'] });
    if (input !== undefined) child.stdin!.end(input);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(Number(process.hrtime.bigint() - started) / 1e6);
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      if (firstLine && chunk.includes(10)) {
        finish();
        child.stdout!.destroy(); // as `head -1` closes the pipe
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (!done && code !== 0 && !firstLine) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`));
      finish();
    });
  });
}

const byline = (bin: string, dir: string, args: string[]) => [process.execPath, [bin, ...args, '--archive', dir]] as const;
const ids = (dir: string) => {
  const r = spawnSync(process.execPath, [BIN, 'list', '--limit', '1000000', '--archive', dir], { env, maxBuffer: 1 << 30 });
  return r.stdout.toString().split('\n').filter(Boolean).map((l) => l.split('\t'));
};

const rows = ids(archive);
const pick = (i: number) => rows[Math.floor((i * 7919) % rows.length)][0];
const titles = rows.map((r) => r[1]).join('\n') + '\n';
const query = (rows[Math.floor(rows.length / 3)][1].split(' ').find((w) => w.length > 5) ?? 'story').toLowerCase();

// An export with bodies, for rg: what a user would search without byline.
const exportDir = join(archive, '..', `${archive.split('/').pop()}-export`);
if (which('rg') && !existsSync(exportDir)) spawnSync(process.execPath, [BIN, 'export', '--format', 'markdown', '--out', exportDir, '--archive', archive], { env, stdio: 'ignore' });

type Case = { name: string; run: (i: number) => Promise<number> };
const cases: Case[] = [{ name: 'node -e 0', run: () => timed(process.execPath, ['-e', '0']) }];
const sides: [string, string, string][] = [['after', BIN, archive]];
if (beforeBin && beforeArchive) sides.unshift(['before', beforeBin, beforeArchive]);
for (const [side, bin, dir] of sides) {
  cases.push({ name: `byline read ID (${side})`, run: (i) => timed(...byline(bin, dir, ['read', pick(i)])) });
  cases.push({ name: `byline list \\| head -1, to the first line (${side})`, run: () => timed(...byline(bin, dir, ['list']), { firstLine: true }) });
  cases.push({ name: `byline search Q --json (top 20) (${side})`, run: () => timed(...byline(bin, dir, ['search', query, '--json', '--limit', '20'])) });
}
if (which('fzf')) cases.push({ name: 'fzf --filter Q over the titles', run: () => timed('fzf', ['--filter', query], { input: titles }) });
if (which('rg')) cases.push({ name: 'rg -l Q over an export with bodies', run: () => timed('rg', ['-l', '-i', query, exportDir]) });

const loadStart = loadavg().map((l) => l.toFixed(1)).join(' ');
const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let round = 0; round < runs; round++) {
  for (const c of cases) {
    samples.get(c.name)!.push(await c.run(round));
    if (TIME && !c.name.includes('first line')) cpu.set(c.name, [...(cpu.get(c.name) ?? []), lastCpu()]);
  }
  process.stderr.write(`round ${round + 1}/${runs}\r`);
}

const base = median(samples.get('node -e 0')!);
const fmt = (x: number) => x.toFixed(0);
const table = [
  '| what | wall median ms | p25–p75 | min–max | × node -e 0 (wall medians) | CPU median ms | × node -e 0 (CPU) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...cases.map((c) => {
    const s = samples.get(c.name)!;
    const t = cpu.get(c.name);
    const cpuCells = t ? `${fmt(median(t))} | ${(median(t) / median(cpu.get('node -e 0')!)).toFixed(2)}` : '– | –';
    return `| ${c.name} | ${fmt(median(s))} | ${fmt(percentile(s, 25))}–${fmt(percentile(s, 75))} | ${fmt(Math.min(...s))}–${fmt(Math.max(...s))} | ${(median(s) / base).toFixed(2)} | ${cpuCells} |`;
  }),
];
const size = (dir: string) => (existsSync(join(dir, 'index.json')) ? `${(readFileSync(join(dir, 'index.json')).length / 2 ** 20).toFixed(1)} MB index.json` : '');
const text = [
  `# byline commands, whole processes (${new Date().toISOString()})`,
  '',
  `${rows.length} articles (${size(archive)}); ${runs} rounds, every case once per round, in turn; ${cpus().length} × ${cpus()[0]?.model ?? '?'}; Node ${process.version}; load average ${loadStart} at the start, ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end.`,
  'CPU: user + system time of the process (/usr/bin/time, 10 ms resolution); the wall time swings with whatever else the machine runs.',
  `Query: "${query}". read ID: a different id each round. Times are spawn to exit (list: spawn to the first line on stdout). Page cache warm; each process fresh.`,
  beforeBin ? `before: ${beforeBin} on ${beforeArchive} (${size(beforeArchive!)}); after: this build on ${archive}.` : '',
  '',
  ...table,
  '',
].join('\n');
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(out, text);
process.stdout.write(text);
