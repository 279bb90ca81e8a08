// Full-text search: the engine over bodies too (every body file is read to build it).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Archive } from '../../src/archive/store.js';
import { searchEngineFor } from '../../src/archive/searchable.js';
import { detail, target } from '../lib/report.js';
import { bodyTarget, T } from '../lib/targets.js';
import { gc, max, median, p95 } from '../lib/stats.js';
import { log } from '../lib/env.js';
import { bodyQueries } from '../lib/queries.js';


export async function bodyTask(size: number, dir: string, budgetMs: number): Promise<void> {
  const archive = await Archive.open(dir);
  const queries = bodyQueries(archive.articles, (id) => archive.body(id));
  gc();
  const heapBefore = process.memoryUsage().rss;
  let t = performance.now();
  const engine = searchEngineFor(archive, { bodies: true });
  const buildMs = performance.now() - t;
  detail('body search engine build', size, buildMs, 'ms', 'searchEngineFor(archive, { bodies: true })');
  gc();
  detail('body search engine memory (RSS growth)', size, Math.max(0, process.memoryUsage().rss - heapBefore) / 2 ** 20, 'MB', 'RSS after the build minus before, after a GC; 0 when within noise');
  log(`body ${size}: engine built in ${(buildMs / 1000).toFixed(1)} s; queries: ${queries.join(' | ')}`);

  const started = performance.now();
  const runs: number[][] = [];
  let withSnippet = 0;
  let hitsTotal = 0;
  let zero = 0;
  for (;;) {
    gc();
    const times: number[] = [];
    for (const q of queries) {
      t = performance.now();
      const hits = engine.search(q, 50);
      times.push(performance.now() - t);
      if (runs.length === 0) {
        hitsTotal += hits.length;
        withSnippet += hits.filter((h) => h.snippet).length;
        if (hits.length === 0) zero++;
      }
      if (performance.now() - started > budgetMs) break;
    }
    runs.push(times);
    if (runs.length >= 3 || performance.now() - started > budgetMs * 0.5) break;
  }
  const complete = runs.filter((r) => r.length === queries.length);
  const used = complete.length ? complete : runs;
  const value = median(used.map(p95));
  const stored = existsSync(join(dir, 'search')) ? 'through the stored body index (search/)' : 'no stored body index in this archive: every body file read';
  const note = `${stored}; ${queries.length} queries of 1–2 body words (a third misspelt), engine.search(q, 50), ${complete.length} complete run(s)${complete.length ? '' : ` (budget ran out after ${runs[0].length} queries)`}; p50 ${median(used.map(median)).toFixed(1)} ms, max ${max(used.flat()).toFixed(0)} ms; engine build ${(buildMs / 1000).toFixed(1)} s; ${hitsTotal ? ((100 * withSnippet) / hitsTotal).toFixed(0) : 0} % of hits have a body snippet${zero ? `; ${zero} queries found nothing` : ''}`;
  target(T.bodyP95, size, value, bodyTarget(size), 'ms', 'lower', note);
  detail('body search, p50 per query', size, median(used.map(median)), 'ms');
  detail('body search, hits with a snippet', size, hitsTotal ? (100 * withSnippet) / hitsTotal : null, '%', `${hitsTotal} hits over ${queries.length} queries`);
  log(`body ${size}: ${note}`);
}
