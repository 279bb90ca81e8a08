// Issue 5, case 4: importing broken input. A bad file → one line on stderr naming the file,
// exit 1, the archive untouched (every byte of every file compared). Large valid input →
// a successful import in bounded memory (the bound is stated in the README).
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { byline, cleanEnv, lines, requireBuild } from '../../support/cli.js';
import { BIN, DEFAULT_ARCHIVE, ROOT, snapshotDir } from '../../support/paths.js';
import { cleanTemp, scratch, validateArchive } from '../../support/hardening.js';

let root: string;
let files: string;
beforeAll(() => {
  requireBuild();
  root = scratch('byline-broken-input-');
  chmodSync(root, 0o755); // another user (the unreadable-file case) must be able to reach inside
  files = join(root, 'files');
  mkdirSync(join(files, 'a-directory'), { recursive: true });
  const text = Buffer.from('A fine title\n\nA dek that is fine.\n\nA paragraph of text that is fine.\n');
  writeFileSync(join(files, 'empty.txt'), '');
  // PNG signature, then every byte value: NUL bytes included.
  writeFileSync(
    join(files, 'image.png'),
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)),
    ]),
  );
  // Binary without a single NUL byte (a JPEG-like header): refused by its signature.
  writeFileSync(
    join(files, 'photo.jpg'),
    Buffer.from(Array.from({ length: 4096 }, (_, i) => [0xff, 0xd8, 0xff, 0xe0, 0x10, 0x4a, 0xc3, 0x28][i % 8])),
  );
  // Binary without a NUL byte or a signature: no encoding makes text of it.
  writeFileSync(join(files, 'noise.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => 1 + (i % 255))));
  writeFileSync(join(files, 'latin1.txt'), Buffer.from('Caf\xe9 society\n\nA paragraph.', 'latin1'));
  // UTF-8 text (with accents) for 200 KB, then one bad byte: damaged UTF-8, not a legacy
  // encoding, and the whole file is checked, not a prefix.
  writeFileSync(
    join(files, 'late-bad-byte.txt'),
    Buffer.concat([Buffer.from('Title\n\n' + 'wörd '.repeat(40_000)), Buffer.from([0xc3, 0x28]), text]),
  );
  writeFileSync(join(files, 'utf16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Title\n\nBody text.', 'utf16le')]));
  writeFileSync(
    join(files, 'utf16be.txt'),
    Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Title\n\nBody text.', 'utf16le').swap16()]),
  );
  writeFileSync(join(files, 'unreadable.txt'), text);
  chmodSync(join(files, 'unreadable.txt'), 0o000);
  execFileSync('mkfifo', [join(files, 'a-fifo')]);
});
afterAll(() => cleanTemp());

let n = 0;
/** A copy of the default archive to import into. */
function archiveCopy(): string {
  const dir = join(root, `archive-${++n}`);
  cpSync(DEFAULT_ARCHIVE, dir, { recursive: true });
  chmodSync(dir, 0o755);
  return dir;
}

/** The error contract: exit 1, nothing on stdout, one line on stderr naming the file. */
function expectRefused(r: { exitCode: number; stdout: string; stderr: string }, name: string, reason: RegExp): void {
  expect(r.exitCode, r.stderr).toBe(1);
  expect(r.stdout).toBe('');
  expect(lines(r.stderr)).toHaveLength(1);
  expect(r.stderr.startsWith(`byline: cannot import ${name}: `), r.stderr).toBe(true);
  expect(r.stderr).toMatch(reason);
  expect(r.stderr).not.toMatch(/\bat .*\.js:\d+|--debug/); // no stack trace, no "run with --debug": a known problem
}

describe.concurrent('a bad import file → one line naming it, exit 1, archive untouched', () => {
  const cases: [string, string, RegExp][] = [
    ['a PNG image (NUL bytes)', 'image.png', /looks like a PNG image; byline reads HTML pages and page dumps/],
    ['a JPEG image (no NUL bytes)', 'photo.jpg', /looks like a JPEG image/],
    ['binary data without NUL bytes or a signature', 'noise.bin', /looks like binary data/],
    ['damaged UTF-8 after 200 KB of valid text', 'late-bad-byte.txt', /not valid UTF-8/],
    ['a 0-byte file', 'empty.txt', /empty/],
    ['a directory', 'a-directory', /directory/],
    ['a missing path', 'no-such-file.txt', /no such file/],
    ['a named pipe (would block forever if read)', 'a-fifo', /not a regular file/],
  ];
  for (const [label, name, reason] of cases) {
    it(label, async () => {
      const dir = archiveCopy();
      const before = snapshotDir(dir);
      const index = readFileSync(join(dir, 'index.json'));
      const path = join(files, name);
      expectRefused(await byline(['import', path, '--archive', dir]), path, reason);
      expect(readFileSync(join(dir, 'index.json')).equals(index)).toBe(true);
      expect(snapshotDir(dir)).toEqual(before);
    });
  }

  it('a device that never ends (/dev/zero) is refused, not read', async () => {
    const dir = archiveCopy();
    const before = snapshotDir(dir);
    expectRefused(await byline(['import', '/dev/zero', '--archive', dir]), '/dev/zero', /not a regular file/);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('the same bad bytes on standard input (-) are refused the same way', async () => {
    for (const [name, reason] of [
      ['image.png', /PNG image/],
      ['late-bad-byte.txt', /UTF-8/],
      ['noise.bin', /binary data/],
      ['empty.txt', /empty/],
    ] as const) {
      const dir = archiveCopy();
      const before = snapshotDir(dir);
      const r = await byline(['import', '-', '--archive', dir], { inputFile: join(files, name) });
      expectRefused(r, 'standard input', reason);
      expect(snapshotDir(dir)).toEqual(before);
    }
  });

  it('an unreadable file (permission denied)', async (ctx) => {
    const dir = archiveCopy();
    const before = snapshotDir(dir);
    const path = join(files, 'unreadable.txt');
    // As root, mode 000 does not stop a read: run byline as an unprivileged user (nobody),
    // for whom the file really is unreadable. Not root: mode 000 alone is enough.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      // nobody must be able to reach the checkout and the temp folders at all; a clone in a
      // private folder (mode 700 somewhere above it) cannot be tested this way.
      const probe = await execa(process.execPath, [BIN, '--version'], {
        cwd: ROOT,
        reject: false,
        extendEnv: false,
        env: cleanEnv(),
        uid: 65534,
        gid: 65534,
      });
      if (probe.exitCode !== 0) return ctx.skip('the unprivileged user cannot run byline from this checkout (a private parent folder)');
    }
    const r = await execa(process.execPath, [BIN, 'import', path, '--archive', dir], {
      cwd: ROOT,
      reject: false,
      extendEnv: false,
      env: cleanEnv(),
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expectRefused({ exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) }, path, /permission denied/);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('one bad file among good ones: nothing from any of them is written', async () => {
    const dir = archiveCopy();
    const before = snapshotDir(dir);
    const good = join(root, 'good.txt');
    writeFileSync(good, 'A good story\n\nWith a dek.\n\nAnd a paragraph that is long enough to be a paragraph.\n');
    expectRefused(await byline(['import', good, join(files, 'image.png'), '--archive', dir]), join(files, 'image.png'), /PNG image/);
    expect(snapshotDir(dir)).toEqual(before);
  });
});

describe('text in other encodings is decoded, with a one-line notice', () => {
  it.each([
    ['Latin-1 / windows-1252 (detected)', 'latin1.txt', 'Café society', /^byline: .*latin1\.txt: decoded from windows-1252 \(detected\)$/],
    ['UTF-16 LE with a BOM', 'utf16le.txt', 'Title', /^byline: .*utf16le\.txt: decoded from UTF-16LE$/],
    ['UTF-16 BE with a BOM', 'utf16be.txt', 'Title', /^byline: .*utf16be\.txt: decoded from UTF-16BE$/],
  ])('%s', async (_label, name, title, notice) => {
    const dir = archiveCopy();
    const r = await byline(['import', join(files, name), '--archive', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    const [first, summary] = lines(r.stderr);
    expect(first).toMatch(notice);
    expect(summary).toMatch(/^imported 1 article \(1 new/);
    const list = await byline(['list', '--archive', dir]);
    expect(list.stdout).toContain(`\t${title}\t`);
  });
});

describe('large valid input imports successfully', () => {
  it('a 50 MB dump: imported whole inside a 160 MB JavaScript heap; peak RSS reported', { timeout: 180_000 }, async () => {
    const dump = join(root, 'big-50mb.txt');
    const words = 'archive terminal reader story river ferry market policy cloud search page night council budget'.split(' ');
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const para = () => Array.from({ length: 60 }, () => words[Math.floor(rnd() * words.length)]).join(' ') + '.';
    const parts: string[] = [];
    let size = 0;
    while (size < 50 * 1024 * 1024) {
      const k = parts.length + 1;
      const article = `Story number ${k} about the ${words[k % words.length]}\n\nA dek for story ${k}.\n\n${Array.from({ length: 100 }, para).join('\n\n')}`;
      parts.push(article);
      size += Buffer.byteLength(article) + 3;
    }
    writeFileSync(dump, parts.join('\n\n\n') + '\n');
    const rssFile = join(root, 'rss.txt');
    const dir = join(root, 'big-archive');
    // Peak resident memory of the child itself, written as it exits.
    const reportRss = `data:text/javascript,import {writeFileSync} from "node:fs"; process.on("exit", () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));`;
    const r = await execa(process.execPath, ['--max-old-space-size=160', '--import', reportRss, BIN, 'import', dump, '--archive', dir], {
      cwd: ROOT,
      reject: false,
      extendEnv: false,
      env: cleanEnv(),
      timeout: 170_000,
    });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stderr)).toBe(`imported ${parts.length} articles (${parts.length} new, 0 updated, 0 unchanged), 0 authors`);
    const peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
    console.log(`50 MB import: ${parts.length} articles, peak RSS ${peakMb.toFixed(0)} MB (heap capped at 160 MB)`);
    expect(peakMb).toBeLessThan(400);
    expect(validateArchive(dir)).toHaveLength(parts.length);
    const read = await byline(['read', `story-number-${parts.length}-about-the-${words[parts.length % words.length]}`, '--archive', dir]);
    expect(read.exitCode, read.stderr).toBe(0);
    expect(read.stdout.split('\n')[0]).toBe(`Story number ${parts.length} about the ${words[parts.length % words.length]}`);
  });

  it('one line of 1 MB: imported, read back whole', async () => {
    const dir = archiveCopy();
    const dump = join(root, 'one-mb-line.txt');
    const line = Array.from({ length: 150_000 }, (_, i) => `w${i % 1000}`)
      .join(' ')
      .slice(0, 1024 * 1024);
    writeFileSync(dump, `A story with one enormous line\n\nA dek for it.\n\n${line}\n`);
    const r = await byline(['import', dump, '--archive', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(validateArchive(dir)).toContain('a-story-with-one-enormous-line');
    const read = await byline(['read', 'a-story-with-one-enormous-line', '--archive', dir]);
    expect(read.exitCode).toBe(0);
    expect(read.stdout).toContain(line);
    const narrow = await byline(['read', 'a-story-with-one-enormous-line', '--width', '40', '--archive', dir]);
    expect(Math.max(...narrow.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(40);
  });

  it('a single 1 MB line with no spaces and no blank lines: still one article, no crash', async () => {
    const dir = archiveCopy();
    const dump = join(root, 'one-mb-word.txt');
    writeFileSync(dump, 'x'.repeat(1024 * 1024));
    const r = await byline(['import', dump, '--archive', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    const ids = validateArchive(dir);
    expect(ids).toHaveLength(7);
    const list = await byline(['list', '--archive', dir]);
    expect(lines(list.stdout)).toHaveLength(7);
  });

  it('JSON nested 100 000 deep is recognised as JSON and refused in one line, no stack overflow', async () => {
    const dir = archiveCopy();
    const before = snapshotDir(dir);
    const dump = join(root, 'deep.json');
    writeFileSync(dump, '['.repeat(100_000) + ']'.repeat(100_000) + '\n');
    expectRefused(await byline(['import', dump, '--archive', dir]), dump, /looks like JSON; byline reads HTML pages and page dumps/);
    expect(snapshotDir(dir)).toEqual(before);
  });
});
