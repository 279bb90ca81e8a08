// The reader's own marks: read, bookmarked, last position. A lowdb file apart from the
// archive; atomic writes; a corrupt file is moved aside, never overwritten. The file says
// what it is (`kind: "byline-state"`): a path that names any other file — an archive's
// index.json, a directory, a device — is refused, never written and never moved.
import { renameSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Low } from 'lowdb';
import envPaths from 'env-paths';
import * as v from 'valibot';
import { CheckedJsonFile, UnreadableFile } from './jsonfile.js';
import { withLock } from './lock.js';
import { schemaProblem } from '../model/schema.js';
import { BylineError } from '../model/errors.js';

export const STATE_VERSION = 1;

const MarkSchema = v.object({
  read: v.optional(v.boolean()),
  bookmarked: v.optional(v.boolean()),
  /** Body block at the top of the screen when the reader left. */
  block: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-1))),
  /** How far into that block: its visible characters above the top line (-1: the blank line
   * before it). Absent in files of earlier versions: the block's start. */
  offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-1))),
  /** How far through the article, 0..100. */
  percent: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100))),
});

export const STATE_KIND = 'byline-state';

const StateSchema = v.strictObject({
  kind: v.literal(STATE_KIND),
  version: v.literal(STATE_VERSION),
  articles: v.record(v.string(), MarkSchema),
});

export type Mark = v.InferOutput<typeof MarkSchema>;
type StateData = v.InferOutput<typeof StateSchema>;

export function defaultStatePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BYLINE_STATE) return env.BYLINE_STATE;
  const dir = env.XDG_STATE_HOME ? join(env.XDG_STATE_HOME, 'byline') : envPaths('byline', { suffix: '' }).data;
  return join(dir, 'state.json');
}

/** Valid JSON that is some other file: refused whole, unlike a state file gone corrupt. */
class NotAStateFile extends Error {}

/** A state file: one with the marker, or one an earlier byline wrote — exactly
 * `{version, articles: {…}}` with nothing else beside them. */
function isStateShaped(data: unknown): data is Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const record = data as Record<string, unknown>;
  if ('kind' in record) return record.kind === STATE_KIND;
  const keys = Object.keys(record).sort().join(',');
  const articles = record.articles;
  return keys === 'articles,version' && typeof articles === 'object' && articles !== null && !Array.isArray(articles);
}

function checkState(data: unknown): StateData {
  if (!isStateShaped(data)) throw new NotAStateFile();
  if (!('kind' in data)) data = { kind: STATE_KIND, ...data };
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > STATE_VERSION)
    throw new UnreadableFile(`state version ${version} is newer than this byline understands`);
  const result = v.safeParse(StateSchema, data);
  if (!result.success) throw new UnreadableFile(`does not match the state schema (${schemaProblem(result.issues)})`);
  return result.output;
}

const empty = (): StateData => ({ kind: STATE_KIND, version: STATE_VERSION, articles: {} });

/** Only a regular file (or nothing yet) is ever read, moved aside or written as the state: a
 * directory or device would be renamed away, and a FIFO would hang the reader on its read. */
function checkPath(path: string): void {
  let kind: string | undefined;
  try {
    const s = statSync(path);
    if (s.isFile()) return;
    kind = s.isDirectory()
      ? 'a directory'
      : s.isFIFO()
        ? 'a named pipe'
        : s.isCharacterDevice() || s.isBlockDevice()
          ? 'a device'
          : s.isSocket()
            ? 'a socket'
            : 'not a file';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new BylineError(`reader state ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 2);
  }
  throw new BylineError(`reader state ${path} is not a regular file (${kind}); give --state a file path`, 2);
}

const notStateError = (path: string) =>
  new BylineError(`reader state ${path} is not a byline reader-state file; it was left as it is (give --state another path)`, 2);

/** Moves a corrupt state file aside, if it is still a regular file. */
function moveAside(path: string, now: Date): string {
  checkPath(path);
  const aside = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, aside);
  return aside;
}

export class UserState {
  readonly #listeners = new Set<() => void>();
  #pending: Promise<void> = Promise.resolve();
  #revision = 0;

  private constructor(
    readonly path: string,
    private readonly db: Low<StateData>,
    /** Set when a corrupt file was moved aside on load. */
    readonly warning?: string,
  ) {}

  /** Loads the state; a corrupt file is renamed to NAME.corrupt-<timestamp> and the reader starts fresh. */
  static async load(path: string, now = new Date()): Promise<UserState> {
    checkPath(path);
    const db = new Low<StateData>(new CheckedJsonFile(path, () => ({ check: checkState })), empty());
    try {
      await db.read();
      return new UserState(path, db);
    } catch (error) {
      if (error instanceof NotAStateFile) throw notStateError(path);
      const reason = (error as Error).message;
      db.data = empty();
      let aside: string;
      try {
        aside = moveAside(path, now);
      } catch {
        const state = new UserState(path, db, `reader state ${path} is unreadable (${reason}); starting fresh without saving`);
        state.#readOnly = true;
        return state;
      }
      return new UserState(path, db, `reader state ${path} was unreadable (${reason}); moved it to ${aside} and started fresh`);
    }
  }

  #readOnly = false;
  readonly #dirty = new Set<string>();

  /** What is on disk now; a file that went corrupt meanwhile is moved aside, not overwritten. */
  async #readForMerge(): Promise<StateData> {
    const file = new CheckedJsonFile(this.path, () => ({ check: checkState }));
    checkPath(this.path);
    try {
      return (await file.read()) ?? empty();
    } catch (error) {
      // Replaced meanwhile by some other file: not ours to move or overwrite.
      if (error instanceof NotAStateFile) throw notStateError(this.path);
      moveAside(this.path, new Date());
      return empty();
    }
  }
  /** The last failed save, for the reader to show. */
  saveError?: string;

  mark(id: string): Mark {
    return this.db.data.articles[id] ?? {};
  }

  /** The articles whose mark has `key` set. */
  marked(key: 'read' | 'bookmarked'): Set<string> {
    const out = new Set<string>();
    for (const [id, m] of Object.entries(this.db.data.articles)) if (m[key]) out.add(id);
    return out;
  }

  /** Changes with each update; lets React know when to re-render. */
  get revision(): number {
    return this.#revision;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Every article's mark, as loaded and changed since. */
  marks(): Readonly<Record<string, Mark>> {
    return { ...this.db.data.articles };
  }

  update(id: string, change: Partial<Mark>): void {
    this.updateAll([[id, change]]);
  }

  /** Several changes, saved together in one write. */
  updateAll(changes: Iterable<[string, Partial<Mark>]>): void {
    for (const [id, change] of changes) {
      this.db.data.articles[id] = { ...this.mark(id), ...change };
      this.#dirty.add(id);
    }
    this.#revision++;
    for (const l of this.#listeners) l();
    this.#save();
  }

  toggle(id: string, key: 'read' | 'bookmarked'): void {
    this.update(id, { [key]: !this.mark(id)[key] });
  }

  /** Read, merge, write under the state file's lock: another reader's marks are kept,
   * ours win for the articles we changed. */
  #save(): void {
    if (this.#readOnly) return;
    this.#pending = this.#pending
      .then(async () => {
        await mkdir(dirname(this.path), { recursive: true });
        await withLock(
          this.path,
          async () => {
            const changed = [...this.#dirty];
            this.#dirty.clear();
            const ours = this.db.data.articles;
            const onDisk = await this.#readForMerge();
            const merged = { ...onDisk.articles };
            for (const id of changed) merged[id] = ours[id];
            for (const [id, mark] of Object.entries(ours)) if (!(id in merged)) merged[id] = mark;
            this.db.data = { kind: STATE_KIND, version: STATE_VERSION, articles: merged };
            await this.db.write();
          },
          { what: `reader state ${this.path}`, waitMs: 5000 },
        );
      })
      .then(
        () => this.#setSaveError(undefined),
        (error: Error) => this.#setSaveError(`could not save reader state to ${this.path}: ${error.message}`),
      );
  }

  /** A change in whether saving works is news for the reader's status bar. */
  #setSaveError(message: string | undefined): void {
    if (message === this.saveError) return;
    this.saveError = message;
    this.#revision++;
    for (const l of this.#listeners) l();
  }

  /** Resolves when every change so far is on disk. */
  flush(): Promise<void> {
    return this.#pending;
  }
}
