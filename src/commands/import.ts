import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readSourceBytes } from '../archive/import-source.js';
import { BylineError } from '../model/errors.js';
import type { ImportBatch } from '../archive/merge.js';
import type { Archive } from '../archive/store.js';
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

/** Reads and parses every file first: one bad file means nothing is written. */
export async function importFiles(ctx: Context): Promise<number> {
  if (ctx.args.length === 0) throw usageError('import needs at least one file or folder (or - for standard input): byline import FILE|DIR…');
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
  const batches: ImportBatch[] = [];
  for (const [n, path] of paths.entries()) {
    const name = path === '-' ? 'standard input' : path;
    progress(`[${n + 1}/${paths.length}] ${basename(path).slice(0, 60)}`);
    let bytes;
    try {
      bytes = await readSourceBytes(path);
    } catch (error) {
      progress(null);
      throw error;
    }
    let parsed;
    try {
      parsed = await parseInputAsync({ name: path, bytes, ...(format ? { format } : {}) });
    } catch (error) {
      progress(null);
      throw new BylineError(`cannot import ${name}: ${(error as Error).message}`, 1);
    }
    if (parsed.articles.length === 0) {
      progress(null);
      throw new BylineError(`cannot import ${name}: no articles found in it`, 1);
    }
    if (parsed.warnings.length) progress(null);
    for (const warning of parsed.warnings) ctx.out.error(`byline: ${name}: ${warning}\n`);
    batches.push({ file: path === '-' ? 'stdin' : basename(path), articles: parsed.articles });
  }
  progress(null);
  if (skipped > 0) ctx.out.error(`byline: passed over ${skipped} file${skipped === 1 ? '' : 's'} that are not pages (only .html, .htm, .txt are read in a folder)\n`);
  const archive = await ctx.openArchive({ create: true, deferRead: true });
  ctx.out.error(summaryLine(await archive.import(batches)));
  return 0;
}
