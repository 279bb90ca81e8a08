// The built reader in tmux, as a person meets the library: the bundled archive on first run,
// their library after an import, site and date columns, and `o` handing the address to the
// browser (a script standing in for it through BYLINE_OPEN).
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { byline, requireBuild } from '../support/cli.js';
import { cleanTemp, scratch, writeArchive } from '../support/hardening.js';
import { BIN, fixture } from '../support/paths.js';
import { hasTmux, TmuxSession } from '../support/tmux.js';
import { displayWidth } from '../../src/text/wrap.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  while (sessions.length) sessions.pop()!.kill();
});
afterAll(cleanTemp);

const body = [{ type: 'paragraph' as const, text: 'Body text.' }];
let pages: string;
beforeAll(() => {
  requireBuild();
  pages = writeArchive(
    scratch(),
    [
      {
        meta: {
          id: 'ferry',
          title: 'Why the river ferry still matters',
          authors: ['ana'],
          url: 'https://www.valleypost.example/ferry',
          publishedAt: '2023-04-01',
        },
        body,
      },
      {
        meta: {
          id: 'tram',
          title: 'City council approves the new tram line after a decade of argument about the route',
          authors: ['ben'],
          siteName: 'The Valley Post',
          url: 'https://valleypost.example/tram',
          publishedAt: '2024-11-20T10:00:00Z',
        },
        body,
      },
      {
        meta: {
          id: 'map',
          title: '紙の地図の静かな復活について書かれた長い記事の題名',
          authors: ['ana'],
          siteName: '地図新聞',
          publishedAt: '2021-06-30',
        },
        body,
      },
      { meta: { id: 'bare', title: 'A story with no page behind it', authors: [] }, body },
    ],
    [
      { id: 'ana', name: 'Ana Alvarez', bio: '', kind: 'person' },
      { id: 'ben', name: 'Benedikt Oberhollenzer-Wainwright', bio: '', kind: 'person' },
    ],
  );
});

function reader(args: string, columns: number, rows: number, env: Record<string, string> = {}) {
  const t = new TmuxSession(`node ${BIN} ${args}`, columns, rows, { BYLINE_STATE: join(scratch(), 'state.json'), ...env });
  sessions.push(t);
  return t;
}

const articleRows = (screen: string) => screen.split('\n').filter((l) => /^[› ] [● ] [★ ] \S/.test(l));
const columnOf = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));

describe.skipIf(!hasTmux)('the library in the reader', () => {
  it('first run shows the bundled archive; after an import, the library with it', async () => {
    const dataHome = scratch();
    const first = reader('', 100, 30, { XDG_DATA_HOME: dataHome });
    const s = await first.waitFor((s) => s.includes('1/6'), 'the bundled archive');
    expect(s).toContain('byline · protocol — 6 articles');
    first.keys('q');
    await first.waitFor((s) => s.includes('EXIT=0'), 'the exit');
    expect((await byline(['import', fixture('several-full-articles.txt')], { env: { XDG_DATA_HOME: dataHome } })).exitCode).toBe(0);
    const after = reader('', 100, 30, { XDG_DATA_HOME: dataHome });
    const t = await after.waitFor((s) => /byline · library — \d+ articles/.test(s), 'the library');
    expect(Number(t.match(/library — (\d+) articles/)![1])).toBeGreaterThan(6);
    expect(t).toContain('Profits over politics');
  });

  for (const [columns, rows] of [
    [80, 24],
    [120, 30],
  ]) {
    it(`at ${columns}×${rows}: title, author, site and date line up`, async () => {
      const t = reader(`--archive ${pages}`, columns, rows);
      const screen = await t.waitFor((s) => s.includes('1/4'), 'the list');
      const [ferry, tram, map, bare] = articleRows(screen);
      for (const line of screen.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
      expect(columnOf(ferry, 'Ana')).toBe(columnOf(tram, 'Benedikt'));
      expect(columnOf(ferry, 'Ana')).toBe(columnOf(map, 'Ana'));
      expect(columnOf(ferry, 'Ana')).toBe(columnOf(bare, 'unknown'));
      expect(columnOf(ferry, 'valleypost')).toBe(columnOf(tram, 'The Valley'));
      expect(columnOf(ferry, 'valleypost')).toBe(columnOf(map, '地図新聞'));
      expect(columnOf(ferry, '2023-04-01')).toBe(columnOf(tram, '2024-11-20'));
      expect(columnOf(ferry, '2023-04-01')).toBe(columnOf(map, '2021-06-30'));
      expect(ferry.trimEnd()).toMatch(/2023-04-01( +valleypost\S*)?$/);
      // One key at a time, as a person types: keys arriving in one read are taken as typed text.
      for (const sort of ['title', 'author', 'date']) {
        t.keys('s');
        await t.waitFor((s) => s.includes(`sort: ${sort}`), `the ${sort} sort`);
      }
      const sorted = t.screen();
      expect(articleRows(sorted).map((l) => l.slice(6, 10))).toEqual(['City', 'Why ', '紙の地図', 'A st']);
    });
  }

  it('o gives the selected article address to BYLINE_OPEN; says so when there is none, or when it fails', async () => {
    const dir = scratch();
    const log = join(dir, 'opened.txt');
    const opener = join(dir, 'opener.sh');
    writeFileSync(opener, `#!/bin/sh\nprintf '%s\\n' "$#" "$@" >> "${log}"\n`);
    chmodSync(opener, 0o755);
    const t = reader(`--archive ${pages}`, 100, 30, { BYLINE_OPEN: opener });
    await t.waitFor((s) => s.includes('1/4'), 'the list');
    t.keys('o');
    await t.waitFor((s) => s.includes('Opening https://www.valleypost.example/ferry'), 'the status');
    while (!existsSync(log)) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(log, 'utf8')).toBe('1\nhttps://www.valleypost.example/ferry\n');
    t.keys('G');
    await t.waitFor((s) => s.includes('4/4'), 'the last article');
    t.keys('o');
    await t.waitFor((s) => s.includes('No web address for this article'), 'no address');
    t.keys('q');
    await t.waitFor((s) => s.includes('EXIT=0'), 'the exit');

    const broken = reader(`--archive ${pages}`, 100, 30, { BYLINE_OPEN: join(dir, 'no-such-browser') });
    await broken.waitFor((s) => s.includes('1/4'), 'the list');
    broken.keys('o');
    await broken.waitFor((s) => s.includes('Could not open the address:') && s.includes('not found'), 'the failure');
  });
});
