// Commands as a user meets them: each run a whole, fresh process (`node bin/byline.js …`, as
// the installed `byline` runs), timed from spawn to exit — `list | head -1` to its first line —
// in rounds with `node -e 0`, `fzf --filter` over a titles file and `rg` over a markdown
// export with bodies. Every case runs once a round, and each round starts one case later,
// so no case always follows the same neighbour.
import { BIN, userEnv } from '../lib/env.js';
import type { ArchiveFacts } from '../lib/facts.js';
import { timed, type Timed } from '../lib/proc.js';
import { summarise, type Figure } from '../lib/report.js';
import { TYPING_QUERIES } from '../lib/queries.js';

interface Case {
  key: string;
  name: string;
  note: string;
  run: (round: number) => Promise<Timed>;
}

export interface CommandsOptions {
  rounds: number;
  fzf?: string;
  rg?: boolean;
  bodyQueries: string[];
}

/** A different article each round, spread over the archive. */
export const pickId = (facts: ArchiveFacts, round: number) => facts.ids[Math.floor(((round + 1) * 7919.3) % facts.ids.length)];

export async function commandsSuite(facts: ArchiveFacts, options: CommandsOptions, progress: (line: string) => void): Promise<Figure[]> {
  const env = userEnv({ NO_COLOR: '1' });
  const byline = (args: string[], extra: { firstLine?: boolean } = {}) =>
    timed(process.execPath, [BIN, ...args, '--archive', facts.dir], { env, timeoutMs: 300_000, ...extra });
  const titleQuery = (round: number) => TYPING_QUERIES[round % TYPING_QUERIES.length];
  const cases: Case[] = [
    {
      key: 'node',
      name: '`node -e 0`',
      note: 'spawn to exit of `node -e 0`: the floor of any Node program',
      run: () => timed(process.execPath, ['-e', '0'], { env }),
    },
    {
      key: 'read',
      name: '`byline read ID`',
      note: 'spawn to exit; a different id each round, output to a pipe',
      run: (r) => byline(['read', pickId(facts, r)]),
    },
    {
      key: 'list-head',
      name: '`byline list | head -1`, first line',
      note: 'spawn to the first line on stdout, then the pipe is closed as `head -1` closes it',
      run: () => byline(['list'], { firstLine: true }),
    },
    {
      key: 'search',
      name: '`byline search Q --json` (top 20)',
      note: `spawn to exit; the command's own default limit (20); Q one of ${TYPING_QUERIES.length} title/author queries, in turn (e.g. "${TYPING_QUERIES[0]}", "${TYPING_QUERIES[2]}")`,
      run: (r) => byline(['search', titleQuery(r), '--json']),
    },
    {
      key: 'search-body',
      name: '`byline search Q --json`, body words',
      note: `spawn to exit; Q one or two words from the middle of an article's body (every third misspelt), one of ${options.bodyQueries.length} in turn, e.g. "${options.bodyQueries[0]}"`,
      run: (r) => byline(['search', options.bodyQueries[r % options.bodyQueries.length], '--json']),
    },
  ];
  if (options.fzf) {
    const fzf = options.fzf;
    cases.push({
      key: 'fzf-filter',
      name: '`fzf --filter Q` over the titles',
      note: `spawn to exit; the titles file (${facts.titles.length} lines) as stdin; the same Q as search; fzf as installed (all cores, not slowed)`,
      run: (r) => timed(fzf, ['--filter', titleQuery(r)], { env, stdinFile: facts.titlesFile }),
    });
  }
  if (options.rg && facts.exportDir) {
    const dir = facts.exportDir;
    cases.push({
      key: 'rg',
      name: '`rg -il Q` over an export with bodies',
      note: 'spawn to exit; `byline export --format markdown` of the archive (one file an article); the same Q as search',
      run: (r) => timed('rg', ['-il', titleQuery(r), dir], { env }),
    });
  }
  const wall = new Map<string, number[]>(cases.map((c) => [c.key, []]));
  const cpu = new Map<string, number[]>(cases.map((c) => [c.key, []]));
  const rss = new Map<string, number[]>(cases.map((c) => [c.key, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(round + k) % cases.length];
      const t = await c.run(round);
      // fzf and rg exit 1 when nothing matches; a byline failure is a failure.
      if (t.code !== 0 && c.key !== 'fzf-filter' && c.key !== 'rg') throw new Error(`${c.name} exited with ${t.code} (round ${round + 1})`);
      wall.get(c.key)!.push(t.ms);
      if (t.cpuMs !== undefined && c.key !== 'list-head') cpu.get(c.key)!.push(t.cpuMs);
      if (t.peakMB !== undefined) rss.get(c.key)!.push(t.peakMB);
    }
    progress(`commands at ${facts.size}: round ${round + 1}/${options.rounds}`);
  }
  const size = facts.size;
  return cases.flatMap((c) => [
    summarise(`cmd.${c.key}`, c.name, size, 'ms', wall.get(c.key)!, c.note),
    ...(cpu.get(c.key)!.length
      ? [
          summarise(
            `cmd.${c.key}.cpu`,
            `${c.name}, CPU time`,
            size,
            'ms',
            cpu.get(c.key)!,
            'user + system time of the process, from /usr/bin/time (10 ms resolution)',
          ),
        ]
      : []),
    ...(rss.get(c.key)!.length
      ? [
          summarise(
            `cmd.${c.key}.rss`,
            `${c.name}, peak RSS`,
            size,
            'MB',
            rss.get(c.key)!,
            'maximum resident set of the process, from /usr/bin/time',
          ),
        ]
      : []),
  ]);
}
