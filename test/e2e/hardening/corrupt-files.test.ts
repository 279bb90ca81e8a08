// Issue 5, case 5: a corrupt archive or reader-state file. Archive: exit 2 with the path and
// the reason, every byte untouched — whichever command (or the reader) meets it. State:
// moved aside to NAME.corrupt-<timestamp> with its bytes intact, one-line warning, fresh start,
// nothing overwritten in place.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byline, lines, requireBuild } from '../../support/cli.js';
import { DEFAULT_ARCHIVE, SEED, snapshotDir } from '../../support/paths.js';
import { cleanTemp, runPty, scratch } from '../../support/hardening.js';
import { UserState } from '../../../src/archive/user-state.js';

beforeAll(() => requireBuild());
afterAll(() => cleanTemp());

const validIndex = readFileSync(join(DEFAULT_ARCHIVE, 'index.json'));
const validState = Buffer.from(
  JSON.stringify({ version: 1, articles: { 'some-article': { read: true, bookmarked: true, block: 3, percent: 40 } } }, null, 2) + '\n',
);

/** name, the file's bytes, and what the reason must say. */
function corruptions(
  valid: Buffer,
  schemaBreak: (text: string) => string,
  versionBump: (text: string) => string,
): [string, Buffer, RegExp][] {
  const text = valid.toString('utf8');
  return [
    ['empty (0 bytes)', Buffer.alloc(0), /empty/],
    ['only white space', Buffer.from('  \n\n\t\n'), /empty/],
    ['truncated mid-JSON', valid.subarray(0, Math.floor(valid.length / 2)), /not valid JSON/],
    ['NUL-filled (a block that never got written)', Buffer.alloc(4096), /NUL/],
    ['valid JSON behind a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), valid]), /byte-order mark/],
    ['fails the schema', Buffer.from(schemaBreak(text)), /schema/],
    ['a newer version', Buffer.from(versionBump(text)), /newer/],
    ['JSON nested 100 000 deep', Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)), /schema/],
  ];
}

const ARCHIVE_CASES = corruptions(
  validIndex,
  (t) => t.replace('"kind":"full"', '"kind":"novel"'),
  (t) => t.replace('"formatVersion":1', '"formatVersion":2'),
);
// JSON nested 100 000 deep is an array: valid JSON but not a state file, which is refused, not
// moved (nothing-lost.test.ts).
const STATE_CASES = corruptions(
  validState,
  (t) => t.replace('"percent": 40', '"percent": "forty"'),
  (t) => t.replace('"version": 1', '"version": 2'),
).filter(([label]) => !label.startsWith('JSON nested'));

describe('a corrupt index.json: exit 2, path and reason, untouched', () => {
  for (const [label, bytes, reason] of ARCHIVE_CASES) {
    it(label, { timeout: 60_000 }, async () => {
      const dir = scratch('byline-corrupt-archive-');
      cpSync(DEFAULT_ARCHIVE, dir, { recursive: true });
      const path = join(dir, 'index.json');
      writeFileSync(path, bytes);
      const before = snapshotDir(dir);
      const runs = await Promise.all([
        byline(['list', '--archive', dir]),
        byline(['read', 'mlops', '--archive', dir]),
        byline(['search', 'aws', '--json', '--archive', dir]),
        byline(['import', SEED, '--archive', dir]),
        byline(['export', '--archive', dir]),
      ]);
      for (const r of runs) {
        expect(r.exitCode, r.stderr).toBe(2);
        expect(r.stdout).toBe('');
        expect(lines(r.stderr)).toHaveLength(1);
        expect(r.stderr.startsWith(`byline: cannot read archive ${path}: `), r.stderr).toBe(true);
        expect(r.stderr).toMatch(reason);
      }
      // The reader meets it before it takes the terminal: same line, same exit code.
      const reader = runPty(['--archive', dir], { env: { BYLINE_STATE: join(scratch(), 'state.json') } });
      expect((await reader.exited).exitCode).toBe(2);
      expect(reader.output()).toContain(`byline: cannot read archive ${path}: `);
      expect(reader.output()).not.toContain('\u001b[?1049h');
      // Not one byte changed, nothing added (no lock, no temp file).
      expect(readFileSync(path).equals(bytes)).toBe(true);
      expect(snapshotDir(dir)).toEqual(before);
    });
  }
});

const NOW = new Date('2026-01-02T03:04:05.678Z');
const ASIDE_SUFFIX = '.corrupt-2026-01-02T03-04-05-678Z';

describe('a corrupt reader-state file: moved aside, one-line warning, fresh start', () => {
  for (const [label, bytes, reason] of STATE_CASES) {
    it(label, async () => {
      const path = join(scratch('byline-corrupt-state-'), 'state.json');
      writeFileSync(path, bytes);
      const state = await UserState.load(path, NOW);
      const aside = path + ASIDE_SUFFIX;
      // One line that names the file, says why, and where it went.
      expect(state.warning).toBeDefined();
      expect(state.warning!.split('\n')).toHaveLength(1);
      expect(state.warning).toContain(path);
      expect(state.warning).toMatch(reason);
      expect(state.warning).toContain(aside);
      // Moved, not copied and not rewritten: the original bytes are in the moved file.
      expect(existsSync(path)).toBe(false);
      expect(readFileSync(aside).equals(bytes)).toBe(true);
      // A fresh start …
      expect(state.mark('some-article')).toEqual({});
      // … that saves normally and never touches the moved file again.
      state.update('another-article', { bookmarked: true });
      await state.flush();
      expect(state.saveError).toBeUndefined();
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
        kind: 'byline-state',
        version: 1,
        articles: { 'another-article': { bookmarked: true } },
      });
      expect(readFileSync(aside).equals(bytes)).toBe(true);
      const again = await UserState.load(path);
      expect(again.warning).toBeUndefined();
      expect(again.mark('another-article').bookmarked).toBe(true);
    });
  }

  it('a valid state file loads without a warning and is not moved', async () => {
    const path = join(scratch(), 'state.json');
    writeFileSync(path, validState);
    const state = await UserState.load(path, NOW);
    expect(state.warning).toBeUndefined();
    expect(state.mark('some-article')).toMatchObject({ read: true, bookmarked: true });
    expect(readdirSync(dirname(path))).toEqual([basename(path)]);
  });

  it('a state file that goes corrupt while the reader runs is moved aside on the next save, not overwritten', async () => {
    const path = join(scratch(), 'state.json');
    writeFileSync(path, validState);
    const state = await UserState.load(path);
    const garbage = Buffer.from('{"version": 1, "articles": {"half-writ');
    writeFileSync(path, garbage);
    state.update('mine', { read: true });
    await state.flush();
    const asides = readdirSync(dirname(path)).filter((f) => f.startsWith('state.json.corrupt-'));
    expect(asides).toHaveLength(1);
    expect(readFileSync(join(dirname(path), asides[0])).equals(garbage)).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8')).articles.mine).toEqual({ read: true });
  });

  for (const [label, bytes] of [STATE_CASES[2], STATE_CASES[6]]) {
    it(
      `end to end (${label}): the reader warns on one line, starts fresh and saves beside the moved file`,
      { timeout: 60_000 },
      async () => {
        const path = join(scratch('byline-corrupt-state-e2e-'), 'state.json');
        writeFileSync(path, bytes);
        const run = runPty([], { env: { BYLINE_STATE: path } });
        await run.waitFor('6 unread', 'the list (fresh: nothing read)');
        const warning = run
          .output()
          .split(/\r?\n/)
          .filter((l) => l.includes('byline: reader state'));
        expect(warning).toHaveLength(1);
        expect(warning[0]).toMatch(
          new RegExp(`^byline: reader state ${path} was unreadable \\(.+\\); moved it to ${path}\\.corrupt-\\S+ and started fresh$`),
        );
        expect(run.frame().join('\n')).toContain('⚠ state: see stderr');
        run.term.write('m');
        await run.waitFor(() => run.frame().some((l) => l.startsWith('› ● ★')), 'the bookmark');
        run.term.write('q');
        expect((await run.exited).exitCode).toBe(0);
        const dir = dirname(path);
        const asides = readdirSync(dir).filter((f) => f.startsWith('state.json.corrupt-'));
        expect(asides).toHaveLength(1);
        expect(readFileSync(join(dir, asides[0])).equals(bytes)).toBe(true);
        const saved = JSON.parse(readFileSync(path, 'utf8'));
        expect(saved.version).toBe(1);
        expect(Object.values(saved.articles)).toEqual([{ bookmarked: true }]);
      },
    );
  }
});
