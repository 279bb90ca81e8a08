import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { importing, type Archive, type ImportBatch } from '../archive/index.js';
import { BylineError } from '../model/errors.js';
import { visible } from '../text/visible.js';
import { usageError, type Context } from './context.js';

/** In a folder, only files that can be pages are read: a saved page's `_files` folder of
 * images, styles and scripts is passed over, as are hidden files. */
const PAGE_FILE = /\.(?:html?|xhtml|txt|text)$/i;

/** The files to import: each argument, or the page files inside a folder (recursively). */
async function expand(path: string): Promise<{ paths: string[]; skipped: number }> {
  if (path === '-') return { paths: [path], skipped: 0 };
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return { paths: [path], skipped: 0 };
  const paths: string[] = [];
  let skipped = 0;
  const walk = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) {
        if (!/_files$/.test(e.name)) await walk(join(dir, e.name));
      } else if (e.isFile() && PAGE_FILE.test(e.name)) paths.push(join(dir, e.name));
      else skipped++;
    }
  };
  await walk(path);
  if (paths.length === 0) throw new BylineError(`cannot import ${visible(path)}: no HTML or text files in the folder`, 1);
  return { paths, skipped };
}

export function summaryLine(s: Awaited<ReturnType<Archive['import']>>): string {
  return `imported ${s.articles} article${s.articles === 1 ? '' : 's'} (${s.added} new, ${s.updated} updated, ${s.unchanged} unchanged), ${s.authors} author${s.authors === 1 ? '' : 's'}\n`;
}

/** Reads and parses the files one at a time, as the archive asks for them: each is merged and
 * written (bodies, words) and dropped before the next is read, so memory does not grow with
 * the import. One bad file stops it: nothing is committed, and what was written is removed. */
export async function importFiles(ctx: Context): Promise<number> {
  const { checkSource, readSourceBytes } = await importing();
  if (ctx.args.length === 0)
    throw usageError('import needs at least one file or folder (or - for standard input): byline import FILE|DIR…');
  const { forcedFormat, parseInputAsync } = await import('../ingest/front-door.js');
  const format = ctx.flags.format;
  if (format !== undefined) {
    try {
      forcedFormat(format);
    } catch (error) {
      throw usageError(visible((error as Error).message));
    }
  }
  const paths: string[] = [];
  let skipped = 0;
  for (const arg of ctx.args) {
    const found = await expand(arg);
    paths.push(...found.paths);
    skipped += found.skipped;
  }
  // Several files: a progress line on a terminal, cleared before any message.
  const progress = paths.length > 1 ? (text: string | null) => ctx.out.progress?.(text) : () => {};
  async function* batches(): AsyncGenerator<ImportBatch> {
    for (const [n, path] of paths.entries()) {
      const name = path === '-' ? 'standard input' : path;
      progress(`[${n + 1}/${paths.length}] ${basename(path).slice(0, 60)}`);
      const bytes = await readSourceBytes(path);
      let parsed;
      try {
        parsed = await parseInputAsync({ name: path, bytes, ...(format ? { format } : {}) });
      } catch (error) {
        throw new BylineError(`cannot import ${name}: ${(error as Error).message}`, 1);
      }
      if (parsed.articles.length === 0) throw new BylineError(`cannot import ${name}: no articles found in it`, 1);
      if (parsed.warnings.length) progress(null);
      for (const warning of parsed.warnings) ctx.out.error(`byline: ${name}: ${warning}\n`);
      yield { file: path === '-' ? 'stdin' : basename(path), articles: parsed.articles };
    }
    progress(null);
  }
  if (skipped > 0)
    ctx.out.error(
      `byline: passed over ${skipped} file${skipped === 1 ? '' : 's'} that are not pages (only .html, .htm, .txt are read in a folder)\n`,
    );
  // Every file can be opened, and the first is parsed, before the archive is touched.
  for (const path of paths) await checkSource(path);
  const rest = batches();
  const first = await rest.next();
  async function* all(): AsyncGenerator<ImportBatch> {
    if (!first.done) yield first.value;
    yield* rest;
  }
  const archive = await ctx.openArchive({ create: true, deferRead: true });
  let summary;
  try {
    summary = await archive.import(all());
  } finally {
    progress(null);
  }
  ctx.out.error(summaryLine(summary));
  return 0;
}
