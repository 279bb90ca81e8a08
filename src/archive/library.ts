// Which archive a command uses. --archive or BYLINE_ARCHIVE name one; otherwise it is the
// user's library, `$XDG_DATA_HOME/byline/library`. Until the library exists, reads use the
// bundled Protocol archive, which is never written: the first write makes the library as a
// copy of it, so nothing the user has seen disappears.
import { existsSync } from 'node:fs';
import { chmod, cp, lstat, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import envPaths from 'env-paths';
import { BylineError } from '../model/errors.js';
import { indexPath } from './index-path.js';
import type { Archive } from './store.js';

/** The store is loaded when an archive is opened: choosing one (and `list | head`, which
 * streams index.json itself) does without it. */
const store = () => import('./store.js');

export type ArchiveSource = 'flag' | 'env' | 'library' | 'bundled';

export interface ArchiveChoice {
  /** Where reads go. */
  dir: string;
  /** Where writes go: `dir`, except before the library exists (reads then use the bundled archive). */
  writeDir: string;
  source: ArchiveSource;
}

export interface OpenOptions {
  /** Make the archive if it is missing (an import). */
  create?: boolean;
  /** The command changes the archive: it must never be the bundled one. */
  write?: boolean;
  /** For reading only, without leads in memory (see Archive.open). */
  lean?: boolean;
  /** An import reads index.json under its lock: not also on open (see Archive.open). */
  deferRead?: boolean;
  /** Only this article id is wanted: read just it when the index allows (see Archive.open). */
  only?: string;
}

export function libraryDir(env: NodeJS.ProcessEnv = process.env): string {
  const data = env.XDG_DATA_HOME ? join(env.XDG_DATA_HOME, 'byline') : envPaths('byline', { suffix: '' }).data;
  return join(data, 'library');
}

/** A library is there once its index is: a bare folder may be one a person made by hand. */
const libraryExists = (library: string) => existsSync(indexPath(library));

export function chooseArchive({ flag, env, bundled }: { flag?: string; env: NodeJS.ProcessEnv; bundled: string }): ArchiveChoice {
  if (flag !== undefined) return { dir: flag, writeDir: flag, source: 'flag' };
  if (env.BYLINE_ARCHIVE) return { dir: env.BYLINE_ARCHIVE, writeDir: env.BYLINE_ARCHIVE, source: 'env' };
  const library = libraryDir(env);
  return libraryExists(library)
    ? { dir: library, writeDir: library, source: 'library' }
    : { dir: bundled, writeDir: library, source: 'bundled' };
}

const TEMP_PREFIX = '.library-';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A byline killed while copying leaves its temp folder behind: harmless, but not forever. */
async function removeDeadTemps(parent: string): Promise<void> {
  for (const name of await readdir(parent)) {
    const pid = Number(name.startsWith(TEMP_PREFIX) ? name.slice(TEMP_PREFIX.length).split('-')[0] : NaN);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isAlive(pid))
      await rm(join(parent, name), { recursive: true, force: true });
  }
}

/** An installed package may be read-only, and a copy keeps the modes: the library must be writable. */
async function makeWritable(path: string): Promise<void> {
  const stat = await lstat(path);
  if (stat.isSymbolicLink()) return;
  await chmod(path, (stat.mode & 0o7777) | (stat.isDirectory() ? 0o700 : 0o600));
  if (stat.isDirectory()) for (const name of await readdir(path)) await makeWritable(join(path, name));
}

/** A lock or temp file of a writer is not part of an archive. */
const partOfArchive = (root: string) => (src: string) => {
  if (resolve(src) === resolve(root)) return true;
  const name = basename(src);
  return !name.startsWith('.') && !name.endsWith('.lock');
};

/**
 * Makes the library a copy of the bundled archive, unless it exists. The copy is made in a
 * temp folder beside the library (the same file system) and renamed into place, so the
 * library appears whole or not at all; of several bylines doing this at once, one rename
 * wins and the others find the library made. True when this call made it.
 */
export async function createLibrary(library: string, bundled: string): Promise<boolean> {
  // Without a bundled archive (a stripped install) the library starts empty: the store makes it.
  if (libraryExists(library) || !existsSync(indexPath(bundled))) return false;
  const parent = dirname(library);
  let temp: string | undefined;
  try {
    await mkdir(parent, { recursive: true });
    await removeDeadTemps(parent);
    temp = await mkdtemp(join(parent, `${TEMP_PREFIX}${process.pid}-`));
    await cp(bundled, temp, { recursive: true, filter: partOfArchive(bundled) });
    await makeWritable(temp);
    try {
      await rename(temp, library);
      temp = undefined;
      return true;
    } catch (error) {
      // Another byline renamed its copy first (the folder is not empty now): theirs is as good.
      if (existsSync(library)) return false;
      throw error;
    }
  } catch (error) {
    const reason = ((error as Error).message ?? String(error)).replace(/\s+/g, ' ');
    throw new BylineError(`cannot create the library ${library}: ${reason}`, 1);
  } finally {
    if (temp) await rm(temp, { recursive: true, force: true });
  }
}

/** Opens the chosen archive. A write before the library exists makes it first (and says so
 * through `notice`), so the bundled archive is only ever read. */
export function openerFor(choice: ArchiveChoice, bundled: string, notice: (text: string) => void) {
  return async ({ create = false, write = false, lean = false, deferRead = false, only }: OpenOptions = {}): Promise<Archive> => {
    const { Archive } = await store();
    if (choice.source !== 'bundled') {
      return Archive.open(choice.dir, { create, lean, deferRead, only });
    }
    if (!(create || write)) {
      // The store's own message would suggest importing into the package's folder.
      if (!existsSync(indexPath(bundled)))
        throw new BylineError(`no archive yet: byline import FILE starts your library (${choice.writeDir})`, 2);
      return Archive.open(choice.dir, { create, lean, only });
    }
    if (await createLibrary(choice.writeDir, bundled))
      notice(`created your library at ${choice.writeDir}, starting with a copy of the bundled archive`);
    return Archive.open(choice.writeDir, { create, lean, deferRead });
  };
}
