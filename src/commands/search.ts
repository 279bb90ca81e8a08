import { searching, WordIndexProblem, type Archive } from '../archive/index.js';
import { BylineError } from '../model/errors.js';
import type { Hit } from '../search/engine.js';
import type { Range } from '../model/range.js';
import { splitByRanges } from '../text/highlight.js';
import { paint } from '../text/style.js';
import { visibleLine } from '../text/visible.js';
import { positiveInt, printJson, usageError, type Context } from './context.js';

/** Underlines match ranges (when colour is on) after making each run display-safe, on one line. */
export function highlight(text: string, ranges: Range[], color: boolean): string {
  return splitByRanges(text, color ? ranges : [])
    .map((seg) => (seg.match ? paint(visibleLine(seg.text), 'match', true) : visibleLine(seg.text)))
    .join('');
}

/** Through the word index and catalog of a big archive when it has them (titles and names
 * from the catalog or the index's rows, the hits read whole through the id lookup); otherwise
 * over index.json, which an archive without a catalog is upgraded to have on that open. */
async function searchArchive(ctx: Context, query: string, limit: number): Promise<{ archive: Archive; hits: Hit[] }> {
  const { searchBigArchive, searchEngineFor } = await searching();
  const fast = searchBigArchive(ctx.archiveDir, query, { limit });
  if (fast) return fast;
  const archive = await ctx.openArchive();
  return { archive, hits: searchEngineFor(archive, { bodies: true }).search(query, limit) };
}

export async function search(ctx: Context): Promise<number> {
  const query = ctx.args.join(' ').trim();
  if (!query) throw usageError('search needs a query: byline search QUERY');
  const limit = positiveInt(ctx.flags.limit, 'limit') ?? 20;
  const { archive, hits } = await searchArchive(ctx, query, limit).catch((error: unknown) => {
    if (error instanceof WordIndexProblem) throw new BylineError(`${error.message} (byline reindex rebuilds it)`, 1);
    throw error;
  });
  if (ctx.flags.json) {
    printJson(
      ctx,
      hits.map((h) => {
        const meta = archive.article(h.id)!;
        return {
          id: h.id,
          title: meta.title,
          authors: archive.authorsOf(meta).map((a) => a.name),
          score: h.score,
          matches: h.matches,
          snippet: h.snippet?.text ?? null,
        };
      }),
    );
    return hits.length > 0 ? 0 : 1;
  }
  if (hits.length === 0) {
    ctx.out.error(`byline: no article matches "${visibleLine(query)}"\n`);
    return 1;
  }
  const color = ctx.out.color;
  for (const hit of hits) {
    const meta = archive.article(hit.id)!;
    const titleRanges = hit.matches.find((m) => m.field === 'title')?.ranges ?? [];
    const authors =
      archive
        .authorsOf(meta)
        .map((a) => a.name)
        .join(', ') || '-';
    if (!ctx.out.isTTY) {
      ctx.out.write([hit.id, visibleLine(meta.title), visibleLine(authors), hit.score.toFixed(3)].join('\t') + '\n');
      continue;
    }
    ctx.out.write(`${paint(hit.id, 'muted', color)}\n  ${highlight(meta.title, titleRanges, color)} — ${visibleLine(authors)}\n`);
    if (hit.snippet) ctx.out.write(`  ${paint('', 'muted', color)}${highlight(hit.snippet.text, hit.snippet.ranges, color)}\n`);
  }
  return 0;
}
