// byline rm and byline tag (in-process, on copies of the bundled Protocol archive): what they
// print, their exit codes, and that a refused command changes nothing. rm asks on a terminal
// (an `ask` given to main), and without one removes nothing unless --yes.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines } from '../support/cli.js';
import { runInProcess as byline, type InProcessOptions } from '../support/in-process.js';
import { DEFAULT_ARCHIVE, snapshotDir, tempDir } from '../support/paths.js';

const AWS_CEO = 'aws-ceo-the-cloud-isnt-just-about-technology';
const CHINA = 'profits-over-politics-aws-and-microsoft-execs-warn-of-chinas-ai-threat-while';
const MLOPS = 'why-large-enterprises-struggle-to-find-suitable-platforms-for-mlops';
const JUDGE = 'judge-zia-faruqui-is-trying-to-teach-you-crypto-one-snl-reference-at-a-time';
const TITLES: Record<string, string> = {
  [AWS_CEO]: 'AWS CEO: The cloud isn’t just about technology',
  [CHINA]: 'Profits over politics: AWS and Microsoft execs warn of China’s AI threat while growing AI hubs inside China',
  [MLOPS]: 'Why large enterprises struggle to find suitable platforms for MLops',
};
const IDS: string[] = (
  JSON.parse(readFileSync(join(DEFAULT_ARCHIVE, 'index.json'), 'utf8')) as { articles: { id: string }[] }
).articles.map((a) => a.id);

let root: string;
let bundledBefore: Map<string, Buffer>;
beforeAll(() => {
  root = tempDir('byline-rm-tag-');
  bundledBefore = snapshotDir(DEFAULT_ARCHIVE);
});
afterAll(() => {
  expect(snapshotDir(DEFAULT_ARCHIVE)).toEqual(bundledBefore);
  rmSync(root, { recursive: true, force: true });
});

let n = 0;
function copy(): string {
  const dir = join(root, `copy-${++n}`);
  cpSync(DEFAULT_ARCHIVE, dir, { recursive: true });
  return dir;
}
const run = (dir: string, args: string[], options: InProcessOptions = {}) => byline([...args, '--archive', dir], options);
const listed = async (dir: string) => lines((await run(dir, ['list'])).stdout).map((l) => l.split('\t')[0]);
/** A terminal that answers `answer`, and what it was asked. */
function terminal(answer: string | undefined) {
  const asked: string[] = [];
  return { asked, ask: async (question: string) => (asked.push(question), answer) };
}

describe('byline rm', () => {
  it('ID --yes: removes it, prints what it removed (id and title), says so on stderr; list, search and read no longer find it', async () => {
    const dir = copy();
    const r = await run(dir, ['rm', MLOPS, '--yes']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${MLOPS}\t${TITLES[MLOPS]}\n`);
    expect(r.stderr).toBe('removed 1 article, and 1 author left with none\n');
    expect(await listed(dir)).toEqual(IDS.filter((id) => id !== MLOPS));
    expect((await run(dir, ['read', MLOPS])).exitCode).toBe(1);
    expect((await run(dir, ['search', 'mlops', '--json'])).stdout).not.toContain(MLOPS);
    expect((await run(dir, ['authors'])).stdout).not.toContain('Kate Kaye');
    // The other articles read and search as before.
    expect((await run(dir, ['search', 'aws'])).stdout).toMatch(new RegExp(`^(${AWS_CEO}|${CHINA})\t`));
    expect((await run(dir, ['read', JUDGE])).exitCode).toBe(0);
  });

  it('-y, several ids, --json: {"removed", "authorsRemoved"}', async () => {
    const dir = copy();
    const r = await run(dir, ['rm', AWS_CEO, CHINA, '-y', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ removed: [CHINA, AWS_CEO], authorsRemoved: ['donna-goodison'] });
    expect(r.stderr).toBe('removed 2 articles, and 1 author left with none\n');
    expect(await listed(dir)).toEqual(IDS.filter((id) => id !== AWS_CEO && id !== CHINA));
  });

  it('--query Q --yes: removes the hits of that search, at most --limit', async () => {
    const dir = copy();
    const hits = JSON.parse((await run(dir, ['search', 'aws', '--json'])).stdout).map((h: { id: string }) => h.id);
    expect(hits.sort()).toEqual([AWS_CEO, CHINA].sort());
    const one = await run(dir, ['rm', '--query', 'aws', '--limit', '1', '--yes']);
    expect(one.exitCode, one.stderr).toBe(0);
    expect(lines(one.stdout)).toHaveLength(1);
    const first = lines(one.stdout)[0].split('\t')[0];
    expect(hits).toContain(first);
    expect(await listed(dir)).toEqual(IDS.filter((id) => id !== first));
    const rest = await run(dir, ['rm', '-q', 'aws', '-y']);
    expect(rest.exitCode, rest.stderr).toBe(0);
    expect(await listed(dir)).toEqual(IDS.filter((id) => id !== AWS_CEO && id !== CHINA));
    // Nothing matches now: exit 1, nothing removed.
    const none = await run(dir, ['rm', '--query', 'aws', '--yes']);
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toBe('byline: no article matches "aws"; nothing removed\n');
    expect(await listed(dir)).toHaveLength(IDS.length - 2);
  });

  it('an id the archive does not have: exit 1, named, and nothing removed (the others given with it stay too)', async () => {
    const dir = copy();
    const before = snapshotDir(dir);
    const r = await run(dir, ['rm', MLOPS, 'no-such-article', '--yes']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`byline: no article "no-such-article" in ${dir}\n`);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('without --yes and without a terminal to ask on: lists them, exit 2, nothing removed', async () => {
    const dir = copy();
    const before = snapshotDir(dir);
    for (const args of [
      ['rm', MLOPS],
      ['rm', '--query', 'aws'],
    ]) {
      const r = await run(dir, args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      // On stderr, made visible as every message is: a space between id and title.
      expect(r.stderr).toContain(`${args[1] === MLOPS ? MLOPS : AWS_CEO} `);
      expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('byline: not removed: no terminal to ask on; add --yes to remove them');
    }
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('on a terminal it asks: "y" removes, anything else removes nothing (exit 1)', async () => {
    const dir = copy();
    const before = snapshotDir(dir);
    for (const answer of ['n', '', 'maybe', 'nyes']) {
      const t = terminal(answer);
      const r = await run(dir, ['rm', MLOPS], t);
      expect(r.exitCode, answer).toBe(1);
      expect(t.asked).toEqual(['remove this article? [y/N] ']);
      expect(r.stderr).toBe(`${MLOPS} ${TITLES[MLOPS]}\nnothing removed\n`);
    }
    expect(snapshotDir(dir)).toEqual(before);
    const two = terminal('n');
    await run(dir, ['rm', AWS_CEO, CHINA], two);
    expect(two.asked).toEqual(['remove these 2 articles? [y/N] ']);
    const yes = terminal('Yes');
    const r = await run(dir, ['rm', MLOPS], yes);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe(`${MLOPS} ${TITLES[MLOPS]}\nremoved 1 article, and 1 author left with none\n`);
    expect(r.stdout).toBe('');
    expect(await listed(dir)).toEqual(IDS.filter((id) => id !== MLOPS));
  });

  it('bad usage: no ids, ids with --query, an empty query — exit 2, nothing removed', async () => {
    const dir = copy();
    const before = snapshotDir(dir);
    for (const [args, message] of [
      [['rm', '--yes'], 'rm needs article ids (byline rm ID…) or --query QUERY'],
      [['rm', MLOPS, '--query', 'aws', '--yes'], 'rm takes ids or --query QUERY, not both'],
      [['rm', '--query', '  ', '--yes'], 'rm --query needs a query'],
    ] as const) {
      const r = await run(dir, [...args]);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('a removed article imported again comes back as new', async () => {
    const dir = copy();
    const exported = JSON.parse((await run(dir, ['read', MLOPS, '--format', 'json'])).stdout) as { title: string };
    expect((await run(dir, ['rm', MLOPS, '--yes'])).exitCode).toBe(0);
    const page = join(root, `mlops-${n}.txt`);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(page, `${exported.title}\n\nBy Kate Kaye\n\nEnterprises look for a platform for MLops and rarely find one.`);
    const again = await run(dir, ['import', page]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect((await listed(dir)).at(-1)).toBe(MLOPS);
    expect(lines((await run(dir, ['search', 'mlops'])).stdout)[0]).toMatch(new RegExp(`^${MLOPS}\t`));
    expect((await run(dir, ['author', 'kate kaye'])).exitCode).toBe(0);
  });

  it('without --archive before the library exists: the library is made from the bundled archive, and the bundled one is untouched', async () => {
    const bundled = copy();
    const before = snapshotDir(bundled);
    const dataHome = join(root, `data-${n}`);
    const options = { env: { XDG_DATA_HOME: dataHome }, bundled };
    const r = await byline(['rm', MLOPS, '--yes'], options);
    expect(r.exitCode, r.stderr).toBe(0);
    const library = join(dataHome, 'byline', 'library');
    expect(lines(r.stderr)).toEqual([
      `created your library at ${library}, starting with a copy of the bundled archive`,
      'removed 1 article, and 1 author left with none',
    ]);
    expect(snapshotDir(bundled)).toEqual(before);
    expect(lines((await byline(['list'], options)).stdout).map((l) => l.split('\t')[0])).toEqual(IDS.filter((id) => id !== MLOPS));
    expect(await listed(library)).toEqual(IDS.filter((id) => id !== MLOPS));
  });

  it('on a bad index.json: exit 2, one line, nothing changed', async () => {
    const dir = copy();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'index.json'), readFileSync(join(dir, 'index.json'), 'utf8').replace('"formatVersion":1', '"formatVersion":9'));
    const before = snapshotDir(dir);
    for (const args of [
      ['rm', MLOPS, '--yes'],
      ['tag', MLOPS, '+x'],
    ]) {
      const r = await run(dir, args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(lines(r.stderr)).toEqual([
        `byline: cannot read archive ${join(dir, 'index.json')}: archive formatVersion 9 is newer than this byline understands (1); upgrade byline`,
      ]);
    }
    expect(snapshotDir(dir)).toEqual(before);
  });
});

describe('byline tag', () => {
  it('+a +b adds, -a takes off; each time it prints the id and its tags; list, read and search see them', async () => {
    const dir = copy();
    const add = await run(dir, ['tag', AWS_CEO, '+cloud', '+interviews']);
    expect(add.exitCode, add.stderr).toBe(0);
    expect(add.stdout).toBe(`${AWS_CEO}\tcloud interviews\n`);
    const off = await run(dir, ['tag', AWS_CEO, '-interviews']);
    expect(off.exitCode, off.stderr).toBe(0);
    expect(off.stdout).toBe(`${AWS_CEO}\tcloud\n`);
    const json = JSON.parse((await run(dir, ['list', '--json'])).stdout) as { id: string; tags: string[] }[];
    expect(json.map((a) => [a.id, a.tags])).toEqual(IDS.map((id) => [id, id === AWS_CEO ? ['cloud'] : []]));
    expect(JSON.parse((await run(dir, ['read', AWS_CEO, '--format', 'json'])).stdout).tags).toEqual(['cloud']);
    expect(lines((await run(dir, ['search', 'tag:cloud'])).stdout).map((l) => l.split('\t')[0])).toEqual([AWS_CEO]);
    expect(lines((await run(dir, ['search', 'tag:cloud aws'])).stdout).map((l) => l.split('\t')[0])).toEqual([AWS_CEO]);
    expect((await run(dir, ['search', 'tag:cloud mlops'])).exitCode).toBe(1);
    expect((await run(dir, ['search', 'tag:interviews'])).exitCode).toBe(1);
    // read QUERY takes tag: too.
    expect((await run(dir, ['read', 'tag:cloud aws'])).stdout).toContain(TITLES[AWS_CEO]);
  });

  it('-alpha after tag is a tag to take off, not a flag; -A still names the archive', async () => {
    const dir = copy();
    expect((await run(dir, ['tag', MLOPS, '+alpha', '+beta'])).stdout).toBe(`${MLOPS}\talpha beta\n`);
    const r = await byline(['tag', MLOPS, '-alpha', '-A', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${MLOPS}\tbeta\n`);
    // Before the id too.
    const first = await byline(['tag', '-beta', MLOPS, '-A', dir]);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toBe(`${MLOPS}\t\n`);
    // A flag other commands refuse is still refused where it is not a tag.
    expect((await byline(['list', '-alpha', '-A', dir])).exitCode).toBe(2);
  });

  it('a tag typed in any case is stored lower case; a bad tag is exit 2 and nothing changes', async () => {
    const dir = copy();
    expect((await run(dir, ['tag', MLOPS, '+MLOps'])).stdout).toBe(`${MLOPS}\tmlops\n`);
    const before = snapshotDir(dir);
    for (const bad of ['+two words', '+', '+-dash-first', `+${'x'.repeat(41)}`, '+semi;colon', '-Bad!']) {
      const r = await run(dir, ['tag', MLOPS, bad]);
      expect(r.exitCode, bad).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr, bad).toMatch(
        /^byline: not a tag: ".*" \(a tag is one word of at most 40 letters, digits and -_.\/, starting with a letter or digit\)\n$/,
      );
    }
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('without +name or -name it only prints the tags, and writes nothing; --json', async () => {
    const dir = copy();
    await run(dir, ['tag', AWS_CEO, CHINA, '+aws']);
    const before = snapshotDir(dir);
    const r = await run(dir, ['tag', AWS_CEO, MLOPS]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${AWS_CEO}\taws\n${MLOPS}\t\n`);
    const json = await run(dir, ['tag', AWS_CEO, CHINA, MLOPS, '--json']);
    expect(JSON.parse(json.stdout)).toEqual([
      { id: AWS_CEO, tags: ['aws'] },
      { id: CHINA, tags: ['aws'] },
      { id: MLOPS, tags: [] },
    ]);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('an id the archive does not have: exit 1, and nothing changes; no id at all: exit 2', async () => {
    const dir = copy();
    const before = snapshotDir(dir);
    const r = await run(dir, ['tag', MLOPS, 'no-such-article', '+x']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`byline: no article "no-such-article" in ${dir}\n`);
    const none = await run(dir, ['tag', '+x']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('tag needs an article id');
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('tags survive an rm of another article and a re-import of their own', async () => {
    const dir = copy();
    await run(dir, ['tag', JUDGE, '+crypto']);
    expect((await run(dir, ['rm', CHINA, '--yes'])).exitCode).toBe(0);
    expect(lines((await run(dir, ['search', 'tag:crypto'])).stdout).map((l) => l.split('\t')[0])).toEqual([JUDGE]);
    expect((await run(dir, ['import', join(DEFAULT_ARCHIVE, '..', 'sources', 'protocol-page.txt')])).exitCode).toBe(0);
    expect(JSON.parse((await run(dir, ['read', JUDGE, '--format', 'json'])).stdout).tags).toEqual(['crypto']);
  });
});
