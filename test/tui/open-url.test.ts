// `o` hands the address to the system opener (or BYLINE_OPEN) as one argument, never
// through a shell, and says in one line when that did not work.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openInBrowser, openerCommand } from '../../src/tui/open-url.js';
import { cleanTemp, scratch } from '../support/hardening.js';

afterAll(cleanTemp);

function script(body: string): string {
  const path = join(scratch(), 'opener.sh');
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Opens and waits for the outcome: a failure line, or none after the opener has finished. */
function open(url: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    openInBrowser(url, resolve, env, () => resolve(undefined));
  });
}

describe('openerCommand', () => {
  it('is BYLINE_OPEN when set, else the platform opener', () => {
    expect(openerCommand({ BYLINE_OPEN: '/usr/bin/firefox' }, 'linux')).toEqual({ command: '/usr/bin/firefox', args: [] });
    expect(openerCommand({}, 'linux')).toEqual({ command: 'xdg-open', args: [] });
    expect(openerCommand({ BYLINE_OPEN: '' }, 'freebsd')).toEqual({ command: 'xdg-open', args: [] });
    expect(openerCommand({}, 'darwin')).toEqual({ command: 'open', args: [] });
    expect(openerCommand({}, 'win32')).toEqual({ command: 'rundll32', args: ['url.dll,FileProtocolHandler'] });
  });
});

describe('openInBrowser', () => {
  it('gives the opener the address as its one argument; nothing in it reaches a shell', async () => {
    const dir = scratch();
    const out = join(dir, 'args.txt');
    const pwned = join(dir, 'pwned');
    const opener = script(`printf '%s\\n' "$#" "$@" > "${out}"`);
    const url = `https://example.com/a?b=1&c=$(touch ${pwned});d=\`touch ${pwned}\``;
    expect(await open(url, { BYLINE_OPEN: opener, PATH: process.env.PATH })).toBeUndefined();
    expect(readFileSync(out, 'utf8')).toBe(`1\n${url}\n`);
    expect(existsSync(pwned)).toBe(false);
  });

  it('an opener that is not there: one line saying which, and how to choose another', async () => {
    const why = await open('https://example.com/', { BYLINE_OPEN: '/no/such/opener', PATH: process.env.PATH });
    expect(why).toBe('Could not open the address: /no/such/opener not found (set BYLINE_OPEN to a browser command)');
  });

  it('an opener that fails: one line with its exit status', async () => {
    const why = await open('https://example.com/', { BYLINE_OPEN: script('exit 3'), PATH: process.env.PATH });
    expect(why).toMatch(/^Could not open the address: .*opener\.sh exited with status 3$/);
  });
});
