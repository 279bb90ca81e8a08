// Whole processes, timed as a user meets them: spawn to exit, or spawn to the first line on
// stdout (then the pipe is closed, as `head -1` closes it). Each runs under /usr/bin/time when
// it is installed — every case alike, baselines too — for its CPU time and peak memory.
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
let outputs = 0;

export interface Timed {
  /** Spawn to exit, or to the first line with firstLine. */
  ms: number;
  /** User + system CPU time of the process (10 ms resolution); undefined without /usr/bin/time. */
  cpuMs?: number;
  /** Peak resident memory of the process (its largest child, for a shell), MB. */
  peakMB?: number;
  code: number | null;
  stdout: string;
}

export interface RunOptions {
  env: Record<string, string>;
  /** Stop timing at the first line on stdout and close the pipe. */
  firstLine?: boolean;
  /** A file given to the process as its stdin (else stdin is closed). */
  stdinFile?: string;
  /** Keep this much of stdout (bytes). */
  keep?: number;
  timeoutMs?: number;
}

export const hasTime = () => TIME !== undefined;

export function timed(cmd: string, args: readonly string[], options: RunOptions): Promise<Timed> {
  const out = join(tmpdir(), `byline-bench-time-${process.pid}-${++outputs}`);
  const [file, argv] = TIME ? [TIME, ['-f', '%e %U %S %M', '-o', out, cmd, ...args]] : [cmd, [...args]];
  const stdin = options.stdinFile ? openSync(options.stdinFile, 'r') : 'ignore';
  return new Promise<Timed>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { env: options.env, stdio: [stdin, 'pipe', 'ignore'] });
    if (typeof stdin === 'number') closeSync(stdin);
    let firstLineAt: number | undefined;
    let stdout = '';
    const keep = options.keep ?? 0;
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.stdout!.on('data', (chunk: Buffer) => {
      if (stdout.length < keep) stdout += chunk.toString('utf8');
      if (options.firstLine && firstLineAt === undefined && chunk.includes(10)) {
        firstLineAt = performance.now();
        child.stdout!.destroy();
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ended = performance.now();
      clearTimeout(timer);
      let cpuMs: number | undefined;
      let peakMB: number | undefined;
      if (TIME && existsSync(out)) {
        const last = readFileSync(out, 'utf8').trim().split('\n').at(-1) ?? '';
        const [, user, system, kb] = last.split(' ').map(Number);
        if (Number.isFinite(user + system)) cpuMs = (user + system) * 1000;
        if (Number.isFinite(kb)) peakMB = kb / 1024;
        rmSync(out, { force: true });
      }
      // /usr/bin/time reports a child's death by signal with its own exit code; a closed pipe
      // (SIGPIPE) after the first line is the normal end of `| head -1`.
      resolve({ ms: (firstLineAt ?? ended) - started, cpuMs, peakMB, code: firstLineAt !== undefined ? 0 : code, stdout });
    });
  });
}
