// Issue "Nothing lost, ever": the archive's writes, identities and error messages under faults.
// Each case was reproduced on the store before this design; each test failed there.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byline, requireBuild } from '../../support/cli.js';
import { snapshotDir } from '../../support/paths.js';
import { cleanTemp, runPty, scratch, validateArchive, writeArchive } from '../../support/hardening.js';
import { Archive } from '../../../src/archive/store.js';
import { UserState } from '../../../src/archive/user-state.js';
import { BylineError } from '../../../src/model/errors.js';
import { parsePageDump } from '../../../src/ingest/pagedump.js';
import { searchEngineFor } from '../../../src/archive/searchable.js';

beforeAll(() => requireBuild());
afterAll(() => cleanTemp());

/** A one-article page dump about WORD: two different WORDs make two different stories. */
function page(title: string, word: string, extra = ''): string {
  return `${title}\n\nA dek about ${word}.\n\nFirst paragraph of the ${word} story, long enough to be a paragraph of body text.\n\nSecond paragraph, still about ${word} and nothing else at all.\n${extra ? `\n${extra}\n` : ''}`;
}
const ACTIVE = /[\u001b\u0007\u009b]/;

async function archiveWith(...dumps: string[]): Promise<Archive> {
  const dir = join(scratch('byline-lost-'), 'archive');
  const archive = await Archive.open(dir, { create: true });
  for (const [i, d] of dumps.entries()) await archive.import([{ file: `f${i}.txt`, articles: parsePageDump(d) }]);
  return archive;
}

/** Every article's body as the archive gives it, by id. */
const bodies = (a: Archive) => Object.fromEntries(a.articles.map((m) => [m.id, JSON.stringify(a.body(m.id))]));

// ------------------------------------------------------------------ 1. a state path that is not a state file

describe('a reader-state path that is not a reader-state file (1, 7)', () => {
  it("an archive's index.json given as the state file is refused, never written, never moved", async () => {
    const archive = await archiveWith(page('Morning Brief', 'monday'));
    const index = Archive.indexPath(archive.dir);
    const before = snapshotDir(archive.dir);
    await expect(UserState.load(index)).rejects.toThrow(BylineError);
    await expect(UserState.load(index)).rejects.toThrow(/is not a byline reader-state file/);
    expect(snapshotDir(archive.dir)).toEqual(before);
  });

  it('end to end: the reader with BYLINE_STATE at index.json stops with one line, exit 2, the index byte for byte', async () => {
    const archive = await archiveWith(page('Morning Brief', 'monday'));
    const before = snapshotDir(archive.dir);
    const run = runPty(['--archive', archive.dir], { env: { BYLINE_STATE: Archive.indexPath(archive.dir) } });
    const end = await run.exited;
    expect(end.exitCode).toBe(2);
    const said = run
      .output()
      .split(/\r?\n/)
      .filter((l) => l.trim());
    expect(said.filter((l) => l.startsWith('byline:'))).toHaveLength(1);
    expect(run.output()).toMatch(/byline: reader state .*index\.json is not a byline reader-state file/);
    expect(snapshotDir(archive.dir)).toEqual(before);
  });

  it('valid JSON of another shape (an array, an object without the marker) is refused, not moved', async () => {
    for (const text of ['[1,2,3]', '{"version":1,"articles":{},"extra":true}', '{"hello":"world"}', '"text"']) {
      const path = join(scratch(), 'state.json');
      writeFileSync(path, text);
      await expect(UserState.load(path), text).rejects.toThrow(/is not a byline reader-state file/);
      expect(readFileSync(path, 'utf8')).toBe(text);
    }
  });

  it('a state file written by an earlier byline ({version, articles}) still loads, and is saved with the marker', async () => {
    const path = join(scratch(), 'state.json');
    writeFileSync(path, JSON.stringify({ version: 1, articles: { old: { read: true } } }));
    const state = await UserState.load(path);
    expect(state.warning).toBeUndefined();
    expect(state.mark('old').read).toBe(true);
    state.update('new', { bookmarked: true });
    await state.flush();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      kind: 'byline-state',
      version: 1,
      articles: { old: { read: true }, new: { bookmarked: true } },
    });
  });

  it('a directory, a FIFO or a device as the state path is refused with one line; nothing is moved or read', async () => {
    const dir = scratch();
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'keep'), 'keep');
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const cases = [folder, fifo];
    if (process.getuid?.() === 0) {
      const device = join(dir, 'null-device');
      execFileSync('mknod', [device, 'c', '1', '3']);
      cases.push(device);
    }
    for (const path of cases) {
      const error = await UserState.load(path).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error, path).toBeInstanceOf(BylineError);
      expect(error!.message).toMatch(/is not a regular file/);
      expect(error!.message.split('\n')).toHaveLength(1);
      expect(existsSync(path)).toBe(true);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(folder)).toEqual(['keep']);
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('end to end: the reader given a FIFO as its state file exits 2 at once (no hang before the first frame)', async () => {
    const dir = scratch();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const run = runPty([], { env: { BYLINE_STATE: fifo } });
    const end = await Promise.race([run.exited, new Promise<undefined>((r) => setTimeout(r, 8000))]);
    expect(end?.exitCode).toBe(2);
    expect(run.output()).toMatch(/byline: reader state .*fifo is not a regular file/);
  });
});

// ------------------------------------------------------------------ 2. the index is the one commit point

/** Runs `byline import FILE` and kills it (SIGKILL) at the named point of the write. */
async function importKilledAt(point: string, file: string, dir: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, '..', '..', '..', 'bin', 'byline.js'), 'import', file, '--archive', dir],
    {
      env: { ...process.env, BYLINE_TEST_CRASH_AT: point },
      stdio: 'ignore',
    },
  );
  const end = await new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_c, s) => r(s)));
  expect(end, `the import was not stopped at ${point}`).toBe('SIGKILL');
}

describe('a failed or killed import never changes what was there (2)', () => {
  const monday = page('Morning Brief', 'monday');
  const corrected = page('Morning Brief', 'monday', 'A correction: the story said Tuesday where it meant Monday.');

  for (const point of ['bodies-written', 'segments-written', 'index-written']) {
    it(`killed at "${point}": the old index with the old bodies and the old search, or the new with the new`, async () => {
      const archive = await archiveWith(monday);
      const file = join(archive.dir, '..', 'corrected.txt');
      writeFileSync(file, corrected);
      const oldBodies = bodies(archive);
      await importKilledAt(point, file, archive.dir);
      const after = await Archive.open(archive.dir);
      const committed = point === 'index-written';
      if (!committed) expect(bodies(after)).toEqual(oldBodies);
      else expect(bodies(after)).not.toEqual(oldBodies);
      // The search index agrees with index.json: the correction is found only if it was committed.
      const hits = searchEngineFor(after, { bodies: true }).search('correction', { limit: 5 });
      expect(hits.length).toBe(committed ? 1 : 0);
      // And the import, run again, completes it.
      const again = await byline(['import', file, '--archive', archive.dir]);
      expect(again.exitCode, again.stderr).toBe(0);
      const done = await Archive.open(archive.dir);
      expect(done.articles).toHaveLength(1);
      expect(JSON.stringify(done.body(done.articles[0].id))).toContain('A correction');
      // Nothing is left behind: no body or segment that the index does not name, no temp files.
      const named = new Set(done.articles.map((m) => m.bodyFile));
      expect(readdirSync(join(done.dir, 'articles')).filter((f) => !named.has(f))).toEqual([]);
    });
  }

  it('a reader that opened the archive before an update still reads that story (the version now current)', async () => {
    const archive = await archiveWith(monday);
    const reader = await Archive.open(archive.dir, { lean: true });
    await archive.import([{ file: 'c.txt', articles: parsePageDump(corrected) }]);
    expect(JSON.stringify(reader.body('morning-brief'))).toContain('A correction');
  });

  it('a body file is never overwritten in place: an update writes a new file and the old one goes after the index', async () => {
    const archive = await archiveWith(monday);
    const first = archive.articles[0].bodyFile;
    await archive.import([{ file: 'c.txt', articles: parsePageDump(corrected) }]);
    const second = archive.articles[0].bodyFile;
    expect(second).toBeDefined();
    expect(second).not.toEqual(first);
    expect(readdirSync(join(archive.dir, 'articles'))).toEqual([second]);
  });
});

// ------------------------------------------------------------------ 3. re-read under the lock, always

describe('writers re-read what they merge into, under the lock (3)', () => {
  it('a change to index.json that keeps its size, time and inode is still seen by the next import', async () => {
    const archive = await archiveWith(page('Alpha story', 'alpha'));
    const path = Archive.indexPath(archive.dir);
    const text = readFileSync(path, 'utf8');
    const stat = statSync(path);
    // Another writer's change, as the stamp cannot see it: same length, same time, same file.
    writeFileSync(path, text.replace('"Alpha story"', '"Omega story"'));
    utimesSync(path, stat.atime, stat.mtime);
    await archive.import([{ file: 'b.txt', articles: parsePageDump(page('Beta story', 'beta')) }]);
    const titles = (await Archive.open(archive.dir)).articles.map((a) => a.title).sort();
    expect(titles).toEqual(['Beta story', 'Omega story']);
  });

  it('reindex beside an import indexes the articles the import added', async () => {
    const archive = await archiveWith(page('Alpha story', 'alpha'));
    const other = await Archive.open(archive.dir);
    await other.import([{ file: 'b.txt', articles: parsePageDump(page('Beta story', 'zebrafish')) }]);
    expect(await archive.rebuildSearchIndex()).toBe(2);
    const fresh = await Archive.open(archive.dir);
    expect(
      searchEngineFor(fresh, { bodies: true })
        .search('zebrafish', { limit: 5 })
        .map((h) => h.id),
    ).toEqual(['beta-story']);
  });

  it('three importers at once, ten times over: every article lands', { timeout: 120_000 }, async () => {
    const root = scratch();
    const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'byline.js');
    for (let t = 0; t < 10; t++) {
      const dir = join(root, `a${t}`);
      await byline(['import', '-', '--archive', dir], { input: page('Seed story', 'seed') });
      const files = [1, 2, 3].map((i) => {
        const f = join(root, `r${t}-${i}.txt`);
        writeFileSync(f, page(`Race story ${t}-${i}`, `race${t}${i}`));
        return f;
      });
      const codes = await Promise.all(
        files.map(
          (f) =>
            new Promise<number | null>((r) =>
              spawn(process.execPath, [bin, 'import', f, '--archive', dir], { stdio: 'ignore' }).once('exit', r),
            ),
        ),
      );
      expect(codes).toEqual([0, 0, 0]);
      const titles = (await Archive.open(dir)).articles.map((a) => a.title);
      expect(titles.filter((x) => x.startsWith('Race story')).sort(), `trial ${t}`).toEqual([1, 2, 3].map((i) => `Race story ${t}-${i}`));
    }
  });
});

// ------------------------------------------------------------------ 4. identity is not the title alone

describe('a different story with the same title is a new article (4)', () => {
  const monday = page('Morning Brief', 'monday');
  const tuesday = page('Morning Brief', 'tuesday');

  it('Monday then Tuesday: two articles, Monday kept; either order; re-imports change nothing', async () => {
    for (const order of [
      [monday, tuesday],
      [tuesday, monday],
    ]) {
      const archive = await archiveWith(...order);
      expect(archive.articles.map((a) => a.id)).toEqual(['morning-brief', 'morning-brief-2']);
      const texts = Object.values(bodies(archive)).join(' ');
      expect(texts).toContain('monday');
      expect(texts).toContain('tuesday');
      for (const d of order) {
        const s = await archive.import([{ file: 'again.txt', articles: parsePageDump(d) }]);
        expect(s).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
      }
    }
  });

  it('imported together: the same two articles', async () => {
    const archive = await archiveWith(`${monday}\n\n\n${tuesday}`);
    expect(archive.articles).toHaveLength(2);
  });

  it('the same story corrected (same title and authors, most of the text) is an update, not a new article', async () => {
    const archive = await archiveWith(monday);
    const s = await archive.import([
      { file: 'c.txt', articles: parsePageDump(page('Morning Brief', 'monday', 'One more paragraph added in an update.')) },
    ]);
    expect(s).toMatchObject({ added: 0, updated: 1 });
    expect(archive.articles).toHaveLength(1);
  });
});

// ------------------------------------------------------------------ 5. export never writes through a link

describe('export --out never follows a symlink in the folder (5)', () => {
  it('a link named like an export file is replaced, its target outside untouched', async () => {
    const archive = await archiveWith(page('Morning Brief', 'monday'));
    const dir = scratch();
    const precious = join(dir, 'precious');
    writeFileSync(precious, 'precious');
    const out = join(dir, 'out');
    mkdirSync(out);
    symlinkSync(precious, join(out, 'morning-brief.md'));
    symlinkSync(precious, join(out, 'archive.json'));
    for (const format of ['markdown', 'json']) {
      const r = await byline(['export', '--format', format, '--out', out, '--archive', archive.dir]);
      expect(r.exitCode, r.stderr).toBe(0);
    }
    expect(readFileSync(precious, 'utf8')).toBe('precious');
    expect(lstatSync(join(out, 'morning-brief.md')).isFile()).toBe(true);
    expect(readFileSync(join(out, 'morning-brief.md'), 'utf8')).toContain('Morning Brief');
    expect(lstatSync(join(out, 'archive.json')).isFile()).toBe(true);
  });
});

// ------------------------------------------------------------------ 6. error messages quote no file content

describe('error messages carry no escape sequence and quote no file content (6)', () => {
  const HOSTILE = '\u001b]52;c;aGFja2Vk\u0007\u001b]2;PWNED\u0007';

  it('a corrupt body file: the message names the file and a byte offset', async () => {
    const archive = await archiveWith(page('Morning Brief', 'monday'));
    const meta = archive.articles[0];
    writeFileSync(join(archive.dir, 'articles', meta.bodyFile), `{"id": ${HOSTILE}`);
    const r = await byline(['read', meta.id, '--archive', archive.dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).not.toMatch(ACTIVE);
    expect(r.stderr).not.toContain('PWNED');
    expect(r.stderr).toMatch(/not valid JSON \(at byte \d+\)/);
  });

  it('a corrupt index.json and a corrupt state file: the same', async () => {
    const archive = await archiveWith(page('Morning Brief', 'monday'));
    writeFileSync(Archive.indexPath(archive.dir), `{"formatVersion": 1, ${HOSTILE}`);
    const r = await byline(['list', '--archive', archive.dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).not.toMatch(ACTIVE);
    expect(r.stderr).not.toContain('PWNED');
    const statePath = join(scratch(), 'state.json');
    writeFileSync(statePath, `{"kind": ${HOSTILE}`);
    const state = await UserState.load(statePath);
    expect(state.warning).not.toMatch(ACTIVE);
    expect(state.warning).not.toContain('PWNED');
  });

  it('a file name with escape sequences is shown with visible symbols', async () => {
    const dir = scratch();
    const name = join(dir, `evil\u001b]2;PWNED\u0007.txt`);
    writeFileSync(name, Buffer.from([0, 1, 2, 3]));
    const r = await byline(['import', name, '--archive', join(dir, 'a')]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).not.toMatch(ACTIVE);
    expect(r.stderr).toContain('␛]2;PWNED');
  });
});

// ------------------------------------------------------------------ 8. a reused PID does not hold the lock

describe('locks (8)', () => {
  it('a lock naming a live process that is not its owner (a reused PID) is taken over', async () => {
    const archive = await archiveWith(page('Alpha story', 'alpha'));
    const lock = `${Archive.indexPath(archive.dir)}.lock`;
    // PID 1 is alive, but it is not the process that wrote this lock: it started at another time.
    writeFileSync(lock, JSON.stringify({ pid: 1, host: hostname(), started: 'not-its-start-time' }) + '\n');
    await archive.import([{ file: 'b.txt', articles: parsePageDump(page('Beta story', 'beta')) }]);
    expect(archive.articles).toHaveLength(2);
    expect(existsSync(lock)).toBe(false);
  });

  it('an old-style lock (a PID only) whose process started after the lock was written is stale', async () => {
    const archive = await archiveWith(page('Alpha story', 'alpha'));
    const lock = `${Archive.indexPath(archive.dir)}.lock`;
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      writeFileSync(lock, `${sleeper.pid}\n`);
      const hourAgo = new Date(Date.now() - 3600_000);
      utimesSync(lock, hourAgo, hourAgo);
      await archive.import([{ file: 'b.txt', articles: parsePageDump(page('Beta story', 'beta')) }]);
      expect(archive.articles).toHaveLength(2);
    } finally {
      sleeper.kill();
    }
  });

  it('a live owner still holds the lock', async () => {
    const archive = await archiveWith(page('Alpha story', 'alpha'));
    const lock = `${Archive.indexPath(archive.dir)}.lock`;
    const { lockRecord } = await import('../../../src/archive/lock.js');
    writeFileSync(lock, lockRecord());
    await expect(archive.import([{ file: 'b.txt', articles: parsePageDump(page('Beta story', 'beta')) }])).rejects.toThrow(
      /is locked by PID \d+/,
    );
  });

  it('leftover lock-attempt files of dead processes are cleaned up', async () => {
    const archive = await archiveWith(page('Alpha story', 'alpha'));
    const attempt = `${Archive.indexPath(archive.dir)}.lock.999999999.abc123`;
    writeFileSync(attempt, '999999999\n');
    await archive.import([{ file: 'b.txt', articles: parsePageDump(page('Beta story', 'beta')) }]);
    expect(existsSync(attempt)).toBe(false);
  });
});

// ------------------------------------------------------------------ 12. duplicate ids

describe('a hand-edited index.json with a duplicate id (12)', () => {
  it('is refused with the one-line archive error, exit 2', async () => {
    const dir = writeArchive(join(scratch(), 'dup'), [
      { meta: { id: 'same', title: 'One' }, body: [] },
      { meta: { id: 'other', title: 'Two' }, body: [] },
    ]);
    const path = join(dir, 'index.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"other"', '"same"'));
    for (const args of [['list'], ['export']]) {
      const r = await byline([...args, '--archive', dir]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/^byline: cannot read archive .*index\.json: duplicate article id "same"\n$/);
    }
  });
});

export { validateArchive };
