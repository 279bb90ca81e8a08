// End to end: closed pipes (EPIPE), colour and wrapping in pipes vs. terminals.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import pty from '@lydell/node-pty';
import stringWidth from 'string-width';
import { byline, cleanEnv, requireBuild } from '../../support/cli.js';
import { BIN, ROOT, tempDir } from '../../support/paths.js';

const CHINA = 'profits-over-politics-aws-and-microsoft-execs-warn-of-chinas-ai-threat-while';
const AWS_CEO = 'aws-ceo-the-cloud-isnt-just-about-technology';

let root: string;
let big: string;
beforeAll(async () => {
  requireBuild();
  root = tempDir('byline-cli-pipes-');
  // An article of ~2 MB, far more than a pipe buffer holds, so `| head -1` really closes the pipe early.
  const paragraphs = Array.from(
    { length: 20_000 },
    (_, i) => `Paragraph ${i} of a very long story about archives, terminals and pipes that keeps going.`,
  );
  const dump = join(root, 'big.txt');
  writeFileSync(dump, `A very long story\n\nThe dek of the long story.\n\nPhoto: Someone\n\n${paragraphs.join('\n\n')}\n`);
  big = join(root, 'big-archive');
  const r = await byline(['import', dump, '--archive', big]);
  expect(r.exitCode, r.stderr).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `byline ARGS | head -1` in bash: byline's own exit code, its stderr, and what head printed. */
async function intoHead(args: string): Promise<{ exitCode: number; stderr: string; head: string }> {
  const err = join(root, `stderr-${Math.random().toString(36).slice(2)}.txt`);
  const script = `node "${BIN}" ${args} 2>"${err}" | head -1; exit "\${PIPESTATUS[0]}"`;
  const r = await execa('bash', ['-c', script], { cwd: ROOT, reject: false, extendEnv: false, env: cleanEnv(), timeout: 80_000 });
  return { exitCode: r.exitCode ?? -1, stderr: readFileSync(err, 'utf8'), head: String(r.stdout) };
}

// One at a time: each is a 2 MB write into a pipe, and a dozen at once on a loaded machine
// once took longer than the timeout.
describe('a closed pipe (EPIPE)', () => {
  it('`byline read ID | head -1` exits 0 with nothing on stderr', async () => {
    const r = await intoHead(`read ${CHINA}`);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.head).toBe('Profits over politics: AWS and Microsoft execs warn of China’s AI threat while growing AI hubs inside China');
  });

  for (const args of [
    'read a-very-long-story',
    'read a-very-long-story --format json',
    'read a-very-long-story --format markdown --width 30',
    'export',
    'search paragraph --json',
  ]) {
    it(`\`byline ${args} | head -1\` on a 2 MB article exits 0 with nothing on stderr`, async () => {
      const r = await intoHead(`${args} --archive "${big}"`);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      expect(r.head.length).toBeGreaterThan(0);
    });
  }
});

describe.concurrent('pipes', () => {
  it('no colour and no wrapping when stdout is not a terminal', async () => {
    const r = await byline(['read', CHINA]);
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(Math.max(...r.stdout.split('\n').map((l) => l.length))).toBeGreaterThan(200);
  });

  it('the big article reads back whole through a pipe', async () => {
    const r = await byline(['read', 'a-very-long-story', '--archive', big]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Paragraph 19999 of a very long story');
  });
});

/** Runs the CLI in a pseudo-terminal; resolves with everything it printed and its exit code. */
function inTerminal(args: string[], env: Record<string, string> = {}, cols = 60): Promise<{ output: string; exitCode: number }> {
  return new Promise((resolve, reject) => {
    const base = cleanEnv();
    const term = pty.spawn(process.execPath, [BIN, ...args], {
      cols,
      rows: 40,
      cwd: ROOT,
      env: {
        ...Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined)),
        TERM: 'xterm-256color',
        ...env,
      },
    });
    let output = '';
    const timer = setTimeout(() => {
      term.kill();
      reject(new Error(`timed out; output so far: ${JSON.stringify(output)}`));
    }, 80_000);
    term.onData((d) => (output += d));
    term.onExit(({ exitCode }) => {
      clearTimeout(timer);
      resolve({ output: output.replace(/\r\n/g, '\n'), exitCode });
    });
  });
}
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

describe('a terminal', () => {
  it('read wraps to the terminal (at most 80 columns) and uses colour', async () => {
    const r = await inTerminal(['read', AWS_CEO], {}, 60);
    expect(r.exitCode).toBe(0);
    expect(r.output).toMatch(/\u001b\[1mAWS CEO: The cloud isn’t just about technology\u001b\[22m/);
    const widths = stripAnsi(r.output)
      .trimEnd()
      .split('\n')
      .map((l) => stringWidth(l));
    expect(Math.max(...widths)).toBeLessThanOrEqual(58);
    expect(Math.max(...widths)).toBeGreaterThan(40);
  });

  it('never wraps wider than 80 columns, even in a wide terminal', async () => {
    const r = await inTerminal(['read', CHINA], {}, 200);
    const widths = stripAnsi(r.output)
      .trimEnd()
      .split('\n')
      .map((l) => stringWidth(l));
    expect(Math.max(...widths)).toBeLessThanOrEqual(80);
  });

  it('NO_COLOR and --no-color turn colour off', async () => {
    const [env, flag] = await Promise.all([inTerminal(['read', AWS_CEO], { NO_COLOR: '1' }), inTerminal(['read', AWS_CEO, '--no-color'])]);
    for (const r of [env, flag]) {
      expect(r.exitCode).toBe(0);
      expect(r.output).not.toMatch(/\u001b\[/);
      expect(r.output.startsWith('AWS CEO: The cloud isn’t just about technology\n')).toBe(true);
    }
  });

  it('--width wins over the terminal width', async () => {
    const r = await inTerminal(['read', AWS_CEO, '--width', '30', '--no-color'], {}, 100);
    const widths = r.output
      .trimEnd()
      .split('\n')
      .map((l) => stringWidth(l));
    expect(Math.max(...widths)).toBeLessThanOrEqual(30);
  });

  it('list fits the terminal width, one article per line', async () => {
    const r = await inTerminal(['list', '--no-color'], {}, 70);
    const rows = r.output.trimEnd().split('\n');
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(70);
  });
});
