import { list } from '../commands/list.js';
import type { Context } from '../commands/context.js';

// The interactive reader arrives with its own issue; until then the list is printed.
export async function runReader(ctx: Context): Promise<number> {
  return list(ctx);
}
