// In-process: `byline import`, into temp archives only.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines } from '../support/cli.js';
import { runInProcess as byline } from '../support/in-process.js';
import { DEFAULT_ARCHIVE, fixture, fixtureText, SEED, snapshotDir, tempDir } from '../support/paths.js';

let root: string;
beforeAll(() => {
  root = tempDir('byline-cli-import-');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const fresh = (name = 'archive') => join(root, `${name}-${++n}`);
/** A copy of the default archive to write into. */
function copyOfDefault(): string {
  const dir = fresh('copy');
  cpSync(DEFAULT_ARCHIVE, dir, { recursive: true });
  return dir;
}
const SUMMARY = /^imported (\d+) articles? \((\d+) new, (\d+) updated, (\d+) unchanged\), (\d+) authors?\b/;

describe.concurrent('byline import', () => {
  it('creates a missing archive folder and reports the summary on stderr', async () => {
    const dir = join(fresh(), 'nested', 'dir');
    const r = await byline(['import', SEED, '--archive', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(SUMMARY);
    expect(r.stderr).toMatch(/^imported 6 articles \(6 new, 0 updated, 0 unchanged\), 5 authors/);
    expect(existsSync(join(dir, 'index.json'))).toBe(true);
    const list = await byline(['list', '--archive', dir]);
    expect(lines(list.stdout)).toHaveLength(6);
  });

  it('re-importing the same file says "0 new, 0 updated" and leaves every byte alone', async () => {
    const dir = copyOfDefault();
    const before = snapshotDir(dir);
    const r = await byline(['import', SEED, '--archive', dir]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^imported 6 articles \(0 new, 0 updated, 6 unchanged\), 5 authors/);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('imports several files at once, and uses BYLINE_ARCHIVE', async () => {
    const dir = fresh();
    const r = await byline(['import', fixture('several-full-articles.txt'), fixture('teasers.txt')], { env: { BYLINE_ARCHIVE: dir } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^imported 6 articles \(6 new, 0 updated, 0 unchanged\), 3 authors/);
    const list = lines((await byline(['list'], { env: { BYLINE_ARCHIVE: dir } })).stdout).map((l) => l.split('\t'));
    expect(list.map((r) => r[3])).toEqual(['full', 'full', 'full', 'excerpt', 'excerpt', 'sponsored']);
  });

  it('replaces an excerpt when the full article arrives, never the reverse', async () => {
    const dir = fresh();
    await byline(['import', fixture('teasers.txt'), '--archive', dir]);
    const up = await byline(['import', fixture('river-ferry-full.txt'), '--archive', dir]);
    expect(up.stderr).toMatch(/^imported 1 article \(0 new, 1 updated, 0 unchanged\)/);
    const read = JSON.parse((await byline(['read', 'why-the-river-ferry-still-matters', '--json', '--archive', dir])).stdout);
    expect(read.kind).toBe('full');
    expect(read.body).toHaveLength(3);

    const before = snapshotDir(dir);
    const down = await byline(['import', fixture('teasers.txt'), '--archive', dir]);
    expect(down.stderr).toMatch(/^imported 3 articles \(0 new, 0 updated, 3 unchanged\)/);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('imports a CRLF + BOM dump exactly like the LF original', async () => {
    const crlf = join(fresh('src'), 'one-full-article-crlf.txt');
    mkdirSync(join(crlf, '..'), { recursive: true });
    writeFileSync(crlf, '\ufeff' + fixtureText('one-full-article.txt').replace(/\n/g, '\r\n'));
    const [a, b] = [fresh(), fresh()];
    await byline(['import', fixture('one-full-article.txt'), '--archive', a]);
    await byline(['import', crlf, '--archive', b]);
    const [ja, jb] = await Promise.all([
      byline(['read', 'the-quiet-return-of-the-paper-map', '--json', '--archive', a]),
      byline(['read', 'the-quiet-return-of-the-paper-map', '--json', '--archive', b]),
    ]);
    expect(ja.exitCode).toBe(0);
    expect(jb.stdout).toBe(ja.stdout);
  });
});

describe.concurrent('byline import of a bad file', () => {
  let bad: string;
  beforeAll(() => {
    bad = join(root, 'bad-files');
    mkdirSync(join(bad, 'a-directory'), { recursive: true });
    writeFileSync(join(bad, 'empty.txt'), '');
    writeFileSync(join(bad, 'binary.bin'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10, 0x00, 0x41]));
    writeFileSync(
      join(bad, 'damaged.txt'),
      Buffer.concat([Buffer.from('Café society, naïve\n\nA paragraph. '), Buffer.from([0xe2, 0x28, 0xa1])]),
    );
    writeFileSync(join(bad, 'utf16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Title\n\nBody text.', 'utf16le')]));
    writeFileSync(
      join(bad, 'utf16be.txt'),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Title\n\nBody text.', 'utf16le').swap16()]),
    );
    writeFileSync(join(bad, 'chrome-only.txt'), 'Latest Stories\n\nKeep ReadingShow less\n');
  });

  const cases: [string, string, RegExp][] = [
    ['a missing path', 'does-not-exist.txt', /no such file/],
    ['a directory', 'a-directory', /directory/],
    ['an empty file', 'empty.txt', /empty/],
    ['a zipped file', 'binary.bin', /looks like a ZIP archive/],
    ['damaged UTF-8', 'damaged.txt', /not valid UTF-8/],
    ['a file with no articles', 'chrome-only.txt', /no articles/],
  ];

  for (const [label, name, reason] of cases) {
    it(`${label} → exit 1, one line on stderr naming the file, archive untouched`, async () => {
      const dir = copyOfDefault();
      const before = snapshotDir(dir);
      const path = join(bad, name);
      const r = await byline(['import', path, '--archive', dir]);
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr.startsWith(`byline: cannot import ${path}: `)).toBe(true);
      expect(r.stderr).toMatch(reason);
      expect(snapshotDir(dir)).toEqual(before);
    });
  }

  it('does not create a missing archive when the file is bad', async () => {
    const dir = fresh();
    const r = await byline(['import', join(bad, 'empty.txt'), '--archive', dir]);
    expect(r.exitCode).toBe(1);
    expect(existsSync(dir)).toBe(false);
  });

  it('writes nothing when one of several files is bad', async () => {
    const dir = copyOfDefault();
    const before = snapshotDir(dir);
    const r = await byline(['import', fixture('several-full-articles.txt'), join(bad, 'binary.bin'), '--archive', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('binary.bin');
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('no file at all → usage error, exit 2', async () => {
    const r = await byline(['import', '--archive', fresh()]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^byline: import needs at least one file/);
  });
});
