// Peak RSS of the reader: the built CLI in a pseudo-terminal over the largest archive; search,
// open an article, and read VmHWM (the kernel's high-water mark) before quitting.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { detail, target } from '../lib/report.js';
import { T } from '../lib/targets.js';
import { BIN, log, sleep, tempStateFile } from '../lib/env.js';
import { memoryOf, spawnPty } from '../lib/pty.js';

export async function memoryTask(size: number, dir: string): Promise<void> {
  if (!existsSync(join(process.cwd(), 'dist', 'cli.js'))) {
    target(T.rss, size, null, 300, 'MB', 'lower', 'dist/cli.js is missing (npm run build failed?)');
    return;
  }
  const run = spawnPty(process.execPath, [BIN, '--archive', dir], { BYLINE_STATE: tempStateFile() });
  const steps: string[] = [];
  let peak = 0;
  const sample = () => {
    const m = memoryOf(run.pid);
    if (m && Number.isFinite(m.peakMB)) peak = Math.max(peak, m.peakMB);
    return m;
  };
  const sampler = setInterval(sample, 50);
  try {
    await run.waitFor('unread', 120000);
    const afterStart = sample();
    if (afterStart) detail('reader RSS after the first frame', size, afterStart.rssMB, 'MB');
    steps.push('first frame');
    let from = run.output().length;
    run.write('/');
    await run.waitFor('/', 30000, from);
    await sleep(100);
    for (const ch of 'police') {
      from = run.output().length;
      run.write(ch);
      await sleep(60);
    }
    await run.waitFor(/police[\s\S]*(hits? · Enter open|No matches)/, 60000, from);
    await sleep(300);
    steps.push('searched "police"');
    from = run.output().length;
    run.write('\r');
    await run.waitFor(/page \d+\/\d+/, 60000, from);
    steps.push('opened the first hit');
    await sleep(300);
    run.write(' ');
    await sleep(300);
    sample();
  } catch (error) {
    steps.push(`stopped: ${(error as Error).message.slice(0, 200)}`);
  } finally {
    clearInterval(sampler);
    sample();
    run.write('q');
    await sleep(200);
    await run.stop();
  }
  const note = `VmHWM of the reader process (built CLI in a 100×30 pty), sampled every 50 ms and after: ${steps.join(' → ')}`;
  target(T.rss, size, peak || null, 300, 'MB', 'lower', note);
  log(`memory ${size}: peak ${peak.toFixed(0)} MB (${steps.join(' → ')})`);
}
