// A write lock beside a file: PATH.lock, created exclusively, holding the owner's PID.
// A lock whose owner is gone is taken over; a live one is waited for briefly.
import { open, readFile, rm } from 'node:fs/promises';
import { BylineError } from './errors.js';

export interface LockOptions {
  /** How long to wait for a live owner. */
  waitMs?: number;
  /** What is locked, for the error message ("archive /x/y"). */
  what: string;
  exitCode?: number;
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryTake(lockPath: string): Promise<number | null> {
  try {
    const handle = await open(lockPath, 'wx');
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
  if (owner === process.pid) return owner;
  if (!alive(owner)) {
    // The owner died without cleaning up (or is still writing its PID: then it is alive
    // and owner reads as NaN for a moment; a second look settles it).
    await new Promise((r) => setTimeout(r, 20));
    const again = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
    if (again === owner || Number.isNaN(again)) await rm(lockPath, { force: true });
    return again || owner || 0;
  }
  return owner;
}

/** Runs fn while holding the lock on `path`. */
export async function withLock<T>(path: string, fn: () => Promise<T>, options: LockOptions): Promise<T> {
  const lockPath = `${path}.lock`;
  const deadline = Date.now() + (options.waitMs ?? 2000);
  let delay = 25;
  for (;;) {
    const owner = await tryTake(lockPath);
    if (owner === null) break;
    if (Date.now() > deadline) throw new BylineError(`${options.what} is locked by PID ${owner}`, options.exitCode ?? 2);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(200, delay * 2);
  }
  try {
    return await fn();
  } finally {
    await rm(lockPath, { force: true });
  }
}
