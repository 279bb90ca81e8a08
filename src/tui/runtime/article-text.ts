// The open article as text for other programs: the `read` command's text format (`|`, `Y`),
// Markdown (`e`), and a citation (`c`).
import type { ArticleMeta, Author } from '../../model/schema.js';
import type { Archive } from '../../archive/index.js';
import { renderMarkdown, renderText } from '../../text/render.js';

export function articleText(archive: Archive, meta: ArticleMeta, format: 'text' | 'markdown'): string {
  const article = archive.full(meta);
  const authors = archive.authorsOf(meta);
  return (format === 'text' ? renderText(article, authors, { color: false, raw: false }) : renderMarkdown(article, authors)) + '\n';
}

/** Author, "Title", Site, Date, URL — the parts the archive has. */
export function citation(meta: ArticleMeta, authors: Author[]): string {
  const names = authors.map((a) => a.name).join(', ');
  const date = meta.publishedAt ? meta.publishedAt.slice(0, 10) : '';
  return [names, `"${meta.title}"`, meta.siteName ?? '', date, meta.url ?? ''].filter(Boolean).join(', ');
}
