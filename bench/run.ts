// npm run bench [-- --full] [--sizes 1000,10000] [--only startup,search,body,render,memory,import] [--no-build] [--reuse-cache]
//
// Measures byline against the targets of issue 4 at 1 000 and 10 000 articles (and 100 000 with
// --full), each task in its own node process with a time limit, and writes
// bench/results/latest.md and latest.json. A task that fails or runs out of time still leaves
// one row per target: met: false, with the reason.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { failure, parseLine, machine, writeResults, type DetailEntry, type Message, type TargetEntry } from './lib/report.js';
import { declared, type TaskName } from './lib/targets.js';
import { arg, archiveDir, CACHE, flag, log, RESULTS, ROOT, SMALL, terminalEnv } from './lib/env.js';
import { ensureArchive, generatorFingerprint } from './lib/archives.js';
import { findFzf } from './lib/fzf.js';
import { startupTask } from './suites/startup.js';
import { searchTask } from './suites/search.js';
import { bodyTask } from './suites/body.js';
import { renderTask } from './suites/render.js';
import { memoryTask } from './suites/memory.js';
import { importTask } from './suites/import.js';

interface ChildSpec {
  task: TaskName;
  sizes: number[];
  budgetMs: number;
}

const TASKS: TaskName[] = ['startup', 'search', 'body', 'render', 'memory', 'import'];

// ---- a child: one task, results as prefixed lines on stdout
async function child(spec: ChildSpec): Promise<void> {
  const dirs = spec.sizes.map(archiveDir);
  const [size] = spec.sizes;
  const [dir] = dirs;
  switch (spec.task) {
    case 'startup':
      return startupTask(spec.sizes, dirs, spec.budgetMs);
    case 'search':
      return searchTask(size, dir, spec.budgetMs);
    case 'body':
      return bodyTask(size, dir, spec.budgetMs);
    case 'render':
      return renderTask(size, dir, archiveDir(SMALL));
    case 'memory':
      return memoryTask(size, dir);
    case 'import':
      return importTask(size, dir);
  }
}

// ---- the runner
interface Outcome {
  messages: Message[];
  problem?: string;
}

function runChild(spec: ChildSpec, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [...process.execArgv, process.argv[1], '--child', JSON.stringify(spec)], {
      cwd: ROOT,
      // NODE_ENV=production: react and ink stay outside the bench bundle and pick their
      // production builds from the environment, as the CLI bundle does with a define.
      env: terminalEnv({ NODE_ENV: 'production' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Terminal control sequences (Ink restoring the cursor on exit) are dropped from the log.
    createInterface({ input: proc.stderr }).on('line', (line) => {
      const clean = line.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
      if (clean.trim()) process.stderr.write(`${clean}\n`);
    });
    const messages: Message[] = [];
    createInterface({ input: proc.stdout }).on('line', (line) => {
      const m = parseLine(line);
      if (m) messages.push(m);
      else if (line.trim()) process.stderr.write(`  ${line}\n`);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
    }, timeoutMs);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      const error = messages.find((m): m is Extract<Message, { type: 'error' }> => m.type === 'error');
      let problem: string | undefined;
      if (timedOut) problem = `the ${spec.task} task ran out of time (limit ${Math.round(timeoutMs / 1000)} s)`;
      else if (error) problem = `the ${spec.task} task failed: ${error.message}`;
      else if (code !== 0) problem = `the ${spec.task} task exited with ${signal ?? `code ${code}`}${code === 134 || signal === 'SIGABRT' ? ' (out of memory?)' : ''}`;
      resolve({ messages, problem });
    });
  });
}

/** Time limits: generous, scaled by archive size; the tasks keep to smaller budgets inside. */
function limits(task: TaskName, sizes: number[]): { budgetMs: number; timeoutMs: number } {
  const k = sizes.reduce((a, s) => a + s, 0) / 1000;
  const table: Record<TaskName, [number, number, number, number]> = {
    // budget base, budget per 1k articles, timeout base, timeout per 1k articles (ms)
    startup: [20000, 400, 120000, 6000],
    search: [40000, 400, 120000, 3000],
    body: [30000, 1000, 120000, 6000],
    render: [0, 0, 120000, 2000],
    memory: [0, 0, 120000, 2000],
    import: [0, 0, 120000, 2000],
  };
  const [bb, bk, tb, tk] = table[task];
  return { budgetMs: bb + bk * k, timeoutMs: tb + tk * k };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const started = performance.now();
  const full = flag(argv, 'full');
  const sizes = (arg(argv, 'sizes')?.split(',').map(Number) ?? [1000, 10000, ...(full ? [100000] : [])]).filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
  const only = arg(argv, 'only')?.split(',') as TaskName[] | undefined;
  const tasks = TASKS.filter((t) => !only || only.includes(t));
  const largest = sizes[sizes.length - 1];
  const notes: string[] = [];
  const loadStart = loadavg()[0];
  if (!full && !arg(argv, 'sizes')) notes.push('100 000 articles were not measured: run `npm run bench -- --full` (generating that archive takes a few minutes the first time).');

  if (!flag(argv, 'no-build')) {
    log('building the CLI (npm run build)…');
    const b = spawnSync(process.execPath, ['build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) notes.push('`npm run build` failed: the pseudo-terminal measurements use whatever dist/ holds, if anything.');
  }

  mkdirSync(CACHE, { recursive: true });
  for (const entry of readdirSync(CACHE)) if (entry.startsWith('tmp-') || entry.includes('.partial-')) rmSync(join(CACHE, entry), { recursive: true, force: true });
  let fingerprint: string | undefined;
  try {
    fingerprint = await generatorFingerprint();
  } catch (error) {
    notes.push(`could not fingerprint the generator (${(error as Error).message.split('\n')[0]}): cached archives were reused as they are.`);
  }
  for (const size of [SMALL, ...sizes]) {
    const { note } = await ensureArchive(size, fingerprint, flag(argv, 'reuse-cache'));
    if (note) notes.push(`${note}.`);
  }

  if (tasks.includes('search')) {
    const fzf = findFzf(true);
    notes.push(fzf.path ? `fzf baseline: fzf ${fzf.version} (${fzf.path}), run with GOMAXPROCS=1 (single-threaded); this fzf has no --bench, so each keystroke is one fzf --filter process, and the spawn cost is not subtracted.` : fzf.missing!);
  }

  const plan: ChildSpec[] = [];
  const add = (task: TaskName, taskSizes: number[]) => tasks.includes(task) && plan.push({ task, sizes: taskSizes, budgetMs: limits(task, taskSizes).budgetMs });
  add('startup', sizes);
  for (const s of sizes) add('search', [s]);
  for (const s of sizes) add('body', [s]);
  for (const s of sizes) add('render', [s]);
  add('memory', [largest]);
  add('import', [largest]);

  const targets: TargetEntry[] = [];
  const details: DetailEntry[] = [];
  const order: string[] = [];
  for (const spec of plan) {
    const { timeoutMs } = limits(spec.task, spec.sizes);
    log(`${spec.task} at ${spec.sizes.join(', ')} articles (time limit ${Math.round(timeoutMs / 1000)} s)…`);
    const t = performance.now();
    const outcome = await runChild(spec, timeoutMs);
    log(`${spec.task} done in ${((performance.now() - t) / 1000).toFixed(1)} s${outcome.problem ? `: ${outcome.problem}` : ''}`);
    if (outcome.problem) notes.push(`${outcome.problem} (${spec.sizes.join(', ')} articles).`);
    for (const m of outcome.messages) {
      if (m.type === 'target') {
        const { type: _t, ...entry } = m;
        targets.push(entry);
      } else if (m.type === 'detail') {
        const { type: _t, ...entry } = m;
        details.push(entry);
      }
    }
    for (const d of declared(spec.task, spec.sizes)) {
      order.push(`${d.name}@${d.size}`);
      if (!targets.some((t) => t.name === d.name && t.size === d.size)) {
        targets.push({ name: d.name, size: d.size, value: null, target: d.target, unit: d.unit, met: false, note: `not measured: ${outcome.problem ?? 'the task reported nothing for it'}` });
      }
    }
  }
  const rank = (t: TargetEntry) => {
    const i = order.indexOf(`${t.name}@${t.size}`);
    return i === -1 ? order.length : i;
  };
  targets.sort((a, b) => rank(a) - rank(b));

  notes.push(`1-minute load average: ${loadStart.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end, on ${cpus().length} cores (other work on the machine inflates every time measured).`);
  const results = {
    machine: machine(),
    node: process.version,
    date: new Date().toISOString(),
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    sizes,
    durationSeconds: Math.round((performance.now() - started) / 1000),
    targets,
    details,
    notes,
  };
  writeResults(RESULTS, results);
  const met = targets.filter((t) => t.met).length;
  log(`${met}/${targets.length} targets met in ${results.durationSeconds} s; wrote ${join('bench', 'results', 'latest.md')} and latest.json`);
  if (!existsSync(join(RESULTS, 'latest.md'))) process.exitCode = 1;
}

const childIndex = process.argv.indexOf('--child');
if (childIndex !== -1) {
  const spec = JSON.parse(process.argv[childIndex + 1]) as ChildSpec;
  try {
    await child(spec);
    process.exit(0);
  } catch (error) {
    const e = error as Error;
    process.stderr.write(`[bench] ${spec.task} failed: ${e.stack ?? e.message}\n`);
    failure(e.message.split('\n')[0].slice(0, 300));
    process.exit(1);
  }
} else {
  await main();
}
