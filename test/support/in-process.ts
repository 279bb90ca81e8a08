// Running a command in this process, the way src/cli.tsx runs it, with its output captured:
// fast (no node start-up, no bundle) and counted by coverage. What only a real process shows
// (flag parsing by meow, --help, exit codes and messages of a crash, pipes, signals, a terminal)
// stays in the e2e tests, which spawn the built bin (see cli.ts).
import { chooseArchive, openerFor } from '../../src/archive/library.js';
import { add } from '../../src/commands/add.js';
import { author, authors } from '../../src/commands/authors.js';
import type { Context, Flags, Output } from '../../src/commands/context.js';
import { exportArchive } from '../../src/commands/export.js';
import { importFiles } from '../../src/commands/import.js';
import { list } from '../../src/commands/list.js';
import { read } from '../../src/commands/read.js';
import { reindex } from '../../src/commands/reindex.js';
import { search } from '../../src/commands/search.js';
import { BylineError } from '../../src/model/errors.js';
import { visible } from '../../src/text/visible.js';
import type { Run } from './cli.js';
import { DEFAULT_ARCHIVE } from './paths.js';

const COMMANDS: Record<string, (ctx: Context) => Promise<number>> = {
  list,
  search,
  read,
  authors,
  author,
  import: importFiles,
  add,
  export: exportArchive,
  reindex,
};

/** The flags of src/cli.tsx, by name: their type and short letter. */
const FLAGS: Record<string, { type: 'string' | 'number' | 'boolean'; short?: string }> = {
  archive: { type: 'string', short: 'A' },
  json: { type: 'boolean' },
  limit: { type: 'number', short: 'n' },
  author: { type: 'string' },
  format: { type: 'string', short: 'f' },
  width: { type: 'number', short: 'w' },
  out: { type: 'string', short: 'o' },
  raw: { type: 'boolean' },
  color: { type: 'boolean' },
  debug: { type: 'boolean' },
  state: { type: 'string' },
  wayback: { type: 'boolean' },
  connectTimeout: { type: 'number' },
  timeout: { type: 'number' },
};
const BY_SHORT = new Map(Object.entries(FLAGS).flatMap(([name, f]) => (f.short ? [[f.short, name] as const] : [])));
const camel = (kebab: string) => kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** argv → command, arguments and flags, as meow reads them for the forms the tests use:
 * `--flag value`, `--flag=value`, `-f value`, `--no-flag`, and `--` before arguments. */
export function parseArgv(argv: string[]): { command: string | undefined; args: string[]; flags: Flags } {
  const flags: Record<string, unknown> = { json: false, raw: false, color: true, debug: false, wayback: false };
  const input: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      input.push(...argv.slice(i + 1));
      break;
    }
    const long = arg.match(/^--([^=]+)(?:=(.*))?$/);
    const short = !long && /^-[A-Za-z]$/.test(arg) ? BY_SHORT.get(arg[1]) : undefined;
    if (!long && !short) {
      input.push(arg);
      continue;
    }
    const name = short ?? camel(long![1]);
    let value: string | undefined = long?.[2];
    if (!(name in FLAGS) && name.startsWith('no') && camel(long![1].replace(/^no-/, '')) in FLAGS) {
      flags[camel(long![1].replace(/^no-/, ''))] = false;
      continue;
    }
    const spec = FLAGS[name];
    if (!spec) throw new Error(`in-process runs know no flag ${arg}: test it end to end`);
    if (spec.type === 'boolean') {
      flags[name] = value === undefined ? true : value !== 'false';
      continue;
    }
    if (value === undefined) value = argv[++i];
    flags[name] = spec.type === 'number' ? Number(value) : value;
  }
  const [command, ...args] = input;
  return { command, args, flags: flags as unknown as Flags };
}

export interface InProcessRun extends Run {
  /** What the command drew as a progress line, in order (null: cleared). */
  progress: (string | null)[];
}

export interface InProcessOptions {
  /** What the process environment would hold: BYLINE_ARCHIVE, NO_COLOR (XDG_DATA_HOME is the test file's own). */
  env?: Record<string, string | undefined>;
  /** Output to a terminal of this many columns (piped when absent). */
  columns?: number;
  /** The archive read until the library exists (the bundled Protocol archive unless set). */
  bundled?: string;
}

/** Runs `byline ARGV…` in-process; never rejects on a command's error, as the CLI never crashes. */
export async function runInProcess(argv: string[], options: InProcessOptions = {}): Promise<InProcessRun> {
  const { command = 'list', args, flags } = parseArgv(argv);
  const env = { ...process.env, BYLINE_ARCHIVE: undefined, NO_COLOR: undefined, ...options.env } as NodeJS.ProcessEnv;
  const isTTY = options.columns !== undefined;
  let stdout = '';
  let stderr = '';
  const progress: (string | null)[] = [];
  const out: Output = {
    isTTY,
    color: isTTY && flags.color && !(env.NO_COLOR !== undefined && env.NO_COLOR !== ''),
    columns: options.columns ?? 80,
    write: (text) => void (stdout += text),
    error: (text) => void (stderr += visible(text)),
    progress: (text) => void (isTTY && progress.push(text)),
  };
  const bundled = options.bundled ?? DEFAULT_ARCHIVE;
  const choice = chooseArchive({ flag: flags.archive, env, bundled });
  const openArchive = openerFor(choice, bundled, (notice) => out.error(`${notice}\n`));
  const run = COMMANDS[command];
  if (!run) throw new Error(`in-process runs know no command "${command}": test it end to end`);
  let exitCode: number;
  try {
    exitCode = await run({ args, flags, out, archiveDir: choice.dir, openArchive });
  } catch (error) {
    // As src/cli.tsx reports it: a BylineError is one line with its exit code; anything else
    // is an unexpected error (exit 1) with a hint to --debug.
    const message = visible((error as Error)?.message ?? String(error)).replace(/\n/g, '␊');
    if (error instanceof BylineError) {
      stderr += `byline: ${message}\n`;
      exitCode = error.exitCode;
    } else {
      stderr += `byline: ${message} (run with --debug for details)\n`;
      exitCode = 1;
    }
  }
  return { exitCode, stdout, stderr, progress };
}
