// A write lock beside a file: PATH.lock, created exclusively, naming its owner by PID, host and
// the process's start time — a PID alone is reused after a crash, and a lock naming a live but
// unrelated process would then block every writer forever.
import { readFileSync, readdirSync } from 'node:fs';
import { link, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { BylineError } from '../model/errors.js';

export interface LockOptions {
  /** How long to wait for a live owner. */
  waitMs?: number;
  /** What is locked, for the error message ("archive /x/y"). */
  what: string;
  exitCode?: number;
}

interface Owner {
  pid: number;
  host?: string;
  /** The kernel's start time of the process (clock ticks since boot), when known. */
  started?: string;
}

/** /proc/PID/stat's start-time field; undefined where there is no /proc. */
function startTicks(pid: number): string | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** When the process started, in ms since the epoch (Linux), for locks that carry no start time. */
function startedAtMs(pid: number): number | undefined {
  const ticks = startTicks(pid);
  if (ticks === undefined) return undefined;
  try {
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    // USER_HZ is 100 on every Linux that Node runs on.
    return Number.isFinite(boot) ? boot * 1000 + (Number(ticks) / 100) * 1000 : undefined;
  } catch {
    return undefined;
  }
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

/** What this process writes into a lock it takes. */
export function lockRecord(): string {
  return JSON.stringify({ pid: process.pid, host: hostname(), started: startTicks(process.pid) }) + '\n';
}

/** A lock's owner: the JSON record, or the bare PID that earlier versions wrote. */
function parseOwner(text: string): Owner {
  try {
    const data = JSON.parse(text) as Partial<Owner> | number;
    if (typeof data === 'number') return { pid: data };
    return {
      pid: Number(data.pid),
      host: typeof data.host === 'string' ? data.host : undefined,
      started: typeof data.started === 'string' ? data.started : undefined,
    };
  } catch {
    return { pid: Number.NaN };
  }
}

/** Whether the lock's owner still runs. A lock from another host is taken as held (its owner
 * cannot be asked); one from this host is stale when the PID is gone or now names a process
 * that is not the owner: another start time, or started after the lock was written. */
function ownerAlive(owner: Owner, lockWrittenMs: number): boolean {
  if (owner.host !== undefined && owner.host !== hostname()) return true;
  if (!alive(owner.pid)) return false;
  if (owner.started !== undefined) {
    const now = startTicks(owner.pid);
    return now === undefined || now === owner.started;
  }
  const started = startedAtMs(owner.pid);
  return started === undefined || started <= lockWrittenMs + 1000;
}

/** Lock attempts (PATH.lock.PID.RAND) left behind by processes that died before removing them. */
function removeDeadAttempts(lockPath: string): Promise<unknown> {
  const prefix = `${basename(lockPath)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(lockPath));
  } catch {
    return Promise.resolve();
  }
  const dead = names.filter((n) => {
    if (!n.startsWith(prefix)) return false;
    const pid = Number(n.slice(prefix.length).split('.')[0]);
    return Number.isInteger(pid) && pid !== process.pid && !alive(pid);
  });
  return Promise.all(dead.map((n) => rm(join(dirname(lockPath), n), { force: true })));
}

/** The lock file appears with its owner already in it (written aside, then hard-linked
 * into place), so nobody ever reads an empty lock and mistakes a live owner for a dead one.
 * Returns null when taken, else the owner's PID (0 when it was released meanwhile). */
async function tryTake(lockPath: string): Promise<number | null> {
  const mine = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(mine, lockRecord());
  try {
    await link(mine, lockPath);
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(mine, { force: true });
  }
  const text = await readFile(lockPath, 'utf8').catch(() => '');
  if (!text) return 0; // released just now: try again
  const owner = parseOwner(text);
  const written = await stat(lockPath).then(
    (s) => s.mtimeMs,
    () => Date.now(),
  );
  if (!ownerAlive(owner, written)) {
    // The owner is gone: take it over, unless it changed hands meanwhile.
    if ((await readFile(lockPath, 'utf8').catch(() => '')) === text) await rm(lockPath, { force: true });
    return 0;
  }
  return owner.pid;
}

/** Runs fn while holding the lock on `path`. */
export async function withLock<T>(path: string, fn: () => Promise<T>, options: LockOptions): Promise<T> {
  const lockPath = `${path}.lock`;
  const deadline = Date.now() + (options.waitMs ?? 2000);
  let delay = 25;
  await removeDeadAttempts(lockPath);
  for (;;) {
    const owner = await tryTake(lockPath);
    if (owner === null) break;
    if (owner === 0) continue;
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
