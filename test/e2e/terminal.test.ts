// The built binary in real terminals: tmux for what a person sees, node-pty for exit codes.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import pty from '@lydell/node-pty';
import { hasTmux, TmuxSession } from '../support/tmux.js';

const BIN = join(process.cwd(), 'bin', 'byline.js');
const stateFile = () => join(mkdtempSync(join(tmpdir(), 'byline-e2e-')), 'state.json');

const sessions: TmuxSession[] = [];
afterEach(() => {
  while (sessions.length) sessions.pop()!.kill();
});

describe.skipIf(!hasTmux)('the reader in tmux', () => {
  it('searches, opens, pages and quits, leaving the terminal as it was', async () => {
    const t = new TmuxSession(`node ${BIN}`, 100, 30, { BYLINE_STATE: stateFile() });
    sessions.push(t);
    await t.waitFor((s) => s.includes('1/6 · 6 unread'), 'the list');
    expect(t.modes().alternate).toBe(true);
    t.keys('/');
    t.text('profits china');
    await t.waitFor((s) => s.includes('/ profits china') && s.includes('Profits over politics'), 'search results');
    t.keys('Enter');
    const first = await t.waitFor((s) => /page 1\/\d+/.test(s), 'the article');
    expect(first).toContain('Author unknown');
    t.keys('Space');
    await t.waitFor((s) => /page 2\/\d+/.test(s), 'page 2');
    t.keys('q');
    await t.waitFor((s) => s.includes('/ profits china'), 'back at the search');
    // Two Esc bytes read together are one Alt-Esc to any terminal program: one at a time.
    t.keys('Escape');
    await t.waitFor((s) => s.includes('Type to search'), 'an empty query');
    t.keys('Escape');
    await t.waitFor((s) => s.includes('unread'), 'the list again');
    t.keys('q');
    const after = await t.waitFor((s) => s.includes('EXIT='), 'the exit');
    expect(after).toContain('EXIT=0');
    expect(t.modes()).toEqual({ alternate: false, cursorVisible: true });
  });

  it('reflows on resize and shows the too-small message, then recovers', async () => {
    const t = new TmuxSession(`node ${BIN}`, 100, 30, { BYLINE_STATE: stateFile() });
    sessions.push(t);
    await t.waitFor((s) => s.includes('1/6'), 'the list');
    t.resize(30, 8);
    await t.waitFor((s) => s.includes('Enlarge the terminal'), 'the too-small message');
    t.resize(70, 20);
    const s = await t.waitFor((s) => s.includes('1/6'), 'the list again');
    expect(Math.max(...s.split('\n').map((l) => l.trimEnd().length))).toBeLessThanOrEqual(70);
  });
});

function runInPty(args: string[], env: Record<string, string> = {}) {
  // Ink treats any CI variable, even an empty one, as "render only the last frame".
  const { CI: _ci, ...base } = process.env;
  const term = pty.spawn(process.execPath, [BIN, ...args], {
    cols: 100,
    rows: 30,
    env: { ...base, BYLINE_STATE: stateFile(), ...env } as Record<string, string>,
  });
  let output = '';
  term.onData((d) => (output += d));
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => term.onExit(resolve));
  const waitFor = async (text: string) => {
    const deadline = Date.now() + 8000;
    while (!output.includes(text)) {
      if (Date.now() > deadline) throw new Error(`no "${text}" in output`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { term, exited, waitFor, output: () => output };
}

describe('the reader in a pseudo-terminal', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])('%s exits with %i and restores the terminal', async (signal, code) => {
    const run = runInPty([]);
    await run.waitFor('unread');
    run.term.kill(signal);
    const { exitCode } = await run.exited;
    expect(exitCode).toBe(code);
    const out = run.output();
    expect(out).toContain('\u001b[?1049h');
    expect(out.lastIndexOf('\u001b[?1049l')).toBeGreaterThan(out.lastIndexOf('\u001b[?1049h'));
    expect(out.lastIndexOf('\u001b[?25h')).toBeGreaterThan(out.lastIndexOf('\u001b[?25l'));
  });

  it('Ctrl-c exits with 130', async () => {
    const run = runInPty([]);
    await run.waitFor('unread');
    run.term.write('\u0003');
    expect((await run.exited).exitCode).toBe(130);
    expect(run.output()).toContain('\u001b[?1049l');
  });

  // DEV=true is Ink's switch for React Devtools, and a name a shell may well have set. Ink
  // then imports react-devtools-core, which byline does not install: Ink's documented answer
  // is a warning, and the reader goes on.
  it('starts with DEV=true set, without react-devtools-core installed; the programs it starts get DEV', async () => {
    const run = runInPty([], { DEV: 'true' });
    await run.waitFor('unread');
    const seen = join(mkdtempSync(join(tmpdir(), 'byline-e2e-')), 'dev.txt');
    run.term.write('\r');
    await run.waitFor('page 1/');
    run.term.write('|');
    run.term.write(`printenv DEV > ${seen}\r`);
    const deadline = Date.now() + 8000;
    while (!existsSync(seen) || !readFileSync(seen, 'utf8')) {
      if (Date.now() > deadline) throw new Error('the piped command never ran');
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(readFileSync(seen, 'utf8')).toBe('true\n');
    run.term.write('\u0003');
    expect((await run.exited).exitCode).toBe(130);
    expect(run.output()).not.toMatch(/React Devtools|is not a function|ENOENT/);
  });

  it('never opens the reader when CI is set: plain list instead', async () => {
    const run = runInPty([], { CI: 'true' });
    const { exitCode } = await run.exited;
    expect(exitCode).toBe(0);
    expect(run.output()).not.toContain('\u001b[?1049h');
    expect(run.output()).toContain('judge-zia-faruqui');
  });
});
