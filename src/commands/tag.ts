// byline tag: adds (+name) and takes off (-name) tags of articles, or lists an article's tags.
import { BylineError } from '../model/errors.js';
import { editing } from '../archive/index.js';
import { articlesNamed, printJson, usageError, type Context } from './context.js';

export async function tag(ctx: Context): Promise<number> {
  const ids = ctx.args.filter((a) => !/^[+-]/.test(a));
  const changes = ctx.args.filter((a) => /^[+-]/.test(a));
  if (ids.length === 0) throw usageError('tag needs an article id: byline tag ID… +name -name');
  const { normalTag } = await editing();
  const add = changes.filter((c) => c.startsWith('+')).map((c) => normalTag(c.slice(1)));
  const drop = changes.filter((c) => c.startsWith('-')).map((c) => normalTag(c.slice(1)));
  const metas = await articlesNamed(ctx, ids);
  const tagged = new Map<string, readonly string[]>(metas.map((m) => [m.id, m.tags ?? []]));
  if (changes.length) {
    const archive = await ctx.openArchive({ write: true, deferRead: true });
    const result = await archive.edit({ tags: new Map(ids.map((id) => [id, { add, drop }])) });
    for (const meta of result.tagged) tagged.set(meta.id, meta.tags ?? []);
    if (result.missing.length) throw new BylineError(`no article ${result.missing.join(', ')} in ${ctx.archiveDir} (removed meanwhile)`, 1);
  }
  const rows = metas.map(({ id }) => ({ id, tags: tagged.get(id) ?? [] }));
  if (ctx.flags.json) printJson(ctx, rows);
  else for (const row of rows) ctx.out.write(`${row.id}\t${row.tags.join(' ')}\n`);
  return 0;
}
