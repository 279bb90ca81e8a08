// After a commit, what index.json no longer names goes: replaced bodies, old segments and
// derived files, and whatever a write that stopped part way left (its marker says so).
import { closeSync, existsSync, openSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../jsonfile.js';
import { indexPath } from '../index-path.js';
import { rawArticleLines, readIndexHeader } from '../index-lines.js';
import { removeUnnamedSegments } from '../segment-store.js';
import { SPILL_FILE } from '../changed-articles.js';
import { BODY_FILE, CATALOG_FILE, KEYS_FILE, LOOKUP_FILE, type Index } from '../../model/schema.js';

/** In the archive folder while a write is under way (see markWriting). */
export const WRITING_MARKER = '.writing';

/** The marker of a write under way (in the archive folder, which is small to list): a write
 * that finds one left behind knows one stopped part way, and sweeps all of articles/ — a
 * listing of 100 000 files that a write otherwise does without. Returns whether there was one. */
export async function markWriting(dir: string): Promise<boolean> {
  const marker = join(dir, WRITING_MARKER);
  const stopped = existsSync(marker);
  if (!stopped) await writeFileAtomic(marker, `${process.pid}\n`);
  return stopped;
}

/** Removes, under the lock, the files of ours that index.json does not name: those a commit
 * replaced (`replaced`, body files), and with `all`, those a write that stopped half way
 * left behind (a big archive's articles/ is listed only then: a small one's always). A
 * failure here loses nothing: the marker stays, and the next write sweeps everything. */
export async function sweep(dir: string, committed: () => Index, replaced: readonly string[] = [], all = true): Promise<void> {
  try {
    const fd = openSync(indexPath(dir), 'r');
    try {
      const big = readIndexHeader(fd);
      if (big) {
        // A big index is not held: what it names is read from its header and, only when
        // articles/ holds other files than one per article, from its lines.
        if (big.header.segments) await removeUnnamedSegments(dir, big.header.segments);
        await removeUnnamedRootFiles(dir, [big.header.lookup, big.header.keys, big.header.catalog]);
        for (const f of replaced) await rm(join(dir, 'articles', f), { force: true });
        if (all) await removeUnnamedBodiesOfLines(dir, fd, big.end);
        await rm(join(dir, WRITING_MARKER), { force: true });
        return;
      }
    } finally {
      closeSync(fd);
    }
    const index = committed();
    if (index.segments) await removeUnnamedSegments(dir, index.segments);
    await removeUnnamedBodies(dir, index);
    await removeUnnamedRootFiles(dir, [index.lookup, index.keys, index.catalog]);
    await rm(join(dir, WRITING_MARKER), { force: true });
  } catch {
    // left for the next write
  }
}

/** Old lookups and match keys, and temp files of index.json and of them. */
async function removeUnnamedRootFiles(dir: string, named: (string | undefined)[]): Promise<void> {
  const stale = (f: string) =>
    ((LOOKUP_FILE.test(f) || KEYS_FILE.test(f) || CATALOG_FILE.test(f)) && !named.includes(f)) ||
    /^\.index\.(?:[0-9a-f]{16}\.(?:ids|keys|catalog)|json)\.tmp-/.test(f) ||
    // the temp file of a write marker whose write was killed before its rename
    f.startsWith(`.${WRITING_MARKER}.tmp-`) ||
    SPILL_FILE.test(f);
  for (const f of readdirSync(dir)) if (stale(f)) await rm(join(dir, f), { force: true });
}

async function removeUnnamedBodies(dir: string, index: Index): Promise<void> {
  const folder = join(dir, 'articles');
  if (!existsSync(folder)) return;
  const named = new Set(index.articles.map((a) => a.bodyFile));
  // Any other file a person put in the folder stays.
  const stale = (f: string) => !named.has(f) && (BODY_FILE.test(f) || /^\..+\.json\.tmp-/.test(f));
  for (const f of readdirSync(folder)) if (stale(f)) await rm(join(folder, f), { force: true });
}

/** The same for a big index: the names are read from its lines. */
async function removeUnnamedBodiesOfLines(dir: string, fd: number, start: number): Promise<void> {
  const folder = join(dir, 'articles');
  if (!existsSync(folder)) return;
  const files = readdirSync(folder);
  const temp = (f: string) => /^\..+\.json\.tmp-/.test(f);
  const named = new Set<string>();
  for (const line of rawArticleLines(fd, start)) {
    const file = /"bodyFile":"([^"\\]+)"/.exec(line)?.[1];
    if (file) named.add(file);
  }
  const stale = (f: string) => !named.has(f) && (BODY_FILE.test(f) || temp(f));
  for (const f of files) if (stale(f)) await rm(join(folder, f), { force: true });
}
