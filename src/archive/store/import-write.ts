// An import's writes: each batch merged, its bodies and word-index segments written as it
// comes; then the new index.json, the commit.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import { syncDir, writeFileAtomic } from '../jsonfile.js';
import type { StoredLines } from '../index-lines.js';
import { linesOfMetas, writeIndexLines } from '../index-write.js';
import { compact, segmentDoc, writeNewSegment } from '../segment-store.js';
import { SegmentBuilder } from '../../search/segment.js';
import { segmentRow } from '../../search/removed-rows.js';
import type { ImportBatch, MergeState, StoredArticles } from '../merge.js';
import { ARCHIVE_VERSION, type Author, type Index } from '../../model/schema.js';
import { WRITING_MARKER } from './sweep.js';
import { LINES_FROM_ARTICLES } from './index-file.js';

/** For the fault tests: BYLINE_TEST_CRASH_AT=<point> kills the process there, as kill -9 would. */
export function crashPoint(point: string): void {
  if (process.env.BYLINE_TEST_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}

/** The body files of stored articles this import gave a new version: they go after the commit. */
export function replacedBodies(state: MergeState): string[] {
  const old = [...state.changed.keys()].filter((p) => p < state.stored.count).map((p) => state.stored.meta(p).bodyFile);
  const replaced = new Set([...old, ...state.superseded]);
  if (replaced.size === 0) return [];
  // The changed articles are read one at a time (an import of 20 000 new ones has no replaced
  // body, and its metadata is never all in memory at once).
  for (const meta of state.changed.values()) replaced.delete(meta.bodyFile);
  return [...replaced];
}

export interface Opened {
  stored: StoredArticles;
  authors: Author[];
  /** The word-index segments it names. */
  segments: string[];
  /** A big index read a line at a time, */
  lines?: StoredLines;
  /** or a small one read whole. */
  index?: Index;
}

/** Merges each batch as it comes, writes its bodies, and writes a segment for every
 * SEGMENT_DOCS articles. On any failure the files written so far are removed (what is
 * left, the next write sweeps) and the error goes on. */
export async function writeBatches(
  dir: string,
  state: MergeState,
  batches: Iterable<ImportBatch> | AsyncIterable<ImportBatch>,
  importedAt: string,
  stopped: boolean,
  removedRows: readonly number[],
  /** Articles a segment is written for: bounds the words in memory. */
  perSegment: number,
): Promise<{ segments: string[] }> {
  let segments: string[] = [];
  let docs = new SegmentBuilder();
  const flushDocs = async () => {
    if (docs.size === 0) return;
    const written = [...segments, await writeNewSegment(dir, docs)];
    docs = new SegmentBuilder();
    // The import's own segments are merged as they come, a few at a time, not all at the
    // commit: a big import would otherwise end with dozens of merges in a row, whose buffers
    // pile up faster than they are collected. What a merge replaced is no one's: it goes.
    segments = await compact(dir, written);
    for (const name of written) if (!segments.includes(name)) await rm(join(dir, 'search', name), { force: true });
  };
  // What this import wrote, to remove on failure: named by what it keeps anyway (a list of
  // paths would grow with the import).
  function* written(dir: string): Generator<string> {
    for (const meta of state.changed.values()) yield join(dir, 'articles', meta.bodyFile);
    for (const f of state.superseded) yield join(dir, 'articles', f);
    for (const name of segments) yield join(dir, 'search', name);
  }
  try {
    for await (const batch of batches) {
      const changed = state.add(batch, importedAt);
      for (const { meta, body, position } of changed) {
        // Each version of a body has a file of its own (merge names it): the current one is never overwritten.
        const file = join(dir, 'articles', meta.bodyFile);
        await writeFileAtomic(file, JSON.stringify({ id: meta.id, body }, null, 1) + '\n', { syncFolder: false });
        // A later version in the same import goes to a later segment, which hides the earlier.
        if (docs.has(meta.id)) await flushDocs();
        docs.add(
          segmentDoc(
            meta,
            meta.authors.map((a) => state.authorName(a)),
            body,
            segmentRow(position, removedRows),
          ),
        );
      }
      if (changed.length) await syncDir(join(dir, 'articles'));
      state.batchWritten();
      if (docs.size >= perSegment) await flushDocs();
    }
    await flushDocs();
    return { segments };
  } catch (error) {
    let removed = true;
    for (const f of written(dir)) await rm(f, { force: true }).catch(() => (removed = false));
    // All gone: nothing is left to sweep (unless an earlier write left something).
    if (removed && !stopped) await rm(join(dir, WRITING_MARKER), { force: true }).catch(() => {});
    throw error;
  }
}

/** Writes the new index.json: a big one streamed (unchanged lines copied), a small one whole. */
export async function commitChanges(
  dir: string,
  db: Low<Index>,
  opened: Opened,
  state: MergeState,
  segments: string[],
  removedRows: readonly number[],
  applyChanges: (index: Index, state: MergeState) => Index,
): Promise<void> {
  const total = state.stored.count + state.added;
  if (opened.lines || total >= LINES_FROM_ARTICLES) {
    await writeIndexLines(dir, {
      header: { formatVersion: ARCHIVE_VERSION, segments, removedRows: [...removedRows], authors: state.authors },
      stored: opened.lines ?? linesOfMetas(opened.index!.articles),
      changed: state.changed,
      added: state.added,
    });
    return;
  }
  const next = applyChanges(opened.index!, state);
  next.segments = segments;
  if (removedRows.length) next.removedRows = [...removedRows];
  const before = db.data;
  db.data = next;
  try {
    await db.write();
  } catch (error) {
    db.data = before;
    throw error;
  }
}
