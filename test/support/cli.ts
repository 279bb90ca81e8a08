// Running the built CLI (bin/byline.js → dist/cli.js) the way a user would.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type Options } from 'execa';
import { BIN, ROOT } from './paths.js';

export const DIST_CLI = join(ROOT, 'dist', 'cli.js');

/** Fails early, with the fix, when the build is missing (npm test builds first via pretest). */
export function requireBuild(): void {
  if (!existsSync(DIST_CLI)) throw new Error('dist/cli.js is missing: run `npm run build` (or `npm test`, which builds first)');
}

/** The environment a test run gets: no archive override, no colour override, not CI. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of ['BYLINE_ARCHIVE', 'BYLINE_STATE', 'NO_COLOR', 'FORCE_COLOR', 'CI']) delete env[key];
  return { ...env, ...extra };
}

export interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/byline.js ARGS…`; never rejects on a non-zero exit. */
export async function byline(args: string[], options: Options & { env?: Record<string, string | undefined> } = {}): Promise<Run> {
  const result = await execa(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    reject: false,
    stripFinalNewline: false,
    extendEnv: false,
    // Only ends a hang (and kills what hung) before the e2e test timeout (90 s) does: a
    // loaded machine makes a normal run take many seconds.
    timeout: 80_000,
    ...options,
    env: cleanEnv(options.env),
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

export const lines = (text: string) => text.split('\n').filter((l, i, all) => !(i === all.length - 1 && l === ''));
