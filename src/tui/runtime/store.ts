// Holds the reader's state and feeds it commands one at a time, through `update`. Effects
// are handed to the runner, which may answer with commands at once (queued behind the
// current one) or later. Work put off until after the frame (a search) is done before the
// next key is handled, so keys never act on a result that has not come back yet: a burst
// of keys ends exactly where the same keys typed slowly end.
import { update } from '../core/update.js';
import type { Command, Effect, ReaderState } from '../core/types.js';

export interface EffectContext {
  send(command: Command): void;
  /** Runs `work` soon (after this frame), or before the next key, whichever comes first.
   * Work under the same name replaces what is still waiting. */
  defer(name: string, work: () => void): void;
}

export type EffectRunner = (effect: Effect, context: EffectContext) => void;

export class ReaderStore {
  #state: ReaderState;
  readonly #listeners = new Set<() => void>();
  readonly #queue: Command[] = [];
  #busy = false;
  readonly #deferred = new Map<string, () => void>();
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
    defer: (name, work) => {
      this.#deferred.set(name, work);
      this.#timer ??= setTimeout(() => this.settle(), 0);
    },
  };

  send(command: Command): void {
    if (command.type === 'key') this.settle();
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

  /** Runs the work that was put off, now. */
  settle(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#deferred.size > 0) {
      const [name, work] = this.#deferred.entries().next().value!;
      this.#deferred.delete(name);
      work();
    }
  }

  /** True when nothing is waiting (for tests). */
  get idle(): boolean {
    return this.#deferred.size === 0 && this.#queue.length === 0;
  }
}
