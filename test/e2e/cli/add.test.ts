// byline add in a real process: URLs on standard input, progress on a terminal (a pty).
// The page server is on 127.0.0.1, started here (no test reaches the internet).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pty from '@lydell/node-pty';
import { byline, lines, requireBuild } from '../../support/cli.js';
import { BIN } from '../../support/paths.js';
import { startPageServer, type PageServer } from '../../support/page-server.js';
import { tempDir } from '../../support/paths.js';

let server: PageServer;
let env: Record<string, string>;
beforeAll(async () => {
  requireBuild();
  server = await startPageServer();
  env = { BYLINE_WAYBACK_API: `${server.base}/wayback/available` };
});
afterAll(() => server.close());

const fresh = () => join(tempDir('byline-add-'), 'archive');
const add = (args: string[], options: { input?: string } = {}) => byline(['add', ...args], { env, ...options });
const index = (dir: string) => JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));

describe('byline add - (URLs on standard input)', () => {
  it('adds every URL, one a line; a failure gets its line, the rest go on, the summary counts it, exit 1', async () => {
    const dir = fresh();
    const input = [
      `${server.base}/news/ferry.html`,
      '',
      `  ${server.base}/broken.html  `,
      '# a comment',
      `${server.base}/news/buses.html`,
      '',
    ].join('\n');
    const r = await add(['-', '--archive', dir], { input });
    expect(r.exitCode).toBe(1);
    expect(lines(r.stderr)).toEqual([
      `byline: cannot add ${server.base}/broken.html: HTTP 500 Internal Server Error`,
      'added 2 articles (2 new, 0 updated, 0 unchanged), 3 authors; 1 of 3 URLs failed',
    ]);
    expect(index(dir).articles).toHaveLength(2);
  });
});

describe('progress on a terminal', () => {
  it('with several URLs and stderr a terminal: a progress line (count, failures, URL), cleared before the summary', async () => {
    const dir = fresh();
    const { CI: _ci, ...base } = process.env;
    const term = pty.spawn(
      process.execPath,
      [BIN, 'add', `${server.base}/broken.html`, `${server.base}/news/buses.html`, '--archive', dir],
      {
        cols: 120,
        rows: 10,
        env: { ...base, ...env } as Record<string, string>,
      },
    );
    let output = '';
    term.onData((d) => (output += d));
    const { exitCode } = await new Promise<{ exitCode: number }>((resolve) => term.onExit(resolve));
    expect(exitCode).toBe(1);
    expect(output).toContain(`[1/2] ${server.base}/broken.html`);
    expect(output).toContain(`[2/2] 1 failed · ${server.base}/news/buses.html`);
    expect(output).toContain('\r\u001b[2Kadded 1 article (1 new, 0 updated, 0 unchanged), 1 author; 1 of 2 URLs failed');
  });
});
