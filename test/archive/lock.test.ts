// The write lock, in-process: one holder at a time, a live owner waited for and then named,
// a dead owner's lock (and its half-made attempts) taken over, the lock gone afterwards.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockRecord, withLock } from '../../src/archive/lock.js';
import { BylineError } from '../../src/model/errors.js';
import { tempDir } from '../support/paths.js';

/** A PID no process can have: above Linux's largest pid_max (2^22). */
const deadPid = () => 2 ** 22 + 1;
const target = () => join(tempDir('byline-lock-'), 'index.json');

describe('withLock', () => {
  it('runs the function holding PATH.lock, with this process in it, and removes it after', async () => {
    const path = target();
    const seen = await withLock(path, async () => existsSync(`${path}.lock`), { what: 'the test' });
    expect(seen).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(JSON.parse(lockRecord())).toMatchObject({ pid: process.pid, host: hostname() });
  });

  it('removes the lock when the function throws, and passes the error on', async () => {
    const path = target();
    await expect(withLock(path, () => Promise.reject(new Error('boom')), { what: 'x' })).rejects.toThrow('boom');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('a second holder in the same process waits until the first is done: never both at once', async () => {
    const path = target();
    const events: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const first = withLock(
      path,
      async () => {
        events.push('first in');
        await released;
        events.push('first out');
      },
      { what: 'x' },
    );
    // The second asks only once the first holds the lock (which of two simultaneous asks wins
    // is not promised), and waits for as long as the first holds it.
    while (events.length === 0) await new Promise((r) => setImmediate(r));
    const second = withLock(path, async () => void events.push('second in'), { what: 'x', waitMs: 60_000 });
    for (let turn = 0; turn < 20; turn++) await new Promise((r) => setImmediate(r));
    expect(events).toEqual(['first in']);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(['first in', 'first out', 'second in']);
  });

  it('a live owner that keeps the lock: a BylineError naming it, with the exit code asked for', async () => {
    const path = target();
    writeFileSync(`${path}.lock`, lockRecord());
    const error = await withLock(path, async () => 'ran', { what: 'archive X', waitMs: 0, exitCode: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BylineError);
    expect((error as BylineError).message).toBe(`archive X is locked by PID ${process.pid}`);
    expect((error as BylineError).exitCode).toBe(3);
  });

  it('a lock of another host is held (its owner cannot be asked)', async () => {
    const path = target();
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: deadPid(), host: `not-${hostname()}` }));
    await expect(withLock(path, async () => 'ran', { what: 'x', waitMs: 0 })).rejects.toThrow(/is locked by PID/);
  });

  it.each([
    ['a dead PID (the bare number earlier versions wrote)', () => `${deadPid()}\n`],
    ['a dead PID in a record', () => JSON.stringify({ pid: deadPid(), host: hostname() })],
    ['a live PID with another start time (a reused PID)', () => JSON.stringify({ pid: process.pid, host: hostname(), started: '1' })],
    ['no PID at all', () => 'garbage'],
  ])('a lock left by %s is taken over', async (_label, content) => {
    const path = target();
    writeFileSync(`${path}.lock`, content());
    expect(await withLock(path, async () => 'ran', { what: 'x', waitMs: 0 })).toBe('ran');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('attempt files a dead process left beside the lock are removed; a live one’s are not', async () => {
    const path = target();
    const dead = `${path}.lock.${deadPid()}.abc`;
    const live = `${path}.lock.${process.ppid}.def`;
    writeFileSync(dead, '');
    writeFileSync(live, '');
    await withLock(path, async () => undefined, { what: 'x' });
    const left = readdirSync(join(path, '..'));
    expect(left).not.toContain(dead.split('/').at(-1));
    expect(left).toContain(live.split('/').at(-1));
  });
});
