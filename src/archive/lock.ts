// A write lock beside a file: PATH.lock, created exclusively, holding the owner's PID.
// A lock whose owner is gone is taken over; a live one is waited for briefly.
import { link, readFile, rm, writeFile } from 'node:fs/promises';
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

/** The lock file appears with its PID already in it (written aside, then hard-linked
 * into place), so nobody ever reads an empty lock and mistakes a live owner for a dead one. */
async function tryTake(lockPath: string): Promise<number | null> {
  const mine = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(mine, `${process.pid}\n`);
  try {
    await link(mine, lockPath);
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(mine, { force: true });
  }
  const text = await readFile(lockPath, 'utf8').catch(() => '');
  const owner = Number(text.trim());
  if (!text) return 0; // released just now: try again
  if (!alive(owner)) {
    // The owner died without cleaning up: take it over, unless it changed hands meanwhile.
    if ((await readFile(lockPath, 'utf8').catch(() => '')) === text) await rm(lockPath, { force: true });
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
