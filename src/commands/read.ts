import { BylineError } from '../archive/errors.js';
import { searchEngineFor } from '../archive/searchable.js';
import type { Archive } from '../archive/store.js';
import type { ArticleMeta } from '../archive/model.js';
import { articleJson, renderMarkdown, renderText } from '../text/render.js';
import { visibleLine } from '../text/visible.js';
import { printJson, textWidth, usageError, type Context } from './context.js';

/** An id wins; otherwise the best search hit. */
export function findArticle(archive: Archive, idOrQuery: string): ArticleMeta {
  const byId = archive.article(idOrQuery);
  if (byId) return byId;
  const [best] = searchEngineFor(archive, { bodies: true }).search(idOrQuery, 1);
  if (!best) throw new BylineError(`no article matches "${visibleLine(idOrQuery)}"`, 1);
  return archive.article(best.id)!;
}

export async function read(ctx: Context): Promise<number> {
  const query = ctx.args.join(' ').trim();
  if (!query) throw usageError('read needs an article id or a query: byline read ID|QUERY');
  const format = ctx.flags.format ?? 'text';
  if (!['text', 'markdown', 'json'].includes(format)) throw usageError(`--format must be text, markdown or json, not "${visibleLine(format)}"`);
  const archive = await ctx.openArchive();
  const meta = findArticle(archive, query);
  const article = archive.full(meta);
  const authors = archive.authorsOf(meta);
  if (format === 'json' || ctx.flags.json) printJson(ctx, articleJson(article, authors));
  else if (format === 'markdown') ctx.out.write(renderMarkdown(article, authors, ctx.flags.raw) + '\n');
  else ctx.out.write(renderText(article, authors, { width: textWidth(ctx), color: ctx.out.color, raw: ctx.flags.raw }) + '\n');
  return 0;
}
