import type { ArticleMeta, Author } from '../archive/model.js';
import { displayWidth, truncateToWidth } from '../text/wrap.js';
import { articleListJson } from '../text/render.js';
import { paint } from '../text/style.js';
import { visibleLine } from '../text/visible.js';
import { positiveInt, printJson, type Context } from './context.js';

export function kindMarker(meta: ArticleMeta): string {
  return meta.sponsored ? 'sponsored' : meta.kind;
}

export function authorMatches(author: Author, name: string): boolean {
  const q = name.toLowerCase().replace(/^@/, '');
  return [author.id, author.name, author.handle ?? ''].some((v) => v.toLowerCase().replace(/^@/, '').includes(q));
}

/** One article a line: tab-separated for pipes, aligned and cut to the terminal for people.
 * A line feed (or tab) in a field is shown as a symbol, so a row is always one line. */
export function articleLines(ctx: Context, metas: readonly ArticleMeta[], authorsOf: (m: ArticleMeta) => Author[]): string {
  const rows = metas.map((m) => [m.id, m.title, authorsOf(m).map((a) => a.name).join(', ') || '-', kindMarker(m)].map(visibleLine));
  if (!ctx.out.isTTY) return rows.map((r) => r.join('\t') + '\n').join('');
  // Lines fit the terminal; whole ids are in piped output (`byline list | cat`) and --json.
  const columns = Math.max(40, ctx.out.columns);
  const idWidth = Math.min(Math.floor(columns * 0.4), Math.max(0, ...rows.map((r) => r[0].length)));
  return rows
    .map(([id, title, authors, kind]) => {
      const room = columns - idWidth - 2;
      const shownTail = ` — ${truncateToWidth(authors, Math.max(4, Math.floor(room / 4)))}${kind === 'full' ? '' : `  [${kind}]`}`;
      const shownTitle = truncateToWidth(title, Math.max(1, room - displayWidth(shownTail)));
      return `${paint(truncateToWidth(id, idWidth).padEnd(idWidth), 'muted', ctx.out.color)}  ${paint(shownTitle, 'title', ctx.out.color)}${shownTail}\n`;
    })
    .join('');
}

export async function list(ctx: Context): Promise<number> {
  const archive = await ctx.openArchive();
  const limit = positiveInt(ctx.flags.limit, 'limit');
  let metas = archive.articles;
  const author = ctx.flags.author;
  if (author) metas = metas.filter((m) => archive.authorsOf(m).some((a) => authorMatches(a, author)));
  if (limit !== undefined) metas = metas.slice(0, limit);
  if (ctx.flags.json) printJson(ctx, metas.map((m) => articleListJson(m, archive.authorsOf(m))));
  else ctx.out.write(articleLines(ctx, metas, (m) => archive.authorsOf(m)));
  return 0;
}
