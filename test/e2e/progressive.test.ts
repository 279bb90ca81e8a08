// The built reader on a big archive (a catalog beside index.json) in a pseudo-terminal: keys
// typed in one go at the first frame search it, q exits 0; and a catalog damaged in its first
// lines is not the end of the reader: it reads index.json instead, as every command does.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_COUNT, EARLY, LATE, RARE_WORD, bigArchive, bigTitle, spoilCatalogLine } from '../support/big-archive.js';
import { requireBuild } from '../support/cli.js';
import { cleanTemp, runPty, scratch } from '../support/hardening.js';

let big: string;
beforeAll(async () => {
  requireBuild();
  big = await bigArchive(join(scratch('byline-progressive-'), 'big'));
});
afterAll(cleanTemp);

const reader = (dir: string) => runPty(['--archive', dir], { env: { BYLINE_STATE: join(scratch(), 'state.json') } });
const frame = (run: ReturnType<typeof reader>) => run.frame().join('\n');

/** Esc clears the query, Esc again goes back to the list: one at a time (two Esc bytes read
 * together are one Alt-Esc to a terminal program). */
async function leaveSearch(run: ReturnType<typeof reader>) {
  run.term.write('\u001b');
  await run.waitFor(() => frame(run).includes('Type to search'), 'an empty query');
  run.term.write('\u001b');
  await run.waitFor(() => frame(run).includes('unread'), 'the list');
}

describe('the built reader on a big archive', () => {
  it('searches with keys typed in one go at the first frame, and q exits 0', async () => {
    const run = reader(big);
    await run.waitFor(() => frame(run).includes(bigTitle(1)), 'the first rows');
    run.term.write(`/${RARE_WORD}`);
    await run.waitFor(() => frame(run).includes(bigTitle(LATE)) && frame(run).includes(bigTitle(EARLY)), 'both hits');
    await run.waitFor(() => /\b2 hits\b/.test(frame(run)) && !frame(run).includes('loading'), 'the search over everything');
    await leaveSearch(run);
    await run.waitFor(() => frame(run).includes(`1/${BIG_COUNT}`) && !frame(run).includes('loading'), 'the whole list');
    run.term.write('q');
    expect((await run.exited).exitCode).toBe(0);
  });

  it('a catalog damaged in its first lines: the reader reads index.json instead', async () => {
    const dir = join(scratch('byline-progressive-'), 'big');
    await bigArchive(dir);
    spoilCatalogLine(dir, 5);
    const run = reader(dir);
    await run.waitFor(() => frame(run).includes(bigTitle(1)) && frame(run).includes(`1/${BIG_COUNT}`), 'the list from index.json');
    run.term.write(`/${RARE_WORD}`);
    await run.waitFor(() => /\b2 hits\b/.test(frame(run)), 'both hits');
    await leaveSearch(run);
    run.term.write('q');
    expect((await run.exited).exitCode).toBe(0);
    expect(run.output()).not.toContain('catalog line');
  });
});
