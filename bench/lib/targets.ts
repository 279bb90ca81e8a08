// The targets of issue 4, by name, and which task reports which: a task that crashes or runs
// out of time still leaves one row per target (met: false, with the reason).
import type { Better } from './report.js';

export const T = {
  coldStart: 'cold start to first frame',
  coldGrowth: 'cold start growth over 1 000 articles',
  typingP95: 'search as you type, p95 per keystroke',
  typingFzf: 'search as you type vs fzf (total time ratio)',
  quality: 'result quality, intended article in top 3',
  bodyP95: 'body search, p95 per query',
  frameRatio: 'list frame time holding j, vs 30 articles',
  frameP95: 'list frame time holding j, p95',
  frameBytes: 'list bytes written per frame',
  open: 'open a 20 KB article (Enter → first page)',
  authorsFrame: 'authors screen frame time holding j, vs the list',
  rss: 'peak RSS of the reader',
  importOne: 'import 1 article vs writing index.json once',
} as const;

export interface Declared {
  name: string;
  size: number;
  target: number | null;
  unit: string;
  better: Better;
}

export const typingTarget = (size: number) => (size <= 10000 ? 16 : 33);
export const bodyTarget = (size: number) => (size <= 10000 ? 100 : 500);

export type TaskName = 'startup' | 'search' | 'body' | 'render' | 'memory' | 'import';

export function declared(task: TaskName, sizes: number[]): Declared[] {
  const per = (f: (size: number) => Declared[]) => sizes.flatMap(f);
  switch (task) {
    case 'startup':
      return per((size) => [
        { name: T.coldStart, size, target: null, unit: 'ms', better: 'lower' },
        ...(size > 1000 && sizes.includes(1000) ? [{ name: T.coldGrowth, size, target: null, unit: 'ms', better: 'lower' as const }] : []),
      ]);
    case 'search':
      return per((size) => [
        { name: T.typingP95, size, target: typingTarget(size), unit: 'ms', better: 'lower' },
        { name: T.typingFzf, size, target: 3, unit: '×', better: 'lower' },
        { name: T.quality, size, target: 95, unit: '%', better: 'higher' },
      ]);
    case 'body':
      return per((size) => [{ name: T.bodyP95, size, target: bodyTarget(size), unit: 'ms', better: 'lower' }]);
    case 'render':
      return per((size) => [
        { name: T.frameRatio, size, target: 1.2, unit: '×', better: 'lower' },
        { name: T.frameP95, size, target: 33, unit: 'ms', better: 'lower' },
        { name: T.frameBytes, size, target: 6000, unit: 'bytes', better: 'lower' },
        { name: T.open, size, target: 33, unit: 'ms', better: 'lower' },
        { name: T.authorsFrame, size, target: 1.2, unit: '×', better: 'lower' },
      ]);
    case 'memory':
      return per((size) => [{ name: T.rss, size, target: 300, unit: 'MB', better: 'lower' }]);
    case 'import':
      return per((size) => [{ name: T.importOne, size, target: 2, unit: '×', better: 'lower' }]);
  }
}
