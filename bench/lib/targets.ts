// The targets of issue 12, checked against the figures of one run. A ratio's limit is made
// from the baseline measured in the same rounds; a target whose figures are missing is
// reported as not met, with the reason.
import type { Figure, Target } from './report.js';
import { round } from './stats.js';

type Stat = 'median' | 'p95';

interface Rule {
  what: string;
  key: string;
  stat: Stat;
  unit: string;
  /** The limit, from the other figures at the same size; undefined when they are missing. */
  limit: (get: (key: string, stat?: Stat) => number | undefined) => { limit: number; rule: string } | undefined;
  better?: 'lower' | 'higher';
}

const times =
  (k: number, key: string, label: string): Rule['limit'] =>
  (get) => {
    const base = get(key);
    return base === undefined ? undefined : { limit: k * base, rule: `${k} × ${label} (${round(base)} ms, same rounds)` };
  };
const fixed =
  (limit: number, rule = `≤ ${limit}`): Rule['limit'] =>
  () => ({ limit, rule });

const RULES: Rule[] = [
  { what: '`byline read ID`', key: 'cmd.read', stat: 'median', unit: 'ms', limit: times(1.5, 'cmd.node', '`node -e 0`') },
  { what: '`byline search Q --json` (top 20)', key: 'cmd.search', stat: 'median', unit: 'ms', limit: times(3, 'cmd.node', '`node -e 0`') },
  {
    what: '`byline list | head -1`, first line',
    key: 'cmd.list-head',
    stat: 'median',
    unit: 'ms',
    limit: times(1.5, 'cmd.node', '`node -e 0`'),
  },
  {
    what: 'body search, `byline search` of body words',
    key: 'cmd.search-body',
    stat: 'median',
    unit: 'ms',
    limit: times(3, 'cmd.node', '`node -e 0`'),
  },
  {
    what: 'reader: spawn → first frame',
    key: 'reader.first-frame',
    stat: 'median',
    unit: 'ms',
    limit: times(3, 'reader.node', '`node -e` in the pty'),
  },
  {
    what: 'reader: spawn → search usable',
    key: 'reader.usable',
    stat: 'median',
    unit: 'ms',
    limit: (get) => {
      const base = get('reader.node');
      return base === undefined
        ? undefined
        : {
            limit: 3 * base + 33,
            rule: `the first-frame limit (3 × ${round(base)} ms) + one keystroke (33 ms): search usable at the first frame`,
          };
    },
  },
  { what: 'reader: key → results on screen', key: 'reader.key', stat: 'p95', unit: 'ms', limit: fixed(33, '≤ 33 ms') },
  {
    what: 'reader: key → results on screen, vs interactive fzf',
    key: 'reader.key',
    stat: 'p95',
    unit: 'ms',
    limit: (get) => {
      const fzf = get('reader.fzf-key', 'p95');
      return fzf === undefined ? undefined : { limit: fzf, rule: `≤ interactive fzf's p95 on the same titles (${round(fzf)} ms)` };
    },
  },
  { what: 'reader: list frame holding j', key: 'reader.j', stat: 'p95', unit: 'ms', limit: fixed(33, '≤ 33 ms (kept from issue 4)') },
  {
    what: 'reader: bytes written per j',
    key: 'reader.j-bytes',
    stat: 'median',
    unit: 'bytes',
    limit: fixed(6000, '≤ 6000 (kept from issue 4)'),
  },
  {
    what: 'reader: Enter → article on screen',
    key: 'reader.open',
    stat: 'median',
    unit: 'ms',
    limit: fixed(33, '≤ 33 ms (kept from issue 4)'),
  },
  { what: 'reader: peak RSS', key: 'reader.rss', stat: 'median', unit: 'MB', limit: fixed(300, '≤ 300 MB (kept from issue 4)') },
  {
    what: 'result quality, intended article in the top 3',
    key: 'quality.top3',
    stat: 'median',
    unit: '%',
    limit: fixed(95, '≥ 95 % (kept; 100 % before)'),
    better: 'higher',
  },
  {
    what: 'import N files into an empty archive, peak RSS',
    key: 'import.all.rss',
    stat: 'median',
    unit: 'MB',
    limit: fixed(300, '≤ 300 MB whatever the size of the import'),
  },
  { what: 'import 1 article, wall', key: 'import.one', stat: 'median', unit: 'ms', limit: fixed(1000, '≤ 1 s') },
  {
    what: 'import 1 article, peak RSS',
    key: 'import.one.rss',
    stat: 'median',
    unit: 'MB',
    limit: fixed(300, '≤ 300 MB whatever the size of the archive'),
  },
  {
    what: 'import 1 article that merges segments, wall',
    key: 'import.merge',
    stat: 'median',
    unit: 'ms',
    limit: (get) => {
      const one = get('import.one');
      return one === undefined ? undefined : { limit: 10 * one, rule: `never 10 × the other imports (${round(one)} ms)` };
    },
  },
  {
    what: 'import 1 article that merges segments, peak RSS',
    key: 'import.merge.rss',
    stat: 'median',
    unit: 'MB',
    limit: fixed(300, '≤ 300 MB: a merge never holds the whole index'),
  },
];

export function checkTargets(figures: Figure[]): Target[] {
  const sizes = [...new Set(figures.map((f) => f.size))].sort((a, b) => a - b);
  const out: Target[] = [];
  for (const size of sizes) {
    const get = (key: string, stat: Stat = 'median') => {
      const f = figures.find((x) => x.key === key && x.size === size);
      const v = f?.[stat];
      return v === null || v === undefined ? undefined : v;
    };
    for (const r of RULES) {
      if (!figures.some((f) => f.key === r.key && f.size === size)) continue;
      const value = get(r.key, r.stat);
      const l = r.limit(get);
      const met = value !== undefined && l !== undefined && (r.better === 'higher' ? value >= l.limit : value <= l.limit);
      out.push({
        what: r.what,
        size,
        key: r.key,
        stat: r.stat,
        value: value ?? null,
        limit: l ? round(l.limit) : null,
        unit: r.unit,
        rule: l?.rule ?? 'its baseline was not measured',
        met,
      });
    }
  }
  return out;
}
