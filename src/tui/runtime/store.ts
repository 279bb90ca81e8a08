// Holds the reader's state and feeds it commands one at a time, through `update`. Effects
// are handed to the runner, which may answer with commands at once (queued behind the
// current one) or later. Work put off until after the frame (a search) is done before the
// next key is handled, so keys never act on a result that has not come back yet: a burst
// of keys ends exactly where the same keys typed slowly end. Background work (what the rows
// on screen show besides their titles) never holds a key back: it runs a piece a turn of the
// event loop, after the work a key waits for, and its results apply to whatever state they
// find.
import { update } from '../core/update.js';
import type { Command, Effect, ReaderState } from '../core/types.js';

export interface EffectContext {
  send(command: Command): void;
  /** Runs `work` soon (after this frame), or before the next key, whichever comes first;
   * `background` work only soon, one piece a turn, never before a key. Work under the same
   * name replaces what is still waiting. */
  defer(name: string, work: () => void, options?: { background?: boolean }): void;
  /** Whether work under this name is waiting. */
  waiting(name: string): boolean;
}

export type EffectRunner = (effect: Effect, context: EffectContext) => void;

export class ReaderStore {
  #state: ReaderState;
  readonly #listeners = new Set<() => void>();
  readonly #queue: Command[] = [];
  #busy = false;
  readonly #deferred = new Map<string, { work: () => void; background: boolean }>();
  #timer: NodeJS.Timeout | undefined;
  #runner: EffectRunner;

  constructor(state: ReaderState, runner: EffectRunner) {
    this.#state = state;
    this.#runner = runner;
  }

  getState = (): ReaderState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly #context: EffectContext = {
    send: (command) => this.send(command),
    defer: (name, work, { background = false } = {}) => {
      this.#deferred.delete(name); // to the back of the line
      this.#deferred.set(name, { work, background });
      this.#schedule();
    },
    waiting: (name) => this.#deferred.has(name),
  };

  send(command: Command): void {
    if (command.type === 'key') this.#runForeground();
    this.#queue.push(command);
    if (this.#busy) return; // an effect answered at once: handled after the current command
    this.#busy = true;
    const before = this.#state;
    try {
      for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
        const { state, effects } = update(this.#state, next);
        this.#state = state;
        for (const effect of effects) this.#runner(effect, this.#context);
      }
    } finally {
      this.#busy = false;
    }
    if (this.#state !== before) for (const listener of this.#listeners) listener();
  }

  /** Runs the work that was put off, now: all of it, background too (for tests). */
  settle(): void {
    this.#runForeground();
    while (this.#deferred.size > 0) this.#runNext();
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#runForeground();
      if (this.#deferred.size > 0) this.#runNext();
      if (this.#deferred.size > 0) this.#schedule();
    }, 0);
  }

  /** The work a key waits for: everything put off but the background. */
  #runForeground(): void {
    for (;;) {
      const name = [...this.#deferred].find(([, d]) => !d.background)?.[0];
      if (name === undefined) return;
      this.#runNext(name);
    }
  }

  #runNext(name: string = this.#deferred.keys().next().value!): void {
    const { work } = this.#deferred.get(name)!;
    this.#deferred.delete(name);
    work();
  }

  /** True when nothing is waiting (for tests). */
  get idle(): boolean {
    return this.#deferred.size === 0 && this.#queue.length === 0;
  }
}
