// In-process: unreadable archives (exit 2, file untouched), broken bodies (exit 1 for that
// article only), and stored text with control characters (made visible / escaped on output).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines } from '../support/cli.js';
import { runInProcess as byline } from '../support/in-process.js';
import { bodyFile, DEFAULT_ARCHIVE, snapshotDir, tempDir } from '../support/paths.js';

const CHINA = 'profits-over-politics-aws-and-microsoft-execs-warn-of-chinas-ai-threat-while';
const MLOPS = 'why-large-enterprises-struggle-to-find-suitable-platforms-for-mlops';

let root: string;
beforeAll(() => {
  root = tempDir('byline-cli-errors-');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function copyOfDefault(): string {
  const dir = join(root, `copy-${++n}`);
  cpSync(DEFAULT_ARCHIVE, dir, { recursive: true });
  return dir;
}

const validIndex = readFileSync(join(DEFAULT_ARCHIVE, 'index.json'), 'utf8');
const corruptions: [string, string, RegExp][] = [
  ['not JSON', validIndex.slice(0, 200), /not valid JSON/],
  ['empty', '', /empty/],
  ['schema failure', validIndex.replace('"kind":"full"', '"kind":"novel"'), /schema/],
  ['newer format', validIndex.replace('"formatVersion":1', '"formatVersion":7'), /formatVersion 7 is newer/],
  ['pre-release format', validIndex.replace('"formatVersion":1', '"version":1'), /unreleased development build/],
];
const ALL_COMMANDS: string[][] = [
  ['list'],
  ['list', '--json'],
  ['read', MLOPS],
  ['search', 'aws'],
  ['authors'],
  ['author', 'kaye'],
  ['export'],
  [],
];
const SOME_COMMANDS: string[][] = [['list'], ['read', MLOPS], ['search', 'aws']];

describe.concurrent('a bad index.json', () => {
  for (const [i, [label, content, reason]] of corruptions.entries()) {
    const commands = i === 0 ? ALL_COMMANDS : SOME_COMMANDS;
    it(`${label}: ${i === 0 ? 'every command exits' : 'list, read and search exit'} 2 with one line "byline: cannot read archive PATH: …", file unchanged`, async () => {
      const dir = copyOfDefault();
      const path = join(dir, 'index.json');
      writeFileSync(path, content);
      const before = snapshotDir(dir);
      const runs = await Promise.all(commands.map((args) => byline([...args, '--archive', dir])));
      for (const [k, r] of runs.entries()) {
        const args = commands[k];
        expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stdout).toBe('');
        expect(lines(r.stderr)).toHaveLength(1);
        expect(r.stderr.startsWith(`byline: cannot read archive ${path}: `)).toBe(true);
        expect(r.stderr).toMatch(reason);
      }
      expect(snapshotDir(dir)).toEqual(before);
    });

    it(`${label}: import refuses to overwrite it (exit 2, file unchanged)`, async () => {
      const dir = copyOfDefault();
      writeFileSync(join(dir, 'index.json'), content);
      const before = snapshotDir(dir);
      const r = await byline(['import', join(DEFAULT_ARCHIVE, '..', 'sources', 'protocol-page.txt'), '--archive', dir]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/^byline: cannot read archive .*index\.json: /);
      expect(snapshotDir(dir)).toEqual(before);
    });
  }

  it('a missing archive folder → exit 2, and it is not created', async () => {
    const dir = join(root, 'never-made');
    const r = await byline(['list', '--archive', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^byline: cannot read archive .*never-made.*index\.json: /);
    expect(() => readFileSync(join(dir, 'index.json'))).toThrow();
  });
});

describe.concurrent('a missing or corrupt body file', () => {
  it('fails `read` for that article only (exit 1, a clear message); everything else works', async () => {
    const dir = copyOfDefault();
    rmSync(bodyFile(dir, CHINA));
    writeFileSync(bodyFile(dir, MLOPS), '{"id": "broken", "body": [');
    const [china, mlops, other, list, search] = await Promise.all([
      byline(['read', CHINA, '--archive', dir]),
      byline(['read', MLOPS, '--archive', dir]),
      byline(['read', 'aws-ceo-the-cloud-isnt-just-about-technology', '--archive', dir]),
      byline(['list', '--archive', dir]),
      byline(['search', 'selipsky', '--archive', dir]),
    ]);
    expect(china.exitCode).toBe(1);
    expect(china.stderr).toMatch(new RegExp(`^byline: cannot read article ${CHINA} .*missing`));
    expect(lines(china.stderr)).toHaveLength(1);
    expect(mlops.exitCode).toBe(1);
    expect(mlops.stderr).toMatch(new RegExp(`^byline: cannot read article ${MLOPS} .*not valid JSON`));
    expect(other.exitCode).toBe(0);
    expect(list.exitCode).toBe(0);
    expect(lines(list.stdout)).toHaveLength(6);
    expect(search.exitCode).toBe(0);
    expect(search.stdout.split('\t')[0]).toBe('aws-ceo-the-cloud-isnt-just-about-technology');
  });
});

describe.concurrent('stored text with control and bidi characters (hand-made archive)', () => {
  const dir = () => {
    const d = join(root, `hostile-${++n}`);
    mkdirSync(join(d, 'articles'), { recursive: true });
    const title = 'Evil \u202etxt.exe\u202c \u009b31m title\u001b[2J';
    writeFileSync(
      join(d, 'index.json'),
      JSON.stringify({
        formatVersion: 1,
        articles: [
          {
            id: 'evil',
            title,
            titleDerived: false,
            dek: 'dek \u2066iso\u2069 \u2028line',
            kind: 'full',
            sponsored: false,
            authors: ['mal'],
            credits: [],
            lead: '',
            source: { file: 'x', importedAt: 'x' },
            wordCount: 2,
            hash: 'x',
            bodyFile: 'evil.0123456789abcdef.json',
          },
        ],
        authors: [{ id: 'mal', name: 'Mal \u200fory', handle: '@mal', bio: 'bio \u0085 here', kind: 'person' }],
      }),
    );
    writeFileSync(
      join(d, 'articles', 'evil.0123456789abcdef.json'),
      JSON.stringify({ id: 'evil', body: [{ type: 'paragraph', text: 'body \u001b]52;c;aGk=\u0007 \u202e end' }] }),
    );
    return d;
  };
  const RAW_JSON = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
  // Text output: tabs separate the columns of piped output, newlines end lines.
  const RAW_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

  it('--json output escapes C1 and bidi characters and still parses to the stored text', async () => {
    const d = dir();
    for (const args of [['list', '--json'], ['read', 'evil', '--json'], ['authors', '--json'], ['search', 'evil', '--json'], ['export']]) {
      const r = await byline([...args, '--archive', d]);
      expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout.replace(/\n/g, ''), args.join(' ')).not.toMatch(RAW_JSON);
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
    const list = JSON.parse((await byline(['list', '--json', '--archive', d])).stdout);
    expect(list[0].title).toBe('Evil \u202etxt.exe\u202c \u009b31m title\u001b[2J');
  });

  it('text output makes them visible instead of sending them to the terminal', async () => {
    const d = dir();
    for (const args of [
      ['list'],
      ['read', 'evil'],
      ['read', 'evil', '-f', 'markdown'],
      ['authors'],
      ['author', 'mal'],
      ['search', 'evil'],
    ]) {
      const r = await byline([...args, '--archive', d]);
      expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(' ')).not.toMatch(RAW_TEXT);
    }
    const read = await byline(['read', 'evil', '--archive', d]);
    expect(read.stdout).toContain('Evil <U+202E>txt.exe<U+202C> <U+009B>31m title␛[2J');
  });

  it('--raw prints the text as stored', async () => {
    const r = await byline(['read', 'evil', '--raw', '--archive', dir()]);
    expect(r.stdout).toContain('\u202e');
  });
});
