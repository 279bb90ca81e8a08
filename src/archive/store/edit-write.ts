// The write of an edit (removals, tags): planned over the stored articles under the lock,
// committed by writing index.json, then what it no longer names is swept.
import type { Low } from 'lowdb';
import { BylineError } from '../../model/errors.js';
import { ARCHIVE_VERSION, type Index } from '../../model/schema.js';
import { withRemoved } from '../../search/removed-rows.js';
import { editSourceOf, planEdit, planIsEmpty, type ArticleEdit, type EditPlan } from '../edit.js';
import { indexPath } from '../index-path.js';
import { writeIndexLines } from '../index-write.js';
import { withLock } from '../lock.js';
import { crashPoint } from './import-write.js';
import { markWriting, sweep } from './sweep.js';
import { storedUnderLock } from './index-file.js';

/** Plans and commits an edit on index.json as it is under the lock. */
export async function editUnderLock(dir: string, db: Low<Index>, edit: ArticleEdit): Promise<EditPlan> {
  return withLock(
    indexPath(dir),
    async () => {
      const lines = await storedUnderLock(dir, db);
      try {
        const header = lines ? lines.header : db.data;
        const plan = planEdit(lines ?? editSourceOf(db.data.articles), header.authors, edit);
        if (planIsEmpty(plan)) return plan;
        const stopped = await markWriting(dir);
        const removedRows = withRemoved(header.removedRows ?? [], plan.removedAt.keys());
        try {
          if (lines) {
            await writeIndexLines(dir, {
              header: { formatVersion: ARCHIVE_VERSION, segments: header.segments, removedRows, authors: plan.authors },
              stored: lines,
              changed: plan.changed,
              added: 0,
              removed: plan.removedAt,
            });
          } else {
            const next: Index = { ...db.data, authors: plan.authors, removedRows: removedRows.length ? removedRows : undefined };
            next.articles = db.data.articles.map((a, i) => plan.changed.get(i) ?? a).filter((_, i) => !plan.removedAt.has(i));
            const before = db.data;
            db.data = next;
            await db.write().catch((error: unknown) => {
              db.data = before;
              throw error;
            });
          }
        } catch (error) {
          throw new BylineError(`cannot write archive ${dir}: ${(error as Error).message}; index.json was left as it was`, 1);
        }
        crashPoint('index-written');
        await sweep(
          dir,
          () => db.data,
          plan.removed.map((m) => m.bodyFile),
          stopped,
        );
        return plan;
      } finally {
        lines?.close();
      }
    },
    { what: `archive ${dir}` },
  );
}
