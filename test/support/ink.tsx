// Our wrapper over ink-testing-library: a sized terminal, named keys, and waiting for a
// frame that satisfies a condition instead of sleeping.
import type { ReactElement } from 'react';
import { render } from 'ink-testing-library';
import stripAnsi from 'strip-ansi';

export const KEY = {
  enter: '\r',
  escape: '\u001b',
  up: '\u001b[A',
  down: '\u001b[B',
  pageDown: '\u001b[6~',
  pageUp: '\u001b[5~',
  home: '\u001b[H',
  end: '\u001b[F',
  backspace: '\u007f',
  space: ' ',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
  ctrlU: '\u0015',
  ctrlN: '\u000e',
  ctrlP: '\u0010',
} as const;

export interface Screen {
  frame(): string;
  press(...keys: string[]): Promise<void>;
  type(text: string): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  waitFor(predicate: (frame: string) => boolean, what?: string): Promise<string>;
  unmount(): void;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

export async function renderSized(element: ReactElement, columns = 100, rows = 30): Promise<Screen> {
  const app = render(element);
  const stdout = app.stdout as unknown as { columns: number; rows: number; emit(e: string): void };
  const setSize = (c: number, r: number) => {
    Object.defineProperty(stdout, 'columns', { value: c, configurable: true, writable: true });
    Object.defineProperty(stdout, 'rows', { value: r, configurable: true, writable: true });
    stdout.emit('resize');
  };
  setSize(columns, rows);
  const frame = () => stripAnsi(app.lastFrame() ?? '');
  const settle = async () => {
    // Ink renders on the next tick(s) after input; a few ticks let effects run too.
    for (let i = 0; i < 5; i++) await tick();
    await new Promise((r) => setTimeout(r, 5));
  };
  const screen: Screen = {
    frame,
    async press(...keys) {
      for (const key of keys) {
        app.stdin.write(key);
        await settle();
      }
    },
    async type(text) {
      for (const ch of text) {
        app.stdin.write(ch);
        await settle();
      }
    },
    async resize(c, r) {
      setSize(c, r);
      await settle();
    },
    async waitFor(predicate, what = 'the expected frame') {
      // Waits for the frame; the bound only turns a hang into a message (a loaded machine is slow).
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const f = frame();
        if (predicate(f)) return f;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`timed out waiting for ${what}; last frame:\n${frame()}`);
    },
    unmount: () => app.unmount(),
  };
  await screen.waitFor((f) => f.length > 0, 'a first frame');
  await settle();
  return screen;
}
