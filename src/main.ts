// byline's command line as a function: flags, then one scriptable command or the reader.
// src/cli.tsx runs it on the real process; the tests run it in-process with captured output,
// so both go through the same flag table, messages and exit codes.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BylineError } from './model/errors.js';
import { chooseArchive, openerFor } from './archive/library.js';
import type { Context, Flags, Output } from './commands/context.js';
import { FLAGS, parseArgv } from './flags.js';
import { visible } from './text/visible.js';

/** The process as the command line sees it: a test gives its own. */
export interface Io {
  argv: string[];
  env: NodeJS.ProcessEnv;
  stdout: { isTTY: boolean; columns: number; write(text: string): void };
  stderr: { isTTY: boolean; write(text: string): void };
  stdinIsTTY: boolean;
  /** Asks on the terminal (rm); absent when there is none. */
  ask?(question: string): Promise<string | undefined>;
  /** The archive read until the user's library exists (the bundled one unless set). */
  bundled?: string;
}

/** What starts a progress line on stderr: it is redrawn in place. */
export const PROGRESS_LINE = '\r\u001b[2K';

type Command = (ctx: Context) => Promise<number>;

/** Each command's code is loaded only when that command runs: start-up stays small. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  list: async () => (await import('./commands/list.js')).list,
  search: async () => (await import('./commands/search.js')).search,
  read: async () => (await import('./commands/read.js')).read,
  authors: async () => (await import('./commands/authors.js')).authors,
  author: async () => (await import('./commands/authors.js')).author,
  import: async () => (await import('./commands/import.js')).importFiles,
  add: async () => (await import('./commands/add.js')).add,
  export: async () => (await import('./commands/export.js')).exportArchive,
  reindex: async () => (await import('./commands/reindex.js')).reindex,
  rm: async () => (await import('./commands/rm.js')).rm,
  tag: async () => (await import('./commands/tag.js')).tag,
};

/** Commands that load string-width themselves, only for text that needs it (see text/width.ts),
 * or (search) never measure text: the others (and the reader) get it before they run. */
const MEASURE_LAZILY = new Set(['read', 'list', 'search']);

/** text/width.ts is loaded with the command that measures text, not with every start. */
const loadWidths = async () => (await import('./text/width.js')).loadWidths();

/** The bundled Protocol archive: read until the user's library exists, never written. */
export const DEFAULT_ARCHIVE = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'protocol');

/** A terminal that understands no escape sequences at all (Emacs' shell, some serial
 * consoles): no colour, no cursor moves, so no full-screen reader either. */
const dumbTerminal = (env: NodeJS.ProcessEnv) => env.TERM === 'dumb';

function makeOutput(io: Io): Output {
  const { isTTY } = io.stdout;
  return {
    isTTY,
    color: isTTY && !dumbTerminal(io.env) && !('NO_COLOR' in io.env && io.env.NO_COLOR !== ''),
    columns: io.stdout.columns || 80,
    write: (text) => io.stdout.write(text),
    // File names and reasons in messages come from outside: shown, never acted on by the terminal.
    error: (text) => io.stderr.write(visible(text)),
    // A progress line redrawn in place: only on a terminal that can (not TERM=dumb), its text
    // made visible like every message; null clears it.
    progress: (text) => {
      if (!io.stderr.isTTY || dumbTerminal(io.env)) return;
      io.stderr.write(`${PROGRESS_LINE}${text === null ? '' : visible(text)}`);
    },
  };
}

/** Ink's own test (is-in-ci): under CI, Ink draws nothing until the app exits, so the
 * reader would sit on a blank screen. Even an empty CI= counts; CI=0 or CI=false does not. */
function inCI(env: NodeJS.ProcessEnv): boolean {
  const set = (key: string) => key in env && env[key] !== '0' && env[key] !== 'false';
  return set('CI') || set('CONTINUOUS_INTEGRATION');
}

/** meow's own message for an unknown flag is two lines without our prefix; this is one. */
function rejectUnknownFlags(argv: string[], spec: Record<string, object>): void {
  const known = new Set([...Object.keys(spec), ...Object.keys(spec).map((k) => `no-${k}`)]);
  const short = new Set(Object.values(spec).flatMap((f) => ('shortFlag' in f ? [String(f.shortFlag)] : [])));
  for (const arg of argv) {
    if (arg === '--') return;
    const long = arg.match(/^--([^=]+)/);
    const kebab = long?.[1];
    if (kebab && !known.has(kebab) && !known.has(kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()))) {
      throw new BylineError(`unknown flag --${kebab} (see byline --help)`, 2);
    }
    const shorts = !long && /^-[A-Za-z]+$/.test(arg) ? arg.slice(1).split('') : [];
    for (const f of shorts) if (!short.has(f)) throw new BylineError(`unknown flag -${f} (see byline --help)`, 2);
  }
}

/** `byline tag ID -name`: a `-name` after `tag` takes a tag off; it is not a flag (-A, -h and -v
 * still are). Taken out before the flags are read, and given back as arguments. */
function tagChanges(argv: string[]): { argv: string[]; changes: string[] } {
  if (argv.find((a) => !a.startsWith('-')) !== 'tag') return { argv, changes: [] };
  const isChange = (a: string) => /^-[^-]/.test(a) && !/^-[Ahv]$/.test(a);
  return { argv: argv.filter((a) => !isChange(a)), changes: argv.filter(isChange) };
}

async function run(io: Io): Promise<number> {
  const { argv, changes } = tagChanges(io.argv);
  rejectUnknownFlags(argv, FLAGS);
  const cli = await parseArgv(argv);
  const flags = cli.flags as unknown as Flags & { help: boolean; version: boolean };
  const [command, ...rest] = cli.input;
  const args = [...rest, ...changes];
  if (command === 'help' || flags.help) {
    const { COMMAND_HELP, HELP } = await import('./help.js');
    const topic = command === 'help' ? args[0] : command;
    io.stdout.write((topic && COMMAND_HELP[topic] ? COMMAND_HELP[topic] : HELP).replace(/^\n/, '') + '\n');
    return 0;
  }
  if (flags.version) {
    io.stdout.write(`${cli.version?.() ?? 'unknown'}\n`);
    return 0;
  }
  const out = makeOutput(io);
  if (!flags.color) out.color = false;
  const bundled = io.bundled ?? DEFAULT_ARCHIVE;
  const choice = chooseArchive({ flag: flags.archive, env: io.env, bundled });
  const openArchive = openerFor(choice, bundled, (notice) => out.error(`${notice}\n`));
  const ctx: Context = { args, flags, out, archiveDir: choice.dir, openArchive, ask: io.ask };

  if (command === undefined) {
    if (io.stdout.isTTY && io.stdinIsTTY && !inCI(io.env) && !dumbTerminal(io.env)) {
      const { runReader } = await loadReader();
      // The reader writes only on D, U and t; what the opener says (the library made) goes to its status line.
      const openForWriting = (notice: (text: string) => void) => openerFor(choice, bundled, notice)({ write: true, deferRead: true });
      return runReader({ archiveDir: choice.dir, openArchive, openForWriting, statePath: flags.state, debug: flags.debug });
    }
    return (await COMMANDS.list())(ctx);
  }
  const load = COMMANDS[command];
  if (!load) throw new BylineError(`unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')}; see byline --help)`, 2);
  if (!MEASURE_LAZILY.has(command)) await loadWidths();
  return (await load())(ctx);
}

/** The reader's modules, with Ink loaded as if DEV were not set. DEV=true is Ink's switch for
 * React Devtools, read as its modules load: it then imports react-devtools-core, which byline
 * does not install, and reads its own package.json, which is not next to byline's bundle, and
 * the reader stops before its first frame. DEV is a common name in a shell; it is given back
 * at once, for the programs the reader starts. */
async function loadReader(): Promise<typeof import('./tui/run.js')> {
  const dev = process.env.DEV;
  delete process.env.DEV;
  try {
    return await import('./tui/run.js');
  } finally {
    if (dev !== undefined) process.env.DEV = dev;
  }
}

/** A message on one line, every control in it visible: it may quote a file name. */
const oneLine = (message: string) => visible(message).replace(/\n/g, '␊');

/** Runs byline with these arguments; never rejects: a failure is one line on stderr and its
 * exit code (a stack trace only with --debug). */
export async function main(io: Io): Promise<number> {
  try {
    return await run(io);
  } catch (error) {
    const debug = io.argv.includes('--debug');
    if (error instanceof BylineError && !debug) {
      io.stderr.write(`byline: ${oneLine(error.message)}\n`);
      return error.exitCode;
    }
    if (debug) io.stderr.write(`${visible((error as Error)?.stack ?? String(error))}\n`);
    else io.stderr.write(`byline: ${oneLine((error as Error)?.message ?? String(error))} (run with --debug for details)\n`);
    return error instanceof BylineError ? error.exitCode : 1;
  }
}
