// Issue 5, cases 6–9: two processes, signals mid-write, a full or read-only disk, closed pipes.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { execa } from 'execa';
import { byline, cleanEnv, lines, requireBuild } from '../../support/cli.js';
import { BIN, DEFAULT_ARCHIVE, ROOT, SEED, snapshotDir } from '../../support/paths.js';
import { cleanTemp, runPty, scratch, validateArchive } from '../../support/hardening.js';
import { searchEngineFor } from '../../../src/archive/searchable.js';
import { Archive } from '../../../src/archive/store.js';
import { withLock } from '../../../src/archive/lock.js';
import { UserState } from '../../../src/archive/user-state.js';
import { BodyFileSchema } from '../../../src/model/schema.js';
import * as v from 'valibot';

const ENV = cleanEnv() as NodeJS.ProcessEnv;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

/** A dump of n full articles, "Fault story K …", deterministic. */
function dump(n: number, tag: string): string {
  const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa'.split(' ');
  let seed = n * 31 + tag.length;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, (_, k) => {
    const paras = Array.from(
      { length: 6 },
      () => Array.from({ length: 50 }, () => words[Math.floor(rnd() * words.length)]).join(' ') + '.',
    );
    return `${tag} story ${k + 1} title\n\nA dek for ${tag} story ${k + 1}.\n\n${paras.join('\n\n')}`;
  }).join('\n\n\n');
}

let root: string;
let writer: string;
const OLD_IDS = validateArchive(DEFAULT_ARCHIVE).sort();
beforeAll(async () => {
  requireBuild();
  root = scratch('byline-faults-');
  // The state writer child: UserState exactly as the reader uses it, bundled to plain JS.
  writer = join(root, 'state-writer.mjs');
  await build({
    entryPoints: [join(ROOT, 'test', 'support', 'state-writer.ts')],
    outfile: writer,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  });
});

const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) {
    try {
      execFileSync('umount', ['-l', m], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
  cleanTemp();
});

function archiveCopy(): string {
  const dir = join(scratch('byline-faults-archive-'), 'archive');
  cpSync(DEFAULT_ARCHIVE, dir, { recursive: true });
  return dir;
}

// ------------------------------------------------------------------ case 6

describe('two processes (case 6)', () => {
  it(
    'a writer that cannot get the lock waits briefly, then fails: "byline: archive PATH is locked by PID n", exit 2, untouched',
    { timeout: 60_000 },
    async () => {
      const dir = archiveCopy();
      const file = join(root, 'six.txt');
      writeFileSync(file, dump(2, 'Locked'));
      const before = snapshotDir(dir);
      let result: Awaited<ReturnType<typeof byline>> | undefined;
      let waited = 0;
      await withLock(
        Archive.indexPath(dir),
        async () => {
          const started = Date.now();
          result = await byline(['import', file, '--archive', dir]);
          waited = Date.now() - started;
        },
        { what: `archive ${dir}` },
      );
      expect(result!.exitCode, result!.stderr).toBe(2);
      expect(result!.stdout).toBe('');
      expect(result!.stderr).toBe(`byline: archive ${dir} is locked by PID ${process.pid}\n`);
      expect(waited).toBeGreaterThanOrEqual(500); // it did wait before giving up
      expect(snapshotDir(dir)).toEqual(before);
    },
  );

  it('a writer that gets the lock while it waits goes ahead', async () => {
    const dir = archiveCopy();
    const file = join(root, 'six-b.txt');
    writeFileSync(file, dump(2, 'Waited'));
    let pending: ReturnType<typeof byline> | undefined;
    await withLock(
      Archive.indexPath(dir),
      async () => {
        pending = byline(['import', file, '--archive', dir]);
        await sleep(700);
      },
      { what: `archive ${dir}` },
    );
    const r = await pending!;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(validateArchive(dir)).toHaveLength(OLD_IDS.length + 2);
  });

  it('a lock left by a process that died is taken over', async () => {
    const dir = archiveCopy();
    const dead = spawn(process.execPath, ['-e', '0']);
    await exited(dead);
    writeFileSync(`${Archive.indexPath(dir)}.lock`, `${dead.pid}\n`);
    const file = join(root, 'six-c.txt');
    writeFileSync(file, dump(1, 'Stale'));
    const r = await byline(['import', file, '--archive', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(validateArchive(dir)).toHaveLength(OLD_IDS.length + 1);
    expect(existsSync(`${Archive.indexPath(dir)}.lock`)).toBe(false);
  });

  it('a lock that is being created (its file still empty for a moment) is not taken over', { timeout: 60_000 }, async () => {
    // Another writer has just created the lock file and not yet written its PID into it —
    // a window that grows under load. A fresh lock must be respected, whatever it holds.
    const dir = archiveCopy();
    const lock = `${Archive.indexPath(dir)}.lock`;
    writeFileSync(lock, '');
    const before = snapshotDir(dir);
    const file = join(root, 'six-d.txt');
    writeFileSync(file, dump(1, 'Patient'));
    const pending = byline(['import', file, '--archive', dir]);
    await sleep(400);
    writeFileSync(lock, `${process.pid}\n`); // the owner gets to write its PID
    await sleep(200);
    // Still ours: the waiting import neither removed the lock nor wrote anything.
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n`);
    // The lock itself and the waiter's short-lived attempt files (index.json.lock.PID.x) aside.
    const withoutLocks = (files: Map<string, Buffer>) => new Map([...files].filter(([name]) => !name.startsWith('index.json.lock')));
    expect(withoutLocks(snapshotDir(dir))).toEqual(withoutLocks(before));
    rmSync(lock);
    const r = await pending;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(validateArchive(dir)).toHaveLength(OLD_IDS.length + 1);
  });

  it(
    'three imports at once, with the reader open on the archive: all land, nothing lost, nothing interleaved',
    { timeout: 60_000 },
    async () => {
      const dir = archiveCopy();
      const files = ['Alpha', 'Bravo', 'Charlie'].map((tag) => {
        const f = join(root, `${tag}.txt`);
        writeFileSync(f, dump(20, tag));
        return f;
      });
      const reader = runPty(['--archive', dir], { cols: 100, rows: 30, env: { BYLINE_STATE: join(scratch(), 'state.json') } });
      await reader.waitFor('1/6 · 6 unread', 'the reader');
      const runs = await Promise.all(files.map((f) => byline(['import', f, '--archive', dir])));
      for (const r of runs) {
        expect(r.exitCode, r.stderr).toBe(0);
        expect(r.stderr).toBe('imported 20 articles (20 new, 0 updated, 0 unchanged), 0 authors\n');
      }
      const ids = validateArchive(dir);
      expect(ids).toHaveLength(6 + 60);
      for (const tag of ['alpha', 'bravo', 'charlie']) for (let k = 1; k <= 20; k++) expect(ids).toContain(`${tag}-story-${k}-title`);
      // The reader, opened before, still works on what it loaded.
      reader.term.write('j');
      await reader.waitFor(() => reader.frame().some((l) => l.startsWith('2/6 ·')), 'the reader moving');
      reader.term.write('q');
      expect((await reader.exited).exitCode).toBe(0);
      // And a new reader sees everything.
      const list = await byline(['list', '--archive', dir]);
      expect(lines(list.stdout)).toHaveLength(66);
    },
  );

  it('two readers on one state file never lose each other’s marks', { timeout: 60_000 }, async () => {
    const state = join(scratch(), 'state.json');
    const a = runPty([], { env: { BYLINE_STATE: state } });
    const b = runPty([], { env: { BYLINE_STATE: state } });
    const row = (run: typeof a, n: number) => run.frame()[n] ?? '';
    await a.waitFor('1/6 · 6 unread', 'reader A');
    await b.waitFor('1/6 · 6 unread', 'reader B');
    a.term.write('m'); // A bookmarks the first article
    await a.waitFor(() => row(a, 1).startsWith('› ● ★'), 'A: bookmark 1');
    b.term.write('j');
    await b.waitFor(() => row(b, 2).startsWith('›'), 'B: on 2');
    b.term.write('m'); // B bookmarks the second
    await b.waitFor(() => row(b, 2).startsWith('› ● ★'), 'B: bookmark 2');
    a.term.write('jj');
    await a.waitFor(() => row(a, 3).startsWith('›'), 'A: on 3');
    a.term.write('u'); // A marks the third read
    await a.waitFor(() => row(a, 3).startsWith('›   '), 'A: read 3');
    b.term.write('jj');
    await b.waitFor(() => row(b, 4).startsWith('›'), 'B: on 4');
    b.term.write('u'); // B marks the fourth read
    await b.waitFor(() => row(b, 4).startsWith('›   '), 'B: read 4');
    a.term.write('q');
    b.term.write('q');
    expect((await a.exited).exitCode).toBe(0);
    expect((await b.exited).exitCode).toBe(0);
    const saved = JSON.parse(readFileSync(state, 'utf8')).articles as Record<string, { read?: boolean; bookmarked?: boolean }>;
    const ids = validateArchive(DEFAULT_ARCHIVE);
    expect(saved[ids[0]]?.bookmarked).toBe(true);
    expect(saved[ids[1]]?.bookmarked).toBe(true);
    expect(saved[ids[2]]?.read).toBe(true);
    expect(saved[ids[3]]?.read).toBe(true);
  });

  it('four state writers at once, 25 saves each: all 100 marks are on disk', { timeout: 60_000 }, async () => {
    const state = join(scratch(), 'state.json');
    const children = ['p', 'q', 'r', 's'].map((prefix) => {
      const child = spawn(process.execPath, [writer, state, prefix, '25'], { env: ENV });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      return { child, out: () => out };
    });
    const codes: (number | null)[] = [];
    for (const c of children) codes.push((await exited(c.child)).code);
    // Everything the writers said, for the failure message (a lost lock shows up as a failed rename).
    const said = children
      .map(
        (c, i) =>
          `writer ${i} (exit ${codes[i]}): ${c
            .out()
            .split('\n')
            .filter((l) => !l.startsWith('saved'))
            .join(' | ')}`,
      )
      .join('\n');
    expect(codes, said).toEqual([0, 0, 0, 0]);
    const loaded = await UserState.load(state);
    expect(loaded.warning).toBeUndefined();
    const ids = Object.keys(JSON.parse(readFileSync(state, 'utf8')).articles);
    expect(ids, said).toHaveLength(100);
    for (const p of ['p', 'q', 'r', 's']) for (let i = 0; i < 25; i++) expect(ids).toContain(`${p}-${i}`);
  });
});

// ------------------------------------------------------------------ case 7

describe('signals in the middle of a write (case 7)', () => {
  it(
    'import killed at random points (SIGINT/SIGTERM/SIGHUP): index.json is the old or the new version, never torn',
    { timeout: 240_000 },
    async () => {
      const file = join(root, 'kill.txt');
      writeFileSync(file, dump(120, 'Kill'));
      // The complete import, once: the new version, and how long an import takes here.
      const reference = archiveCopy();
      const t0 = Date.now();
      const full = await byline(['import', file, '--archive', reference]);
      const duration = Date.now() - t0;
      expect(full.exitCode, full.stderr).toBe(0);
      const NEW_IDS = validateArchive(reference).sort();
      expect(NEW_IDS).toHaveLength(OLD_IDS.length + 120);

      const stats = { kills: 0, midWrite: 0, finished: 0, old: 0, new: 0, recovered: 0 };
      // Runs until enough kills landed (inside the write too), not for a time: a loaded
      // machine makes each run slower, and a deadline then ends the loop too early.
      for (let i = 0; (i < 10 || stats.kills < 8 || stats.midWrite < 1) && i < 40; i++) {
        const dir = archiveCopy();
        const child = spawn(process.execPath, [BIN, 'import', file, '--archive', dir], { env: ENV, stdio: 'ignore' });
        const done = exited(child);
        if (i % 2 === 0) {
          await sleep(Math.random() * duration * 1.1);
        } else {
          // Aim at the write itself: the first new body file is on disk, the index not yet.
          const until = Date.now() + duration * 3;
          while (readdirSync(join(dir, 'articles')).length <= OLD_IDS.length && child.exitCode === null && Date.now() < until)
            await sleep(2);
          await sleep(Math.random() * 100);
        }
        const signal = SIGNALS[i % 3];
        child.kill(signal);
        const end = await done;
        if (end.signal) stats.kills++;
        else stats.finished++;

        // index.json parses, passes the schema, and every body it names is there and valid …
        const ids = validateArchive(dir).sort();
        // … and it is exactly the old or exactly the new archive.
        if (ids.length === OLD_IDS.length) {
          expect(ids).toEqual(OLD_IDS);
          stats.old++;
          if (readdirSync(join(dir, 'articles')).filter((f) => !f.startsWith('.')).length > OLD_IDS.length) stats.midWrite++;
        } else {
          expect(ids).toEqual(NEW_IDS);
          stats.new++;
        }
        // No body file is torn either (bodies are written whole, or not at all).
        for (const f of readdirSync(join(dir, 'articles')).filter((f) => f.endsWith('.json') && !f.startsWith('.'))) {
          expect(v.is(BodyFileSchema, JSON.parse(readFileSync(join(dir, 'articles', f), 'utf8'))), f).toBe(true);
        }
        // Every few kills: the archive still works, and the import can simply be run again.
        if (i % 5 === 1) {
          const [search, again] = [await byline(['search', 'alpha', '--archive', dir]), await byline(['import', file, '--archive', dir])];
          expect([0, 1]).toContain(search.exitCode);
          expect(search.stderr).not.toMatch(/at .*\.js|debug/);
          expect(again.exitCode, again.stderr).toBe(0);
          expect(validateArchive(dir).sort()).toEqual(NEW_IDS);
          stats.recovered++;
        }
        rmSync(join(dir, '..'), { recursive: true, force: true });
      }
      console.log(`import kills: ${JSON.stringify(stats)}`);
      expect(stats.kills).toBeGreaterThanOrEqual(8);
      expect(stats.midWrite).toBeGreaterThanOrEqual(1); // some kills really landed inside the write
    },
  );

  it(
    'an import of corrected versions killed at random points: every article reads back with its own body and its own search hits',
    { timeout: 240_000 },
    async () => {
      // 40 stories, each with a word of its own; the corrected versions add a paragraph with
      // another word of its own. Whenever the import stops, each listed article must show its
      // own text (old or corrected, as index.json says) and search must agree.
      let seed = 7;
      const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const word = () => Array.from({ length: 9 }, () => 'bcdfghjklmnpqrstvwxz'[Math.floor(rnd() * 20)]).join('');
      const stories = Array.from({ length: 40 }, (_, k) => ({ title: `Update story ${k + 1}`, mark: word(), fix: word() }));
      const filler = 'The council met again to talk about the budget and the harbour and the trams for a long time.';
      const text = (s: (typeof stories)[number], fixed: boolean) =>
        `${s.title}\n\nA dek for ${s.title}.\n\n${filler} It was about ${s.mark} all along.\n\n${filler}${fixed ? `\n\nCorrection: the ${s.fix} figure was wrong.` : ''}`;
      const original = join(root, 'update-old.txt');
      const corrected = join(root, 'update-new.txt');
      writeFileSync(original, stories.map((s) => text(s, false)).join('\n\n\n'));
      writeFileSync(corrected, stories.map((s) => text(s, true)).join('\n\n\n'));
      const base = join(scratch('byline-faults-update-'), 'archive');
      expect((await byline(['import', original, '--archive', base])).exitCode).toBe(0);
      const t0 = Date.now();
      const reference = join(scratch('byline-faults-update-'), 'archive');
      cpSync(base, reference, { recursive: true });
      expect((await byline(['import', corrected, '--archive', reference])).exitCode).toBe(0);
      const duration = Date.now() - t0;

      const stats = { kills: 0, old: 0, new: 0 };
      for (let i = 0; (i < 12 || stats.kills < 6) && i < 30; i++) {
        const dir = join(scratch('byline-faults-update-'), 'archive');
        cpSync(base, dir, { recursive: true });
        const child = spawn(process.execPath, [BIN, 'import', corrected, '--archive', dir], { env: ENV, stdio: 'ignore' });
        const done = exited(child);
        await sleep(Math.random() * duration);
        child.kill(i % 2 ? 'SIGKILL' : SIGNALS[i % 3]);
        if ((await done).signal) stats.kills++;
        validateArchive(dir);
        const archive = await Archive.open(dir);
        expect(archive.articles).toHaveLength(40);
        const fixed = archive.articles.filter((m) =>
          archive.body(m.id).some((b) => b.type === 'paragraph' && b.text.startsWith('Correction:')),
        );
        // One commit point: all corrected or none.
        expect([0, 40]).toContain(fixed.length);
        stats[fixed.length ? 'new' : 'old']++;
        const engine = searchEngineFor(archive, { bodies: true });
        for (const s of stories) {
          const meta = archive.articles.find((m) => m.title === s.title)!;
          const body = JSON.stringify(archive.body(meta.id));
          expect(body, s.title).toContain(s.mark);
          expect(body.includes(s.fix), s.title).toBe(fixed.length > 0);
          expect(engine.search(s.mark, { limit: 3 })[0]?.id, s.mark).toBe(meta.id);
          const fixHits = engine.search(s.fix, { limit: 3 }).map((h) => h.id);
          if (fixed.length) expect(fixHits[0], s.fix).toBe(meta.id);
          else expect(fixHits, s.fix).not.toContain(meta.id);
        }
      }
      console.log(`update kills: ${JSON.stringify(stats)}`);
      expect(stats.kills).toBeGreaterThanOrEqual(6);
    },
  );

  it('state writer killed at random points: the state file always loads, and no completed save is lost', { timeout: 180_000 }, async () => {
    const state = join(scratch(), 'state.json');
    let known: string[] = [];
    let kills = 0;
    for (let i = 0; (i < 12 || kills < 10) && i < 60; i++) {
      const child = spawn(process.execPath, [writer, state, `k${i}`, '0'], { env: ENV });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      const done = exited(child);
      // It got the lock (the one a killed writer left behind included) and saved at least once.
      await new Promise<void>((resolve) => {
        const check = () => (out.includes('saved 0') || child.exitCode !== null) && resolve();
        child.stdout!.on('data', check);
        child.once('exit', check);
        check();
      });
      expect(out, `writer ${i} never saved`).toContain('saved 0');
      await sleep(Math.random() * 60);
      child.kill(SIGNALS[i % 3]);
      const end = await done;
      if (end.signal) kills++;
      const loaded = await UserState.load(state);
      expect(loaded.warning, `after kill ${i}`).toBeUndefined();
      const ids = Object.keys(JSON.parse(readFileSync(state, 'utf8')).articles);
      for (const id of known) expect(ids, `lost ${id} after kill ${i}`).toContain(id);
      for (const m of out.matchAll(/saved (\d+)/g)) expect(ids).toContain(`k${i}-${m[1]}`);
      known = ids;
    }
    console.log(`state-writer kills: ${kills}, marks on disk: ${known.length}`);
    expect(kills).toBeGreaterThanOrEqual(10);
  });

  it('the reader killed by a signal while saving marks: exit code for the signal, state file whole', { timeout: 60_000 }, async () => {
    const state = join(scratch(), 'state.json');
    for (const [i, signal] of SIGNALS.entries()) {
      const run = runPty([], { env: { BYLINE_STATE: state } });
      await run.waitFor('unread', 'the list');
      for (let k = 0; k < 12; k++) run.term.write(['m', 'j', 'u'][k % 3]);
      await sleep(Math.random() * 80);
      run.term.kill(signal);
      const { exitCode } = await run.exited;
      expect(exitCode, signal).toBe({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal]);
      const loaded = await UserState.load(state);
      expect(loaded.warning, `after ${signal} (${i})`).toBeUndefined();
    }
  });
});

// ------------------------------------------------------------------ case 8

/** A tiny tmpfs, where root can mount one (here: yes; most CI runners: no, then skipped). */
function tmpfs(sizeKb: number): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const dir = scratch('byline-faults-tmpfs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  mounts.push(dir);
  return dir;
}
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Every file that was there before is there after, byte for byte. */
function expectPreviousIntact(before: Map<string, Buffer>, dir: string): void {
  const after = snapshotDir(dir);
  for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), `${name} changed`).toBe(true);
}

/** A failed write: exit 1, one line on stderr that says why. */
function expectWriteFailed(r: { exitCode: number; stdout: string; stderr: string }, reason: RegExp): void {
  expect(r.exitCode, r.stderr).toBe(1);
  expect(lines(r.stderr), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(reason);
}
/** … and in the form byline uses for a known problem: "cannot write archive DIR: …", no --debug hint. */
function expectWriteError(r: { exitCode: number; stdout: string; stderr: string }, dir: string, reason: RegExp): void {
  expectWriteFailed(r, reason);
  expect(r.stderr.startsWith(`byline: cannot write archive ${dir}`), r.stderr).toBe(true);
  expect(r.stderr).not.toMatch(/--debug/);
}

describe('a full disk or a read-only folder (case 8)', () => {
  it.skipIf(!canMount)('disk full during an import: one-line error, exit 1, the previous archive intact and readable', async () => {
    const mnt = tmpfs(600);
    expect(mnt, 'mount -t tmpfs failed').toBeDefined();
    const dir = join(mnt!, 'archive');
    expect((await byline(['import', SEED, '--archive', dir])).exitCode).toBe(0);
    const before = snapshotDir(dir);
    const big = join(root, 'too-big.txt');
    writeFileSync(big, dump(300, 'Overflow'));
    expectWriteError(await byline(['import', big, '--archive', dir]), dir, /ENOSPC|no space/);
    expectPreviousIntact(before, dir);
    expect(validateArchive(dir).sort()).toEqual(OLD_IDS);
    const list = await byline(['list', '--archive', dir]);
    expect(lines(list.stdout)).toHaveLength(6);
  });

  describe.skipIf(!canMount)('a read-only archive folder', () => {
    let dir: string;
    let before: Map<string, Buffer>;
    let result: Awaited<ReturnType<typeof byline>>;
    beforeAll(async () => {
      const mnt = tmpfs(2048);
      expect(mnt, 'mount -t tmpfs failed').toBeDefined();
      dir = join(mnt!, 'archive');
      expect((await byline(['import', SEED, '--archive', dir])).exitCode).toBe(0);
      execFileSync('mount', ['-o', 'remount,ro', mnt!]);
      before = snapshotDir(dir);
      const more = join(root, 'more.txt');
      writeFileSync(more, dump(3, 'Readonly'));
      result = await byline(['import', more, '--archive', dir]);
    });
    it('the import fails: exit 1, one line saying why; nothing changed', () => {
      expectWriteFailed(result, /EROFS|read-only/);
      expect(snapshotDir(dir)).toEqual(before);
    });
    it('the line is "byline: cannot write archive DIR: …", not an unexpected-error report', () => {
      expectWriteError(result, dir, /EROFS|read-only/);
    });
  });

  it.skipIf(!canMount)(
    'reader state on a full / read-only disk: the reader says so on exit, the old state file intact',
    { timeout: 60_000 },
    async () => {
      const mnt = tmpfs(2048);
      expect(mnt, 'mount -t tmpfs failed').toBeDefined();
      const state = join(mnt!, 'state.json');
      const old = Buffer.from(JSON.stringify({ version: 1, articles: { kept: { read: true } } }) + '\n');
      writeFileSync(state, old);
      execFileSync('mount', ['-o', 'remount,ro', mnt!]);
      // In-process: the save fails with a reason, the file is untouched.
      const us = await UserState.load(state);
      us.update('new', { bookmarked: true });
      await us.flush();
      expect(us.saveError).toMatch(new RegExp(`could not save reader state to ${state}: .*(EROFS|read-only)`));
      expect(readFileSync(state).equals(old)).toBe(true);
      // The reader: a warning in the status bar while it runs, one line on stderr when it ends.
      const run = runPty([], { env: { BYLINE_STATE: state } });
      await run.waitFor('unread', 'the list');
      run.term.write('m');
      await run.waitFor(() => run.frame().join('\n').includes('⚠ state: see stderr'), 'the warning');
      run.term.write('q');
      expect((await run.exited).exitCode).toBe(0);
      const after = run.output().slice(run.output().lastIndexOf('\u001b[?1049l'));
      expect(after).toMatch(new RegExp(`byline: could not save reader state to ${state}: [^\\n]*(EROFS|read-only)`));
      expect(readFileSync(state).equals(old)).toBe(true);
    },
  );

  // Without mount (most CI runners): writes made to fail by putting a file where a folder must be.
  it('the archive’s search/ is a file (ENOTDIR on write): one-line error, exit 1, previous files intact', async () => {
    const dir = archiveCopy();
    rmSync(join(dir, 'search'), { recursive: true, force: true });
    writeFileSync(join(dir, 'search'), 'not a folder');
    const before = snapshotDir(dir);
    const more = join(root, 'notdir.txt');
    writeFileSync(more, dump(3, 'Notdir'));
    expectWriteError(await byline(['import', more, '--archive', dir]), dir, /ENOTDIR|not a directory/);
    expectPreviousIntact(before, dir);
    expect(validateArchive(dir).sort()).toEqual(OLD_IDS);
  });

  describe('the archive’s articles/ is a file', () => {
    let dir: string;
    let before: Map<string, Buffer>;
    let result: Awaited<ReturnType<typeof byline>>;
    beforeAll(async () => {
      dir = archiveCopy();
      rmSync(join(dir, 'articles'), { recursive: true, force: true });
      writeFileSync(join(dir, 'articles'), 'not a folder');
      before = snapshotDir(dir);
      const more = join(root, 'notdir2.txt');
      writeFileSync(more, dump(3, 'Notdir'));
      result = await byline(['import', more, '--archive', dir]);
    });
    it('the import fails: exit 1, one line saying why; previous files intact', () => {
      expectWriteFailed(result, /EEXIST|ENOTDIR|not a directory|exists/);
      expectPreviousIntact(before, dir);
    });
    it('the line is "byline: cannot write archive DIR: …", not an unexpected-error report', () => {
      expectWriteError(result, dir, /EEXIST|ENOTDIR|not a directory|exists/);
    });
  });

  it('output to a full device (> /dev/full): one line on stderr, exit 1, no stack trace', async () => {
    if (!existsSync('/dev/full')) return;
    for (const args of ['list', 'export', 'read mlops']) {
      const r = await execa('bash', ['-c', `node "${BIN}" ${args} > /dev/full`], {
        cwd: ROOT,
        reject: false,
        extendEnv: false,
        env: cleanEnv(),
        timeout: 80_000,
      });
      expect(r.exitCode, args).toBe(1);
      expect(lines(String(r.stderr)), String(r.stderr)).toHaveLength(1);
      expect(String(r.stderr)).toMatch(/^byline: cannot write the output: .*(ENOSPC|no space)/);
    }
  });
});

// ------------------------------------------------------------------ case 9

// One at a time (see e2e/cli/pipes.test.ts): many large writes at once only measure the load.
describe('closed pipes and closed streams (case 9): silent exit 0', () => {
  const sh = (script: string) =>
    execa('bash', ['-c', script], { cwd: ROOT, reject: false, extendEnv: false, env: cleanEnv(), timeout: 80_000 });
  const big = () => {
    const dir = join(scratch(), 'archive');
    mkdirSync(dir);
    return dir;
  };
  let bigArchive: string;
  beforeAll(async () => {
    // Output far larger than a pipe buffer, so the pipe really is closed while byline writes.
    bigArchive = big();
    const file = join(root, 'pipe.txt');
    writeFileSync(file, dump(200, 'Pipe'));
    expect((await byline(['import', file, '--archive', bigArchive])).exitCode).toBe(0);
  });

  for (const args of [
    'read pipe-story-1-title',
    'read pipe-story-1-title --format json',
    'list',
    'list --json',
    'search alpha --json',
    'read pipe-story-1-title --format markdown',
    'export',
  ]) {
    it(`byline ${args} | head -1 → exit 0, nothing on stderr`, async () => {
      const err = join(scratch(), 'stderr');
      const r = await sh(`node "${BIN}" ${args} --archive "${bigArchive}" 2>"${err}" | head -1; exit "\${PIPESTATUS[0]}"`);
      expect(readFileSync(err, 'utf8')).toBe('');
      expect(r.exitCode).toBe(0);
      expect(String(r.stdout).length).toBeGreaterThan(0);
    });
  }

  it('stdout closed (>&-): exit 0, nothing on stderr', async () => {
    for (const args of ['read pipe-story-1-title', 'list', 'export']) {
      const r = await sh(`node "${BIN}" ${args} --archive "${bigArchive}" >&-`);
      expect(r.exitCode, args).toBe(0);
      expect(String(r.stderr), args).toBe('');
    }
  });

  it('stderr closed (2>&-): exit 0, stdout complete', async () => {
    const r = await sh(`node "${BIN}" list --archive "${bigArchive}" 2>&-`);
    expect(r.exitCode).toBe(0);
    expect(lines(String(r.stdout))).toHaveLength(200);
  });

  it('both closed: exit 0', async () => {
    const r = await sh(`node "${BIN}" export --archive "${bigArchive}" >&- 2>&-; echo "exit=$?"`);
    expect(String(r.stdout)).toBe('exit=0');
  });
});
