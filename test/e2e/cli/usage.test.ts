// The CLI itself, end to end: no command, --help and --version, unknown flags and commands.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { byline, lines, requireBuild } from '../../support/cli.js';
import { ROOT } from '../../support/paths.js';

beforeAll(requireBuild);

describe.concurrent('the command line', () => {
  it('prints the same list with no command when stdout is not a terminal', async () => {
    const [plain, list] = await Promise.all([byline([]), byline(['list'])]);
    expect(plain.exitCode).toBe(0);
    expect(plain.stdout).toBe(list.stdout);
  });

  it('--help prints usage with every command, exit 0', async () => {
    const r = await byline(['--help']);
    expect(r.exitCode).toBe(0);
    for (const word of ['Usage', 'list', 'search', 'read', 'authors', 'author', 'import', 'export', '--archive', '--json', '--width'])
      expect(r.stdout).toContain(word);
  });

  it('--version prints the package version, exit 0', async () => {
    const r = await byline(['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('-h and -v are --help and --version, also after a command', async () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const [h, v, listH] = await Promise.all([byline(['-h']), byline(['-v']), byline(['list', '-h'])]);
    expect(h.exitCode).toBe(0);
    expect(h.stdout).toContain('Usage');
    expect(h.stdout).toContain('byline import');
    expect(v.stdout.trim()).toBe(version);
    expect(listH.stdout).toContain('byline list');
    expect(listH.stdout).toContain('--author NAME');
  });

  it('every command has its own --help (and `byline help COMMAND`): usage and its options, exit 0', async () => {
    const commands: [string, string][] = [
      ['list', '--author'],
      ['search', '--limit'],
      ['read', '--format'],
      ['authors', '--json'],
      ['author', 'NAME'],
      ['import', 'standard input'],
      ['export', '--out'],
      ['reindex', 'search index'],
    ];
    for (const [command, mentions] of commands) {
      for (const args of [
        [command, '--help'],
        ['help', command],
      ]) {
        const r = await byline(args);
        expect(r.exitCode, args.join(' ')).toBe(0);
        expect(r.stderr).toBe('');
        expect(r.stdout).toContain(`$ byline ${command}`);
        expect(r.stdout).toContain(mentions);
        expect(r.stdout).not.toContain('Search syntax'); // not the global help
      }
    }
  });

  it('an unknown flag is rejected with a message naming it, exit 2', async () => {
    const r = await byline(['list', '--bogus']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown flag/i);
    expect(r.stderr).toContain('--bogus');
  });

  it('an unknown command is rejected, exit 2', async () => {
    const r = await byline(['frobnicate']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^byline: unknown command "frobnicate"/);
    expect(lines(r.stderr)).toHaveLength(1);
  });
});
