// byline reindex of a big archive: the word index, lookup, keys and catalog written anew.
import { BylineError } from '../../model/errors.js';
import type { Low } from 'lowdb';
import { ARCHIVE_VERSION, type ArticleMeta, type Index } from '../../model/schema.js';
import { SegmentBuilder } from '../../search/segment.js';
import { isArticleMeta } from '../fast-validate.js';
import { indexPath } from '../index-path.js';
import { idOfLine, StoredLines } from '../index-lines.js';
import { withLock } from '../lock.js';
import { sweep } from './sweep.js';
import { storedUnderLock } from './index-file.js';
import { writeIndexLines } from '../index-write.js';
import { compact, segmentDoc, writeNewSegment } from '../segment-store.js';
import { bodyOfMeta } from './bodies.js';
import { crashPoint } from './import-write.js';

const ARCHIVE_EXIT = 2;

/** Rewrites a big archive's word index and derived files from its lines and bodies (the
 * removed rows are dropped: every row is counted anew). */
export async function rebuildLines(dir: string, lines: StoredLines, perSegment: number): Promise<void> {
  const names = new Map(lines.header.authors.map((a) => [a.id, a.name]));
  const segments: string[] = [];
  let docs = new SegmentBuilder();
  let row = 0;
  for (const line of lines.lines()) {
    const meta = JSON.parse(line) as ArticleMeta;
    if (!isArticleMeta(meta))
      throw new BylineError(
        `cannot read archive ${indexPath(dir)}: the article line of ${JSON.stringify(idOfLine(line))} does not match the schema`,
        ARCHIVE_EXIT,
      );
    docs.add(
      segmentDoc(
        meta,
        meta.authors.map((a) => names.get(a) ?? ''),
        bodyOfMeta(dir, meta) ?? [],
        row++,
      ),
    );
    if (docs.size >= perSegment) {
      segments.push(await writeNewSegment(dir, docs));
      docs = new SegmentBuilder();
    }
  }
  if (docs.size) segments.push(await writeNewSegment(dir, docs));
  const merged = await compact(dir, segments);
  crashPoint('segments-written');
  await writeIndexLines(dir, {
    header: { formatVersion: ARCHIVE_VERSION, segments: merged, authors: lines.header.authors },
    stored: { count: lines.count, lines: () => lines.lines() },
    changed: new Map(),
    added: 0,
    rebuildKeys: true,
  });
}

/** Rebuilds the word index and every other derived file from index.json and the bodies,
 * under the lock, on index.json as it is on disk now. Articles whose body cannot be read are
 * indexed by their metadata alone. A big index is read a line at a time and the words written
 * `perSegment` articles to a segment, so memory stays bounded. Returns the articles indexed. */
export async function reindex(dir: string, db: Low<Index>, perSegment: number): Promise<number> {
  const path = indexPath(dir);
  return withLock(
    path,
    async () => {
      const lines = await storedUnderLock(dir, db);
      try {
        if (lines) await rebuildLines(dir, lines, perSegment);
        else await rebuildSmall(dir, db, perSegment);
      } catch (error) {
        if (error instanceof BylineError) throw error;
        throw new BylineError(`cannot write archive ${dir}: ${(error as Error).message}; index.json was left as it was`, 1);
      } finally {
        lines?.close();
      }
      crashPoint('index-written');
      await sweep(dir, () => db.data);
      return lines ? lines.count : db.data.articles.length;
    },
    { what: `archive ${dir}` },
  );
}

/** A small index, held whole: new segments, then index.json naming them. */
async function rebuildSmall(dir: string, db: Low<Index>, perSegment: number): Promise<void> {
  const index = db.data;
  const names = new Map(index.authors.map((a) => [a.id, a.name]));
  const segments: string[] = [];
  for (let start = 0; start < index.articles.length; start += perSegment) {
    const docs = index.articles.slice(start, start + perSegment).map((meta, k) =>
      segmentDoc(
        meta,
        meta.authors.map((a) => names.get(a) ?? ''),
        bodyOfMeta(dir, meta) ?? [],
        start + k,
      ),
    );
    segments.push(await writeNewSegment(dir, docs));
  }
  const merged = await compact(dir, segments);
  crashPoint('segments-written');
  db.data = { ...index, segments: merged, removedRows: undefined };
  await db.write().catch((error: unknown) => {
    db.data = index;
    throw error;
  });
}
