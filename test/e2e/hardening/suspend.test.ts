// Issue "Nothing lost, ever", item 14: suspending the reader. Ctrl-z (or SIGTSTP from
// outside) used to stop it on the alternate screen in raw mode, and `fg` redrew nothing. Now,
// as in less and vim, the terminal is given back (main screen, cooked mode, echo, cursor)
// before the process stops, and SIGCONT takes the screen again and redraws it. A dumb
// terminal (TERM=dumb) gets the plain list, never the full-screen reader.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pty from '@lydell/node-pty';
import stripAnsi from 'strip-ansi';
import stringWidth from 'string-width';
import { requireBuild } from '../../support/cli.js';
import { BIN, DEFAULT_ARCHIVE, ROOT } from '../../support/paths.js';
import { cleanTemp, lastRawFrame, readerEnv, runPty, scratch } from '../../support/hardening.js';

const ENTER_ALT = '\u001b[?1049h';
const LEAVE_ALT = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';
const FIRST_TITLE = 'Profits over politics';

beforeAll(() => requireBuild());
afterAll(() => cleanTemp());

/** A shell with job control (`set -m`, as an interactive shell has) in a pseudo-terminal,
 * running the reader as its foreground job: when the job stops, the shell says so, waits
 * for a line (which it can read only if the terminal is back in cooked mode), then `fg`. */
function shellWithJobControl(state: string) {
  const script = `set -m; node "${BIN}" --archive "${DEFAULT_ARCHIVE}" --state "${state}"; echo "[stopped $?]"; read -r line; echo "[read $line]"; fg; echo "[exit $?]"; sleep 0.2`;
  const term = pty.spawn('bash', ['--norc', '--noprofile', '-c', script], { cols: 100, rows: 30, cwd: ROOT, env: readerEnv() });
  let out = '';
  let exited = false;
  term.onData((d) => (out += d));
  term.onExit(() => (exited = true));
  const waitFor = async (test: (s: string) => boolean, what: string, timeout = 10_000) => {
    const deadline = Date.now() + timeout;
    while (!test(out)) {
      if (Date.now() > deadline || exited)
        throw new Error(`${exited ? 'the shell exited' : 'timed out'} waiting for ${what}; output:\n${JSON.stringify(out.slice(-1500))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  /** The reader's process id: the shell's one child. */
  const readerPid = () => Number(readFileSync(`/proc/${term.pid}/task/${term.pid}/children`, 'utf8').trim().split(/\s+/)[0]);
  return { term, out: () => out, waitFor, readerPid, cleanup: () => !exited && term.kill('SIGKILL') };
}

/** The terminal's line discipline, as `stty` reports it: ["icanon", "echo", …] or "-icanon"… */
function ttyModes(term: pty.IPty): string[] {
  const pts = (term as unknown as { _pty: string })._pty;
  return execFileSync('stty', ['-a', '-F', pts], { encoding: 'utf8' }).match(/(?<=\s|^)-?(?:icanon|echo|isig|icrnl)(?=\s|$)/gm) ?? [];
}

const processState = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];

async function suspendAndResume(how: 'key' | 'signal', resizeTo?: { cols: number; rows: number }) {
  const sh = shellWithJobControl(join(scratch(), 'state.json'));
  try {
    await sh.waitFor((o) => stripAnsi(lastRawFrame(o)).includes('1/6'), 'the list');
    const pid = sh.readerPid();
    expect(ttyModes(sh.term)).toEqual(expect.arrayContaining(['-icanon', '-echo']));
    sh.term.write('j'); // move, so the redraw must show the reader's state, not a fresh start
    await sh.waitFor((o) => stripAnsi(lastRawFrame(o)).includes('2/6'), 'the second row selected');

    const before = sh.out().length;
    if (how === 'key') sh.term.write('\u001a');
    else process.kill(pid, 'SIGTSTP');
    await sh.waitFor((o) => o.includes('[stopped 148]'), 'the shell to see the job stop');
    const whileStopped = sh.out().slice(before);
    // The main screen and the cursor came back before the shell wrote a word.
    expect(whileStopped.indexOf(LEAVE_ALT)).toBeGreaterThanOrEqual(0);
    expect(whileStopped.indexOf(SHOW_CURSOR)).toBeGreaterThanOrEqual(0);
    expect(whileStopped.indexOf(LEAVE_ALT)).toBeLessThan(whileStopped.indexOf('Stopped'));
    expect(whileStopped).not.toContain(ENTER_ALT);
    expect(processState(pid)).toBe('T');
    expect(ttyModes(sh.term)).toEqual(expect.arrayContaining(['icanon', 'echo', 'isig', 'icrnl']));
    if (resizeTo) sh.term.resize(resizeTo.cols, resizeTo.rows); // the shell is told, not the stopped reader
    // A line typed now is read by the shell as a line: Enter ends it, and it is echoed.
    sh.term.write('typed\r');
    await sh.waitFor((o) => o.includes('[read typed]'), 'the shell to read a line in cooked mode');
    expect(sh.out().slice(before)).toContain('typed\r\n');

    // fg may have brought the reader back already: look from the shell's last words on.
    const resumed = sh.out().indexOf('[read typed]');
    const redrawn = (o: string) => stripAnsi(lastRawFrame(o.slice(resumed)));
    await sh.waitFor(
      (o) =>
        o.slice(resumed).includes(ENTER_ALT) &&
        redrawn(o).includes('2/6') &&
        (!resizeTo || redrawn(o).split('\n').length === resizeTo.rows - 1),
      'the reader redrawn after fg',
    );
    const frame = stripAnsi(lastRawFrame(sh.out().slice(resumed)));
    expect(frame).toContain(FIRST_TITLE);
    expect(frame.split('\n').find((l) => l.startsWith('›'))).toMatch(/Judge Zia Faruqui/);
    if (resizeTo) {
      const rows = frame.split('\n');
      expect(rows).toHaveLength(resizeTo.rows - 1);
      for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(resizeTo.cols);
      expect(rows.at(-1)).toMatch(/^2\/6 · .* 1–6 of 6$/);
    }
    expect(ttyModes(sh.term)).toEqual(expect.arrayContaining(['-icanon', '-echo']));
    // Still the reader, taking keys, and it quits normally.
    sh.term.write('j');
    await sh.waitFor((o) => stripAnsi(lastRawFrame(o.slice(resumed))).includes('3/6'), 'keys after the resume');
    // Taken back once: the SIGCONT that continued it did not draw it all a second time.
    expect(sh.out().slice(resumed).split(ENTER_ALT)).toHaveLength(2);
    sh.term.write('q');
    await sh.waitFor((o) => o.includes('[exit 0]'), 'exit 0');
  } finally {
    sh.cleanup();
  }
}

describe('suspending the reader (Ctrl-z, SIGTSTP) and resuming it (fg, SIGCONT)', () => {
  it('Ctrl-z: the terminal is restored, the process stops; fg redraws the same screen', async () => {
    await suspendAndResume('key');
  });

  it('SIGTSTP from outside: the same', async () => {
    await suspendAndResume('signal');
  });

  it('resized while stopped: drawn at the new size after fg', async () => {
    await suspendAndResume('key', { cols: 64, rows: 18 });
  });

  it('with no job control to resume it (an orphaned process group), Ctrl-z does not strand it: the reader comes straight back', async () => {
    // node-pty makes the reader a session leader: the kernel discards SIGTSTP for it.
    const run = runPty(['--archive', DEFAULT_ARCHIVE, '--state', join(scratch(), 'state.json')]);
    await run.waitFor(() => run.frame().some((l) => l.includes('1/6')), 'the list');
    const before = run.output().length;
    run.term.write('\u001a');
    await run.waitFor(
      (o) => o.slice(before).includes(ENTER_ALT) && stripAnsi(lastRawFrame(o.slice(before))).includes(FIRST_TITLE),
      'the reader back',
    );
    expect(run.output().slice(before).indexOf(LEAVE_ALT)).toBeLessThan(run.output().slice(before).indexOf(ENTER_ALT));
    run.term.write('q');
    expect((await run.exited).exitCode).toBe(0);
  });

  it('SIGSTOP (which cannot be caught) then SIGCONT: the screen is taken back and redrawn', async () => {
    const run = runPty(['--archive', DEFAULT_ARCHIVE, '--state', join(scratch(), 'state.json')]);
    await run.waitFor(() => run.frame().some((l) => l.includes('1/6')), 'the list');
    process.kill(run.term.pid, 'SIGSTOP');
    const before = run.output().length;
    process.kill(run.term.pid, 'SIGCONT');
    await run.waitFor(
      (o) => o.slice(before).includes(ENTER_ALT) && stripAnsi(lastRawFrame(o.slice(before))).includes(FIRST_TITLE),
      'the redraw',
    );
    run.term.write('q');
    expect((await run.exited).exitCode).toBe(0);
  });
});

describe('TERM=dumb', () => {
  it('byline in a dumb terminal prints the plain list: no reader, no escape codes', async () => {
    const term = pty.spawn(process.execPath, [BIN, '--archive', DEFAULT_ARCHIVE], {
      cols: 100,
      rows: 30,
      cwd: ROOT,
      env: readerEnv({ TERM: 'dumb' }),
    });
    let out = '';
    term.onData((d) => (out += d));
    const timer = setTimeout(() => term.kill('SIGKILL'), 10_000); // the reader would wait for keys
    const exitCode = await new Promise<number>((resolve) => term.onExit((e) => resolve(e.exitCode)));
    clearTimeout(timer);
    expect(exitCode).toBe(0);
    expect(out).not.toMatch(/\u001b/);
    const rows = out.replace(/\r\n/g, '\n').trimEnd().split('\n');
    expect(rows).toHaveLength(6);
    expect(rows[0]).toContain(FIRST_TITLE);
  });
});
