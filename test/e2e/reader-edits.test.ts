// Issue 18: the built reader in a real 80×24 terminal removes an article with D (after its
// question), `byline list` no longer has it, U brings it back, and t saves tags that
// `byline tag` then reads — the reader's only writes, each on its own key.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { byline, lines, requireBuild } from '../support/cli.js';
import { cleanTemp, scratch } from '../support/hardening.js';
import { BIN, fixture } from '../support/paths.js';
import { hasTmux, TmuxSession } from '../support/tmux.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  while (sessions.length) sessions.pop()!.kill();
});
afterAll(cleanTemp);
beforeAll(requireBuild);

const statusLine = (screen: string) => screen.split('\n')[22] ?? '';
const ids = async (dir: string) => lines((await byline(['list', '--archive', dir])).stdout).map((l) => l.split('\t')[0]);

describe.skipIf(!hasTmux)('D, U and t in the built reader', () => {
  it('D removes (after y), byline list agrees; U puts it back; t tags it', async () => {
    const dir = join(scratch(), 'archive');
    expect((await byline(['import', fixture('several-full-articles.txt'), '--archive', dir])).exitCode).toBe(0);
    const before = await ids(dir);
    const harbour = before.find((id) => id.startsWith('harbour-festival'))!;
    expect(before).toHaveLength(3);

    const t = new TmuxSession(`node ${BIN} --archive ${dir}`, 80, 24, { BYLINE_STATE: join(scratch(), 'state.json') });
    sessions.push(t);
    await t.waitFor((s) => s.includes('1/3 · 3 unread'), 'the list');
    t.keys('j');
    await t.waitFor((s) => s.includes('2/3 · 3 unread'), 'the second row');
    t.keys('D');
    const asked = await t.waitFor((s) => statusLine(s).startsWith('Remove «Harbour festival'), 'the question');
    expect(statusLine(asked)).toMatch(/\? y\/n +1–3 of 3$/);
    t.keys('n');
    await t.waitFor((s) => statusLine(s).startsWith('Not removed'), 'kept');
    expect(await ids(dir)).toEqual(before);

    t.keys('D');
    await t.waitFor((s) => statusLine(s).startsWith('Remove «'), 'the question again');
    t.keys('y');
    const removed = await t.waitFor((s) => statusLine(s).startsWith('Removed «Harbour festival'), 'the removal');
    expect(statusLine(removed)).toContain('· U undo');
    expect(removed).toContain('byline · archive — 2 articles');
    expect(removed.split('\n').slice(1, 22).join('\n')).not.toContain('Harbour festival');
    expect(await ids(dir)).toEqual(before.filter((id) => id !== harbour));

    t.keys('U');
    const back = await t.waitFor((s) => statusLine(s).startsWith('Put back «Harbour festival'), 'the undo');
    expect(back.split('\n')[3]).toContain('Harbour festival returns');
    expect(await ids(dir)).toEqual([...before.filter((id) => id !== harbour), harbour]);

    t.keys('G');
    await t.waitFor((s) => s.includes('3/3 ·'), 'the article put back');
    t.keys('t');
    await t.waitFor((s) => statusLine(s).startsWith('Tags: '), 'the tags line');
    t.text('festival Summer');
    t.keys('Enter');
    const tagged = await t.waitFor((s) => statusLine(s).startsWith('Tags of «Harbour festival'), 'the tags saved');
    expect(tagged.split('\n')[3]).toMatch(/Harbour festival .*#festival #summer/);
    expect((await byline(['tag', harbour, '--archive', dir])).stdout).toBe(`${harbour}\tfestival summer\n`);

    t.keys('q');
    await t.waitFor((s) => s.includes('EXIT=0'), 'the exit');
  });
});
