// Reader marks are saved in batches: a change is kept in memory and written when the reader
// leaves an article, quits, is stopped by a signal — or after a quiet moment, so a bookmark
// set and left is not lost to a power cut. Never on every line moved: each save is a
// lock, a read, a merge and a write of the state file.
import type { Mark, UserState } from '../../archive/user-state.js';

export class MarkSaver {
  readonly #pending = new Map<string, Partial<Mark>>();
  #timer: NodeJS.Timeout | undefined;
  /** Called when a save is done (or failed): the reader's status bar shows `warning`. */
  onSaved?: () => void;

  constructor(
    private readonly userState: UserState,
    private readonly quietMs = 2000,
  ) {}

  record(id: string, change: Partial<Mark>): void {
    this.#pending.set(id, { ...this.#pending.get(id), ...change });
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), this.quietMs);
    this.#timer.unref?.();
  }

  /** Hands what is pending to the state file (one write); resolves when it is on disk. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.size > 0) {
      this.userState.updateAll([...this.#pending]);
      this.#pending.clear();
    }
    return this.userState.flush().then(() => this.onSaved?.());
  }

  /** A problem with the state file, for the status bar. */
  get warning(): boolean {
    return Boolean(this.userState.warning || this.userState.saveError);
  }
}
