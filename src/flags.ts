// byline's flags, and how argv becomes a command, its arguments and its flags. meow is the
// parser; but loading it (with the packages it bundles) is a third of a command's start-up,
// so the argv most runs have — words, and long flags spelt out with a plain value — is read
// without it, to exactly what meow gives (test/flags.test.ts checks that against meow itself,
// on generated argv). Everything else goes to meow.

export const FLAGS = {
  archive: { type: 'string', shortFlag: 'A' },
  json: { type: 'boolean', default: false },
  limit: { type: 'number', shortFlag: 'n' },
  author: { type: 'string' },
  format: { type: 'string', shortFlag: 'f' },
  width: { type: 'number', shortFlag: 'w' },
  out: { type: 'string', shortFlag: 'o' },
  raw: { type: 'boolean', default: false },
  color: { type: 'boolean', default: true },
  debug: { type: 'boolean', default: false },
  state: { type: 'string' },
  wayback: { type: 'boolean', default: false },
  connectTimeout: { type: 'number' },
  timeout: { type: 'number' },
  yes: { type: 'boolean', shortFlag: 'y', default: false },
  query: { type: 'string', shortFlag: 'q' },
  help: { type: 'boolean', shortFlag: 'h', default: false },
  version: { type: 'boolean', shortFlag: 'v', default: false },
} as const;

type FlagName = keyof typeof FLAGS;

export interface ParsedArgv {
  input: string[];
  flags: Record<string, unknown>;
  /** byline's version, from its package.json (with meow only: --version always goes to meow). */
  version?: () => string | undefined;
}

/** What meow names this program (it sets process.title to it): the first key of package.json's `bin`. */
export const PROCESS_TITLE = 'byline';

/** `--name` as a flag's key: `connect-timeout` is `connectTimeout`. */
const flagName = (kebab: string): FlagName | undefined => {
  const key = kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return Object.hasOwn(FLAGS, key) ? (key as FlagName) : undefined;
};

/** A word, or a flag's value, that yargs-parser (inside meow) takes as it is: not a flag, not
 * quoted (it strips matching quotes), and nothing it would read as a number or an escape;
 * single spaces inside are kept ("hospital doctor", a folder named "My Archive"). */
const PLAIN = /^[\p{L}\p{N}_./:@+,~%](?:[^\s"'\\]| (?=[^\s"'\\]))*$/u;

/**
 * argv of words and long flags alone (`read ID --archive DIR --no-color`, `list --limit 5`)
 * parsed as meow parses it; undefined for anything else — a short flag, `--name=value`, a flag
 * given twice, a value that looks like a flag or is quoted, a number that is not plain digits,
 * `true`/`false` after a boolean flag, `--`, `-`, --help and --version (which need meow's package reading) — which meow then reads.
 */
export function parsePlainArgv(argv: readonly string[]): ParsedArgv | undefined {
  const flags: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(FLAGS)) if ('default' in spec) flags[key] = spec.default;
  const input: string[] = [];
  const given = new Set<FlagName>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (PLAIN.test(arg)) {
      input.push(arg);
      continue;
    }
    const long = /^--(no-)?([a-z]+(?:-[a-z]+)*)$/.exec(arg);
    const name = long ? flagName(long[2]) : undefined;
    if (!long || !name || given.has(name) || name === 'help' || name === 'version') return undefined;
    given.add(name);
    const spec: { type: string } = FLAGS[name];
    if (spec.type === 'boolean') {
      // yargs-parser takes a `true` or `false` after a boolean flag as its value.
      if (/^(true|false)$/i.test(argv[i + 1] ?? '')) return undefined;
      flags[name] = !long[1];
      continue;
    }
    const value = argv[i + 1];
    if (long[1] || value === undefined || !PLAIN.test(value)) return undefined;
    if (spec.type === 'number' && !/^[1-9][0-9]{0,8}$/.test(value)) return undefined;
    flags[name] = spec.type === 'number' ? Number(value) : value;
    i++;
  }
  return { input, flags };
}

/** Any argv, by meow (loaded now: see above). */
export async function parseWithMeow(argv: string[]): Promise<ParsedArgv> {
  const [{ default: meow }, { HELP }] = await Promise.all([import('meow'), import('./help.js')]);
  // meow's own --help and --version know neither -h/-v nor `byline COMMAND --help`.
  const cli = meow(HELP, { argv, importMeta: import.meta, flags: FLAGS, description: false, autoHelp: false, autoVersion: false });
  return { input: cli.input, flags: cli.flags, version: () => cli.pkg.version };
}

/** The command line as meow reads it: by meow itself unless it is plain (see parsePlainArgv). */
export async function parseArgv(argv: string[]): Promise<ParsedArgv> {
  const plain = parsePlainArgv(argv);
  if (!plain) return parseWithMeow(argv);
  process.title = PROCESS_TITLE; // as meow does
  return plain;
}
