import Fuse from 'fuse.js';
import { BylineError } from '../model/errors.js';
import type { Author } from '../model/schema.js';
import type { Archive } from '../archive/index.js';
import { wrap } from '../text/layout.js';
import { paint } from '../text/style.js';
import { visible, visibleLine } from '../text/visible.js';
import { articleLines, authorMatches } from './list.js';
import { printJson, textWidth, usageError, type Context } from './context.js';

function authorJson(archive: Archive, author: Author) {
  return {
    id: author.id,
    name: author.name,
    handle: author.handle ?? null,
    kind: author.kind,
    bio: author.bio,
    articles: archive.articlesBy(author.id).map((a) => a.id),
  };
}

export async function authors(ctx: Context): Promise<number> {
  const archive = await ctx.openArchive();
  if (ctx.flags.json) {
    printJson(
      ctx,
      archive.authors.map((a) => authorJson(archive, a)),
    );
    return 0;
  }
  for (const a of archive.authors) {
    const count = archive.articleCountBy(a.id);
    const row = [a.id, a.name, a.handle ?? '-', a.kind, `${count} article${count === 1 ? '' : 's'}`].map(visibleLine);
    ctx.out.write(
      (ctx.out.isTTY ? `${paint(row[1], 'title', ctx.out.color)}  ${row[2]}  ${row[3]}  ${row[4]}  (${row[0]})` : row.join('\t')) + '\n',
    );
  }
  return 0;
}

/** By id, handle or name; then fuzzily by name. */
export function findAuthor(archive: Archive, query: string): Author {
  const exact = archive.author(query) ?? archive.authors.find((a) => authorMatches(a, query));
  if (exact) return exact;
  const [best] = new Fuse(archive.authors as Author[], { keys: ['name', 'handle'], threshold: 0.4 }).search(query, { limit: 1 });
  if (!best) throw new BylineError(`no author matches "${visibleLine(query)}"`, 1);
  return best.item;
}

export async function author(ctx: Context): Promise<number> {
  const query = ctx.args.join(' ').trim();
  if (!query) throw usageError('author needs a name: byline author NAME');
  const archive = await ctx.openArchive();
  const found = findAuthor(archive, query);
  if (ctx.flags.json) {
    printJson(ctx, authorJson(archive, found));
    return 0;
  }
  const width = textWidth(ctx);
  const color = ctx.out.color;
  const lines = [paint(visibleLine(found.name), 'title', color)];
  lines.push(visibleLine([found.handle, found.kind === 'organization' ? 'organization' : 'person'].filter(Boolean).join(' · ')));
  lines.push('');
  lines.push(...wrap(visible(found.bio || '(no bio in the archive)'), width));
  lines.push('', 'Articles:');
  ctx.out.write(lines.join('\n') + '\n' + articleLines(ctx, archive.articlesBy(found.id), (m) => archive.authorsOf(m)));
  return 0;
}
