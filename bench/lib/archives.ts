// Synthetic archives cached under bench/cache/ (git-ignored): generated once, reused while index.json exists.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateArchive } from '../generate.js';
import { archiveDir, log } from './env.js';

export async function ensureArchive(size: number): Promise<string> {
  const dir = archiveDir(size);
  if (existsSync(join(dir, 'index.json'))) return dir;
  // Generated beside the final name and renamed when complete, so an interrupted run is never reused.
  const partial = `${dir}.partial`;
  log(`generating a ${size}-article archive in ${dir} (about ${Math.max(1, Math.round((size / 1000) * 1.5))} s)…`);
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  await generateArchive(size, partial);
  renameSync(partial, dir);
  log(`generated ${size} articles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}
