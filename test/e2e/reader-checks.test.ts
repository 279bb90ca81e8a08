// Issue 10: what a new user hit, checked in a real 80×24 terminal against the built binary.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, pollScreen, TmuxSession } from '../support/tmux.js';

const BIN = join(process.cwd(), 'bin', 'byline.js');
const stateFile = () => join(mkdtempSync(join(tmpdir(), 'byline-e2e-')), 'state.json');

const sessions: TmuxSession[] = [];
afterEach(() => {
  while (sessions.length) sessions.pop()!.kill();
});

const open = (columns: number, rows: number, state = stateFile()) => {
  const t = new TmuxSession(`node ${BIN}`, columns, rows, { BYLINE_STATE: state });
  sessions.push(t);
  return t;
};

describe.skipIf(!hasTmux)('the reader at 80×24 (issue 10)', () => {
  it('help is readable: each key and its description in full, no line cut (defect 3)', async () => {
    const t = open(80, 24);
    await t.waitFor((s) => s.includes('1/6 · 6 unread'), 'the list');
    t.keys('?');
    const help = await t.waitFor((s) => s.includes('next item'), 'the help');
    for (const text of ['next item', 'toggle bookmark', 'search as you type', 'cycle sort: archive order, title, author']) {
      expect(
        help.split('\n').some((l) => l.includes(text)),
        `"${text}" in\n${help}`,
      ).toBe(true);
    }
    // Nothing cut: the only … is none at all.
    expect(help).not.toContain('…');
    t.keys('Escape');
    await t.waitFor((s) => s.includes('1/6 · 6 unread'), 'the list again');
  });

  it('reopening an article after paging with Space shows the same page and the same first lines (defect 1)', async () => {
    const state = stateFile();
    const t = open(80, 24, state);
    await t.waitFor((s) => s.includes('1/6 · 6 unread'), 'the list');
    t.keys('Enter');
    await t.waitFor((s) => /page 1\/\d+/.test(s), 'the article');
    for (let i = 0; i < 4; i++) t.keys('Space');
    const paged = await t.waitFor((s) => /page 5\/\d+/.test(s), 'page 5');
    const firstLines = paged.split('\n').slice(0, 3).join('\n');
    for (let i = 0; i < 2; i++) {
      t.keys('q');
      await t.waitFor((s) => s.includes('unread'), 'the list');
      t.keys('Enter');
      const again = await t.waitFor((s) => /page \d+\/\d+/.test(s), 'the article again');
      expect(again).toMatch(/page 5\/\d+/);
      expect(again.split('\n').slice(0, 3).join('\n')).toBe(firstLines);
    }
    t.keys('q', 'q');
    await t.waitFor((s) => s.includes('EXIT='), 'the exit');

    // After a restart too.
    const u = open(80, 24, state);
    await u.waitFor((s) => s.includes('1/6 · 5 unread'), 'the list');
    u.keys('Enter');
    const restarted = await u.waitFor((s) => /page \d+\/\d+/.test(s), 'the article after a restart');
    expect(restarted).toMatch(/page 5\/\d+/);
    expect(restarted.split('\n').slice(0, 3).join('\n')).toBe(firstLines);
  });

  it('list columns line up: every author starts at the same column (defect 5)', async () => {
    const t = open(80, 24);
    const list = await t.waitFor((s) => s.includes('1/6 · 6 unread'), 'the list');
    const rows = list.split('\n').slice(1, 7);
    const starts = rows.map((r) => {
      const gap = / {2,}(?=\S)/.exec(r.slice(6))!;
      return 6 + gap.index + gap[0].length;
    });
    expect(new Set(starts).size, rows.join('\n')).toBe(1);
  });
});

describe.skipIf(!hasTmux)('the reader hands the terminal over (issue 10, section 3)', () => {
  it('| pipes the article text to a shell command, shows its output and exit status, and comes back', async () => {
    const t = open(80, 24);
    await t.waitFor((s) => s.includes('1/6 · 6 unread'), 'the list');
    t.keys('Enter');
    await t.waitFor((s) => /page 1\/\d+/.test(s), 'the article');
    t.keys('|');
    await t.waitFor((s) => s.includes('Enter run'), 'the prompt');
    t.text('head -1; exit 3');
    t.keys('Enter');
    const out = await t.waitFor((s) => s.includes('press Enter to return'), 'the command output');
    expect(out).toContain('Profits over politics');
    expect(out).toContain('[byline: exit 3');
    expect(t.modes().alternate).toBe(false);
    t.keys('Enter');
    const back = await t.waitFor((s) => /page 1\/\d+/.test(s), 'the article again');
    expect(back).toContain('| head -1; exit 3: exit 3');
    expect(t.modes().alternate).toBe(true);
    t.keys('j');
    await t.waitFor((s) => !s.includes('exit 3'), 'keys work again');
  });

  it('e opens the article as Markdown in $EDITOR, in a read-only file that is removed afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'byline-editor-'));
    const out = join(dir, 'seen.txt');
    const editor = join(dir, 'editor.sh');
    writeFileSync(editor, `#!/bin/sh\nstat -c %a "$1" > ${out}\necho "$1" >> ${out}\ncat "$1" >> ${out}\n`, { mode: 0o755 });
    const t = new TmuxSession(`node ${BIN}`, 80, 24, { BYLINE_STATE: stateFile(), EDITOR: editor });
    sessions.push(t);
    await t.waitFor((s) => s.includes('1/6 · 6 unread'), 'the list');
    t.keys('Enter');
    await t.waitFor((s) => /page 1\/\d+/.test(s), 'the article');
    t.keys('e');
    await t.waitFor((s) => s.includes('exit 0'), 'the editor done');
    const [mode, file, ...markdown] = readFileSync(out, 'utf8').split('\n');
    expect(mode).toBe('444');
    expect(markdown[0]).toMatch(/^# Profits over politics/);
    expect(existsSync(file)).toBe(false);
  });

  it('Y copies the text with OSC 52 where the terminal takes it, and says so', async () => {
    const t = new TmuxSession(`node ${BIN}`, 80, 24, { BYLINE_STATE: stateFile(), BYLINE_CLIPBOARD: 'osc52' });
    sessions.push(t);
    t.tmux('set-option', '-s', 'set-clipboard', 'on');
    await t.waitFor((s) => s.includes('1/6 · 6 unread'), 'the list');
    t.keys('Enter');
    await t.waitFor((s) => /page 1\/\d+/.test(s), 'the article');
    t.keys('Y');
    await t.waitFor((s) => s.includes('Text copied via the terminal (OSC 52)'), 'the confirmation');
    const buffer = await pollScreen(
      () => t.tmux('show-buffer'),
      (b) => b.length > 0,
      'the tmux buffer',
      3000,
    ).catch(() => '');
    expect(buffer).toMatch(/^Profits over politics/);
  });
});

describe.skipIf(!hasTmux)('a broken search index (issue 10, defect 10)', () => {
  it('the search screen says search is unavailable and names byline reindex, at 80 columns', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'byline-broken-index-')), 'archive');
    cpSync(join(process.cwd(), 'data', 'protocol'), dir, { recursive: true });
    const segment = join(
      dir,
      'search',
      readdirSync(join(dir, 'search')).find((f) => f.endsWith('.seg'))!,
    );
    // The file's first bytes are right (it is taken for a word index); its header is not JSON.
    writeFileSync(segment, Buffer.concat([readFileSync(segment).subarray(0, 10), Buffer.from('{"vocab": [broken')]));
    const t = new TmuxSession(`node ${BIN} --archive ${dir}`, 80, 24, { BYLINE_STATE: stateFile() });
    sessions.push(t);
    await t.waitFor((s) => s.includes('1/6 · 6 unread'), 'the list');
    t.keys('/');
    t.text('aws');
    const shown = await t.waitFor((s) => s.includes('Search unavailable'), 'the error');
    expect(shown).toContain('run: byline reindex');
    expect(shown).not.toContain('indexing the archive');
  });
});

describe.skipIf(!hasTmux)('signals (issue 10, section 1)', () => {
  it("SIGTERM saves the open article's place before the reader exits with 143", async () => {
    const state = stateFile();
    const t = open(80, 24, state);
    await t.waitFor((s) => s.includes('1/6 · 6 unread'), 'the list');
    t.keys('Enter');
    await t.waitFor((s) => /page 1\/\d+/.test(s), 'the article');
    t.keys('Space', 'Space');
    await t.waitFor((s) => /page 3\/\d+/.test(s), 'page 3');
    const shell = t.tmux('display-message', '-p', '-t', t.name, '#{pane_pid}').trim();
    const reader = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0];
    process.kill(Number(reader), 'SIGTERM');
    await t.waitFor((s) => s.includes('EXIT=143'), 'the exit');
    const saved = JSON.parse(readFileSync(state, 'utf8')).articles;
    const [mark] = Object.values(saved) as { block?: number; read?: boolean }[];
    expect(mark).toMatchObject({ read: true, block: expect.any(Number) });
    expect(mark.block).toBeGreaterThan(0);
  });
});
