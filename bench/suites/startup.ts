// Cold start to first frame: the built CLI in a pseudo-terminal, against two baselines measured
// the same way in the same run:
//   T_hello  spawn → first frame of a bundled Ink "hello" app (bench/fixtures/hello.tsx);
//   T_meta   (spawn → exit-marker of `node -e` that reads + JSON.parses the archive's index.json)
//            − (spawn → exit-marker of `node -e` that only prints the marker): the cost of reading
//            the metadata on top of starting node, which T_hello already contains.
// Target: T_cli ≤ 1.25 × (T_hello + T_meta) at every size; and T_cli(N) − T_cli(1000) ≤ 1.2 × T_meta(N).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { detail, target } from '../lib/report.js';
import { T } from '../lib/targets.js';
import { median } from '../lib/stats.js';
import { BIN, log, tempStateFile } from '../lib/env.js';
import { timeToText } from '../lib/pty.js';
import { buildHello } from '../lib/bundle.js';

const MARKER = 'BENCH-MARK-DONE';
const EMPTY = `process.stdout.write('BENCH-MARK-' + 'DONE\\n')`;
const READ = `const fs = require('node:fs'); JSON.parse(fs.readFileSync(process.env.BENCH_INDEX, 'utf8')); process.stdout.write('BENCH-MARK-' + 'DONE\\n')`;

export async function startupTask(sizes: number[], dirs: string[], budgetMs: number): Promise<void> {
  const node = process.execPath;
  let hello: string | undefined;
  let helloError = '';
  try {
    hello = await buildHello();
  } catch (error) {
    helloError = `could not bundle the hello fixture: ${(error as Error).message.split('\n')[0]}`;
  }
  const built = existsSync(join(process.cwd(), 'dist', 'cli.js'));
  const startByFirst = new Map<number, number>();
  const perSize = budgetMs / sizes.length;

  for (let s = 0; s < sizes.length; s++) {
    const size = sizes[s];
    const dir = dirs[s];
    const index = join(dir, 'index.json');
    const samples = { hello: [] as number[], empty: [] as number[], meta: [] as number[], cli: [] as number[] };
    const errors: string[] = [];
    const started = performance.now();
    const once = async (key: keyof typeof samples, run: () => Promise<number>, record: boolean) => {
      try {
        const ms = await run();
        if (record) samples[key].push(ms);
      } catch (error) {
        if (errors.length < 3) errors.push(`${key}: ${(error as Error).message.slice(0, 300)}`);
      }
    };
    // Round 0 warms the file cache and is not recorded; then 9 rounds (at least 3), interleaved:
    // on a small shared machine single start-ups swing by ±15 %, and the medians need the numbers.
    for (let round = 0; round <= 9; round++) {
      const record = round > 0;
      if (hello) await once('hello', () => timeToText(node, [hello!], 'hello from ink'), record);
      // The two node -e baselines are cheap and their difference is small: 3 samples each a round.
      for (let i = 0; i < 3; i++) {
        await once('empty', () => timeToText(node, ['-e', EMPTY], MARKER), record);
        await once('meta', () => timeToText(node, ['-e', READ], MARKER, { BENCH_INDEX: index }), record);
      }
      if (built) await once('cli', () => timeToText(node, [BIN, '--archive', dir], 'unread', { BYLINE_STATE: tempStateFile() }, 120000), record);
      if (round >= 3 && performance.now() - started > perSize) break;
    }
    const tHello = median(samples.hello);
    const tEmpty = median(samples.empty);
    const tMetaRaw = median(samples.meta);
    const tMeta = Math.max(0, tMetaRaw - tEmpty);
    const tCli = median(samples.cli);
    const limit = 1.25 * (tHello + tMeta);
    const indexMB = statSync(index).size / 2 ** 20;
    const why = !built ? 'dist/cli.js is missing (npm run build failed?)' : !hello ? helloError : '';
    const note = why || `T_hello ${tHello.toFixed(0)} ms + T_meta ${tMeta.toFixed(0)} ms (index.json ${indexMB.toFixed(1)} MB: read+parse process ${tMetaRaw.toFixed(0)} ms − bare node ${tEmpty.toFixed(0)} ms); ${samples.cli.length} runs${errors.length ? `; errors: ${errors.join('; ')}` : ''}`;
    target(T.coldStart, size, samples.cli.length ? tCli : null, samples.hello.length ? limit : null, 'ms', 'lower', note);
    detail('T_hello: bundled Ink hello app, first frame', size, tHello, 'ms', `${samples.hello.length} runs`);
    detail('T_meta: read + JSON.parse index.json (net of node start)', size, tMeta, 'ms', `index.json ${indexMB.toFixed(1)} MB`);
    detail('bare node start to output (node -e)', size, tEmpty, 'ms');
    log(`startup ${size}: cli ${tCli.toFixed(0)} ms, hello ${tHello.toFixed(0)} ms, meta ${tMeta.toFixed(0)} ms${errors.length ? `; errors: ${errors.join('; ')}` : ''}`);
    if (samples.cli.length) startByFirst.set(size, tCli);
    if (s > 0 && sizes[0] === 1000) {
      const base = startByFirst.get(1000);
      const value = base !== undefined && samples.cli.length ? tCli - base : null;
      target(T.coldGrowth, size, value, samples.meta.length ? 1.2 * tMeta : null, 'ms', 'lower', `T_cli(${size}) − T_cli(1000), against 1.2 × T_meta(${size})`);
    }
  }
}
