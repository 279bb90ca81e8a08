// Paths, process environment and little helpers shared by the bench suites.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = process.cwd();
export const BIN = join(ROOT, 'bin', 'byline.js');
/** Generated files and archives: bench/cache (git-ignored), or BYLINE_BENCH_CACHE, so several
 * worktrees can share one set of archives. */
export const CACHE = process.env.BYLINE_BENCH_CACHE ? resolve(process.env.BYLINE_BENCH_CACHE) : join(ROOT, 'bench', 'cache');
export const RESULTS = join(ROOT, 'bench', 'results');

export const archiveDir = (size: number) => join(CACHE, `archive-${size}`);

const STATE_DIR = join(tmpdir(), `byline-bench-state-${process.pid}`);
let states = 0;

/** The environment of every process the bench starts: byline's own variables removed (so
 * nothing but --archive chooses the archive), a reader state file of its own that does not
 * exist yet (each run starts as a first run), and no CI variable, which (even empty) makes
 * Ink draw only the last frame. */
export function userEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && k !== 'CI' && !k.startsWith('BYLINE_') && k !== 'NODE_OPTIONS') env[k] = v;
  mkdirSync(STATE_DIR, { recursive: true });
  return { TERM: 'xterm-256color', ...env, BYLINE_STATE: join(STATE_DIR, `state-${++states}.json`), ...extra };
}

export function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
}

export const flag = (argv: string[], name: string) => argv.includes(`--${name}`);

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
