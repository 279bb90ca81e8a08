import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  columns: number;
  rows: number;
}

const read = (stdout: NodeJS.WriteStream): TerminalSize => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });

export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    // The same size keeps the same object: no second render right after the first frame.
    const onResize = () =>
      setSize((was) => {
        const now = read(stdout);
        return now.columns === was.columns && now.rows === was.rows ? was : now;
      });
    stdout.on('resize', onResize);
    onResize();
    return () => void stdout.off('resize', onResize);
  }, [stdout]);
  return size;
}

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 10;
