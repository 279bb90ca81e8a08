// byline rm: removes articles by id, or the hits of a search, after saying which.
import { searching } from '../archive/index.js';
import { visibleLine } from '../text/visible.js';
import { articlesNamed, positiveInt, printJson, usageError, type Context } from './context.js';

interface Target {
  id: string;
  title: string;
}

/** What to remove: the ids given (each must exist), or the hits of --query. */
async function targets(ctx: Context): Promise<Target[]> {
  if (ctx.flags.query !== undefined) {
    if (ctx.args.length) throw usageError('rm takes ids or --query QUERY, not both');
    const query = ctx.flags.query.trim();
    if (!query) throw usageError('rm --query needs a query');
    const limit = positiveInt(ctx.flags.limit, 'limit') ?? 50;
    const { searchBigArchive, searchEngineFor } = await searching();
    // As `byline search` does: through the word index when it can, the index read whole when not.
    const fast = searchBigArchive(ctx.archiveDir, query, { limit });
    const archive = fast?.archive ?? (await ctx.openArchive());
    const hits = fast?.hits ?? searchEngineFor(archive, { bodies: true }).search(query, limit);
    return hits.map((h) => ({ id: h.id, title: archive.article(h.id)!.title }));
  }
  if (ctx.args.length === 0) throw usageError('rm needs article ids (byline rm ID…) or --query QUERY');
  return (await articlesNamed(ctx, ctx.args)).map(({ id, title }) => ({ id, title }));
}

/** Removes articles: their entries, bodies and words. Asks first on a terminal; --yes for scripts. */
export async function rm(ctx: Context): Promise<number> {
  const found = await targets(ctx);
  if (found.length === 0) {
    ctx.out.error(`byline: no article matches "${visibleLine(ctx.flags.query ?? '')}"; nothing removed\n`);
    return 1;
  }
  const list = found.map((t) => `${t.id}\t${visibleLine(t.title)}\n`).join('');
  if (!ctx.flags.yes) {
    ctx.out.error(list);
    const question = `remove ${found.length === 1 ? 'this article' : `these ${found.length} articles`}? [y/N] `;
    const answer = ctx.ask ? await ctx.ask(question) : undefined;
    if (answer === undefined) throw usageError('not removed: no terminal to ask on; add --yes to remove them');
    if (!/^y(es)?$/i.test(answer.trim())) {
      ctx.out.error('nothing removed\n');
      return 1;
    }
  }
  const archive = await ctx.openArchive({ write: true, deferRead: true });
  const result = await archive.edit({ remove: found.map((t) => t.id) });
  if (ctx.flags.json) printJson(ctx, { removed: result.removed.map((m) => m.id), authorsRemoved: result.authorsRemoved.map((a) => a.id) });
  else if (ctx.flags.yes) ctx.out.write(list);
  const authors = result.authorsRemoved.length
    ? `, and ${result.authorsRemoved.length} author${result.authorsRemoved.length === 1 ? '' : 's'} left with none`
    : '';
  ctx.out.error(`removed ${result.removed.length} article${result.removed.length === 1 ? '' : 's'}${authors}\n`);
  // Removed by another writer meanwhile: nothing to do, and said.
  if (result.missing.length) ctx.out.error(`byline: already gone: ${result.missing.join(', ')}\n`);
  return 0;
}
