import { BylineError } from '../model/errors.js';
import { searching, type Archive } from '../archive/index.js';
import { blockText, type ArticleMeta } from '../model/schema.js';
import type { Hit } from '../search/engine.js';
import type { parseQuery as ParseQuery } from '../search/query.js';
import type { words as Words } from '../search/tokenize.js';
import { articleJson, renderMarkdown, renderText } from '../text/render.js';
import { visibleLine } from '../text/visible.js';
import { widthsFor } from '../text/width.js';
import { printJson, textWidth, usageError, type Context } from './context.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** A hit this good matched the query in the article's title, authors or dek. */
const CONFIDENT_SCORE = 0.5;

/** Every word of the query is in the article as typed (or as the start of one of its words):
 * a weaker hit that matched only by fuzzy spelling ("elon musk" → "only must") is a guess. */
function hasEveryWord(archive: Archive, meta: ArticleMeta, query: string, parseQuery: typeof ParseQuery, words: typeof Words): boolean {
  const wanted = parseQuery(query).flatMap((t) => words(t.text));
  const text = [
    meta.title,
    meta.dek,
    ...archive.authorsOf(meta).map((a) => a.name),
    ...(archive.bodySafe(meta.id) ?? []).map(blockText),
  ].join('\n');
  const present = new Set(words(text));
  return wanted.every((w) => present.has(w) || [...present].some((p) => p.startsWith(w)));
}

/** Every string in a value made of JSON's types: all the text an article can show. */
function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) yield* stringsIn(item);
}

/** An id wins; otherwise the best search hit, if it clearly matches. */
export async function findArticle(archive: Archive, idOrQuery: string): Promise<ArticleMeta> {
  const byId = archive.article(idOrQuery);
  if (byId) return byId;
  // The search is loaded only for a query: an id is read without it.
  const { searchEngineFor } = await searching();
  return clearHit(archive, searchEngineFor(archive, { bodies: true }).search(idOrQuery, HITS), idOrQuery);
}

const HITS = { limit: 3, snippets: 0 };

/** The best of a query's hits, if it clearly matches; else why not, in one line. */
async function clearHit(archive: Archive, hits: readonly Hit[], idOrQuery: string): Promise<ArticleMeta> {
  const [{ parseQuery }, { words }] = await Promise.all([import('../search/query.js'), import('../search/tokenize.js')]);
  if (hits.length === 0) throw new BylineError(`no article matches "${visibleLine(idOrQuery)}"`, 1);
  const best = archive.article(hits[0].id)!;
  if (hits[0].score >= CONFIDENT_SCORE || hasEveryWord(archive, best, idOrQuery, parseQuery, words)) return best;
  const closest = hits.map((h) => h.id).join(', ');
  throw new BylineError(
    `no article clearly matches "${visibleLine(idOrQuery)}"; closest: ${closest} (byline read ID, or byline search QUERY)`,
    1,
  );
}

/** An id is looked up alone (a big archive then reads one line of its index). A query of
 * several words (or anything that is not an id) is searched in a big archive as `byline search`
 * searches it, without reading the whole index; otherwise, as an id the lookup does not vouch
 * for, it reads the whole index. */
async function articleFor(ctx: Context, query: string): Promise<{ archive: Archive; meta: ArticleMeta }> {
  if (!SLUG.test(query)) {
    const { searchBigArchive } = await searching();
    const big = searchBigArchive(ctx.archiveDir, query, HITS);
    if (big) return { archive: big.archive, meta: await clearHit(big.archive, big.hits, query) };
  }
  const archive = await ctx.openArchive(SLUG.test(query) ? { only: query } : {});
  return { archive, meta: await findArticle(archive, query) };
}

export async function read(ctx: Context): Promise<number> {
  const query = ctx.args.join(' ').trim();
  if (!query) throw usageError('read needs an article id or a query: byline read ID|QUERY');
  const format = ctx.flags.format ?? 'text';
  if (!['text', 'markdown', 'json'].includes(format))
    throw usageError(`--format must be text, markdown or json, not "${visibleLine(format)}"`);
  const { archive, meta } = await articleFor(ctx, query);
  const article = archive.full(meta);
  const authors = archive.authorsOf(meta);
  if (format !== 'json' && !ctx.flags.json) await widthsFor(stringsIn([article, authors]));
  if (format === 'json' || ctx.flags.json) printJson(ctx, articleJson(article, authors));
  else if (format === 'markdown') ctx.out.write(renderMarkdown(article, authors, ctx.flags.raw) + '\n');
  else ctx.out.write(renderText(article, authors, { width: textWidth(ctx), color: ctx.out.color, raw: ctx.flags.raw }) + '\n');
  return 0;
}
