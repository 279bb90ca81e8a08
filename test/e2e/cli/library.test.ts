// The user's library where processes matter: HOME without XDG_DATA_HOME, first imports
// racing in several processes, and an installed package that only `nobody` runs.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byline, cleanEnv, lines, requireBuild, type Run } from '../../support/cli.js';
import { cleanTemp, scratch } from '../../support/hardening.js';
import { DEFAULT_ARCHIVE, fixture, ROOT, snapshotDir } from '../../support/paths.js';

const PROTOCOL_IDS: string[] = (
  JSON.parse(readFileSync(join(DEFAULT_ARCHIVE, 'index.json'), 'utf8')) as { articles: { id: string }[] }
).articles
  .map((a) => a.id)
  .sort();
const FIXTURES = ['one-full-article.txt', 'several-full-articles.txt', 'teasers.txt', 'river-ferry-full.txt'];

let bundledBefore: Map<string, Buffer>;
beforeAll(() => {
  requireBuild();
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

/** The ids a fixture gives when imported on its own. */
async function idsOf(...names: string[]): Promise<string[]> {
  const dir = join(scratch(), 'archive');
  await byline(['import', ...names.map(fixture), '--archive', dir]);
  return ids(await byline(['list', '--archive', dir]));
}

describe('first run, without --archive', () => {
  it('without XDG_DATA_HOME the library is under ~/.local/share (env-paths)', async () => {
    if (process.platform !== 'linux') return;
    const home = scratch();
    const r = await byline(['import', fixture('one-full-article.txt')], { env: { XDG_DATA_HOME: undefined, HOME: home } });
    expect(r.exitCode).toBe(0);
    expect(existsSync(join(home, '.local', 'share', 'byline', 'library', 'index.json'))).toBe(true);
  });

  it('first imports at once: one library, every article in it, nothing left beside it', async () => {
    const dataHome = scratch();
    const env = { XDG_DATA_HOME: dataHome };
    const runs = await Promise.all(FIXTURES.map((name) => byline(['import', fixture(name)], { env })));
    for (const r of runs) expect(r.exitCode, r.stderr).toBe(0);
    expect(runs.filter((r) => r.stderr.includes('created your library'))).toHaveLength(1);
    const expected = new Set([...PROTOCOL_IDS, ...(await idsOf(...FIXTURES))]);
    expect(ids(await byline(['list'], { env }))).toEqual([...expected].sort());
    expect(readdirSync(join(dataHome, 'byline'))).toEqual(['library']);
  });
});

describe('an installed, read-only package', () => {
  // As root, file modes do not stop a write: the commands run as `nobody` (setpriv) so they do.
  const asNobody = process.getuid?.() === 0;
  const NOBODY = 65534;

  it('is read and copied, never written', async () => {
    const root = scratch();
    chmodSync(root, 0o755);
    const pkg = join(root, 'pkg');
    for (const part of ['bin', 'dist', 'data', 'package.json']) cpSync(join(ROOT, part), join(pkg, part), { recursive: true });
    execFileSync('chmod', ['-R', 'a-w,a+rX', pkg]);
    const home = join(root, 'home');
    mkdirSync(home);
    if (asNobody) chownSync(home, NOBODY, NOBODY);
    const before = snapshotDir(pkg);
    const env = cleanEnv({ HOME: home, XDG_DATA_HOME: join(home, 'data'), BYLINE_STATE: join(home, 'state.json') });
    const run = async (...args: string[]) => {
      const argv = [process.execPath, join(pkg, 'bin', 'byline.js'), ...args];
      const [file, ...rest] = asNobody ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...argv] : argv;
      const r = await execa(file, rest, { cwd: home, env, extendEnv: false, reject: false, timeout: 80_000 });
      return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    };
    // The modes really do stop a write here.
    const probe = await execa(
      asNobody ? 'setpriv' : 'touch',
      asNobody ? [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'touch', join(pkg, 'data', 'x')] : [join(pkg, 'data', 'x')],
      { reject: false },
    );
    expect(probe.exitCode).not.toBe(0);

    expect(ids(await run('list'))).toEqual(PROTOCOL_IDS);
    // The pages to import beside the package: the checkout may sit where `nobody` cannot read.
    const page = (name: string) => {
      const copy = join(root, name);
      cpSync(fixture(name), copy);
      return copy;
    };
    const imported = await run('import', page('river-ferry-full.txt'));
    expect(imported.exitCode, imported.stderr).toBe(0);
    expect(imported.stderr).toContain(`created your library at ${join(home, 'data', 'byline', 'library')}`);
    expect((await run('import', page('teasers.txt'))).exitCode).toBe(0);
    expect((await run('reindex')).exitCode).toBe(0);
    expect(ids(await run('list'))).toEqual([...PROTOCOL_IDS, ...(await idsOf('river-ferry-full.txt', 'teasers.txt'))].sort());
    expect(snapshotDir(pkg)).toEqual(before);
  });
});
