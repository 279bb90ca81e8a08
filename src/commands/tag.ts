// byline tag: adds (+name) and takes off (-name) tags of articles, or lists an article's tags.
import { BylineError } from '../model/errors.js';
import { editing } from '../archive/index.js';
import { visibleLine } from '../text/visible.js';
import { printJson, usageError, type Context } from './context.js';

export async function tag(ctx: Context): Promise<number> {
  const ids = ctx.args.filter((a) => !/^[+-]/.test(a));
  const changes = ctx.args.filter((a) => /^[+-]/.test(a));
  if (ids.length === 0) throw usageError('tag needs an article id: byline tag ID… +name -name');
  const { normalTag } = await editing();
  const add = changes.filter((c) => c.startsWith('+')).map((c) => normalTag(c.slice(1)));
  const drop = changes.filter((c) => c.startsWith('-')).map((c) => normalTag(c.slice(1)));
  const archive = await ctx.openArchive(changes.length ? { write: true } : {});
  const missing = ids.filter((id) => !archive.article(id));
  if (missing.length)
    throw new BylineError(`no article ${missing.map((id) => JSON.stringify(visibleLine(id))).join(', ')} in ${ctx.archiveDir}`, 1);
  if (changes.length) await archive.edit({ tags: new Map(ids.map((id) => [id, { add, drop }])) });
  const rows = ids.map((id) => ({ id, tags: archive.article(id)?.tags ?? [] }));
  if (ctx.flags.json) printJson(ctx, rows);
  else for (const row of rows) ctx.out.write(`${row.id}\t${row.tags.join(' ')}\n`);
  return 0;
}
