// Issue "Nothing lost, ever", items 13 and 15: how big one line and one article may be.
// A 50 MB page dump on one line used to die with V8 "heap out of memory" under the 160 MB heap
// the README promises; a 200 MB body froze the reader for minutes. Now one line and one
// article may each be up to 4 MB: past that an import is refused in one line (exit 1, nothing
// written) within the heap, and a body file past it (an archive written by hand) is refused
// by `byline read` and the reader before it is read.
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { byline, cleanEnv, lines, requireBuild } from '../../support/cli.js';
import { BIN, bodyFile, DEFAULT_ARCHIVE, ROOT, snapshotDir } from '../../support/paths.js';
import { cleanTemp, meta, runPty, scratch, validateArchive, writeArchive } from '../../support/hardening.js';

const MB = 1024 * 1024;
const WORDS = 'archive terminal reader story river ferry market policy cloud search page night council budget'.split(' ');

let root: string;
beforeAll(() => {
  requireBuild();
  root = scratch('byline-limits-');
});
afterAll(() => cleanTemp());

/** Deterministic words, `count` of them, space-separated. */
function words(count: number, seed = 7): string {
  let s = seed;
  const out: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = WORDS[s % WORDS.length];
  }
  return out.join(' ');
}

let n = 0;
function archiveCopy(): string {
  const dir = join(root, `archive-${++n}`);
  cpSync(DEFAULT_ARCHIVE, dir, { recursive: true });
  return dir;
}

/** Imports FILE into a copy of the default archive under a 160 MB heap; peak RSS in MB. */
async function importCapped(file: string) {
  const dir = archiveCopy();
  const before = snapshotDir(dir);
  const rssFile = join(root, `rss-${n}.txt`);
  const reportRss = `data:text/javascript,import {writeFileSync} from "node:fs"; process.on("exit", () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));`;
  const r = await execa(process.execPath, ['--max-old-space-size=160', '--import', reportRss, BIN, 'import', file, '--archive', dir], {
    cwd: ROOT,
    reject: false,
    extendEnv: false,
    env: cleanEnv(),
    timeout: 120_000,
  });
  let peakMb = Infinity;
  try {
    peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  } catch {
    // no report: the process died before its exit handlers ran (a V8 out-of-memory abort)
  }
  return {
    exitCode: r.exitCode ?? -1,
    stdout: String(r.stdout),
    stderr: String(r.stderr),
    peakMb,
    unchanged: () => expect(snapshotDir(dir)).toEqual(before),
    dir,
  };
}

function expectRefused(r: { exitCode: number; stdout: string; stderr: string }, file: string, reason: RegExp): void {
  expect(r.exitCode, r.stderr.slice(0, 2000)).toBe(1);
  expect(r.stdout).toBe('');
  expect(lines(r.stderr), r.stderr.slice(0, 2000)).toHaveLength(1);
  expect(r.stderr.startsWith(`byline: cannot import ${file}: `), r.stderr).toBe(true);
  expect(r.stderr).toMatch(reason);
  expect(r.stderr).not.toMatch(/\bat .*\.js:\d+|--debug|heap/);
}

describe('one line or one article past 4 MB is refused, inside a 160 MB heap (item 13)', () => {
  it('a 50 MB page dump on one line: one line naming the line, exit 1, nothing written', { timeout: 150_000 }, async () => {
    const file = join(root, 'one-line-50mb.txt');
    const line = words(Math.ceil((50 * MB) / 6));
    writeFileSync(file, `A title for the page\n\nA dek for it.\n\n${line}\n`);
    expect(statSync(file).size).toBeGreaterThan(50 * MB);
    const r = await importCapped(file);
    expectRefused(r, file, /: line 5 is longer than 4 MB \(the limit for one line\)$/m);
    expect(r.peakMb).toBeLessThan(400);
    r.unchanged();
  });

  it('50 MB of short lines with no blank line (one paragraph): refused as one article past 4 MB', { timeout: 150_000 }, async () => {
    const file = join(root, 'one-block-50mb.txt');
    const text = words(Math.ceil((50 * MB) / 6)).replace(/((?:\S+ ){12}\S+) /g, '$1\n');
    writeFileSync(file, `A title for the page\n${text}\n`);
    const r = await importCapped(file);
    expectRefused(r, file, /: the article starting at line 1 is larger than 4 MB \(the limit for one article\)$/m);
    expect(r.peakMb).toBeLessThan(400);
    r.unchanged();
  });

  it('50 MB of paragraphs with single blank lines between (one article): refused within the heap', { timeout: 150_000 }, async () => {
    const file = join(root, 'one-article-50mb.txt');
    const paragraphs = words(Math.ceil((50 * MB) / 6)).replace(/((?:\S+ ){59}\S+) /g, '$1.\n\n');
    writeFileSync(file, `Story one\n\nA dek.\n\n${paragraphs}\n\n\nStory two\n\nA dek.\n\nA paragraph.\n`);
    const r = await importCapped(file);
    expectRefused(r, file, /: the article starting at line 1 is larger than 4 MB/);
    expect(r.peakMb).toBeLessThan(400);
    r.unchanged();
  });

  it('the limit is on bytes: 1.5 million "€" (4.5 MB, 1.5 M characters) on one line is refused', async () => {
    const file = join(root, 'euro-line.txt');
    writeFileSync(file, `A title\n\n${'€'.repeat(1_500_000)}\n`);
    expectRefused(await byline(['import', file, '--archive', archiveCopy()], { timeout: 60_000 }), file, /line 3 is longer than 4 MB/);
  });

  it('standard input is held to the same limits', { timeout: 60_000 }, async () => {
    const file = join(root, 'stdin-line.txt');
    writeFileSync(file, `A title\n\n${words(Math.ceil((5 * MB) / 6))}\n`);
    const dir = archiveCopy();
    const before = snapshotDir(dir);
    expectRefused(
      await byline(['import', '-', '--archive', dir], { inputFile: file, timeout: 60_000 }),
      'standard input',
      /line 3 is longer than 4 MB/,
    );
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('an article of 3.5 MB (one line of it 3 MB) is under the limits: imported and read back whole', { timeout: 60_000 }, async () => {
    const file = join(root, 'big-but-fine.txt');
    const long = words(Math.ceil((3 * MB) / 6))
      .slice(0, 3 * MB)
      .trimEnd();
    const rest = words(Math.ceil((0.5 * MB) / 6), 11).replace(/((?:\S+ ){59}\S+) /g, '$1.\n\n');
    writeFileSync(file, `A long but fine story\n\nIts dek.\n\n${long}\n\n${rest}\n`);
    const dir = archiveCopy();
    const r = await byline(['import', file, '--archive', dir], { timeout: 60_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(validateArchive(dir)).toContain('a-long-but-fine-story');
    const read = await byline(['read', 'a-long-but-fine-story', '--archive', dir], { timeout: 60_000 });
    expect(read.exitCode, read.stderr).toBe(0);
    expect(read.stdout).toContain(long);
  });
});

describe('an article body past 4 MB: refused at import, never read (item 15)', () => {
  it('import: a body that would be over 4 MB on disk (many tiny paragraphs) is refused, nothing written', { timeout: 60_000 }, async () => {
    // 1.2 M characters of text, but each one-letter paragraph costs ~40 bytes in the body file.
    const file = join(root, 'tiny-paragraphs.txt');
    writeFileSync(file, `A story of tiny paragraphs\n\nA dek.\n\n${'x\n\n'.repeat(400_000)}`);
    const dir = archiveCopy();
    const before = snapshotDir(dir);
    expectRefused(
      await byline(['import', file, '--archive', dir], { timeout: 60_000 }),
      file,
      /the article starting at line 1 is larger than 4 MB/,
    );
    expect(snapshotDir(dir)).toEqual(before);
  });

  // A hand-written archive with one 6 MB body: `read` and the reader check the size first.
  let handDir: string;
  beforeAll(() => {
    handDir = writeArchive(join(root, 'hand'), [
      { meta: meta({ id: 'small-one', title: 'A small one' }), body: [{ type: 'paragraph', text: 'Short and sweet.' }] },
      { meta: meta({ id: 'huge-one', title: 'A huge one' }), body: [{ type: 'paragraph', text: words(Math.ceil((6 * MB) / 6)) }] },
    ]);
    expect(statSync(bodyFile(handDir, 'huge-one')).size).toBeGreaterThan(6 * MB);
  });

  it('`byline read` of a body file over 4 MB: one line, exit 1; other articles still read', async () => {
    const r = await byline(['read', 'huge-one', '--archive', handDir]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^byline: cannot read article huge-one \(.*huge-one\.[0-9a-f]{16}\.json\): the body file is 6\.\d MB, larger than 4 MB \(the limit for one article\)$/m,
    );
    const small = await byline(['read', 'small-one', '--archive', handDir]);
    expect(small.exitCode, small.stderr).toBe(0);
    expect(small.stdout).toContain('Short and sweet.');
  });

  it('the reader: opening it shows why in the status bar, the list stays usable, q quits', async () => {
    const run = runPty(['--archive', handDir, '--state', join(root, 'state.json')], { cols: 100, rows: 20 });
    await run.waitFor((_out) => run.frame().some((l) => l.includes('A huge one')), 'the list');
    run.term.write('j');
    await run.waitFor(() => run.frame().some((l) => l.startsWith('›') && l.includes('A huge one')), 'the huge one selected');
    run.term.write('\r');
    await run.waitFor(
      () => run.frame().some((l) => /the body file is 6\.\d MB, larger than 4 MB/.test(l)),
      'the refusal in the status bar',
    );
    expect(run.frame().some((l) => l.includes('A small one'))).toBe(true);
    run.term.write('k');
    run.term.write('\r');
    await run.waitFor(() => run.frame().some((l) => l.includes('Short and sweet.')), 'the small article opens');
    run.term.write('q');
    run.term.write('q');
    expect((await run.exited).exitCode).toBe(0);
  });
});
