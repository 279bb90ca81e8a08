// Synthetic archives cached under bench/cache/ (git-ignored): generated once, reused while
// index.json exists and the code that wrote them is unchanged. A stamp beside each archive
// holds a hash of every source file the generator bundles (bench/synthetic.ts, the store, the
// body index writer…), so an archive written by older store code (say, before the store began
// writing a body index at import) is regenerated instead of measured. --reuse-cache skips that check.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateArchive } from '../generate.js';
import { archiveDir, log, ROOT } from './env.js';

export async function generatorFingerprint(): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, 'bench', 'generate.ts')],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: join(ROOT, 'bench', '.build', 'fingerprint'),
    logLevel: 'silent',
  });
  const hash = createHash('sha256');
  for (const file of Object.keys(result.metafile.inputs).sort()) {
    hash.update(file);
    hash.update(readFileSync(join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

const stampPath = (size: number) => `${archiveDir(size)}.stamp`;

export async function ensureArchive(size: number, fingerprint: string | undefined, reuseAny: boolean): Promise<{ dir: string; note?: string }> {
  const dir = archiveDir(size);
  const stamp = existsSync(stampPath(size)) ? readFileSync(stampPath(size), 'utf8').trim() : undefined;
  if (existsSync(join(dir, 'index.json'))) {
    if (reuseAny || !fingerprint || stamp === fingerprint) return { dir };
    log(`bench/cache/archive-${size} was written by other generator or store code (${stamp ? `stamp ${stamp}` : 'no stamp'}, now ${fingerprint}): regenerating`);
  }
  // Generated beside the final name and renamed when complete, so an interrupted run is never reused.
  const partial = `${dir}.partial-${process.pid}`;
  log(`generating a ${size}-article archive in ${dir} (roughly 1.5–5 s per 1 000 articles)…`);
  const started = performance.now();
  await generateArchive(size, partial);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  if (fingerprint) writeFileSync(stampPath(size), `${fingerprint}\n`);
  const seconds = (performance.now() - started) / 1000;
  log(`generated ${size} articles in ${seconds.toFixed(1)} s`);
  return { dir, note: `generated the ${size}-article archive in ${seconds.toFixed(0)} s` };
}
