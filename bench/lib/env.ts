// Paths, process environment and little helpers shared by the bench tasks.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = process.cwd();
export const BIN = join(ROOT, 'bin', 'byline.js');
export const CACHE = join(ROOT, 'bench', 'cache');
export const BUILD = join(ROOT, 'bench', '.build');
export const RESULTS = join(ROOT, 'bench', 'results');

export const archiveDir = (size: number) => join(CACHE, `archive-${size}`);

/** The size of the small archive the rendering ratio compares against. */
export const SMALL = 30;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The environment for anything that draws with Ink: any CI variable (even empty) makes Ink
 * render only the last frame, so it is removed. */
export function terminalEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI') env[k] = v;
  return { TERM: 'xterm-256color', ...env, ...extra };
}

export function tempStateFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'byline-bench-')), 'state.json');
}

export function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
}

export const flag = (argv: string[], name: string) => argv.includes(`--${name}`);

export const abs = (p: string) => resolve(ROOT, p);

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
