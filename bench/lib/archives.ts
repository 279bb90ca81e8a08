// Synthetic archives cached under the cache folder: made once by `byline import` of the
// page-dump files (bench/lib/corpus.ts), reused while the code that wrote them is unchanged.
// A stamp beside each archive holds a hash of the generator and of every file under src/
// outside the reader (the store, the importer, the word index…), so an archive written by
// older store code is made again instead of measured. --reuse-cache skips that check.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureCorpus } from './corpus.js';
import { archiveDir, BIN, CACHE, log, ROOT, userEnv } from './env.js';

/** Folders of page dumps given to one `byline import` while an archive is made: 10 000 files,
 * so the machine (shared with other work) never holds a whole 100 000-article import. */
const FOLDERS_PER_IMPORT = 10;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

export function generatorFingerprint(): string {
  const hash = createHash('sha256');
  const files = [
    ...filesUnder(join(ROOT, 'src')).filter((f) => !f.includes(`${join('src', 'tui')}`)),
    ...['synthetic.ts', 'lib/corpus.ts'].map((f) => join(ROOT, 'bench', f)),
  ].sort();
  for (const file of files) {
    hash.update(relative(ROOT, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

const stampPath = (size: number) => `${archiveDir(size)}.stamp`;

/** `byline import` of the corpus folders into dir, in steps; throws with byline's message on failure. */
export function importThroughCli(folders: string[], dir: string): void {
  for (let i = 0; i < folders.length; i += FOLDERS_PER_IMPORT) {
    const chunk = folders.slice(i, i + FOLDERS_PER_IMPORT);
    const started = performance.now();
    const r = spawnSync(process.execPath, [BIN, 'import', ...chunk, '--archive', dir], {
      env: userEnv(),
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (r.status !== 0 || r.signal)
      throw new Error(
        `byline import failed (${r.signal ?? `exit ${r.status}`}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' / ')}`,
      );
    log(
      `  imported folders ${i + 1}–${i + chunk.length} of ${folders.length} in ${((performance.now() - started) / 1000).toFixed(0)} s: ${r.stdout.trim().split('\n').at(-1)}`,
    );
  }
}

export function ensureArchive(size: number, reuseAny: boolean): { dir: string; note?: string } {
  const dir = archiveDir(size);
  const fingerprint = generatorFingerprint();
  const stamp = existsSync(stampPath(size)) ? readFileSync(stampPath(size), 'utf8').trim() : undefined;
  if (existsSync(join(dir, 'index.json'))) {
    if (reuseAny || stamp === fingerprint) return { dir };
    log(
      `${dir} was written by other generator or store code (${stamp ? `stamp ${stamp}` : 'no stamp'}, now ${fingerprint}): making it again`,
    );
  }
  const folders = ensureCorpus(size);
  // Made beside the final name and renamed when complete, so an interrupted run is never reused.
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  log(`importing ${size} page dumps into ${dir} with byline import (${FOLDERS_PER_IMPORT * 1000} files per import)…`);
  const started = performance.now();
  importThroughCli(folders, partial);
  if (!existsSync(join(partial, 'index.json'))) throw new Error(`byline import left no index.json in ${partial}`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  writeFileSync(stampPath(size), `${fingerprint}\n`);
  const seconds = (performance.now() - started) / 1000;
  log(`made the ${size}-article archive in ${seconds.toFixed(0)} s`);
  return { dir, note: `made the ${size}-article archive by importing its page dumps in ${seconds.toFixed(0)} s` };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Removes what an interrupted run left in the cache: partial archives and temporary copies
 * whose process (the number in their name) is gone; another bench running now keeps its own. */
export function cleanCache(): void {
  const stale = (name: string) => {
    const pid = Number(name.match(/(?:\.partial-|^tmp-)(\d+)/)?.[1]);
    return Number.isInteger(pid) && pid > 0 && !alive(pid);
  };
  for (const dir of [CACHE, join(CACHE, 'corpus')]) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir)) if (stale(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
  }
}

/** A temporary folder in the cache, named for this process so cleanCache knows it. */
export const tempDir = (what: string) => mkdtempSync(join(CACHE, `tmp-${process.pid}-${what}-`));

export const bytes = (file: string) => (existsSync(file) ? statSync(file).size : 0);
