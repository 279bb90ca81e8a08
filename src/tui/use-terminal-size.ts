import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** Asked of the terminal itself when it can be: in a storm of resizes, a size cached from an
 * earlier signal can be stale. */
function read(stdout: NodeJS.WriteStream): TerminalSize {
  let size: [number, number] | undefined;
  try {
    size = typeof stdout.getWindowSize === 'function' ? stdout.getWindowSize() : undefined;
  } catch {
    size = undefined; // not a terminal any more
  }
  const [columns, rows] = size ?? [stdout.columns, stdout.rows];
  return { columns: columns || 80, rows: rows || 24 };
}

/** Signals that arrive together are merged; one more look once they stop makes sure the
 * reader ends on the terminal's final size. */
const SETTLE_MS = 80;

export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    let settle: NodeJS.Timeout | undefined;
    // The same size keeps the same object: no second render right after the first frame.
    const update = () =>
      setSize((was) => {
        const now = read(stdout);
        return now.columns === was.columns && now.rows === was.rows ? was : now;
      });
    const onResize = () => {
      update();
      clearTimeout(settle);
      settle = setTimeout(update, SETTLE_MS);
    };
    stdout.on('resize', onResize);
    update();
    return () => {
      clearTimeout(settle);
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
