import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { articleJson, frontMatter, renderMarkdown } from '../text/render.js';
import { safeJson, visibleLine } from '../text/visible.js';
import { usageError, type Context } from './context.js';
import { files } from '../archive/index.js';

export async function exportArchive(ctx: Context): Promise<number> {
  const { writeFileAtomic } = await files();
  const format = ctx.flags.format ?? 'json';
  if (format !== 'json' && format !== 'markdown')
    throw usageError(`export --format must be json or markdown, not "${visibleLine(format)}"`);
  if (format === 'markdown' && !ctx.flags.out) throw usageError('export --format markdown writes one file per article: give --out DIR');
  const archive = await ctx.openArchive();
  const articles = archive.articles.map((meta) => ({ meta, article: archive.full(meta), authors: archive.authorsOf(meta) }));
  const out = ctx.flags.out;

  if (format === 'json') {
    const json =
      safeJson({ version: 1, authors: archive.authors, articles: articles.map((a) => articleJson(a.article, a.authors)) }) + '\n';
    if (!out) {
      ctx.out.write(json);
      return 0;
    }
    await mkdir(out, { recursive: true });
    await writeFileAtomic(join(out, 'archive.json'), json);
    ctx.out.error(`exported ${articles.length} articles to ${join(out, 'archive.json')}\n`);
    return 0;
  }
  await mkdir(out!, { recursive: true });
  // Each file is new and renamed into place: a link already in the folder is replaced, never
  // written through to whatever it points at.
  for (const { meta, article, authors } of articles) {
    await writeFileAtomic(join(out!, `${meta.id}.md`), frontMatter(meta, authors) + renderMarkdown(article, authors) + '\n', {
      syncFolder: false,
    });
  }
  ctx.out.error(`exported ${articles.length} articles to ${out}\n`);
  return 0;
}
