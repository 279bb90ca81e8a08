// Article bodies on disk: one file per version of a body, read only when asked for.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { BylineError } from '../../model/errors.js';
import { bodyFileTooLarge } from '../../model/limits.js';
import { BodyFileSchema, schemaProblem, type ArticleMeta, type Block } from '../../model/schema.js';
import { readJsonFileSync } from '../jsonfile.js';

/** One body file, checked: a missing, oversized or corrupt one fails for that article only (exit 1). */
export function readBody(path: string, id: string): Block[] {
  let data: unknown;
  try {
    // The size first: a body past the limit is refused, never read (see limits.ts).
    const tooLarge = bodyFileTooLarge(statSync(path).size);
    if (tooLarge) throw new Error(tooLarge);
    data = readJsonFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the body file is missing' : (error as Error).message;
    throw new BylineError(`cannot read article ${id} (${path}): ${reason}`, 1);
  }
  const result = v.safeParse(BodyFileSchema, data);
  if (!result.success) throw new BylineError(`cannot read article ${id} (${path}): ${schemaProblem(result.issues)}`, 1);
  return result.output.body;
}

/** One body, from the file the given metadata names; undefined when it cannot be read. */
export function bodyOfMeta(dir: string, meta: ArticleMeta): Block[] | undefined {
  try {
    return readBody(join(dir, 'articles', meta.bodyFile), meta.id);
  } catch {
    return undefined;
  }
}
