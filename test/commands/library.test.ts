// The user's library, as a person meets it (in-process; what needs processes: e2e/cli/library): the first run shows the bundled Protocol archive,
// the first import makes the library from a copy of it, and the installed package's data/
// is never written.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, type Run } from '../support/cli.js';
import { runInProcess as byline } from '../support/in-process.js';
import { cleanTemp, scratch } from '../support/hardening.js';
import { DEFAULT_ARCHIVE, fixture, snapshotDir } from '../support/paths.js';

const PROTOCOL_IDS: string[] = (
  JSON.parse(readFileSync(join(DEFAULT_ARCHIVE, 'index.json'), 'utf8')) as { articles: { id: string }[] }
).articles
  .map((a) => a.id)
  .sort();

let bundledBefore: Map<string, Buffer>;
beforeAll(() => {
  bundledBefore = snapshotDir(DEFAULT_ARCHIVE);
});
afterAll(() => {
  // Whatever ran, the package's own archive is as it was.
  expect(snapshotDir(DEFAULT_ARCHIVE)).toEqual(bundledBefore);
  cleanTemp();
});

const ids = (r: Run) =>
  lines(r.stdout)
    .map((l) => l.split('\t')[0])
    .sort();
const libraryIn = (dataHome: string) => join(dataHome, 'byline', 'library');

/** The ids a fixture gives when imported on its own. */
async function idsOf(...names: string[]): Promise<string[]> {
  const dir = join(scratch(), 'archive');
  await byline(['import', ...names.map(fixture), '--archive', dir]);
  return ids(await byline(['list', '--archive', dir]));
}

describe('first run, without --archive', () => {
  it('the reader and the read-only commands show the bundled archive and create nothing', async () => {
    const dataHome = scratch();
    const env = { XDG_DATA_HOME: dataHome };
    const list = await byline(['list'], { env });
    expect(list.exitCode).toBe(0);
    expect(ids(list)).toEqual(PROTOCOL_IDS);
    for (const args of [['search', 'aws'], ['read', 'aws ceo'], ['authors'], ['export']]) {
      expect((await byline(args, { env })).exitCode).toBe(0);
    }
    expect(readdirSync(dataHome)).toEqual([]);
  });

  it('the first import makes the library from the bundled archive, says where, and later runs read it', async () => {
    const dataHome = scratch();
    const env = { XDG_DATA_HOME: dataHome };
    const r = await byline(['import', fixture('river-ferry-full.txt')], { env });
    expect(r.exitCode).toBe(0);
    const library = libraryIn(dataHome);
    expect(lines(r.stderr)[0]).toBe(`created your library at ${library}, starting with a copy of the bundled archive`);
    expect(lines(r.stderr)).toHaveLength(2); // and the import summary
    const listed = ids(await byline(['list'], { env }));
    expect(listed).toEqual([...PROTOCOL_IDS, ...(await idsOf('river-ferry-full.txt'))].sort());
    expect(ids(await byline(['list', '--archive', library]))).toEqual(listed);
    // A second import adds to it and says nothing about creating it.
    const again = await byline(['import', fixture('teasers.txt')], { env });
    expect(again.exitCode).toBe(0);
    expect(again.stderr).not.toContain('created your library');
    expect(readdirSync(join(dataHome, 'byline'))).toEqual(['library']);
  });

  it('byline reindex writes the library (made first), never the bundled archive', async () => {
    const dataHome = scratch();
    const r = await byline(['reindex'], { env: { XDG_DATA_HOME: dataHome } });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('created your library');
    // The copy, with a rebuilt word index: new segment files, named by the new index.json.
    const articlesOnly = (m: Map<string, Buffer>) => new Map([...m].filter(([name]) => name.startsWith('articles/')));
    const library = snapshotDir(libraryIn(dataHome));
    expect(articlesOnly(library)).toEqual(articlesOnly(bundledBefore));
    const index = JSON.parse(library.get('index.json')!.toString('utf8'));
    expect(index.segments.map((f: string) => `search/${f}`)).toEqual([...library.keys()].filter((k) => k.startsWith('search/')));
    expect(snapshotDir(DEFAULT_ARCHIVE)).toEqual(bundledBefore);
  });

  it('BYLINE_ARCHIVE and --archive choose another archive: no library is made', async () => {
    const dataHome = scratch();
    const viaEnv = join(scratch(), 'env-archive');
    const viaFlag = join(scratch(), 'flag-archive');
    expect((await byline(['import', fixture('teasers.txt')], { env: { XDG_DATA_HOME: dataHome, BYLINE_ARCHIVE: viaEnv } })).exitCode).toBe(
      0,
    );
    expect(
      (await byline(['import', fixture('teasers.txt'), '--archive', viaFlag], { env: { XDG_DATA_HOME: dataHome, BYLINE_ARCHIVE: viaEnv } }))
        .exitCode,
    ).toBe(0);
    const teasers = await idsOf('teasers.txt');
    expect(ids(await byline(['list', '--archive', viaEnv]))).toEqual(teasers);
    expect(ids(await byline(['list', '--archive', viaFlag]))).toEqual(teasers);
    expect(readdirSync(dataHome)).toEqual([]);
  });
});
