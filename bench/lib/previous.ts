// "What changed versus the previous bench": the figures of this run beside those of the
// bench/results/latest.json it replaces. A previous run of this bench is compared figure by
// figure; the earlier, in-process bench (issue 4's, until 2026-11) measured other things, so
// each of its figures is set beside the nearest figure measured now, with how it was measured.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure, Results } from './report.js';

interface OldTarget {
  name: string;
  size: number;
  value: number | null;
}

/** Old (in-process) figure → today's figure, and how the old one was taken. */
const OLD: { old: string; key: string; stat: 'median' | 'p95'; how: string }[] = [
  {
    old: 'cold start to first frame',
    key: 'reader.first-frame',
    stat: 'median',
    how: "the built reader in a pty to its first frame (close to today's), before the search engine existed",
  },
  {
    old: 'search as you type, p95 per keystroke',
    key: 'reader.key',
    stat: 'p95',
    how: 'engine.search() in the bench process, metadata only, 50 hits, after an untimed warm-up pass over the same prefixes and a forced GC; no drawing',
  },
  {
    old: 'fzf --filter per keystroke, p95',
    key: 'reader.fzf-key',
    stat: 'p95',
    how: 'one `fzf --filter` process per prefix with GOMAXPROCS=1 (slowed to one core), spawn cost included',
  },
  {
    old: 'body search, p95 per query',
    key: 'cmd.search-body',
    stat: 'p95',
    how: 'engine.search(q, 50) in a warm process; today a whole `byline search` process',
  },
  {
    old: 'list frame time holding j, p95',
    key: 'reader.j',
    stat: 'p95',
    how: 'App rendered by Ink into a fake TTY in the bench process, keys 40 ms apart, after a GC and a pause',
  },
  { old: 'list bytes written per frame', key: 'reader.j-bytes', stat: 'median', how: 'the same fake TTY' },
  {
    old: 'open a 20 KB article (Enter → first page)',
    key: 'reader.open',
    stat: 'median',
    how: 'median of 7 re-opens of one article in a warm in-process App, body pre-read',
  },
  { old: 'peak RSS of the reader', key: 'reader.rss', stat: 'median', how: 'the reader in a pty: first frame, one search, one open' },
  {
    old: 'result quality, intended article in top 3',
    key: 'quality.top3',
    stat: 'median',
    how: 'engine.search() in-process over an archive written by the store directly',
  },
  {
    old: 'import 1 article into the archive',
    key: 'import.one',
    stat: 'median',
    how: 'Archive.import() in the bench process after a warm-up, index already parsed; 5 runs',
  },
];

const pct = (now: number, was: number) => (was === 0 ? '' : ` (${now >= was ? '+' : ''}${Math.round(((now - was) / was) * 100)} %)`);
const times = (now: number, was: number) => (was === 0 ? '' : `, ${(now / was).toFixed(now / was >= 10 ? 0 : 1)}×`);

export function readPrevious(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** bench:commands (whole processes, the same method as now) wrote commands-20k.md and
 * commands-100k.md before it was folded into this bench: its rows, by today's keys. */
const COMMAND_ROWS: [string, string][] = [
  ['node -e 0', 'cmd.node'],
  ['byline read ID (after)', 'cmd.read'],
  ['byline list \\| head -1, to the first line (after)', 'cmd.list-head'],
  ['byline search Q --json (top 20) (after)', 'cmd.search'],
  ['fzf --filter Q over the titles', 'cmd.fzf-filter'],
  ['rg -l Q over an export with bodies', 'cmd.rg'],
];

function commandsFiles(dir: string, figures: Figure[]): string[] {
  const lines: string[] = [];
  for (const [file, size] of [
    ['commands-20k.md', 20000],
    ['commands-100k.md', 100000],
  ] as const) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    for (const [label, key] of COMMAND_ROWS) {
      const row = text.split('\n').find((l) => l.startsWith(`| ${label} |`));
      const was = Number(row?.split(/(?<!\\)\|/)[2]);
      const now = figures.find((f) => f.key === key && f.size === size)?.median;
      if (!row || !Number.isFinite(was) || now === null || now === undefined) continue;
      lines.push(`| ${label.replace(' (after)', '')} | ${size} | ${was} | ${now} | ${pct(now, was).trim()}${times(now, was)} |`);
    }
  }
  if (!lines.length) return [];
  return [
    '',
    "The same method (whole processes, spawn to exit) was used by `npm run bench:commands`, folded into this bench; its last figures (bench/results/commands-20k.md, commands-100k.md, medians in ms) beside today's — both on a shared machine whose load moves every wall time:",
    '',
    '| command | size | bench:commands | now | change |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...lines,
  ];
}

export function changes(previous: unknown, figures: Figure[], dir?: string): string[] {
  if (!previous || typeof previous !== 'object') return ['No previous bench/results/latest.json to compare with.'];
  const p = previous as Partial<Results> & { targets?: unknown[]; details?: OldTarget[] };
  const find = (key: string, size: number) => figures.find((f) => f.key === key && f.size === size);
  if (Array.isArray(p.figures)) {
    const lines = [
      `Against the run of ${p.date} (\`${p.command}\`), same method; medians (p95 where the target is on p95):`,
      '',
      '| what | size | before | now | change |',
      '| --- | ---: | ---: | ---: | ---: |',
    ];
    for (const old of p.figures) {
      const now = find(old.key, old.size);
      if (!now || now.median === null || old.median === null) continue;
      lines.push(`| ${old.name} | ${old.size} | ${old.median} | ${now.median} | ${pct(now.median, old.median).trim() || '–'} |`);
    }
    return lines;
  }
  // The earlier bench: targets and details, in-process and warm.
  const olds: OldTarget[] = [...((p.targets ?? []) as OldTarget[]), ...(p.details ?? [])];
  const oldSizes = [...new Set(olds.map((o) => o.size))].sort((a, b) => a - b);
  const lines = [
    `The previous bench (${p.date ?? 'date unknown'}, \`${p.command ?? '?'}\`) measured most figures inside the bench process, warm: engines built and searched in-process after untimed warm-up passes and forced GCs, the reader drawn into a fake terminal with pauses between keys, fzf slowed to one core and spawned per keystroke. Its sizes were ${oldSizes.join(', ')}; each figure here is set beside the old one at the same size, or at the nearest smaller size (marked). Old → new:`,
    '',
    '| what (now) | size now (old) | old | new | change | how the old figure was measured |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const m of OLD) {
    for (const now of figures.filter((f) => f.key === m.key)) {
      const oldSize = [...oldSizes].reverse().find((s) => s <= now.size);
      const old = olds.find((o) => o.name === m.old && o.size === oldSize);
      const value = now[m.stat];
      if (!old || old.value === null || value === null) continue;
      lines.push(
        `| ${now.name} (${m.stat}) | ${now.size}${oldSize === now.size ? '' : ` (${oldSize})`} | ${old.value} | ${value} | ${pct(value, old.value).trim()}${times(value, old.value)} | ${m.how} |`,
      );
    }
  }
  if (dir) lines.push(...commandsFiles(dir, figures));
  lines.push(
    '',
    'Not measured before: whole-process `byline read`, `search`, `list | head` beside `node -e 0`, `fzf --filter` and `rg` in the same rounds (bench:commands measured them outside `npm run bench`; see commands-20k.md); spawn → search usable; interactive fzf; whole-process import of N files with its peak RSS; the segment-merging import reported apart.',
  );
  return lines;
}
