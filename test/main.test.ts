// The command line in-process: the same main() the built CLI runs, so flags, help, messages and
// exit codes are covered without spawning (the e2e usage tests keep the real process).
import { describe, expect, it } from 'vitest';
import { runInProcess } from './support/in-process.js';

describe('main', () => {
  it('--help and -h print the usage, exit 0; help COMMAND prints that command', async () => {
    for (const argv of [['--help'], ['-h']]) {
      const r = await runInProcess(argv);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/^Usage|byline/m);
    }
    const read = await runInProcess(['help', 'read']);
    expect(read.exitCode).toBe(0);
    expect(read.stdout).toContain('byline read');
    expect(read.stdout).not.toEqual((await runInProcess(['--help'])).stdout);
  });

  it('--version prints the package version', async () => {
    const r = await runInProcess(['--version']);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown flag or command is one line, exit 2', async () => {
    const flag = await runInProcess(['list', '--bogus']);
    expect(flag).toMatchObject({ exitCode: 2, stdout: '' });
    expect(flag.stderr).toBe('byline: unknown flag --bogus (see byline --help)\n');
    const command = await runInProcess(['frobnicate']);
    expect(command.exitCode).toBe(2);
    expect(command.stderr).toMatch(/^byline: unknown command "frobnicate" \(commands: list, search, .*\)\n$/);
  });

  it('an unexpected failure is one line with a hint; --debug shows the stack instead', async () => {
    const plain = await runInProcess(['read', '1', '--archive', '/dev/null/x']);
    expect(plain.exitCode).not.toBe(0);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    const debug = await runInProcess(['read', '1', '--archive', '/dev/null/x', '--debug']);
    expect(debug.exitCode).toBe(plain.exitCode);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('with no command and no terminal, it prints the list', async () => {
    const r = await runInProcess([]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(3);
  });
});
