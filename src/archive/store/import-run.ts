// An import, under the archive's lock: the stored index opened as the merge needs it, the
// batches merged and written, then one commit and the sweep.
import type { Low } from 'lowdb';
import { BylineError } from '../../model/errors.js';
import type { ArticleMeta, Index } from '../../model/schema.js';
import { indexPath } from '../index-path.js';
import { withLock } from '../lock.js';
import type { ImportBatch, ImportSummary, StoredArticles } from '../merge.js';
import { compact, namedSegments } from '../segment-store.js';
import { bodyOfMeta } from './bodies.js';
import { commitChanges, crashPoint, replacedBodies, writeBatches, type Opened } from './import-write.js';
import { markWriting, sweep } from './sweep.js';
import { storedUnderLock } from './index-file.js';

export async function importUnderLock(
  dir: string,
  db: Low<Index>,
  batches: Iterable<ImportBatch> | AsyncIterable<ImportBatch>,
  importedAt: string,
  perSegment: number,
): Promise<ImportSummary> {
  // Loaded here, not at start-up: only imports need it (and node:crypto, which a read should not wait to load).
  const { MergeState, StoredInMemory, applyChanges } = await import('../merge.js');
  const path = indexPath(dir);
  return withLock(
    path,
    async () => {
      const opened = await openForWrite(dir, db, StoredInMemory);
      // A write that stopped part way left its marker: this one sweeps everything.
      const stopped = await markWriting(dir);
      let state: InstanceType<typeof MergeState> | undefined;
      try {
        state = new MergeState(opened.stored, opened.authors, (meta) => bodyOfMeta(dir, meta), dir);
        const removedRows = (opened.lines ? opened.lines.header.removedRows : opened.index?.removedRows) ?? [];
        const written = await writeBatches(dir, state, batches, importedAt, stopped, removedRows, perSegment);
        crashPoint('bodies-written');
        if (!state.dirty) {
          await sweep(dir, () => db.data, [], stopped);
          return state.summary;
        }
        try {
          const segments = await compact(dir, [...opened.segments, ...written.segments], removedRows);
          crashPoint('segments-written');
          await commitChanges(dir, db, opened, state, segments, removedRows, applyChanges);
        } catch (error) {
          throw new BylineError(`cannot write archive ${dir}: ${(error as Error).message}; index.json was left as it was`, 1);
        }
        crashPoint('index-written');
        await sweep(dir, () => db.data, replacedBodies(state), stopped);
        return state.summary;
      } finally {
        state?.close();
        opened.lines?.close();
      }
    },
    { what: `archive ${dir}` },
  );
}

/** The stored index as the merge needs it, read under the lock: a big index a line at a
 * time, a small (or older) one whole. */
async function openForWrite(
  dir: string,
  db: Low<Index>,
  InMemory: new (articles: readonly ArticleMeta[]) => StoredArticles,
): Promise<Opened> {
  const lines = await storedUnderLock(dir, db);
  if (lines) return { lines, stored: lines, authors: lines.header.authors, segments: namedSegments(dir, lines.header.segments) };
  const index = db.data;
  return { index, stored: new InMemory(index.articles), authors: index.authors, segments: namedSegments(dir, index.segments) };
}
