// The fzf baseline: found on PATH, or installed from Debian when running as root; else skipped.
import { spawnSync } from 'node:child_process';

export interface Fzf {
  path?: string;
  version?: string;
  /** Why there is no fzf. */
  missing?: string;
}

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

export function findFzf(install: boolean): Fzf {
  let path = which('fzf');
  if (!path && install) {
    if (process.getuid?.() !== 0)
      return {
        missing:
          'fzf is not installed and the bench is not running as root, so it was not installed (apt-get install fzf): the fzf baseline was skipped',
      };
    if (!which('apt-get')) return { missing: 'fzf is not installed and there is no apt-get: the fzf baseline was skipped' };
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    process.stderr.write('[bench] installing fzf with apt-get…\n');
    let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'fzf'], { stdio: 'ignore', env });
    if (r.status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'ignore', env });
      r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'fzf'], { stdio: 'ignore', env });
    }
    path = which('fzf');
    if (!path) return { missing: `apt-get install fzf failed (exit ${r.status}): the fzf baseline was skipped` };
  }
  if (!path) return { missing: 'fzf is not installed: the fzf baseline was skipped' };
  const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim().split(/\s/)[0];
  return { path, version };
}

/** Whether this fzf accepts an option (old versions exit 2 on unknown ones). */
export function fzfSupports(path: string, option: string[]): boolean {
  const r = spawnSync(path, ['--filter', 'x', ...option], { input: 'x\n', encoding: 'utf8' });
  return r.status === 0 || r.status === 1;
}
