import type { Context } from './context.js';

/** Rebuilds the archive's search index (search/) from its articles. */
export async function reindex(ctx: Context): Promise<number> {
  const archive = await ctx.openArchive({ write: true, deferRead: true });
  const started = performance.now();
  const count = await archive.rebuildSearchIndex();
  ctx.out.error(`indexed ${count} article${count === 1 ? '' : 's'} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}
