// Where the archive is: the user's library, the bundled archive until the library exists,
// or the folder --archive / BYLINE_ARCHIVE names; and how the library is made, safely.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import envPaths from 'env-paths';
import { afterAll, describe, expect, it } from 'vitest';
import { BylineError } from '../../src/model/errors.js';
import { chooseArchive, createLibrary, libraryDir, openerFor } from '../../src/archive/library.js';
import { DEFAULT_ARCHIVE, snapshotDir, tempDir } from '../support/paths.js';

const made: string[] = [];
const temp = () => {
  const dir = tempDir('byline-library-');
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) {
    execFileSync('chmod', ['-R', 'u+rwx', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A library location in a fresh data folder: `<tmp>/data/byline/library`. */
const freshLibrary = () => join(temp(), 'data', 'byline', 'library');
/** What a data folder holds beside the library (temp folders must not be left there). */
const besideLibrary = (library: string) => readdirSync(dirname(library)).sort();

describe('libraryDir', () => {
  it('is byline/library under XDG_DATA_HOME', () => {
    expect(libraryDir({ XDG_DATA_HOME: '/x/data' })).toBe('/x/data/byline/library');
  });

  it('is byline/library under the platform data folder (env-paths) when XDG_DATA_HOME is unset or empty', () => {
    const expected = join(envPaths('byline', { suffix: '' }).data, 'library');
    expect(libraryDir({})).toBe(expected);
    expect(libraryDir({ XDG_DATA_HOME: '' })).toBe(expected);
  });
});

describe('chooseArchive', () => {
  const bundled = DEFAULT_ARCHIVE;

  it('--archive wins over BYLINE_ARCHIVE, which wins over the library; reads and writes go there', () => {
    const env = { BYLINE_ARCHIVE: '/from/env', XDG_DATA_HOME: '/x' };
    expect(chooseArchive({ flag: '/from/flag', env, bundled })).toEqual({ dir: '/from/flag', writeDir: '/from/flag', source: 'flag' });
    expect(chooseArchive({ env, bundled })).toEqual({ dir: '/from/env', writeDir: '/from/env', source: 'env' });
  });

  it('an empty BYLINE_ARCHIVE is as good as unset', () => {
    const data = temp();
    expect(chooseArchive({ env: { BYLINE_ARCHIVE: '', XDG_DATA_HOME: data }, bundled }).source).toBe('bundled');
  });

  it('before the library exists, reads use the bundled archive and writes go to the library', () => {
    const data = temp();
    const library = join(data, 'byline', 'library');
    expect(chooseArchive({ env: { XDG_DATA_HOME: data }, bundled })).toEqual({ dir: bundled, writeDir: library, source: 'bundled' });
    // A folder without an index is not a library yet.
    mkdirSync(library, { recursive: true });
    expect(chooseArchive({ env: { XDG_DATA_HOME: data }, bundled }).source).toBe('bundled');
  });

  it('once the library has an index, reads and writes go to it', () => {
    const data = temp();
    const library = join(data, 'byline', 'library');
    mkdirSync(library, { recursive: true });
    writeFileSync(join(library, 'index.json'), '{}');
    expect(chooseArchive({ env: { XDG_DATA_HOME: data }, bundled })).toEqual({ dir: library, writeDir: library, source: 'library' });
  });
});

describe('createLibrary', () => {
  it('makes the library a copy of the bundled archive, leaving nothing else beside it', async () => {
    const library = freshLibrary();
    const bundledBefore = snapshotDir(DEFAULT_ARCHIVE);
    expect(await createLibrary(library, DEFAULT_ARCHIVE)).toBe(true);
    expect(snapshotDir(library)).toEqual(bundledBefore);
    expect(snapshotDir(DEFAULT_ARCHIVE)).toEqual(bundledBefore);
    expect(besideLibrary(library)).toEqual(['library']);
  });

  it('leaves an existing library alone', async () => {
    const library = freshLibrary();
    mkdirSync(library, { recursive: true });
    writeFileSync(join(library, 'index.json'), '{"mine":true}');
    expect(await createLibrary(library, DEFAULT_ARCHIVE)).toBe(false);
    expect([...snapshotDir(library).keys()]).toEqual(['index.json']);
  });

  it('replaces an empty folder at the library path (one a person made by hand)', async () => {
    const library = freshLibrary();
    mkdirSync(library, { recursive: true });
    expect(await createLibrary(library, DEFAULT_ARCHIVE)).toBe(true);
    expect(existsSync(join(library, 'index.json'))).toBe(true);
  });

  it('makes a writable copy of a read-only installation', async () => {
    const bundled = join(temp(), 'protocol');
    cpSync(DEFAULT_ARCHIVE, bundled, { recursive: true });
    execFileSync('chmod', ['-R', 'a-w', bundled]);
    const library = freshLibrary();
    await createLibrary(library, bundled);
    const modes = [library, join(library, 'index.json'), join(library, 'articles'), join(library, 'search')].map((p) => statSync(p).mode);
    for (const mode of modes) expect(mode & 0o200).toBe(0o200);
    const article = readdirSync(join(library, 'articles'))[0];
    expect(statSync(join(library, 'articles', article)).mode & 0o200).toBe(0o200);
  });

  it('copies no lock or temp file that happens to sit in the bundled archive', async () => {
    const bundled = join(temp(), 'protocol');
    cpSync(DEFAULT_ARCHIVE, bundled, { recursive: true });
    writeFileSync(join(bundled, 'index.json.lock'), '12345');
    writeFileSync(join(bundled, '.index.json.tmp-1'), 'half');
    const library = freshLibrary();
    await createLibrary(library, bundled);
    expect(snapshotDir(library)).toEqual(snapshotDir(DEFAULT_ARCHIVE));
  });

  it('a copy that fails half way leaves no library and no temp folder, and says why in one line', async () => {
    const bundled = join(temp(), 'protocol');
    cpSync(DEFAULT_ARCHIVE, bundled, { recursive: true });
    // A named pipe cannot be copied: cp fails after some files are already in the temp folder.
    execFileSync('mkfifo', [join(bundled, 'search', 'zz-pipe')]);
    const library = freshLibrary();
    const error = await createLibrary(library, bundled).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BylineError);
    expect((error as BylineError).message).toMatch(new RegExp(`^cannot create the library ${library}: `));
    expect((error as BylineError).message).not.toContain('\n');
    expect(existsSync(library)).toBe(false);
    expect(besideLibrary(library)).toEqual([]);
  });

  it('removes temp folders left by a byline that died while copying, not those of a live one', async () => {
    const library = freshLibrary();
    const data = dirname(library);
    mkdirSync(data, { recursive: true });
    const deadPid = 2 ** 22 + 1; // above Linux's pid_max: never a live process
    mkdirSync(join(data, `.library-${deadPid}-abc123`));
    mkdirSync(join(data, `.library-${process.pid}-live12`));
    await createLibrary(library, DEFAULT_ARCHIVE);
    expect(besideLibrary(library)).toEqual([`.library-${process.pid}-live12`, 'library']);
  });

  it('several at once: exactly one creates it, the others find it made, and the library is whole', async () => {
    const library = freshLibrary();
    const results = await Promise.all(Array.from({ length: 6 }, () => createLibrary(library, DEFAULT_ARCHIVE)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(snapshotDir(library)).toEqual(snapshotDir(DEFAULT_ARCHIVE));
    expect(besideLibrary(library)).toEqual(['library']);
  });
});

describe('openerFor', () => {
  it('reads the bundled archive while there is no library, and never creates one to read', async () => {
    const data = temp();
    const choice = chooseArchive({ env: { XDG_DATA_HOME: data }, bundled: DEFAULT_ARCHIVE });
    const open = openerFor(choice, DEFAULT_ARCHIVE, () => undefined);
    const archive = await open({ lean: true });
    expect(archive.dir).toBe(DEFAULT_ARCHIVE);
    expect(archive.articles).toHaveLength(6);
    expect(readdirSync(data)).toEqual([]);
  });

  it('a write (create, or write) makes the library from the bundled archive first, and says so once', async () => {
    const data = temp();
    const choice = chooseArchive({ env: { XDG_DATA_HOME: data }, bundled: DEFAULT_ARCHIVE });
    const notices: string[] = [];
    const open = openerFor(choice, DEFAULT_ARCHIVE, (n) => notices.push(n));
    const archive = await open({ create: true });
    expect(archive.dir).toBe(join(data, 'byline', 'library'));
    expect(archive.articles).toHaveLength(6);
    expect(notices).toEqual([`created your library at ${archive.dir}, starting with a copy of the bundled archive`]);
    const again = await openerFor(choice, DEFAULT_ARCHIVE, (n) => notices.push(n))({ write: true });
    expect(again.dir).toBe(archive.dir);
    expect(notices).toHaveLength(1);
  });

  it('without a bundled archive (a stripped install): reads say how to start, the first import makes an empty library', async () => {
    const data = temp();
    const bundled = join(temp(), 'missing-protocol');
    const choice = chooseArchive({ env: { XDG_DATA_HOME: data }, bundled });
    const library = join(data, 'byline', 'library');
    await expect(openerFor(choice, bundled, () => undefined)()).rejects.toThrow(
      `no archive yet: byline import FILE starts your library (${library})`,
    );
    const archive = await openerFor(choice, bundled, () => undefined)({ create: true });
    expect(archive.dir).toBe(library);
    expect(archive.articles).toEqual([]);
  });

  it('--archive is opened as given, for reading and writing, with no library made', async () => {
    const data = temp();
    const mine = join(temp(), 'mine');
    const choice = chooseArchive({ flag: mine, env: { XDG_DATA_HOME: data }, bundled: DEFAULT_ARCHIVE });
    const archive = await openerFor(choice, DEFAULT_ARCHIVE, () => undefined)({ create: true });
    expect(archive.dir).toBe(mine);
    expect(readdirSync(data)).toEqual([]);
    const copy = join(temp(), 'copy');
    cpSync(DEFAULT_ARCHIVE, copy, { recursive: true });
    const chosen = chooseArchive({ flag: copy, env: { XDG_DATA_HOME: data }, bundled: DEFAULT_ARCHIVE });
    expect((await openerFor(chosen, DEFAULT_ARCHIVE, () => undefined)({ write: true })).dir).toBe(copy);
    expect(readdirSync(data)).toEqual([]);
    const missing = chooseArchive({ flag: join(mine, 'nope'), env: { XDG_DATA_HOME: data }, bundled: DEFAULT_ARCHIVE });
    await expect(openerFor(missing, DEFAULT_ARCHIVE, () => undefined)({ write: true })).rejects.toThrow(/no such archive/);
  });
});
