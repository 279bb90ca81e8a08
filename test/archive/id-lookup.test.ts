// A big index.json (past 1 000 articles) has an id lookup beside it: `byline read ID` reads
// the header and that one article's line, never the rest. Proved structurally: with every
// other article's line broken, the article is still read, while a full read refuses.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import { BylineError } from '../../src/model/errors.js';
import { parsePageDump } from '../../src/ingest/pagedump.js';
import { runInProcess as byline } from '../support/in-process.js';
import { articleLines } from '../../src/commands/list.js';
import type { Context } from '../../src/commands/context.js';
import { tempDir } from '../support/paths.js';

const made: string[] = [];
const temp = () => {
  const dir = tempDir('byline-lookup-');
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const COUNT = 1010;
const dump = (from: number, to: number) =>
  Array.from(
    { length: to - from },
    (_, i) => `Ünïcode story ${from + i} of many\n\nThe paragraph of story ${from + i}, with its own words.`,
  ).join('\n\n\n');

let big: string;
beforeAll(async () => {
  big = join(temp(), 'big');
  const archive = await Archive.open(big, { create: true });
  await archive.import([{ file: 'many.txt', articles: parsePageDump(dump(1, COUNT + 1)) }], '2024-01-01T00:00:00.000Z');
}, 60_000);

/** A copy of the big archive to change. */
function copy(): string {
  const dir = join(temp(), 'copy');
  cpSync(big, dir, { recursive: true });
  return dir;
}

const indexLines = (dir: string) => readFileSync(join(dir, 'index.json'), 'utf8').split('\n');
const lookupName = (dir: string) => readdirSync(dir).filter((f) => /^index\.[0-9a-f]{16}\.ids$/.test(f));

/** Breaks every article line but `keep`'s without changing the file's size: `{` becomes `#`. */
function breakOtherLines(dir: string, keep: string): number {
  let broken = 0;
  const lines = indexLines(dir).map((line) => {
    if (!line.startsWith('{"id":') || line.startsWith(`{"id":${JSON.stringify(keep)},`) || !line.includes('"bodyFile"')) return line;
    broken++;
    return `#${line.slice(1)}`;
  });
  writeFileSync(join(dir, 'index.json'), lines.join('\n'));
  return broken;
}

describe('the id lookup of a big index.json', () => {
  it('writes the header keys first, articles last, and names a lookup file written beside it', async () => {
    const lines = indexLines(big);
    expect(lines[0]).toBe('{"formatVersion":1,');
    expect(lines[1]).toMatch(/^"segments":\["words-\d{6}\.seg"(?:,"words-\d{6}\.seg")*\],$/);
    expect(lines[2]).toMatch(/^"lookup":"index\.[0-9a-f]{16}\.ids",$/);
    expect(lines[3]).toMatch(/^"keys":"index\.[0-9a-f]{16}\.keys",$/);
    expect(lines[4]).toMatch(/^"catalog":"index\.[0-9a-f]{16}\.catalog",$/);
    expect(lines[5]).toBe('"authors":[],');
    expect(lines[6]).toBe('"articles":[');
    const named = JSON.parse(readFileSync(join(big, 'index.json'), 'utf8')).lookup as string;
    expect(lookupName(big)).toEqual([named]);
    // Plain text, one fixed-width record an article, sorted by id.
    const records = readFileSync(join(big, named), 'latin1').split('\n').slice(1, -1);
    expect(records).toHaveLength(COUNT);
    const ids = records.map((r) => r.slice(0, 80).trimEnd());
    expect(ids).toEqual([...ids].sort());
  });

  it('opens one article by id from its line alone, equal to what a full read gives', async () => {
    const full = await Archive.open(big);
    for (const id of [full.articles[0].id, full.articles[500].id, full.articles[COUNT - 1].id]) {
      const one = await Archive.open(big, { only: id });
      expect(one.partial).toBe(true);
      expect(one.articles).toHaveLength(1);
      expect(one.article(id)).toEqual(full.article(id));
      expect(one.body(id)).toEqual(full.body(id));
      expect(one.authors).toEqual(full.authors);
      expect(one.segments).toEqual(full.segments);
    }
  });

  it('reads the article with every other article line invalid JSON (so nothing else was parsed); a full read refuses', async () => {
    const dir = copy();
    const id = (await Archive.open(dir)).articles[700].id;
    expect(breakOtherLines(dir, id)).toBe(COUNT - 1);
    const one = await Archive.open(dir, { only: id });
    expect(one.article(id)?.title).toBe('Ünïcode story 701 of many');
    await expect(Archive.open(dir)).rejects.toThrow(BylineError);
  });

  it('byline read ID prints the article from such an index', async () => {
    const dir = copy();
    const id = (await Archive.open(dir)).articles[3].id;
    breakOtherLines(dir, id);
    const r = await byline(['read', id, '--archive', dir]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Ünïcode story 4 of many');
    expect(r.stdout).toContain('The paragraph of story 4, with its own words.');
    // A query (not an id) is searched through the word index, without parsing the index:
    // one that matches nothing says so…
    const none = await byline(['read', 'story four', '--archive', dir]);
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toBe('byline: no article matches "story four"\n');
    // …and one whose hits the lookup cannot read back reads the whole index, and says it cannot.
    const q = await byline(['read', 'ünïcode story', '--archive', dir]);
    expect(q.exitCode).toBe(2);
    expect(q.stderr).toMatch(/^byline: cannot read archive .*index\.json: /);
  }, 30_000);

  it('falls back to a full read when the lookup is missing, for another index, or points at another line', async () => {
    const full = await Archive.open(big);
    const id = full.articles[42].id;
    const expectFullRead = async (dir: string) => {
      const one = await Archive.open(dir, { only: id });
      expect(one.partial).toBe(false);
      expect(one.article(id)).toEqual(full.article(id));
    };
    // Missing.
    const missing = copy();
    rmSync(join(missing, lookupName(missing)[0]));
    await expectFullRead(missing);
    // index.json rewritten by hand (another size): the lookup is for another file.
    const edited = copy();
    const data = JSON.parse(readFileSync(join(edited, 'index.json'), 'utf8'));
    data.articles.reverse();
    writeFileSync(join(edited, 'index.json'), JSON.stringify(data, null, 2));
    await expectFullRead(edited);
    // Same size, lines swapped: the lookup's offset now holds another article.
    const swapped = copy();
    const lines = indexLines(swapped);
    const at = lines.findIndex((l) => l.startsWith(`{"id":${JSON.stringify(id)},`));
    const other = lines.findIndex(
      (l, i) => i !== at && l.startsWith('{"id":') && l.includes('"bodyFile"') && l.length === lines[at].length,
    );
    expect(other).toBeGreaterThan(-1);
    [lines[at], lines[other]] = [lines[other], lines[at]];
    writeFileSync(join(swapped, 'index.json'), lines.join('\n'));
    await expectFullRead(swapped);
    // An id not in the archive: a full read (the caller then searches).
    expect((await Archive.open(big, { only: 'no-such-article' })).partial).toBe(false);
  });

  it('byline list streams a big index: --limit 3 prints three rows though a later line is broken; whole, it equals a full read', async () => {
    const dir = copy();
    const lines = indexLines(dir);
    const late = lines.findIndex((l, i) => i > 600 && l.startsWith('{"id":') && l.includes('"bodyFile"'));
    const intact = copy();
    lines[late] = `#${lines[late].slice(1)}`;
    writeFileSync(join(dir, 'index.json'), lines.join('\n'));
    const three = await byline(['list', '--limit', '3', '--archive', dir]);
    expect(three.exitCode).toBe(0);
    expect(
      three.stdout
        .split('\n')
        .slice(0, -1)
        .map((l) => l.split('\t')[1]),
    ).toEqual(['Ünïcode story 1 of many', 'Ünïcode story 2 of many', 'Ünïcode story 3 of many']);
    // Read on, the broken line is reported as any command reports it.
    const all = await byline(['list', '--archive', dir]);
    expect(all.exitCode).toBe(2);
    expect(all.stderr).toMatch(/^byline: cannot read archive .*index\.json: [^\n]+\n$/);
    // Streamed rows are the rows of a full read of index.json.
    const streamed = await byline(['list', '--archive', intact]);
    const whole = await Archive.open(intact);
    const pipe = { out: { isTTY: false } } as unknown as Context;
    expect(streamed.stdout.split('\n')).toHaveLength(COUNT + 1);
    expect(streamed.stdout).toBe(articleLines(pipe, whole.articles, (m) => whole.authorsOf(m)));
  }, 30_000);

  it('reindex rebuilds a lost lookup with the word index', async () => {
    const dir = copy();
    rmSync(join(dir, lookupName(dir)[0]));
    const archive = await Archive.open(dir);
    const id = archive.articles[77].id;
    expect((await Archive.open(dir, { only: id })).partial).toBe(false);
    await archive.rebuildSearchIndex();
    expect(lookupName(dir)).toHaveLength(1);
    expect((await Archive.open(dir, { only: id })).article(id)).toEqual(archive.article(id));
  });

  it('each write names a new lookup and removes the old one and any a stopped write left', async () => {
    const dir = copy();
    const before = lookupName(dir);
    writeFileSync(join(dir, 'index.0123456789abcdef.ids'), 'left by a write that stopped');
    writeFileSync(join(dir, '.index.0123456789abcdef.ids.tmp-1-abc'), 'x');
    const archive = await Archive.open(dir);
    await archive.import([{ file: 'more.txt', articles: parsePageDump(dump(COUNT + 1, COUNT + 2)) }]);
    const after = lookupName(dir);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
    expect(existsSync(join(dir, '.index.0123456789abcdef.ids.tmp-1-abc'))).toBe(false);
    const id = archive.articles.at(-1)!.id;
    expect((await Archive.open(dir, { only: id })).article(id)?.title).toBe(`Ünïcode story ${COUNT + 1} of many`);
  });

  it('a small index has the same layout: one article a line, with its lookup, read one line for one article', async () => {
    const dir = join(temp(), 'small');
    const archive = await Archive.open(dir, { create: true });
    await archive.import([{ file: 'few.txt', articles: parsePageDump(dump(1, 4)) }]);
    expect(readFileSync(join(dir, 'index.json'), 'utf8')).toMatch(/^\{"formatVersion":1,\n/);
    expect(lookupName(dir)).toHaveLength(1);
    const one = await Archive.open(dir, { only: archive.articles[1].id });
    expect(one.partial).toBe(true);
    expect(one.article(archive.articles[1].id)?.title).toBe('Ünïcode story 2 of many');
  });
});
