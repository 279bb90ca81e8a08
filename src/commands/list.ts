import type { ArticleMeta, Author } from '../model/schema.js';
import { BylineError } from '../model/errors.js';
import { IndexLineProblem, streamIndex } from '../archive/index.js';
import { displayWidth, truncateToWidth } from '../text/wrap.js';
import { articleListJson } from '../text/render.js';
import { paint } from '../text/style.js';
import { visibleLine } from '../text/visible.js';
import { loadWidths } from '../text/width.js';
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
  const rows = metas.map((m) =>
    [
      m.id,
      m.title,
      authorsOf(m)
        .map((a) => a.name)
        .join(', ') || '-',
      kindMarker(m),
    ].map(visibleLine),
  );
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

/** Rows written as the index is read, so the first is out at once (`byline list | head`);
 * false when the index is not in the line-wise layout. A line that does not check stops the
 * output, and the whole index is read to say what is wrong with it, as any command would. */
async function streamRows(ctx: Context, limit = Infinity): Promise<boolean> {
  const stream = streamIndex(ctx.archiveDir);
  if (!stream) return false;
  const authorsById = new Map(stream.authors.map((a) => [a.id, a]));
  const authorsOf = (m: ArticleMeta) => m.authors.map((id) => authorsById.get(id)).filter((a): a is Author => a !== undefined);
  let rows: ArticleMeta[] = [];
  let written = 0;
  const flush = async () => {
    ctx.out.write(articleLines(ctx, rows, authorsOf));
    written += rows.length;
    rows = [];
    // Lets a closed pipe (`| head`) end the process before the rest is read.
    await new Promise((resolve) => setImmediate(resolve));
  };
  try {
    for (const meta of stream.articles) {
      if (written + rows.length >= limit) break;
      rows.push(meta);
      if (written === 0 || rows.length === 1000) await flush();
    }
  } catch (error) {
    if (!(error instanceof IndexLineProblem)) throw error;
    await ctx.openArchive(); // throws the archive's own error
    throw new BylineError(`cannot read archive ${ctx.archiveDir}: it changed while it was read`, 2);
  }
  if (rows.length > 0) await flush();
  return true;
}

export async function list(ctx: Context): Promise<number> {
  const limit = positiveInt(ctx.flags.limit, 'limit');
  if (!ctx.out.isTTY && !ctx.flags.json && !ctx.flags.author && (await streamRows(ctx, limit))) return 0;
  // Rows are cut to the terminal's width: on a terminal only (piped rows are whole).
  if (ctx.out.isTTY) await loadWidths();
  const archive = await ctx.openArchive();
  let metas = archive.articles;
  const author = ctx.flags.author;
  if (author) metas = metas.filter((m) => archive.authorsOf(m).some((a) => authorMatches(a, author)));
  if (limit !== undefined) metas = metas.slice(0, limit);
  if (ctx.flags.json)
    printJson(
      ctx,
      metas.map((m) => articleListJson(m, archive.authorsOf(m))),
    );
  else ctx.out.write(articleLines(ctx, metas, (m) => archive.authorsOf(m)));
  return 0;
}
