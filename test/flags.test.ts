// The command line without meow is the command line with meow: every argv the plain reader
// takes is checked against meow itself, with the same flag table, on generated argv.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgv, parsePlainArgv, parseWithMeow, PROCESS_TITLE } from '../src/flags.js';

const meowReads = async (argv: string[]) => {
  const { input, flags } = await parseWithMeow(argv);
  return { input, flags };
};

/** Pieces of argv: byline's flags spelt every way, and words of every kind yargs-parser treats specially. */
const FLAG_WORDS = [
  '--archive',
  '--json',
  '--no-json',
  '--limit',
  '--author',
  '--format',
  '--width',
  '--out',
  '--raw',
  '--color',
  '--no-color',
  '--debug',
  '--state',
  '--wayback',
  '--connect-timeout',
  '--connectTimeout',
  '--timeout',
  '--no-archive',
  '--help',
  '--version',
  '-A',
  '-n',
  '-h',
  '-v',
  '-nj',
  '--archive=x',
  '--limit=3',
  '--',
  '-',
];
const TRICKY_WORDS = [
  '5',
  '05',
  '0',
  '-5',
  '1e3',
  '0x10',
  '3.5',
  'NaN',
  '"quoted"',
  "'quoted'",
  'a=b',
  'a b',
  'é',
  '日本',
  'x.y.z',
  '',
  ' ',
  'true',
  'false',
  '\\n',
  'a-b',
  '~/x',
  '@me',
];
const word = fc.oneof(
  fc.constantFrom(...FLAG_WORDS),
  fc.constantFrom(...TRICKY_WORDS),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ maxLength: 6 }).map((s) => '5' + s),
  fc.string({ maxLength: 6 }).map((s) => 'a' + s),
  fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,12}$/),
  fc.integer({ min: 0, max: 2_000_000_000 }).map(String),
);

describe('the command line without meow', () => {
  it('reads every argv it takes exactly as meow does', async () => {
    let plain = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 7 }), async (argv) => {
        const fast = parsePlainArgv(argv);
        if (!fast) return;
        plain++;
        expect(fast).toStrictEqual(await meowReads(argv));
      }),
      { numRuns: 3000 },
    );
    // Not a vacuous check: many generated argv are plain ones.
    expect(plain).toBeGreaterThan(300);
  });

  it('takes the argv people type most', async () => {
    for (const argv of [
      [],
      ['list'],
      ['read', 'morning-brief-2'],
      ['read', 'morning-brief-2', '--archive', '/tmp/a'],
      ['read', 'brief', '--format', 'markdown', '--no-color', '--raw'],
      ['list', '--limit', '20', '--json', '--author', 'ueda'],
      ['search', 'election', '--json', '--archive', 'data/protocol'],
      ['search', 'hospital doctor', '--json'],
      ['read', 'two words', '--archive', 'My Archive'],
      ['add', 'https://example.com/a', '--wayback', '--connect-timeout', '5', '--timeout', '30'],
      ['export', '--out', 'dir', '--format', 'markdown'],
    ]) {
      const fast = parsePlainArgv(argv);
      expect(fast, argv.join(' ')).toBeDefined();
      expect(fast).toStrictEqual(await meowReads(argv));
    }
  });

  it('leaves to meow what it does not read the same way', () => {
    for (const argv of [
      ['-A', 'x', 'list'],
      ['list', '-n', '5'],
      ['list', '--limit=5'],
      ['list', '--limit', '05'],
      ['list', '--limit', '1e3'],
      ['list', '--limit', 'x'],
      ['list', '--archive', '--json'],
      ['list', '--archive'],
      ['list', '--archive', 'a', '--archive', 'b'],
      ['list', '--json', '--no-json'],
      ['read', '"quoted"'],
      ['read', 'two  spaces'],
      ['read', '--', '--json'],
      ['import', '-'],
      ['--help'],
      ['list', '--version'],
    ])
      expect(parsePlainArgv(argv), argv.join(' ')).toBeUndefined();
  });

  it('names the process as meow does', async () => {
    const before = process.title;
    try {
      process.title = 'other';
      await parseWithMeow(['-n', '1']);
      const byMeow = process.title;
      process.title = 'other';
      await parseArgv(['list']);
      expect(process.title).toBe(byMeow);
      expect(PROCESS_TITLE).toBe(byMeow);
    } finally {
      process.title = before;
    }
  });

  it('loads meow only for argv it cannot read itself', async () => {
    expect((await parseArgv(['read', 'x'])).version).toBeUndefined();
    expect((await parseArgv(['--version'])).version?.()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
