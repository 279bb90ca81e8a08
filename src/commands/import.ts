import { basename } from 'node:path';
import { parsePageDump } from '../ingest/pagedump.js';
import { readDump } from '../ingest/source.js';
import { TooLarge } from '../ingest/limits.js';
import { BylineError } from '../archive/errors.js';
import type { ImportBatch } from '../archive/merge.js';
import { usageError, type Context } from './context.js';

/** Reads and parses every file first: one bad file means nothing is written. */
export async function importFiles(ctx: Context): Promise<number> {
  if (ctx.args.length === 0) throw usageError('import needs at least one file (or - for standard input): byline import FILE…');
  const batches: ImportBatch[] = [];
  for (const path of ctx.args) {
    const articles = parseOrRefuse(await readDump(path), path);
    if (articles.length === 0) throw new BylineError(`cannot import ${path}: no articles found in it`, 1);
    batches.push({ file: path === '-' ? 'stdin' : basename(path), articles });
  }
  const archive = await ctx.openArchive({ create: true, deferRead: true });
  const s = await archive.import(batches);
  ctx.out.error(
    `imported ${s.articles} article${s.articles === 1 ? '' : 's'} (${s.added} new, ${s.updated} updated, ${s.unchanged} unchanged), ${s.authors} author${s.authors === 1 ? '' : 's'}\n`,
  );
  return 0;
}

/** A dump past a size limit is a bad input file: one line naming it, exit 1. */
function parseOrRefuse(text: string, path: string) {
  try {
    return parsePageDump(text);
  } catch (error) {
    if (error instanceof TooLarge) throw new BylineError(`cannot import ${path === '-' ? 'standard input' : path}: ${error.message}`, 1);
    throw error;
  }
}
