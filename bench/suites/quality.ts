// Result quality as a user meets it: `byline search QUERY --json` (a whole process, the
// command's own settings) for queries a person types from memory — 2–3 of a title's rarer
// words, one misspelt, transposed, cut short, with a letter dropped or doubled — and whether
// the intended article is in the first 3 hits.
import { BIN, userEnv } from '../lib/env.js';
import type { ArchiveFacts } from '../lib/facts.js';
import { timed } from '../lib/proc.js';
import { qualityPairs } from '../lib/queries.js';
import { summarise, type Figure } from '../lib/report.js';

export async function qualitySuite(facts: ArchiveFacts, count: number, progress: (line: string) => void): Promise<Figure[]> {
  const metas = facts.ids.map((id, i) => ({ id, title: facts.titles[i] }));
  const pairs = qualityPairs(metas, count);
  const top3: number[] = [];
  const top1: number[] = [];
  const misses: string[] = [];
  for (const pair of pairs) {
    const t = await timed(process.execPath, [BIN, 'search', pair.query, '--json', '--archive', facts.dir], {
      env: userEnv(),
      keep: 1 << 24,
      timeoutMs: 300_000,
    });
    const hits = t.code === 0 ? (JSON.parse(t.stdout) as { id: string }[]) : [];
    const at = hits.findIndex((h) => h.id === pair.id);
    top3.push(at >= 0 && at < 3 ? 100 : 0);
    top1.push(at === 0 ? 100 : 0);
    if (at < 0 || at >= 3) misses.push(`"${pair.query}" → ${pair.id} (${at < 0 ? 'not in the hits' : `at ${at + 1}`})`);
  }
  progress(`quality at ${facts.size}: ${top3.filter((x) => x).length}/${pairs.length} in the top 3`);
  const note = `${pairs.length} queries, e.g. ${pairs
    .slice(0, 3)
    .map((p) => `"${p.query}" for "${p.title}"`)
    .join('; ')}${misses.length ? `; missed: ${misses.slice(0, 5).join('; ')}` : ''}`;
  const mean = (xs: number[]) => [xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)];
  // One figure over all the queries: n is the number of queries.
  return [
    { ...summarise('quality.top3', 'result quality: intended article in the top 3', facts.size, '%', mean(top3), note), n: pairs.length },
    { ...summarise('quality.top1', 'result quality: intended article first', facts.size, '%', mean(top1), note), n: pairs.length },
  ];
}
